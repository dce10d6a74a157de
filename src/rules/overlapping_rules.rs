use super::Findings;
use crate::model::{DecisionRule, Scope, Treaty};

declare_rule! {
    /// ## What it finds
    /// A matter that a body decides by two rules with nothing to say which prevails: two
    /// `decides` lines for the same matter, or a general rule (`for every matter`) beside a
    /// rule for a particular matter, when the general rule does not yield to it (`save as
    /// otherwise provided`). Two general rules in one body overlap on every matter.
    ///
    /// ## Why it matters
    /// A treaty that gives a body a general voting rule and special rules for some matters
    /// must say which governs where they meet, so that each matter is decided by exactly one
    /// rule. The UN Charter does so: Art. 27(2) sets the rule for "procedural matters" and
    /// Art. 27(3) the rule for "all other matters", and Art. 18(2)-(3) likewise separates
    /// "important questions" from "other questions" (treaty-texts.md, section 8). Where the
    /// text leaves two rules side by side, a member that loses under one will invoke the
    /// other, and whether a veto applies becomes a dispute of its own.
    ///
    /// ## Example
    /// ```treaty
    /// body council {
    ///   decides decisions by consensus for every matter article 9
    ///   decides budget by a majority of members article 12
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body council {
    ///   decides decisions by consensus save as otherwise provided article 9
    ///   decides budget by a majority of members article 12
    /// }
    /// ```
    pub static OVERLAPPING_RULES = {
        code: "overlapping-rules",
        severity: Warning,
        summary: "a matter decided by two rules with nothing to say which prevails",
        check: check,
    };
}

fn rule_phrase(d: &DecisionRule) -> String {
    match &d.citation {
        Some(c) => format!("by {} ({})", d.rule, c.text),
        None => format!("by {}", d.rule),
    }
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for body in &treaty.bodies {
        if body.final_clause.is_some() {
            continue;
        }
        let name = body.display_name();
        // The same matter twice.
        for (i, d) in body.decisions.iter().enumerate() {
            let Some(first) = body.decisions.iter().take(i).find(|e| e.kind == d.kind) else {
                continue;
            };
            out.report(
                d.span,
                d.citation.as_ref(),
                format!(
                    "the {name} decides `{}` {} and also {}: nothing says which prevails",
                    d.kind,
                    rule_phrase(first),
                    rule_phrase(d)
                ),
            )
            .set_label("a second rule for the same matter")
            .set_help("keep one rule for the matter, or say which applies to which case (different matters)");
        }
        let general: Vec<&DecisionRule> = body
            .decisions
            .iter()
            .filter(|d| d.scope != Scope::Matter)
            .collect();
        // Two general rules overlap on every matter.
        if let [first, second, ..] = general.as_slice() {
            out.report(
                second.span,
                second.citation.as_ref(),
                format!(
                    "the {name} has two rules for every matter, `{}` {} and `{}` {}: nothing says which prevails",
                    first.kind,
                    rule_phrase(first),
                    second.kind,
                    rule_phrase(second)
                ),
            )
            .set_label("a second general rule")
            .set_help("keep one general rule, with `save as otherwise provided`");
        }
        // A general rule that does not yield, beside a rule for a particular matter.
        for g in general.iter().filter(|g| g.scope == Scope::EveryMatter) {
            for d in body.decisions.iter().filter(|d| d.scope == Scope::Matter) {
                out.report(
                    d.span,
                    d.citation.as_ref(),
                    format!(
                        "the {name} decides `{}` {}, and every matter {}: the general rule does not yield to it, so nothing says which prevails",
                        d.kind,
                        rule_phrase(d),
                        rule_phrase(g)
                    ),
                )
                .set_label("decided by two rules")
                .set_help(format!(
                    "add `save as otherwise provided` to the general rule `{}` if this rule is meant to prevail",
                    g.kind
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nparties A, B, C\n";

    #[test]
    fn fires_on_a_general_rule_that_does_not_yield() {
        let text = format!("{HEAD}body council {{ decides decisions by consensus for every matter decides budget by a majority of members }}");
        let found = findings(&OVERLAPPING_RULES, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "the council decides `budget` by a majority of members, and every matter by consensus: the general rule does not yield to it, so nothing says which prevails"
        );
    }

    #[test]
    fn fires_on_the_same_matter_twice_and_on_two_general_rules() {
        let text = format!("{HEAD}body council {{ decides budget by consensus decides budget by a majority of members }}");
        assert_eq!(findings(&OVERLAPPING_RULES, &text, &[]).len(), 1);
        let text = format!("{HEAD}body council {{ decides a by consensus save as otherwise provided decides b by a majority of members save as otherwise provided }}");
        assert_eq!(findings(&OVERLAPPING_RULES, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_when_the_general_rule_yields() {
        let text = format!("{HEAD}body council {{ decides decisions by consensus save as otherwise provided decides budget by a majority of members }}");
        assert!(findings(&OVERLAPPING_RULES, &text, &[]).is_empty());
        let text = format!(
            "{HEAD}body council {{ decides a by consensus decides b by a majority of members }}"
        );
        assert!(findings(&OVERLAPPING_RULES, &text, &[]).is_empty());
    }
}
