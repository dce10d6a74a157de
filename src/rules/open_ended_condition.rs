use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A commitment that applies "when" a state of the world obtains, with no one named to
    /// determine that it does.
    ///
    /// ## Why it matters
    /// When nobody decides whether the condition holds, each party decides for itself, and
    /// the commitment binds only those who agree that it applies. The NATO-Russia Founding
    /// Act ties NATO's restraint to "the current and foreseeable security environment" (as
    /// the Financial Times quotes it, source 002; PISM describes the restraint as holding on
    /// condition of no significant changes in the security environment, source 004), and
    /// names no one to say when that environment has changed. Article 51 of the UN Charter's
    /// "if an armed attack occurs" names no one to determine it either. Unlike
    /// `self-judging-trigger`, which finds a condition explicitly left to one party, this
    /// finds a condition left to no one.
    ///
    /// ## Example
    /// ```treaty
    /// norm restraint {
    ///   each party will "refrain from additional permanent stationing of substantial combat forces"
    ///   when "the current and foreseeable security environment continues"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm restraint {
    ///   each party will "refrain from additional permanent stationing of substantial combat forces"
    ///   when "the current and foreseeable security environment continues" judged by council
    /// }
    /// ```
    pub static OPEN_ENDED_CONDITION = {
        code: "open-ended-condition",
        severity: Info,
        summary: "a commitment conditioned on a state of the world that no one determines",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        for c in norm.conditions.iter().filter(|c| c.judged_by.is_none()) {
            out.report(
                c.span,
                c.citation.as_ref().or(norm.citation.as_ref()),
                format!(
                    "`{}` applies when \"{}\", and no one is named to determine that it does",
                    norm.id, c.text
                ),
            )
            .set_label("who decides this?")
            .set_help("name who determines the condition (`judged by` a body or court), or state an objective test");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody council { decides d by a majority of members }\n";

    #[test]
    fn fires_on_a_condition_no_one_determines() {
        let text = format!(
            "{HEAD} norm n {{ each party will \"refrain\" when \"the environment continues\" }}"
        );
        assert_eq!(findings(&OPEN_ENDED_CONDITION, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_when_someone_determines_it() {
        let text = format!("{HEAD} norm n {{ each party will \"refrain\" when \"the environment continues\" judged by council }}");
        assert!(findings(&OPEN_ENDED_CONDITION, &text, &[]).is_empty());
    }
}
