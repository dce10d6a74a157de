use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A binding decision with no one named to carry it out (`carried out by ...`) and
    /// nothing said of how its burden is shared (`burden shared "..."`): collective measures
    /// that bind every Party and that no organ, procedure or share of the cost turns into
    /// action.
    ///
    /// ## Why it matters
    /// A decision to act collectively is only as good as the machinery that executes it. The
    /// 2010 analysis of the draft European Security Treaty (source 003) asks how exactly the
    /// Parties would react, mobilise and coordinate ad hoc responses, and finds that questions
    /// of burden sharing, authority and coordination of ad hoc responses remain unaddressed;
    /// the draft makes the decisions of both its conferences binding (Arts. 6(3) and 8) and
    /// names no one to carry them out.
    ///
    /// ## Example
    /// ```treaty
    /// body extraordinary_conference {
    ///   decides collective_measures by unanimity of members present binding article 8
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body extraordinary_conference {
    ///   decides collective_measures by unanimity of members present binding carried out by command burden shared "in proportion to the Parties' contributions" article 8
    /// }
    /// body command "Joint command" article 8 {
    ///   decides operations by a majority of members article 8
    /// }
    /// ```
    pub static NO_EXECUTOR = {
        code: "no-executor",
        severity: Warning,
        summary: "binding collective measures with no one to carry them out and no burden-sharing",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for body in &treaty.bodies {
        // The parties deciding on a final clause are no institution that meets.
        if body.final_clause.is_some() {
            continue;
        }
        for d in body.decisions.iter().filter(|d| d.binding) {
            let e = &d.execution;
            if e.carried_out_by.is_some() || e.burden_shared.is_some() {
                continue;
            }
            out.report(
                d.span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "decisions of the {} on `{}` bind every Party, but no one is named to carry them out and nothing says how their burden is shared",
                    body.display_name(),
                    d.kind
                ),
            )
            .set_label("binding, with no executor")
            .set_help("name who carries the decision out and how its cost is shared (`carried out by BODY`, `burden shared \"...\"`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn fires_on_a_binding_decision_no_one_executes() {
        let text = format!("{HEAD}body c {{ decides m by consensus binding }}");
        assert_eq!(findings(&NO_EXECUTOR, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_an_executor_or_a_burden_share() {
        let text = format!(
            "{HEAD}body c {{ decides m by consensus binding carried out by the depositary }}"
        );
        assert!(findings(&NO_EXECUTOR, &text, &[]).is_empty());
        let text =
            format!("{HEAD}body c {{ decides m by consensus binding burden shared \"equally\" }}");
        assert!(findings(&NO_EXECUTOR, &text, &[]).is_empty());
    }
}
