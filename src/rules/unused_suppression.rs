use super::Findings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::{Edit, Fix};
use crate::model::Treaty;
use crate::source::Span;
use std::collections::{BTreeMap, HashMap};

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
        fix: "safe: removes the code from the comment, or the whole comment when it silences nothing at all (`treaty check --fix` applies it).",
        check: check,
    };
}

/// Found in [`apply`], which needs the other rules' findings.
fn check(_: &Treaty, _: &mut Findings) {}

/// Removes the findings the treaty's suppression comments cover, and reports the
/// suppressions (or codes) that covered nothing.
pub(crate) fn apply(treaty: &Treaty, findings: &mut Vec<Diagnostic>) {
    // Suppressions by the start of the line they cover, and each one's codes by name: a
    // finding looks up the line it starts on instead of trying every suppression.
    let mut by_line: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, s) in treaty.suppressions.iter().enumerate() {
        by_line.entry(s.target.start).or_default().push(i);
    }
    let positions: Vec<HashMap<&str, usize>> = treaty
        .suppressions
        .iter()
        .map(|s| {
            let mut first = HashMap::new();
            for (j, (c, _)) in s.codes.iter().enumerate() {
                first.entry(c.as_str()).or_insert(j);
            }
            first
        })
        .collect();
    let mut used: Vec<Vec<bool>> = treaty
        .suppressions
        .iter()
        .map(|s| vec![false; s.codes.len()])
        .collect();
    findings.retain(|d| {
        // Lines do not overlap: only the last line starting at or before the finding can
        // hold it.
        let on_line = by_line
            .range(..=d.span.start)
            .next_back()
            .map_or(&[][..], |(_, list)| list.as_slice());
        let covering = on_line.iter().find_map(|&i| {
            let s = treaty.suppressions.get(i)?;
            let holds = d.span.file == s.target.file && d.span.start <= s.target.end;
            let j = positions.get(i)?.get(d.code.as_str()).copied()?;
            holds.then_some((i, j))
        });
        match covering {
            Some((i, j)) => {
                if let Some(u) = used.get_mut(i).and_then(|u| u.get_mut(j)) {
                    *u = true;
                }
                false
            }
            None => true,
        }
    });
    for (s, used) in treaty.suppressions.iter().zip(used) {
        let none_used = !used.contains(&true);
        for (j, ((code, span), &used)) in s.codes.iter().zip(&used).enumerate() {
            if used {
                continue;
            }
            let fix = if none_used {
                // Nothing in it is used: every finding's fix removes the whole comment, the
                // same edit, which applies once.
                Fix::safe(
                    "remove the unused suppression",
                    vec![Edit::remove_comment(s.span)],
                )
            } else {
                Fix::safe(
                    format!("remove `{code}` from the suppression"),
                    vec![Edit::delete(code_with_separator(&s.codes, j))],
                )
            };
            let message = if super::find(code).is_none() {
                format!("`# treaty: allow({code})` names no rule")
            } else {
                format!("`# treaty: allow({code})` silences nothing: no `{code}` finding on the clause it covers")
            };
            let mut diag = Diagnostic::new(&UNUSED_SUPPRESSION, Severity::Warning, *span, message)
                .with_label("unused")
                .with_help("remove it, or move it to the clause the finding is on")
                .with_fix(fix);
            // It rests on the comment itself, which is all there is to read.
            diag.grounds = Some(Default::default());
            findings.push(diag);
        }
    }
}

/// The code at `j` of a suppression's list with the comma that joins it to a neighbour: the
/// next one's start for all but the last, the previous one's end for the last.
fn code_with_separator(codes: &[(String, Span)], j: usize) -> Span {
    let here = codes.get(j).map_or(Span::default(), |(_, s)| *s);
    match (
        codes.get(j + 1),
        j.checked_sub(1).and_then(|i| codes.get(i)),
    ) {
        (Some((_, next)), _) => Span {
            end: next.start,
            ..here
        },
        (None, Some((_, prev))) => Span {
            start: prev.end,
            ..here
        },
        (None, None) => here,
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

    fn fixed(text: &str) -> String {
        let report = crate::check::check_source("t/draft.treaty", text, &[]);
        let edits: Vec<&crate::fix::Edit> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "unused-suppression")
            .flat_map(|d| &d.fixes)
            .inspect(|f| assert_eq!(f.applicability, crate::fix::Applicability::Safe))
            .flat_map(|f| &f.edits)
            .collect();
        crate::fix::apply(text, &edits).0
    }

    #[test]
    fn the_fix_removes_an_unused_comment_or_only_its_unused_codes() {
        let body = "body c {\n  members A, B, C\n  decides d by a majority of members\n}\n";
        let head = format!("{HEAD}party C \"Gamma\"\n");
        // Wholly unused: the comment line goes, whatever the number of codes.
        let text = format!("{head}# treaty: allow(single-party-veto, no-such-rule)\n{body}");
        assert_eq!(fixed(&text), format!("{head}{body}"));
        // One code used: only the other goes, with its comma.
        let veto = format!("{HEAD}body c {{\n  # treaty: allow(no-such-rule, single-party-veto)\n  decides d by consensus failing that \"x\"\n}}\n");
        assert_eq!(fixed(&veto), veto.replace("no-such-rule, ", ""));
        let last = veto.replace(
            "(no-such-rule, single-party-veto)",
            "(single-party-veto, no-such-rule)",
        );
        assert_eq!(fixed(&last), veto.replace("no-such-rule, ", ""));
        // The fixed text checks clean of the rule.
        let again = crate::check::check_source("t/draft.treaty", &fixed(&last), &[]);
        assert!(again
            .diagnostics
            .iter()
            .all(|d| d.code != "unused-suppression"));
    }
}
