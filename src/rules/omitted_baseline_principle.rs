use super::{and_list, Findings};
use crate::model::Treaty;
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it finds
    /// A principle that a baseline instrument affirms and the draft does not: the draft
    /// claims to build on earlier instruments (its `baseline` lines) but leaves one of their
    /// principles out.
    ///
    /// ## Why it matters
    /// A new instrument that restates some principles of the old ones and not others shifts
    /// the balance between them, and later readers take the omission as intended. The 2009
    /// draft European Security Treaty builds on indivisible security but does not restate the
    /// right of each State "to be or not to be a party to bilateral or multilateral treaties
    /// including treaties of alliance", which the Helsinki Final Act (Principle I), the
    /// Charter of Paris and the Istanbul Charter (¶8) all affirm (sources 000, 001, 003).
    ///
    /// Only affirmations count: a general reference to an earlier instrument in a preamble
    /// does not restate a principle. Encode the principles each instrument states, with
    /// `affirms`.
    ///
    /// ## Example
    /// ```treaty
    /// treaty "Draft" {
    ///   baseline "helsinki-1975.treaty"
    /// }
    /// affirms indivisible_security article 1
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// treaty "Draft" {
    ///   baseline "helsinki-1975.treaty"
    /// }
    /// affirms indivisible_security article 1
    /// affirms free_choice_of_alliances article 1
    /// ```
    pub static OMITTED_BASELINE_PRINCIPLE = {
        code: "omitted-baseline-principle",
        severity: Warning,
        summary: "a principle that a baseline instrument has and the draft drops",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let Some(header) = &treaty.header else { return };
    let affirmed = |p: &str| treaty.affirmations.iter().any(|a| a.principle == p);
    // principle -> the baselines (by index) that affirm it, in baseline order.
    let mut dropped: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, baseline) in treaty.baselines.iter().enumerate() {
        for a in &baseline.affirmations {
            if !affirmed(&a.principle) {
                let entry = dropped.entry(a.principle.as_str()).or_default();
                if !entry.contains(&i) {
                    entry.push(i);
                }
            }
        }
    }
    for (principle, baselines) in dropped {
        let titles: Vec<&str> = baselines
            .iter()
            .filter_map(|&i| treaty.baselines.get(i).map(|b| b.title.as_str()))
            .collect();
        let description = treaty
            .principles
            .iter()
            .find(|p| p.id == principle)
            .map(|p| format!(" ({})", p.description))
            .unwrap_or_default();
        let all = if baselines.len() == treaty.baselines.len() && baselines.len() > 1 {
            "all its baselines: "
        } else {
            ""
        };
        let diag = out
            .report(
                header.span,
                None,
                format!(
                    "`{principle}`{description} is affirmed by {all}{}, but not by this treaty",
                    and_list(&titles)
                ),
            )
            .set_label("does not affirm it")
            .set_help(format!(
                "restate it (`affirms {principle} article N`), or record why the draft departs from its baselines"
            ));
        for &i in &baselines {
            if let Some(b) = treaty.baselines.get(i) {
                diag.add_secondary(b.span, format!("{} affirms it", b.title));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const PRINCIPLES: &str = r#"
        principle free_choice_of_alliances "freedom to choose security arrangements"
        principle indivisible_security "indivisible security"
    "#;
    const BASE: &str = r#"
        treaty "Old Charter" { status political commitment }
        import "principles.treaty"
        paragraph 8 says "..."
        affirms free_choice_of_alliances paragraph 8
        affirms indivisible_security paragraph 8
    "#;

    fn files() -> Vec<(&'static str, &'static str)> {
        vec![("t/principles.treaty", PRINCIPLES), ("t/old.treaty", BASE)]
    }

    #[test]
    fn fires_on_a_dropped_principle() {
        let draft = r#"
            treaty "Draft" { baseline "old.treaty" }
            import "principles.treaty"
            article 1 says "..."
            affirms indivisible_security article 1
        "#;
        let found = findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files());
        assert_eq!(found.len(), 1);
        assert!(found[0].message.starts_with("`free_choice_of_alliances` (freedom to choose security arrangements) is affirmed by Old Charter"), "{}", found[0].message);
        assert_eq!(found[0].labels.len(), 1);
    }

    #[test]
    fn silent_when_all_are_kept() {
        let draft = r#"
            treaty "Draft" { baseline "old.treaty" }
            import "principles.treaty"
            article 1 says "..."
            affirms indivisible_security article 1
            affirms free_choice_of_alliances article 1
        "#;
        assert!(findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files()).is_empty());
    }
}
