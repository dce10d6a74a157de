use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A body convened for an emergency (`convened by ... immediately`) whose decisions have
    /// no time limit (`within 72 hours` after the decision rule): it must meet at once, but
    /// may then deliberate for as long as any member likes.
    ///
    /// ## Why it matters
    /// In an emergency, a decision that comes too late is no decision. The draft European
    /// Security Treaty's Art. 8 has the Depositary "immediately convene an Extraordinary
    /// Conference of the Parties to decide on necessary collective measures", and sets no time
    /// within which the Conference must decide; the 2010 analysis of the draft (source 003)
    /// notes that its binding decisions are "taken by unanimous vote", so that a single veto
    /// determines whether enforcement takes place — and, with no deadline, when.
    ///
    /// ## Example
    /// ```treaty
    /// body extraordinary_conference {
    ///   convened by the depositary on request of the attacked party immediately article 8
    ///   decides collective_measures by unanimity of members present binding article 8
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body extraordinary_conference {
    ///   convened by the depositary on request of the attacked party immediately article 8
    ///   decides collective_measures by unanimity of members present binding within 72 hours article 8
    /// }
    /// ```
    pub static NO_DECISION_DEADLINE = {
        code: "no-decision-deadline",
        severity: Warning,
        summary: "a body convened for an emergency with no time limit for its decision",
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
        let Some(urgent) = body.convening.iter().find(|c| c.immediately) else {
            continue;
        };
        for d in body
            .decisions
            .iter()
            .filter(|d| d.execution.within.is_none())
        {
            out.report(
                d.span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "the {} is convened immediately, but no time limit is set for its decision on `{}`",
                    body.display_name(),
                    d.kind
                ),
            )
            .set_label("no time limit")
            .set_help("set the time within which the decision must be taken (`within 72 hours` after the rule), and what follows if it is not");
            if let Some(c) = &urgent.citation {
                out.rests_on(treaty.ground(c));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn fires_on_an_emergency_body_without_a_deadline() {
        let text =
            format!("{HEAD}body c {{ convened by any party immediately decides m by consensus }}");
        assert_eq!(findings(&NO_DECISION_DEADLINE, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_a_deadline_or_without_an_emergency() {
        let text = format!("{HEAD}body c {{ convened by any party immediately decides m by consensus within 3 days }}");
        assert!(findings(&NO_DECISION_DEADLINE, &text, &[]).is_empty());
        let text = format!("{HEAD}body c {{ convened by any party decides m by consensus }}");
        assert!(findings(&NO_DECISION_DEADLINE, &text, &[]).is_empty());
    }
}
