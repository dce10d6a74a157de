use super::Findings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A `# treaty: allow(code)` comment that silences nothing: no finding of that rule on
    /// the clause it covers, or a code that names no rule.
    ///
    /// ## Why it matters
    /// A suppression records a decision to accept a finding, with the reviewer's reasons
    /// beside it. Once the clause changes and the finding is gone, a stale suppression
    /// misleads the next reader, and one with a misspelt code never silenced anything.
    ///
    /// A comment after a clause covers its line; a comment on a line of its own covers the
    /// next line with a clause on it.
    ///
    /// ## Example
    /// ```treaty
    /// party A "Alpha"
    /// party B "Beta"
    /// parties A, B
    /// body council {
    ///   # treaty: allow(single-party-veto)
    ///   decides matters by a majority of members
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// party A "Alpha"
    /// party B "Beta"
    /// parties A, B
    /// body council {
    ///   decides matters by a majority of members
    /// }
    /// ```
    pub static UNUSED_SUPPRESSION = {
        code: "unused-suppression",
        severity: Warning,
        summary: "a `# treaty: allow(code)` comment that silences nothing",
        check: check,
    };
}

/// Found in [`apply`], which needs the other rules' findings.
fn check(_: &Treaty, _: &mut Findings) {}

/// Removes the findings the treaty's suppression comments cover, and reports the
/// suppressions (or codes) that covered nothing.
pub(crate) fn apply(treaty: &Treaty, findings: &mut Vec<Diagnostic>) {
    let mut used = vec![Vec::new(); treaty.suppressions.len()];
    findings.retain(|d| {
        let covering = treaty.suppressions.iter().enumerate().find_map(|(i, s)| {
            let on_line = d.span.file == s.target.file
                && d.span.start >= s.target.start
                && d.span.start <= s.target.end;
            let code = s.codes.iter().position(|(c, _)| c == d.code);
            match (on_line, code) {
                (true, Some(j)) => Some((i, j)),
                _ => None,
            }
        });
        match covering {
            Some((i, j)) => {
                if let Some(u) = used.get_mut(i) {
                    u.push(j);
                }
                false
            }
            None => true,
        }
    });
    for (s, used) in treaty.suppressions.iter().zip(used) {
        for (j, (code, span)) in s.codes.iter().enumerate() {
            if used.contains(&j) {
                continue;
            }
            let message = if super::find(code).is_none() {
                format!("`# treaty: allow({code})` names no rule")
            } else {
                format!("`# treaty: allow({code})` silences nothing: no `{code}` finding on the clause it covers")
            };
            let mut diag =
                Diagnostic::new(UNUSED_SUPPRESSION.code, Severity::Warning, *span, message)
                    .with_label("unused")
                    .with_help("remove it, or move it to the clause the finding is on");
            // It rests on the comment itself, which is all there is to read.
            diag.grounds = Some(Default::default());
            findings.push(diag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn a_used_suppression_silences_and_is_not_reported() {
        let text = format!("{HEAD}body c {{\n  # treaty: allow(single-party-veto)\n  decides d by consensus failing that \"x\"\n}}\n");
        let report = crate::check::check_source("t/draft.treaty", &text, &[]);
        assert!(report
            .diagnostics
            .iter()
            .all(|d| d.code != "single-party-veto"));
        assert!(findings(&UNUSED_SUPPRESSION, &text, &[]).is_empty());
    }

    #[test]
    fn a_trailing_suppression_covers_its_line() {
        let text = format!("{HEAD}body c {{ decides d by consensus failing that \"x\" }} # treaty: allow(single-party-veto)\n");
        let report = crate::check::check_source("t/draft.treaty", &text, &[]);
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    }

    #[test]
    fn an_unused_or_misspelt_suppression_is_reported() {
        // Among three, a majority gives no one a veto: nothing for the first code to silence.
        let text = format!("{HEAD}party C \"Gamma\"\nbody c {{\n  members A, B, C\n  # treaty: allow(single-party-veto, no-such-rule)\n  decides d by a majority of members\n}}\n");
        let found = findings(&UNUSED_SUPPRESSION, &text, &[]);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("names no rule")));
        assert!(messages.iter().any(|m| m.contains("silences nothing")));
    }
}
