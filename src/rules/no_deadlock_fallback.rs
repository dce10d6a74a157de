use super::Findings;
use crate::fix::{Edit, Fix, BLANK};
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A decision taken by consensus or unanimity, with nothing said of what happens when
    /// the members cannot agree (no `failing that "..."`).
    ///
    /// ## Why it matters
    /// Under consensus, disagreement is the default outcome, and a body that can only say
    /// yes or nothing leaves the matter where it was: with the party that blocked. A treaty
    /// that keeps consensus can say what follows a deadlock (a vote by qualified majority
    /// after a cooling-off period, referral to another body, conciliation). The 2009 draft
    /// European Security Treaty's conferences decide by consensus and unanimity and say
    /// nothing of failure (Arts. 6(3) and 8); the 2010 analysis asks what States may do "if
    /// the actors of the 'common security space' cannot agree on collective measures"
    /// (source 003).
    ///
    /// A fallback is read as a decision: one that itself needs everyone's agreement
    /// (`failing that by unanimity of members`, `failing that council by consensus`) or a
    /// further agreement on how to decide (`failing that by further agreement`) breaks no
    /// deadlock and is reported; one another body takes by a majority or by a rule no one
    /// member blocks (`failing that assembly by a majority of members`) is a way out.
    ///
    /// ## Example
    /// ```treaty
    /// body conference {
    ///   decides decisions by consensus article 6.3
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body conference {
    ///   decides decisions by consensus failing that "after thirty days the Conference decides by a two-thirds majority of votes cast" article 6.3
    /// }
    /// ```
    pub static NO_DEADLOCK_FALLBACK = {
        code: "no-deadlock-fallback",
        severity: Info,
        summary: "a consensus or unanimity body with nothing said for when it cannot agree",
        absence: true,
        fix: "unsafe: adds `failing that \"[...]\"` after the rule, a blank for the drafter to fill with what follows a deadlock.",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for body in &treaty.bodies {
        // The parties deciding on a final clause are no institution that meets.
        if body.final_clause.is_some() {
            continue;
        }
        if body.members.len() < 2 {
            continue;
        }
        for d in &body.decisions {
            // A fallback that itself needs everyone's agreement is no way out.
            let fallback_unanimous =
                d.fallback_agreement || d.fallback_rule.as_ref().is_some_and(|r| r.is_unanimous());
            if !d.rule.is_unanimous() || (d.fallback.is_some() && !fallback_unanimous) {
                continue;
            }
            if fallback_unanimous {
                out.report(
                    d.rule_span,
                    d.citation.as_ref().or(body.citation.as_ref()),
                    format!(
                        "the {} decides `{}` by {}, and failing that {}: the fallback needs everyone's agreement too, so it does not break a deadlock",
                        body.display_name(),
                        d.kind,
                        d.rule,
                        d.fallback.as_deref().unwrap_or("")
                    ),
                )
                .set_label("a fallback that deadlocks as well")
                .set_help("make the fallback a rule that one member cannot block (`failing that by at least two thirds of members present`)");
                continue;
            }
            out.report(
                d.rule_span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "the {} decides `{}` by {}, and the treaty says nothing of what happens when its members cannot agree",
                    body.display_name(),
                    d.kind,
                    d.rule
                ),
            )
            .set_label("no way out of a deadlock")
            .set_help("say what follows a failed consensus: `failing that \"...\"`")
            .add_fix(Fix::unsafe_(
                "add `failing that \"...\"` for what follows a deadlock",
                vec![Edit::clause_after(d.rule_span, format!("failing that \"{BLANK}\""))],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn fires_on_consensus_without_a_fallback() {
        let text = format!("{HEAD} body c {{ decides d by consensus }}");
        assert_eq!(findings(&NO_DEADLOCK_FALLBACK, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_a_fallback_or_a_majority() {
        let text = format!(
            "{HEAD} body c {{ decides d by consensus failing that \"a two-thirds vote decides\" }}"
        );
        assert!(findings(&NO_DEADLOCK_FALLBACK, &text, &[]).is_empty());
        let majority = format!("{HEAD} body c {{ decides d by a majority of members }}");
        assert!(findings(&NO_DEADLOCK_FALLBACK, &majority, &[]).is_empty());
        let by_rule = format!(
            "{HEAD} body c {{ decides d by consensus failing that by a majority of members }}"
        );
        assert!(findings(&NO_DEADLOCK_FALLBACK, &by_rule, &[]).is_empty());
    }

    #[test]
    fn sees_through_a_fallback_that_needs_consensus_too() {
        let text = format!("{HEAD} body c {{ decides d by consensus failing that by unanimity of members present }}");
        let found = findings(&NO_DEADLOCK_FALLBACK, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("does not break a deadlock"));
    }

    #[test]
    fn sees_through_a_fallback_to_another_body_or_to_a_further_agreement() {
        let head = format!("{HEAD} body assembly {{ members all parties }}");
        let text = format!(
            "{head} body c {{ decides d by consensus failing that assembly by consensus }}"
        );
        assert_eq!(findings(&NO_DEADLOCK_FALLBACK, &text, &[]).len(), 1);
        let text = format!("{head} body c {{ decides d by consensus failing that by further agreement \"on how to decide\" }}");
        assert_eq!(findings(&NO_DEADLOCK_FALLBACK, &text, &[]).len(), 1);
        let text = format!("{head} body c {{ decides d by consensus failing that assembly by a majority of members }}");
        assert!(findings(&NO_DEADLOCK_FALLBACK, &text, &[]).is_empty());
    }

    #[test]
    fn the_fix_adds_a_fallback_to_fill() {
        let text = format!("{HEAD}body c {{\n  decides d by consensus binding\n}}\n");
        let fixed = crate::rules::testing::fixed(
            &NO_DEADLOCK_FALLBACK,
            &text,
            crate::fix::Applicability::Unsafe,
        );
        assert!(
            fixed.contains("by consensus failing that \"[...]\" binding\n"),
            "{fixed}"
        );
        assert!(findings(&NO_DEADLOCK_FALLBACK, &fixed, &[]).is_empty());
    }
}
