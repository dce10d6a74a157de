//! `treaty diff`: what a new version of a draft changes. It reads what `check` and `analyze`
//! already produced for both versions (the Models, the findings, the per-body analysis) and
//! compares them; it computes nothing new about either draft.
//!
//! Findings are matched by rule and by [`anchor::Anchor`] (the article cited and the clause
//! the finding sits on), never by line, so that a new article above a finding does not make
//! it new. Bodies are matched by id, decision rules by kind, parties by id, articles by
//! citation, principles by name. Every list is in a fixed order, so the output is the same
//! bytes for the same input.

pub mod anchor;

use crate::analysis;
use crate::basis::BasisReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{ArticleStatus, Treaty};
use crate::source::SourceMap;
use anchor::Anchor;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One version of the draft, as checked and analysed.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The file's name as shown to users.
    pub file: &'a str,
    pub treaty: &'a Treaty,
    /// The lint findings on this file.
    pub findings: &'a [Diagnostic],
    pub analysis: &'a analysis::Report,
}

/// An old and a new value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
}

fn change<T: PartialEq>(old: T, new: T) -> Option<Change<T>> {
    (old != new).then_some(Change { old, new })
}

/// An exact number and its value, as `analyze` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Number {
    pub exact: String,
    pub value: f64,
}

impl Number {
    fn of(exact: String, value: f64) -> Number {
        Number { exact, value }
    }
}

impl From<&analysis::Fraction> for Number {
    fn from(f: &analysis::Fraction) -> Number {
        Number::of(f.to_string(), f.value())
    }
}

/// A number that may not have been computed within the budget, or may have no value.
fn computed(f: &Option<analysis::Fraction>) -> Option<Number> {
    f.as_ref().map(Number::from)
}

/// What was not computed, by key (`shapley_shubik`, ...), or None if everything was.
fn not_computed(d: &analysis::DecisionReport) -> Option<String> {
    let keys: Vec<&str> = d.not_computed.iter().map(|m| m.what).collect();
    (!keys.is_empty()).then(|| keys.join(", "))
}

/// Everything that changed between two versions (the JSON of `treaty diff`, contract).
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub version: u32,
    pub old: Version,
    pub new: Version,
    pub findings: Findings,
    pub articles: Articles,
    pub principles: Principles,
    /// Bodies added, removed or changed, in the new version's order (removed ones last).
    pub bodies: Vec<BodyDiff>,
    pub summary: Summary,
    /// Party ids to names, over both versions, for the renderers.
    #[serde(skip)]
    pub names: BTreeMap<String, String>,
    /// Article citations in reading order (the new version's, then the old's), for the
    /// renderers that group by article.
    #[serde(skip)]
    pub article_order: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// A finding of one version, located in its own file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    /// The clause it is about (see [`Anchor::subject`]).
    pub subject: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<BasisReport>,
}

/// A finding present in both versions whose message, severity, basis or citation changed.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    pub code: &'static str,
    /// The new version's citation (the old one's if the new has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    pub subject: String,
    /// What changed: `message`, `severity`, `basis`, `citation`, `help`.
    pub changes: Vec<&'static str>,
    pub old: Finding,
    pub new: Finding,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Findings {
    /// In the new version only.
    pub added: Vec<Finding>,
    /// In the old version only.
    pub removed: Vec<Finding>,
    pub changed: Vec<Changed>,
    /// How many are the same in both.
    pub unchanged: usize,
}

/// An article as one version declares it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleInfo {
    pub citation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `quoted`, `paraphrase`, `practice` or `not encoded`.
    pub status: &'static str,
    /// Why it is not quoted text, as the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleChange {
    pub citation: String,
    pub old: ArticleInfo,
    pub new: ArticleInfo,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Articles {
    pub added: Vec<ArticleInfo>,
    pub removed: Vec<ArticleInfo>,
    /// The `says` text differs.
    pub reworded: Vec<ArticleChange>,
    /// Same text (or title), another basis: quoted, paraphrase, practice, not encoded.
    pub status_changed: Vec<ArticleChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PrincipleRef {
    pub principle: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Principles {
    pub added: Vec<PrincipleRef>,
    pub dropped: Vec<PrincipleRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyDiff {
    pub body: String,
    pub title: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub members: Option<Change<usize>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members_added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members_removed: Vec<String>,
    /// The quorum's article, where the body has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum_citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quorum_attendance: Option<Change<Option<usize>>>,
    /// Fewest absentees that stop the body meeting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smallest_boycott: Option<Change<Option<usize>>>,
    pub decisions: Vec<DecisionDiff>,
    /// How many members the body has in the old and the new version, for the renderers.
    #[serde(skip)]
    pub sizes: (usize, usize),
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionDiff {
    pub kind: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<Change<String>>,
    /// The roles whose votes do not count (`the aggressor`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excluded_roles: Option<Change<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub veto_players: Option<VetoChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smallest_blocking_coalition: Option<Change<Option<usize>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power_to_act: Option<Change<Option<Number>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inclusiveness: Option<Change<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_computed: Option<Change<Option<String>>>,
    /// Every party whose indices changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyChange>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VetoChange {
    /// Party ids, as `analyze` gives them.
    pub old: Vec<String>,
    pub new: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PartyChange {
    pub party: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub veto: Option<Change<bool>>,
    pub banzhaf: Change<Number>,
    /// Null where undefined (nobody swings).
    pub banzhaf_normalized: Change<Option<Number>>,
    pub shapley_shubik: Change<Option<Number>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub findings_added: usize,
    pub findings_removed: usize,
    pub findings_changed: usize,
    pub findings_unchanged: usize,
    pub articles_added: usize,
    pub articles_removed: usize,
    pub articles_reworded: usize,
    pub principles_added: usize,
    pub principles_dropped: usize,
    pub bodies_changed: usize,
}

/// Compares two versions.
pub fn diff(sources: &SourceMap, old: Side<'_>, new: Side<'_>) -> Diff {
    let findings = findings(sources, old, new);
    let articles = articles(old.treaty, new.treaty);
    let principles = principles(old.treaty, new.treaty);
    let bodies = bodies(old, new);
    let mut names = BTreeMap::new();
    for t in [old.treaty, new.treaty] {
        for p in &t.parties {
            names.entry(p.id.clone()).or_insert_with(|| p.name.clone());
        }
    }
    let mut article_order: Vec<String> = Vec::new();
    for t in [new.treaty, old.treaty] {
        for a in &t.articles {
            let c = a.citation();
            if !article_order.contains(&c) {
                article_order.push(c);
            }
        }
    }
    let summary = Summary {
        findings_added: findings.added.len(),
        findings_removed: findings.removed.len(),
        findings_changed: findings.changed.len(),
        findings_unchanged: findings.unchanged,
        articles_added: articles.added.len(),
        articles_removed: articles.removed.len(),
        articles_reworded: articles.reworded.len(),
        principles_added: principles.added.len(),
        principles_dropped: principles.dropped.len(),
        bodies_changed: bodies.len(),
    };
    Diff {
        version: crate::render::JSON_VERSION,
        old: Version {
            file: old.file.to_string(),
            title: old.treaty.title().map(str::to_string),
        },
        new: Version {
            file: new.file.to_string(),
            title: new.treaty.title().map(str::to_string),
        },
        findings,
        articles,
        principles,
        bodies,
        summary,
        names,
        article_order,
    }
}

impl Diff {
    /// Whether the new version brings a finding at or above `fail`: one added, or one whose
    /// severity rose to it.
    pub fn introduces(&self, fail: Severity) -> bool {
        self.findings.added.iter().any(|f| f.severity >= fail)
            || self
                .findings
                .changed
                .iter()
                .any(|c| c.new.severity >= fail && c.old.severity < fail)
    }
}

fn finding(sources: &SourceMap, treaty: &Treaty, d: &Diagnostic) -> Finding {
    let anchor = Anchor::of(treaty, d);
    let at = sources
        .get(d.span.file)
        .map(|f| f.line_col(d.span.start))
        .unwrap_or(crate::source::LineCol { line: 1, column: 1 });
    Finding {
        code: d.code.as_str(),
        severity: d.severity,
        message: d.message.clone(),
        citation: anchor.citation,
        subject: anchor.subject,
        line: at.line,
        column: at.column,
        help: d.help.clone(),
        basis: d.grounds.as_ref().map(|g| g.report()),
    }
}

/// What differs between two findings matched by anchor.
fn differences(old: &Diagnostic, new: &Diagnostic) -> Vec<&'static str> {
    let mut out = Vec::new();
    if old.message != new.message {
        out.push("message");
    }
    if old.severity != new.severity {
        out.push("severity");
    }
    let caveats = |d: &Diagnostic| d.grounds.as_ref().map(|g| g.caveats(true));
    if old.basis() != new.basis() || caveats(old) != caveats(new) {
        out.push("basis");
    }
    if old.citation != new.citation {
        out.push("citation");
    }
    if old.help != new.help {
        out.push("help");
    }
    out
}

fn findings(sources: &SourceMap, old: Side<'_>, new: Side<'_>) -> Findings {
    let key = |t: &Treaty, d: &Diagnostic| (d.code, Anchor::of(t, d));
    let old_keys: Vec<_> = old.findings.iter().map(|d| key(old.treaty, d)).collect();
    let new_keys: Vec<_> = new.findings.iter().map(|d| key(new.treaty, d)).collect();
    let mut old_free: Vec<bool> = vec![true; old.findings.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut new_free: Vec<bool> = vec![true; new.findings.len()];
    // First by rule, article and clause; then, for a clause cited to another article now, by
    // rule and clause alone. Within a key, in file order.
    for strict in [true, false] {
        for (j, (code, anchor)) in new_keys.iter().enumerate() {
            if !new_free.get(j).copied().unwrap_or(false) {
                continue;
            }
            let found = old_keys.iter().enumerate().position(|(i, (c, a))| {
                old_free.get(i).copied().unwrap_or(false)
                    && c == code
                    && a.subject == anchor.subject
                    && (!strict || a.citation == anchor.citation)
                    && (strict || !a.subject.is_empty())
            });
            if let Some(i) = found {
                if let (Some(o), Some(n)) = (old_free.get_mut(i), new_free.get_mut(j)) {
                    *o = false;
                    *n = false;
                }
                pairs.push((i, j));
            }
        }
    }
    let mut out = Findings::default();
    pairs.sort_by_key(|&(_, j)| j);
    for (i, j) in pairs {
        let (Some(o), Some(n)) = (old.findings.get(i), new.findings.get(j)) else {
            continue;
        };
        let changes = differences(o, n);
        if changes.is_empty() {
            out.unchanged += 1;
            continue;
        }
        let (old_f, new_f) = (
            finding(sources, old.treaty, o),
            finding(sources, new.treaty, n),
        );
        out.changed.push(Changed {
            code: n.code.as_str(),
            citation: new_f.citation.clone().or_else(|| old_f.citation.clone()),
            subject: new_f.subject.clone(),
            changes,
            old: old_f,
            new: new_f,
        });
    }
    for (d, free) in new.findings.iter().zip(&new_free) {
        if *free {
            out.added.push(finding(sources, new.treaty, d));
        }
    }
    for (d, free) in old.findings.iter().zip(&old_free) {
        if *free {
            out.removed.push(finding(sources, old.treaty, d));
        }
    }
    out
}

pub(crate) fn status_name(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Quoted => "quoted",
        ArticleStatus::Paraphrase => "paraphrase",
        ArticleStatus::Practice => "practice",
        ArticleStatus::NotEncoded => "not encoded",
    }
}

fn article_info(a: &crate::model::Article) -> ArticleInfo {
    ArticleInfo {
        citation: a.citation(),
        title: a.title.clone(),
        text: a.text.clone(),
        status: status_name(a.status),
        note: a.status_note.clone(),
    }
}

fn articles(old: &Treaty, new: &Treaty) -> Articles {
    let mut out = Articles::default();
    let find = |t: &Treaty, c: &str| t.articles.iter().find(|a| a.citation() == c).cloned();
    for a in &new.articles {
        let n = article_info(a);
        match find(old, &n.citation) {
            None => out.added.push(n),
            Some(o) => {
                let o = article_info(&o);
                if o.text != n.text {
                    out.reworded.push(ArticleChange {
                        citation: n.citation.clone(),
                        old: o,
                        new: n,
                    });
                } else if o != n {
                    out.status_changed.push(ArticleChange {
                        citation: n.citation.clone(),
                        old: o,
                        new: n,
                    });
                }
            }
        }
    }
    for a in &old.articles {
        if find(new, &a.citation()).is_none() {
            out.removed.push(article_info(a));
        }
    }
    out
}

fn principles(old: &Treaty, new: &Treaty) -> Principles {
    let set = |t: &Treaty| -> BTreeMap<String, Option<String>> {
        let mut m = BTreeMap::new();
        for a in &t.affirmations {
            m.entry(a.principle.clone())
                .or_insert_with(|| a.citation.as_ref().map(|c| c.text.clone()));
        }
        m
    };
    let (o, n) = (set(old), set(new));
    let pick = |from: &BTreeMap<String, Option<String>>,
                other: &BTreeMap<String, Option<String>>| {
        from.iter()
            .filter(|(p, _)| !other.contains_key(*p))
            .map(|(p, c)| PrincipleRef {
                principle: p.clone(),
                citation: c.clone(),
            })
            .collect()
    };
    Principles {
        added: pick(&n, &o),
        dropped: pick(&o, &n),
    }
}

fn bodies(old: Side<'_>, new: Side<'_>) -> Vec<BodyDiff> {
    let mut out = Vec::new();
    let report = |s: Side<'_>, id: &str| s.analysis.bodies.iter().find(|b| b.body == id).cloned();
    for body in &new.treaty.bodies {
        let Some(n) = report(new, &body.id) else {
            continue;
        };
        let model_old = old.treaty.bodies.iter().find(|b| b.id == body.id);
        match (report(old, &body.id), model_old) {
            (Some(o), Some(mo)) => {
                if let Some(d) = body_diff(old, new, &o, &n, mo, body) {
                    out.push(d);
                }
            }
            _ => out.push(whole_body(body, &n, Status::Added)),
        }
    }
    for body in &old.treaty.bodies {
        if new.treaty.bodies.iter().any(|b| b.id == body.id) {
            continue;
        }
        if let Some(o) = report(old, &body.id) {
            out.push(whole_body(body, &o, Status::Removed));
        }
    }
    out
}

fn quorum_cite(body: &crate::model::Body) -> Option<String> {
    body.quorum
        .as_ref()
        .and_then(|q| q.citation.as_ref())
        .map(|c| c.text.clone())
}

/// A body present in one version only, with each of its decision rules.
fn whole_body(
    body: &crate::model::Body,
    report: &analysis::BodyReport,
    status: Status,
) -> BodyDiff {
    BodyDiff {
        body: body.id.clone(),
        title: report.title.clone(),
        status,
        citation: body.citation.as_ref().map(|c| c.text.clone()),
        members: None,
        members_added: Vec::new(),
        members_removed: Vec::new(),
        quorum_citation: quorum_cite(body),
        quorum_attendance: None,
        smallest_boycott: None,
        decisions: report
            .decisions
            .iter()
            .map(|d| DecisionDiff {
                kind: d.kind.clone(),
                status,
                citation: d.citation.clone(),
                rule: None,
                excluded_roles: None,
                veto_players: None,
                smallest_blocking_coalition: None,
                power_to_act: None,
                inclusiveness: None,
                not_computed: None,
                parties: Vec::new(),
            })
            .collect(),
        sizes: (report.members, report.members),
    }
}

fn excluded_roles(body: &crate::model::Body, kind: &str) -> Vec<String> {
    body.decisions
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| d.excluded.iter().map(|r| r.phrase().to_string()).collect())
        .unwrap_or_default()
}

fn body_diff(
    old: Side<'_>,
    new: Side<'_>,
    o: &analysis::BodyReport,
    n: &analysis::BodyReport,
    mo: &crate::model::Body,
    mn: &crate::model::Body,
) -> Option<BodyDiff> {
    let ids = |t: &Treaty, b: &crate::model::Body| -> BTreeSet<String> {
        b.members
            .iter()
            .filter_map(|&p| t.party(p).map(|p| p.id.clone()))
            .collect()
    };
    let (old_members, new_members) = (ids(old.treaty, mo), ids(new.treaty, mn));
    let mut decisions = Vec::new();
    for d in &n.decisions {
        match o.decisions.iter().find(|x| x.kind == d.kind) {
            None => decisions.push(DecisionDiff {
                kind: d.kind.clone(),
                status: Status::Added,
                citation: d.citation.clone(),
                rule: Some(Change {
                    old: String::new(),
                    new: d.rule.clone(),
                }),
                excluded_roles: None,
                veto_players: None,
                smallest_blocking_coalition: None,
                power_to_act: None,
                inclusiveness: None,
                not_computed: None,
                parties: Vec::new(),
            }),
            Some(x) => {
                let roles = change(excluded_roles(mo, &d.kind), excluded_roles(mn, &d.kind));
                if let Some(dd) = decision_diff(x, d, roles) {
                    decisions.push(dd);
                }
            }
        }
    }
    for d in &o.decisions {
        if !n.decisions.iter().any(|x| x.kind == d.kind) {
            decisions.push(DecisionDiff {
                kind: d.kind.clone(),
                status: Status::Removed,
                citation: d.citation.clone(),
                rule: Some(Change {
                    old: d.rule.clone(),
                    new: String::new(),
                }),
                excluded_roles: None,
                veto_players: None,
                smallest_blocking_coalition: None,
                power_to_act: None,
                inclusiveness: None,
                not_computed: None,
                parties: Vec::new(),
            });
        }
    }
    let diff = BodyDiff {
        body: n.body.clone(),
        title: n.title.clone(),
        status: Status::Changed,
        citation: mn.citation.as_ref().map(|c| c.text.clone()),
        members: change(o.members, n.members),
        members_added: new_members.difference(&old_members).cloned().collect(),
        members_removed: old_members.difference(&new_members).cloned().collect(),
        quorum_citation: quorum_cite(mn).or_else(|| quorum_cite(mo)),
        quorum_attendance: change(o.quorum_attendance, n.quorum_attendance),
        smallest_boycott: change(o.smallest_boycott, n.smallest_boycott),
        decisions,
        sizes: (o.members, n.members),
    };
    let unchanged = diff.members.is_none()
        && diff.members_added.is_empty()
        && diff.members_removed.is_empty()
        && diff.quorum_attendance.is_none()
        && diff.smallest_boycott.is_none()
        && diff.decisions.is_empty()
        && o.title == n.title;
    (!unchanged).then_some(diff)
}

fn decision_diff(
    o: &analysis::DecisionReport,
    n: &analysis::DecisionReport,
    excluded_roles: Option<Change<Vec<String>>>,
) -> Option<DecisionDiff> {
    let veto_players = (o.veto_players != n.veto_players).then(|| VetoChange {
        old: o.veto_players.clone(),
        new: n.veto_players.clone(),
        added: n
            .veto_players
            .iter()
            .filter(|p| !o.veto_players.contains(p))
            .cloned()
            .collect(),
        removed: o
            .veto_players
            .iter()
            .filter(|p| !n.veto_players.contains(p))
            .cloned()
            .collect(),
    });
    let mut parties = Vec::new();
    for p in &n.parties {
        let Some(q) = o.parties.iter().find(|q| q.party == p.party) else {
            continue;
        };
        let (b_old, b_new) = (Number::from(&q.banzhaf), Number::from(&p.banzhaf));
        let (bn_old, bn_new) = (
            computed(&q.banzhaf_normalized),
            computed(&p.banzhaf_normalized),
        );
        let (s_old, s_new) = (computed(&q.shapley_shubik), computed(&p.shapley_shubik));
        if b_old == b_new && bn_old == bn_new && s_old == s_new && q.veto == p.veto {
            continue;
        }
        parties.push(PartyChange {
            party: p.party.clone(),
            name: p.name.clone(),
            veto: change(q.veto, p.veto),
            banzhaf: Change {
                old: b_old,
                new: b_new,
            },
            banzhaf_normalized: Change {
                old: bn_old,
                new: bn_new,
            },
            shapley_shubik: Change {
                old: s_old,
                new: s_new,
            },
        });
    }
    let d = DecisionDiff {
        kind: n.kind.clone(),
        status: Status::Changed,
        citation: n.citation.clone().or_else(|| o.citation.clone()),
        rule: change(o.rule.clone(), n.rule.clone()),
        excluded_roles,
        veto_players,
        smallest_blocking_coalition: change(
            o.smallest_blocking_coalition,
            n.smallest_blocking_coalition,
        ),
        power_to_act: change(computed(&o.power_to_act), computed(&n.power_to_act)),
        inclusiveness: change(
            Number::from(&o.inclusiveness),
            Number::from(&n.inclusiveness),
        ),
        not_computed: change(not_computed(o), not_computed(n)),
        parties,
    };
    let same = d.rule.is_none()
        && d.excluded_roles.is_none()
        && d.veto_players.is_none()
        && d.smallest_blocking_coalition.is_none()
        && d.power_to_act.is_none()
        && d.inclusiveness.is_none()
        && d.not_computed.is_none()
        && d.parties.is_empty();
    (!same).then_some(d)
}
