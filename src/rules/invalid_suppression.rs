use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A comment meant to silence a rule that does not have the form the checker reads,
    /// `# treaty: allow(code, ...)`: a misspelt or capitalised `treaty:`, a directive other
    /// than `allow` (`deny`, `warn`), a space before the parenthesis, a list never closed
    /// or empty, or text after the list that is not a reason after `--`.
    ///
    /// ## Why it matters
    /// A suppression records a decision to accept a finding. One the checker cannot read
    /// silences nothing, and before this rule it said nothing either: the reviewer believes
    /// the finding was accepted on purpose while it is still reported, or never noticed
    /// because it was filtered elsewhere. Levels for a whole project belong in
    /// `treaty.toml`; a comment can only allow a rule on its clause.
    ///
    /// ## Example
    /// ```treaty
    /// party A "Alpha"
    /// party B "Beta"
    /// parties A, B
    /// body council {
    ///   # TREATY: allow (single-party-veto)
    ///   decides matters by consensus failing that "the matter lapses"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// party A "Alpha"
    /// party B "Beta"
    /// parties A, B
    /// body council {
    ///   # treaty: allow(single-party-veto) -- consensus is the point of this council
    ///   decides matters by consensus failing that "the matter lapses"
    /// }
    /// ```
    pub static INVALID_SUPPRESSION = {
        code: "invalid-suppression",
        severity: Warning,
        summary: "a comment meant as `# treaty: allow(code)` that does not have its form",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for s in &treaty.invalid_suppressions {
        out.report(s.span, None, format!("malformed suppression: {}", s.problem))
            .set_label("not understood")
            .set_help(
                "a suppression reads `# treaty: allow(code, ...)`, optionally followed by `-- reason`; this one silences nothing",
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn each_malformed_comment_is_reported_and_silences_nothing() {
        for comment in [
            "# treaty: allow(",
            "# treaty: allow()",
            "# treaty: allow (single-party-veto)",
            "# treaty: deny(single-party-veto)",
            "# TREATY: allow(single-party-veto)",
            "# treaty: allow(single-party-veto) because we agreed",
        ] {
            let text = format!(
                "{HEAD}body c {{\n  {comment}\n  decides d by consensus failing that \"x\"\n}}\n"
            );
            let found = findings(&INVALID_SUPPRESSION, &text, &[]);
            assert_eq!(found.len(), 1, "{comment}: {found:#?}");
            let report = crate::check::check_source("t/draft.treaty", &text, &[]);
            assert!(
                report
                    .diagnostics
                    .iter()
                    .any(|d| d.code == "single-party-veto"),
                "{comment} silenced the finding"
            );
        }
    }

    #[test]
    fn well_formed_and_ordinary_comments_are_not_reported() {
        let text = format!(
            "{HEAD}# Treaty: the text of 1990.\nbody c {{\n  # treaty: allow(single-party-veto) -- intended\n  decides d by consensus failing that \"x\"\n}}\n"
        );
        assert!(findings(&INVALID_SUPPRESSION, &text, &[]).is_empty());
    }
}
