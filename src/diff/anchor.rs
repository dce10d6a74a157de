//! Where a finding sits in the Model, in words that survive an edit: the clause it is about
//! (a body's decision, a norm's standard, an affirmed principle), never its line. Two versions
//! of a draft are compared by these anchors, so that a finding moved down the file by a new
//! article is the same finding, and one whose clause changed is a changed finding.

use crate::diagnostic::Diagnostic;
use crate::model::{Condition, Deadline, Limit, Standard, Treaty};
use crate::source::Span;

/// What a finding is about, found from its place in the Model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Anchor {
    /// The article the finding cites, as cited: `article 6.3`.
    pub citation: Option<String>,
    /// The clause, by name: `body conference, decision decisions`,
    /// `norm due_regard, standard "due regard"`, `affirms free_choice_of_alliances`; empty
    /// when the finding sits on no clause the Model records.
    pub subject: String,
}

impl Anchor {
    pub fn of(treaty: &Treaty, d: &Diagnostic) -> Anchor {
        Anchor {
            citation: d.citation.clone(),
            subject: subject(treaty, d.span).unwrap_or_default(),
        }
    }
}

fn inside(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end
}

/// The innermost clause of the Model that holds `at`, named. Bodies, norms, procedures and
/// readings keep the span of their name only; a place inside one that none of its parts
/// holds belongs to the last of them declared before it, unless another clause comes
/// between.
pub fn subject(t: &Treaty, at: Span) -> Option<String> {
    for body in &t.bodies {
        let name = format!("body {}", body.id);
        if let Some(d) = body.decisions.iter().find(|d| inside(d.span, at)) {
            return Some(format!("{name}, decision {}", d.kind));
        }
        if body.quorum.as_ref().is_some_and(|q| inside(q.span, at)) {
            return Some(format!("{name}, quorum"));
        }
        if body.convening.iter().any(|c| inside(c.span, at)) {
            return Some(format!("{name}, convening"));
        }
    }
    for n in &t.norms {
        let name = format!("norm {}", n.id);
        if let Some(p) = part(
            &name,
            at,
            &n.standards,
            &n.conditions,
            &n.deadlines,
            &n.thresholds,
        ) {
            return Some(p);
        }
        if n.or_else.iter().any(|o| inside(o.span, at)) {
            return Some(format!("{name}, or else"));
        }
    }
    for p in &t.procedures {
        let name = format!("procedure {}", p.id);
        if let Some(p) = part(&name, at, &p.standards, &p.conditions, &p.deadlines, &[]) {
            return Some(p);
        }
    }
    for w in &t.withdrawals {
        if inside(w.span, at) {
            let name = "withdrawal".to_string();
            return Some(part(&name, at, &[], &w.conditions, &[], &[]).unwrap_or(name));
        }
    }
    // Clauses whose span covers them whole.
    let mut whole: Vec<(Span, String)> = Vec::new();
    for a in &t.affirmations {
        whole.push((a.span, format!("affirms {}", a.principle)));
    }
    for b in &t.balances {
        whole.push((b.span, format!("balances {}", b.principles.join(", "))));
    }
    for e in &t.entry_into_force {
        whole.push((e.span, "entry into force".into()));
    }
    for a in &t.amendments {
        whole.push((a.span, "amendment".into()));
    }
    for s in &t.suppressions {
        let codes: Vec<&str> = s.codes.iter().map(|(c, _)| c.as_str()).collect();
        whole.push((s.span, format!("allow({})", codes.join(", "))));
    }
    for a in &t.articles {
        whole.push((a.span, a.citation()));
    }
    if let Some(h) = &t.header {
        whole.push((h.span, "treaty header".into()));
    }
    for w in &t.withdrawals {
        whole.push((w.span, "withdrawal".into()));
    }
    if let Some((_, name)) = whole.iter().find(|(span, _)| inside(*span, at)) {
        return Some(name.clone());
    }
    // Clauses known by the span of their name: the last one before `at`.
    let named = t
        .bodies
        .iter()
        .map(|b| (b.span, format!("body {}", b.id)))
        .chain(t.norms.iter().map(|n| (n.span, format!("norm {}", n.id))))
        .chain(
            t.procedures
                .iter()
                .map(|p| (p.span, format!("procedure {}", p.id))),
        )
        .chain(
            t.readings
                .iter()
                .map(|r| (r.span, format!("reading {}", r.id))),
        )
        .filter(|(span, _)| span.file == at.file && span.start <= at.start)
        .max_by_key(|(span, _)| span.start)?;
    let interrupted = whole.iter().any(|(span, _)| {
        span.file == at.file && named.0.start < span.start && span.start <= at.start
    });
    (!interrupted).then_some(named.1)
}

/// The part of a norm or procedure that holds `at`: a standard by its term, a condition by
/// its text, a deadline by what it bounds, a threshold by its unit.
fn part(
    name: &str,
    at: Span,
    standards: &[Standard],
    conditions: &[Condition],
    deadlines: &[Deadline],
    thresholds: &[Limit],
) -> Option<String> {
    if let Some(s) = standards.iter().find(|s| inside(s.span, at)) {
        return Some(format!("{name}, standard \"{}\"", s.term));
    }
    if let Some(c) = conditions.iter().find(|c| inside(c.span, at)) {
        return Some(format!("{name}, condition \"{}\"", c.text));
    }
    if let Some(d) = deadlines.iter().find(|d| inside(d.span, at)) {
        return Some(format!(
            "{name}, deadline \"{}\"",
            d.what.as_deref().unwrap_or_default()
        ));
    }
    if let Some(l) = thresholds.iter().find(|l| inside(l.span, at)) {
        return Some(format!("{name}, threshold \"{}\"", l.unit));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_is_anchored_by_its_clause_not_its_line() {
        let text = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody council \"Council\" {\n  decides measures by consensus\n}\nnorm n {\n  each party shall \"act\"\n  standard \"due regard\"\n}\n";
        let shifted = format!("# a new first line\n\n{text}");
        let anchors = |text: &str| {
            let report = crate::check_source("t.treaty", text, &[]);
            let t = &report.treaties[0];
            let mut out: Vec<(String, String)> = report
                .diagnostics
                .iter()
                .map(|d| (d.code.to_string(), Anchor::of(t, d).subject))
                .collect();
            out.sort();
            out
        };
        let a = anchors(text);
        assert_eq!(a, anchors(&shifted));
        assert!(a.contains(&(
            "single-party-veto".into(),
            "body council, decision measures".into()
        )));
        assert!(a.contains(&(
            "vague-standard".into(),
            "norm n, standard \"due regard\"".into()
        )));
    }
}

#[cfg(test)]
mod corpus {
    use super::*;

    #[test]
    fn every_finding_on_the_corpus_sits_on_a_clause() {
        let report = crate::check_paths(
            &[std::path::PathBuf::from("treaties")],
            crate::syntax::Limits::default(),
        );
        let mut missing = Vec::new();
        for d in &report.diagnostics {
            let owner = report.treaties.iter().find(|t| t.file == d.span.file);
            let Some(t) = owner else { continue };
            if Anchor::of(t, d).subject.is_empty() {
                missing.push(format!("{} {}", d.code, d.message));
            }
        }
        assert!(missing.is_empty(), "{missing:#?}");
    }
}
