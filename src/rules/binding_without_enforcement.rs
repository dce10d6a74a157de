use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A body whose decisions are `binding` in a treaty that says nothing of what follows
    /// when a Party does not comply: no `or else` consequence anywhere in it.
    ///
    /// ## Why it matters
    /// "Binding" without a consequence binds the willing. Collective security needs the means
    /// to make a defector comply, or at least to say what the others may then do; without
    /// them a binding decision is a recommendation with a stronger name. The 2009 draft
    /// European Security Treaty makes the decisions of both its conferences binding (Arts.
    /// 6(3) and 8) and provides no measures against a Party that ignores them; the 2010
    /// analysis notes that the draft does not outline how defectors could be punished, and
    /// asks what tools would be in the toolbox (source 003).
    ///
    /// ## Example
    /// ```treaty
    /// body conference {
    ///   decides decisions by consensus binding article 6.3
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body conference {
    ///   decides decisions by consensus binding article 6.3
    ///   decides measures by at least two thirds of members article 6.4
    /// }
    /// norm compliance article 6.4 {
    ///   each party shall "carry out the decisions of the Conference"
    ///   breach judged by conference
    ///   or else "suspension of the Party's rights under the Treaty" decided by conference
    /// }
    /// ```
    pub static BINDING_WITHOUT_ENFORCEMENT = {
        code: "binding-without-enforcement",
        severity: Warning,
        summary: "binding decisions with no means to make a defector comply",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let enforced = treaty.norms.iter().any(|n| !n.or_else.is_empty());
    if enforced {
        return;
    }
    for body in &treaty.bodies {
        // The parties deciding on a final clause are no institution that meets.
        if body.final_clause.is_some() {
            continue;
        }
        for d in body.decisions.iter().filter(|d| d.binding) {
            out.report(
                d.span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "decisions of the {} on `{}` are binding, but the treaty says nothing of what follows when a Party does not comply",
                    body.display_name(),
                    d.kind
                ),
            )
            .set_label("binding, with no consequence")
            .set_help("state the consequence of non-compliance and who decides it (`or else \"...\" decided by ...`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by consensus binding }\n";

    #[test]
    fn fires_on_binding_decisions_without_consequence() {
        assert_eq!(findings(&BINDING_WITHOUT_ENFORCEMENT, HEAD, &[]).len(), 1);
    }

    #[test]
    fn silent_when_the_treaty_states_a_consequence() {
        let text = format!("{HEAD} norm comply {{ each party shall \"carry out the decisions\" breach judged by conference or else \"suspension\" decided by conference }}");
        assert!(findings(&BINDING_WITHOUT_ENFORCEMENT, &text, &[]).is_empty());
    }
}
