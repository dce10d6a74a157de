use super::{and_list, by_number, counted, Findings};
use crate::model::{Affirmation, Treaty};
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it finds
    /// The principles that the draft's baseline instruments affirm and the draft does not:
    /// the draft claims to build on earlier instruments (its `baseline` lines) but leaves
    /// some of their principles out. One finding per draft lists them all, and points at
    /// each baseline's own `affirms` line.
    ///
    /// ## Why it matters
    /// A new instrument that restates some principles of the old ones and not others shifts
    /// the balance between them, and later readers take the omission as intended. The 2010
    /// analysis of the 2009 draft European Security Treaty (source 003) notes that the
    /// Helsinki Final Act, the Charter of Paris and the Charter for European Security all
    /// stipulate that States are free to choose which alliances they join, and that the draft
    /// does not address it. The Istanbul Charter's words (¶8), as sources 000 and 001 quote
    /// them: "the inherent right of each and every participating State to be free to choose
    /// or change its security arrangements, including treaties of alliance".
    ///
    /// A general reference is not a restatement. The draft's preamble is "Guided by the
    /// principles set forth in" the Helsinki Final Act and the Charter for European
    /// Security, among others; say so with `referred to in preamble` on the `baseline` line,
    /// and the finding then calls those principles referred to generally in the preamble but
    /// not restated in the operative articles. Encode the principles each instrument states
    /// one by one, with `affirms`.
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
    ///   baseline "helsinki-1975.treaty" referred to in preamble
    /// }
    /// preamble says "Guided by the principles set forth in the Helsinki Final Act"
    /// affirms indivisible_security article 1
    /// affirms free_choice_of_alliances article 1
    /// ```
    /// Restate what the draft keeps; for the rest, the finding stays, and says the draft
    /// refers to them only in general terms.
    pub static OMITTED_BASELINE_PRINCIPLE = {
        code: "omitted-baseline-principle",
        severity: Warning,
        summary: "a principle that a baseline instrument has and the draft drops",
        absence: true,
        check: check,
    };
}

/// One principle a baseline affirms and the treaty does not.
struct Omission<'t> {
    principle: &'t str,
    /// The baselines that affirm it, by index, each with its `affirms` line.
    affirmed_in: Vec<(usize, &'t Affirmation)>,
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let Some(header) = &treaty.header else { return };
    let affirmed = |p: &str| treaty.affirmations.iter().any(|a| a.principle == p);
    // In the order of the vocabulary's names, so that the finding reads the same each run.
    let mut omitted: BTreeMap<&str, Omission> = BTreeMap::new();
    for (i, baseline) in treaty.baselines.iter().enumerate() {
        for a in &baseline.affirmations {
            if affirmed(&a.principle) {
                continue;
            }
            let entry = omitted.entry(a.principle.as_str()).or_insert(Omission {
                principle: &a.principle,
                affirmed_in: Vec::new(),
            });
            if !entry.affirmed_in.iter().any(|(j, _)| *j == i) {
                entry.affirmed_in.push((i, a));
            }
        }
    }
    if omitted.is_empty() {
        return;
    }
    // A principle is referred to generally when a baseline that affirms it is named in the
    // treaty's own text (`referred to in preamble`), though not restated.
    let referred_in = |o: &Omission| {
        o.affirmed_in
            .iter()
            .find_map(|(i, _)| treaty.baselines.get(*i)?.referred_in.as_ref())
    };
    let mut silent = Vec::new();
    let mut general: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for o in omitted.values() {
        let name = format!("`{}`", o.principle);
        match referred_in(o) {
            Some(cite) => general.entry(cite.text.as_str()).or_default().push(name),
            None => silent.push(name),
        }
    }
    let mut parts = Vec::new();
    if !silent.is_empty() {
        parts.push(format!(
            "{} {} not restated by this treaty: {}",
            principles_of_baselines(silent.len(), treaty.baselines.len()),
            by_number(silent.len(), "is", "are"),
            and_list(&silent)
        ));
    }
    for (cite, names) in &general {
        let subject = if parts.is_empty() {
            principles_of_baselines(names.len(), treaty.baselines.len())
        } else {
            format!("{} more", names.len())
        };
        parts.push(format!(
            "{subject} {} referred to generally in {} but not restated in the operative articles: {}",
            by_number(names.len(), "is", "are"),
            in_the(cite),
            and_list(names)
        ));
    }
    let unreferred = treaty.baselines.iter().all(|b| b.referred_in.is_none());
    let mut help = String::from(
        "restate each principle the draft keeps (`affirms PRINCIPLE article N`), and record why it departs from its baselines on the others",
    );
    if unreferred {
        help.push_str(
            "; where the text names a baseline only in general terms, say so (`baseline \"...\" referred to in preamble`)",
        );
    }
    let diag = out
        .report(header.span, None, parts.join("; "))
        .set_label(format!(
            "does not restate {}",
            by_number(omitted.len(), "it", "them")
        ))
        .set_help(help);
    // The draft's own `baseline` lines, then each baseline's `affirms` line in its own file.
    for (i, baseline) in treaty.baselines.iter().enumerate() {
        let dropped = omitted
            .values()
            .filter(|o| o.affirmed_in.iter().any(|(j, _)| *j == i))
            .count();
        if dropped == 0 {
            continue;
        }
        let how = match &baseline.referred_in {
            Some(cite) => format!(", referred to generally in {}", in_the(&cite.text)),
            None => String::new(),
        };
        diag.add_secondary(
            baseline.span,
            format!(
                "{}: {} not restated{how}",
                baseline.title,
                counted(dropped, "principle", "principles")
            ),
        );
    }
    for o in omitted.values() {
        let description = treaty
            .principles
            .iter()
            .find(|p| p.id == o.principle)
            .map(|p| format!(" ({})", p.description))
            .unwrap_or_default();
        for (_, a) in &o.affirmed_in {
            diag.add_secondary(
                a.span,
                format!(
                    "`{}`{description} is not restated by the draft",
                    o.principle
                ),
            );
        }
    }
    // It rests on what each baseline was read to say, and on the draft's own references.
    let mut grounds = Vec::new();
    for o in omitted.values() {
        for (i, a) in &o.affirmed_in {
            if let (Some(b), Some(cite)) = (treaty.baselines.get(*i), &a.citation) {
                grounds.push(treaty.baseline_ground(b, cite));
            }
        }
    }
    for b in &treaty.baselines {
        if let Some(cite) = &b.referred_in {
            grounds.push(treaty.ground(cite));
        }
    }
    for g in grounds {
        out.rests_on(g);
    }
}

/// `1 principle of its baseline`, `9 principles of its baselines`.
fn principles_of_baselines(principles: usize, baselines: usize) -> String {
    format!(
        "{} of its {}",
        counted(principles, "principle", "principles"),
        by_number(baselines, "baseline", "baselines")
    )
}

/// `preamble` as a reader says it, `the preamble`; an article as cited.
fn in_the(cite: &str) -> String {
    if cite == "preamble" {
        "the preamble".to_string()
    } else {
        cite.to_string()
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

    const TWO_MORE: &str = r#"
        treaty "Other Act" { status political commitment }
        import "principles.treaty"
        principle II titled "..."
        affirms indivisible_security principle II
        affirms free_choice_of_alliances principle II
    "#;

    #[test]
    fn one_finding_lists_every_dropped_principle_and_points_into_the_baselines() {
        let draft = r#"
            treaty "Draft" { baseline "old.treaty" baseline "other.treaty" }
            import "principles.treaty"
            article 1 says "..."
            affirms indivisible_security article 1
        "#;
        let principles = format!("{PRINCIPLES}\nprinciple neutrality \"the right to neutrality\"");
        let base = format!("{BASE}\naffirms neutrality paragraph 8");
        let files = [
            ("t/principles.treaty", principles.as_str()),
            ("t/old.treaty", base.as_str()),
            ("t/other.treaty", TWO_MORE),
        ];
        let found = findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "2 principles of its baselines are not restated by this treaty: `free_choice_of_alliances` and `neutrality`"
        );
        // The draft's two baseline lines, then the three `affirms` lines in the baselines.
        let messages: Vec<&str> = found[0].labels.iter().map(|l| l.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "Old Charter: 2 principles not restated",
                "Other Act: 1 principle not restated",
                "`free_choice_of_alliances` (freedom to choose security arrangements) is not restated by the draft",
                "`free_choice_of_alliances` (freedom to choose security arrangements) is not restated by the draft",
                "`neutrality` (the right to neutrality) is not restated by the draft",
            ]
        );
        let draft_file = found[0].span.file;
        assert!(found[0].labels[2..]
            .iter()
            .all(|l| l.span.file != draft_file));
        assert_ne!(found[0].labels[2].span.file, found[0].labels[3].span.file);
    }

    #[test]
    fn a_baseline_referred_to_in_the_preamble_is_said_so() {
        let draft = r#"
            treaty "Draft" { baseline "old.treaty" referred to in preamble }
            import "principles.treaty"
            preamble says "Guided by the Old Charter"
            article 1 says "..."
            affirms indivisible_security article 1
        "#;
        let found = findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files());
        assert_eq!(
            found[0].message,
            "1 principle of its baseline is referred to generally in the preamble but not restated in the operative articles: `free_choice_of_alliances`"
        );
        assert_eq!(
            found[0].labels[0].message,
            "Old Charter: 1 principle not restated, referred to generally in the preamble"
        );
    }

    #[test]
    fn mixed_references_are_told_apart() {
        let draft = r#"
            treaty "Draft" { baseline "old.treaty" baseline "other.treaty" referred to in preamble }
            import "principles.treaty"
            preamble says "Guided by the Other Act"
            article 1 says "..."
        "#;
        let files = [
            ("t/principles.treaty", PRINCIPLES),
            ("t/old.treaty", BASE),
            ("t/other.treaty", TWO_MORE),
        ];
        let found = findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files);
        // Both principles are in the Other Act, which the preamble names.
        assert!(
            found[0].message.starts_with(
                "2 principles of its baselines are referred to generally in the preamble"
            ),
            "{}",
            found[0].message
        );
        let base = format!("{BASE}\naffirms neutrality paragraph 8");
        let principles = format!("{PRINCIPLES}\nprinciple neutrality \"the right to neutrality\"");
        let files = [
            ("t/principles.treaty", principles.as_str()),
            ("t/old.treaty", base.as_str()),
            ("t/other.treaty", TWO_MORE),
        ];
        let found = findings(&OMITTED_BASELINE_PRINCIPLE, draft, &files);
        assert_eq!(
            found[0].message,
            "1 principle of its baselines is not restated by this treaty: `neutrality`; 2 more are referred to generally in the preamble but not restated in the operative articles: `free_choice_of_alliances` and `indivisible_security`"
        );
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
