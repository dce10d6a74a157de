use super::{and_list, Findings};
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A baseline provision that holds several principles in balance (`balances` in the
    /// baseline), of which the draft keeps one part and drops the others.
    ///
    /// ## Why it matters
    /// Paired provisions are a bargain: each half limits the other. The Istanbul Charter
    /// (¶8) reaffirms the right of each participating State "to be free to choose or change
    /// its security arrangements, including treaties of alliance", and in the same paragraph
    /// says that States "will not strengthen their security at the expense of the security
    /// of other States" and that none "can consider any part of the OSCE area as its sphere
    /// of influence". The Financial Times notes that the Istanbul and Astana summits
    /// repeated indivisible security "with the rider that this could not come at 'the
    /// expense' of another state's security", and also that no State "can consider any part
    /// of the OSCE area as its sphere of influence" (source 002). Oylupinar quotes ¶8 and
    /// describes Russian diplomats invoking one of its principles while appealing to
    /// indivisible security, and pro-Ukraine countries citing the norm that a country can
    /// freely choose and join alliances (source 001). The 2009 draft European Security
    /// Treaty states a limit of that kind (Art. 1: "undiminished security", measures
    /// "implemented with due regard to security interests of all other Parties") and does
    /// not address the freedom to choose alliances (source 003) nor the rejection of spheres
    /// of influence: the limit survives, the right it limited does not.
    ///
    /// ## Example
    /// ```treaty
    /// treaty "Draft" {
    ///   baseline "istanbul-1999.treaty"
    /// }
    /// affirms not_at_the_expense_of_others article 1
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// treaty "Draft" {
    ///   baseline "istanbul-1999.treaty"
    /// }
    /// affirms not_at_the_expense_of_others article 1
    /// affirms free_choice_of_alliances article 1
    /// affirms right_to_neutrality article 1
    /// affirms no_sphere_of_influence article 1
    /// ```
    pub static SELECTIVE_PRINCIPLE = {
        code: "selective-principle",
        severity: Warning,
        summary: "the draft takes one half of a paired baseline provision and drops its counterweight",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for baseline in &treaty.baselines {
        for balance in &baseline.balances {
            let affirmation = |p: &str| treaty.affirmations.iter().find(|a| a.principle == p);
            let kept: Vec<&str> = balance
                .principles
                .iter()
                .map(String::as_str)
                .filter(|p| affirmation(p).is_some())
                .collect();
            let dropped: Vec<String> = balance
                .principles
                .iter()
                .filter(|p| affirmation(p).is_none())
                .map(|p| format!("`{p}`"))
                .collect();
            let Some(first) = kept.first().and_then(|p| affirmation(p)) else {
                continue;
            };
            if dropped.is_empty() {
                continue;
            }
            let kept_list: Vec<String> = kept.iter().map(|p| format!("`{p}`")).collect();
            let at = balance
                .citation
                .as_ref()
                .map(|c| format!(" {}", c.text))
                .unwrap_or_default();
            out.report(
                first.span,
                first.citation.as_ref(),
                format!(
                    "keeps {} from {}{at} but drops {} that {}",
                    and_list(&kept_list),
                    baseline.title,
                    and_list(&dropped),
                    match (dropped.len(), kept.len()) {
                        (1, 1) => "balances it there",
                        (1, _) => "balances them there",
                        (_, 1) => "balance it there",
                        _ => "balance them there",
                    },
                ),
            )
            .set_label("one half of a paired provision")
            .add_secondary(
                baseline.span,
                format!("{} holds them together", baseline.title),
            )
            .set_help("affirm the whole provision, or state why its counterweight is left out");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const PRINCIPLES: &str = r#"
        principle free_choice_of_alliances "freedom to choose security arrangements"
        principle not_at_the_expense_of_others "no security at the expense of others"
        principle no_sphere_of_influence "no sphere of influence"
    "#;
    const BASE: &str = r#"
        treaty "Istanbul Charter" { status political commitment }
        import "principles.treaty"
        paragraph 8 says "..."
        affirms free_choice_of_alliances paragraph 8
        affirms not_at_the_expense_of_others paragraph 8
        affirms no_sphere_of_influence paragraph 8
        balances free_choice_of_alliances, not_at_the_expense_of_others, no_sphere_of_influence paragraph 8
    "#;

    fn files() -> Vec<(&'static str, &'static str)> {
        vec![
            ("t/principles.treaty", PRINCIPLES),
            ("t/istanbul.treaty", BASE),
        ]
    }

    #[test]
    fn fires_when_only_the_limit_is_kept() {
        let draft = r#"
            treaty "Draft" { baseline "istanbul.treaty" }
            import "principles.treaty"
            article 1 says "..."
            affirms not_at_the_expense_of_others article 1
        "#;
        let found = findings(&SELECTIVE_PRINCIPLE, draft, &files());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "keeps `not_at_the_expense_of_others` from Istanbul Charter paragraph 8 but drops `free_choice_of_alliances` and `no_sphere_of_influence` that balance it there"
        );
    }

    #[test]
    fn silent_when_the_whole_package_is_kept() {
        let draft = r#"
            treaty "Draft" { baseline "istanbul.treaty" }
            import "principles.treaty"
            article 1 says "..."
            affirms not_at_the_expense_of_others article 1
            affirms free_choice_of_alliances article 1
            affirms no_sphere_of_influence article 1
        "#;
        assert!(findings(&SELECTIVE_PRINCIPLE, draft, &files()).is_empty());
    }

    #[test]
    fn silent_when_none_is_kept() {
        // Dropping the whole provision is `omitted-baseline-principle`, not selectivity.
        let draft = r#"
            treaty "Draft" { baseline "istanbul.treaty" }
            import "principles.treaty"
        "#;
        assert!(findings(&SELECTIVE_PRINCIPLE, draft, &files()).is_empty());
    }
}
