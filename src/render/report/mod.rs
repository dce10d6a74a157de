//! `treaty report`: a memo a delegation can read and print, per treaty: each article quoted
//! with its basis and the findings on it in plain words; each body with who convenes it, its
//! quorum, each decision rule in words, who can block it and a chart of the members' power;
//! a graph of the procedures; and, over every file given, the bodies placed on the plane of
//! inclusiveness against capacity to act.
//!
//! [`gather`] turns the Models, findings and analyses into one [`Memo`]; `html` and
//! `markdown` write it. Nothing here computes anything the check and the analysis did not.

mod html;
mod markdown;

pub use html::report_html;
pub use markdown::report_markdown;

use super::svg::{self, Bar, NodeKind};
use crate::analysis;
use crate::ast::Status;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{
    Abstention, ActorRef, ArticleStatus, Base, Body, Comparison, Measure, PartyId, Step, Treaty,
    VotingRule,
};
use crate::wording::{and_list, and_list_capped, counted};
use num_bigint::BigUint;
use num_traits::ToPrimitive;

/// One file to report on.
#[derive(Debug, Clone, Copy)]
pub struct FileInput<'a> {
    pub name: &'a str,
    pub treaty: &'a Treaty,
    /// The lint findings on this file.
    pub findings: &'a [Diagnostic],
    pub analysis: &'a analysis::Report,
}

/// Everything the memo says, gathered once for both formats.
#[derive(Debug, Clone)]
pub struct Memo {
    pub files: Vec<FileMemo>,
    /// Every decision rule of every body, placed on the inclusiveness–capacity plane.
    pub plane: Vec<PlanePoint>,
}

#[derive(Debug, Clone)]
pub struct FileMemo {
    pub name: String,
    pub title: String,
    pub facts: Vec<String>,
    pub sources: Vec<String>,
    pub counts: (usize, usize, usize),
    pub articles: Vec<ArticleMemo>,
    /// Findings that cite no declared article.
    pub other_findings: Vec<FindingMemo>,
    pub bodies: Vec<BodyMemo>,
    pub graph: Option<Graph>,
}

#[derive(Debug, Clone)]
pub struct ArticleMemo {
    pub citation: String,
    pub title: Option<String>,
    pub text: Option<String>,
    /// `quoted`, `paraphrase`, `practice`, `not encoded`.
    pub basis: &'static str,
    /// Why it is not quoted text, or where it was quoted from.
    pub notes: Vec<String>,
    pub findings: Vec<FindingMemo>,
}

#[derive(Debug, Clone)]
pub struct FindingMemo {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// What the rule finds, in one line.
    pub explanation: Option<&'static str>,
    pub fix: Option<String>,
    /// What it rests on, when that is less than quoted text.
    pub basis: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BodyMemo {
    pub anchor: String,
    pub title: String,
    pub citation: Option<String>,
    pub members: usize,
    pub convened_by: Vec<String>,
    pub quorum: String,
    pub decisions: Vec<DecisionMemo>,
}

#[derive(Debug, Clone)]
pub struct DecisionMemo {
    pub anchor: String,
    pub kind: String,
    pub description: Option<String>,
    pub citation: Option<String>,
    /// The rule in words, with what its modifiers add.
    pub rule: String,
    pub vetoes: String,
    pub blocking: String,
    pub power_to_act: String,
    pub inclusiveness: String,
    /// Groups of members with the same indices: the chart's rows and the table's.
    pub power: Vec<Bar>,
    pub not_computed: Option<String>,
    /// The indices that have no value for the rule, and why.
    pub undefined: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Graph {
    pub nodes: Vec<svg::Node>,
    pub edges: Vec<(usize, usize)>,
    /// The graph in sentences, one per node.
    pub sentences: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct PlanePoint {
    pub key: String,
    pub treaty: String,
    pub body: String,
    pub decision: String,
    pub inclusiveness: f64,
    pub capacity: f64,
    pub log10_capacity: Option<f64>,
}

/// Series of the power charts.
pub const SERIES: [&str; 2] = ["Shapley–Shubik", "Banzhaf (normalized)"];
/// Rows a power chart shows at most; the table beside it lists every group.
pub const MAX_BARS: usize = 30;

fn log10_big(b: &BigUint) -> f64 {
    let bits = b.bits();
    if bits <= 1000 {
        b.to_f64().unwrap_or(0.0).log10()
    } else {
        let shift = bits - 64;
        (b >> shift).to_f64().unwrap_or(0.0).log10() + shift as f64 * std::f64::consts::LOG10_2
    }
}

/// log10 of a fraction, however small; `None` for zero.
fn log10_ratio(numerator: &BigUint, denominator: &BigUint) -> Option<f64> {
    if numerator.bits() == 0 || denominator.bits() == 0 {
        return None;
    }
    Some(log10_big(numerator) - log10_big(denominator))
}

/// A share as people read it: `1 in 72,057,594,037,927,936`, `2.7 in a million`, `12.5%`.
fn share(value: f64, exact: &str) -> String {
    if value >= 0.001 {
        format!("{:.1}% ({exact})", value * 100.0)
    } else if value > 0.0 {
        format!("{} ({exact})", svg::figure(value))
    } else {
        format!("0 ({exact}): no coalition carries it")
    }
}

pub(crate) fn basis_label(s: ArticleStatus) -> &'static str {
    match s {
        ArticleStatus::Quoted => "quoted",
        ArticleStatus::Paraphrase => "paraphrase",
        ArticleStatus::Practice => "practice",
        ArticleStatus::NotEncoded => "not encoded",
    }
}

fn base_words(base: Base) -> &'static str {
    match base {
        Base::Members => "of all members",
        Base::Present => "of the members present",
        Base::VotesCast => "of the votes cast",
    }
}

/// A decision rule in plain words.
pub fn rule_words(rule: &VotingRule) -> String {
    let cmp = |c: &Comparison| match c {
        Comparison::AtLeast => "at least",
        Comparison::MoreThan => "more than",
    };
    match rule {
        VotingRule::Consensus => "by consensus: adopted unless a member present objects".into(),
        VotingRule::Unanimity(base) => match base {
            Base::Members => "unanimously: every member must vote in favour".into(),
            Base::Present => "unanimously: every member present must vote in favour".into(),
            Base::VotesCast => "unanimously: every vote cast must be in favour".into(),
        },
        VotingRule::Share {
            comparison,
            ratio,
            measure,
            base,
        } => {
            let what = match measure {
                Measure::Heads => "the votes".to_string(),
                Measure::Weight { attribute, .. } => format!("the {attribute}"),
            };
            format!(
                "by {} {ratio} of {what} {}",
                cmp(comparison),
                base_words(*base)
            )
        }
        VotingRule::Count { comparison, count } => {
            format!(
                "with {} {} in favour",
                cmp(comparison),
                counted(*count as usize, "vote", "votes")
            )
        }
        VotingRule::Weighted {
            comparison,
            quota,
            attribute,
            ..
        } => format!(
            "with {} {quota} votes weighted by {attribute}",
            cmp(comparison)
        ),
        VotingRule::Veto { name, .. } => format!("with no objection from {name}"),
        VotingRule::AgainstLimit { max_against } => format!(
            "with at most {} against",
            counted(*max_against as usize, "member", "members")
        ),
        VotingRule::All(parts) if parts.is_empty() => "with no one's consent required".into(),
        VotingRule::All(parts) => {
            let words: Vec<String> = parts.iter().map(rule_words).collect();
            words.join("; and ")
        }
        VotingRule::Any(parts) => {
            let words: Vec<String> = parts.iter().map(rule_words).collect();
            format!("either {}", words.join("; or "))
        }
    }
}

/// Members of a body that belong to a declared class, for classes that are part of the
/// body but not all of it: the groups a delegation thinks in.
fn classes_in(treaty: &Treaty, body: &Body) -> Vec<(String, Vec<PartyId>)> {
    treaty
        .classes
        .iter()
        .filter_map(|c| {
            let inside: Vec<PartyId> = c
                .members
                .iter()
                .copied()
                .filter(|p| body.members.contains(p))
                .collect();
            let title = c.title.clone().unwrap_or_else(|| c.id.replace('_', " "));
            (!inside.is_empty() && inside.len() < body.members.len()).then_some((title, inside))
        })
        .collect()
}

/// `1 of the 5 permanent members of the Security Council`, `the 6 CSTO members and 13
/// others`: a set of members in terms of the class that holds most of them.
fn in_class_terms(classes: &[(String, Vec<PartyId>)], set: &[PartyId]) -> Option<String> {
    let (title, members, k) = classes
        .iter()
        .map(|(t, m)| (t, m, set.iter().filter(|p| m.contains(p)).count()))
        .filter(|(_, _, k)| *k > 0)
        .fold(
            None,
            |best: Option<(&String, &Vec<PartyId>, usize)>, x| match best {
                Some(b) if b.2 >= x.2 => Some(b),
                _ => Some(x),
            },
        )?;
    let c = members.len();
    let mut out = if k == c {
        format!("the {c} {title}")
    } else {
        format!("{k} of the {c} {title}")
    };
    let rest = set.len() - k;
    if rest > 0 {
        out.push_str(&format!(" and {}", counted(rest, "other", "others")));
    }
    Some(out)
}

fn party_ids(treaty: &Treaty, ids: &[String]) -> Vec<PartyId> {
    ids.iter()
        .filter_map(|id| treaty.parties.iter().position(|p| p.id == *id))
        .map(|i| PartyId(i as u32))
        .collect()
}

fn names(treaty: &Treaty, ids: &[PartyId]) -> Vec<String> {
    treaty
        .party_names(ids)
        .into_iter()
        .map(str::to_string)
        .collect()
}

fn actor(treaty: &Treaty, a: ActorRef) -> String {
    treaty.actor_phrase(a)
}

fn convening(treaty: &Treaty, body: &Body) -> Vec<String> {
    body.convening
        .iter()
        .map(|c| {
            let mut s = actor(treaty, c.by.actor);
            if let Some(r) = &c.on_request_of {
                s.push_str(&format!(", on request of {}", actor(treaty, r.actor)));
            }
            if let Some((rule, _)) = &c.support {
                s.push_str(&format!(", with the support of {rule}"));
            }
            if let Some(w) = &c.within {
                s.push_str(&format!(", within {}", duration(w)));
            }
            if let Some(cite) = &c.citation {
                s.push_str(&format!(" ({})", cite.text));
            }
            s
        })
        .collect()
}

fn duration(d: &crate::model::Duration) -> String {
    let amount = match &d.amount {
        crate::model::Amount::Number(n) => n.to_string(),
        crate::model::Amount::Placeholder(p) => p.clone(),
    };
    let unit = match d.unit {
        crate::ast::TimeUnit::Hours => "hours",
        crate::ast::TimeUnit::Days => "days",
        crate::ast::TimeUnit::Weeks => "weeks",
        crate::ast::TimeUnit::Months => "months",
        crate::ast::TimeUnit::Years => "years",
    };
    format!("{amount} {unit}")
}

fn finding_memo(d: &Diagnostic) -> FindingMemo {
    FindingMemo {
        severity: d.severity,
        code: d.code.as_str(),
        message: d.message.clone(),
        explanation: d.code.rule().map(|r| r.summary),
        fix: d.help.clone(),
        basis: d.grounds.as_ref().and_then(|g| g.note()),
    }
}

fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Gathers what the memo says about every file given.
pub fn gather(files: &[FileInput<'_>]) -> Memo {
    let mut memo = Memo {
        files: Vec::new(),
        plane: Vec::new(),
    };
    for (f, input) in files.iter().enumerate() {
        let t = input.treaty;
        let title = t.title().unwrap_or(input.name).to_string();
        let mut facts = Vec::new();
        if let Some(h) = &t.header {
            if let Some(d) = &h.date {
                facts.push(format!("dated {d}"));
            }
            if let Some(s) = h.status {
                facts.push(
                    match s {
                        Status::Draft => "a draft",
                        Status::Signed => "signed, not in force",
                        Status::InForce => "in force",
                        Status::Terminated => "terminated",
                        Status::PoliticalCommitment => "a political commitment",
                    }
                    .to_string(),
                );
            }
            if let Some(p) = &h.partial {
                facts.push(format!("encoded in part: {p}"));
            }
        }
        if !t.treaty_parties.is_empty() {
            facts.push(format!(
                "analysed over {}",
                counted(t.treaty_parties.len(), "party", "parties")
            ));
        }
        let count = |s| input.findings.iter().filter(|d| d.severity == s).count();
        let mut articles: Vec<ArticleMemo> = t
            .articles
            .iter()
            .map(|a| {
                let mut notes: Vec<String> =
                    a.from.iter().map(|s| format!("Source: {s}")).collect();
                if let Some(n) = &a.status_note {
                    notes.push(n.clone());
                }
                ArticleMemo {
                    citation: a.citation(),
                    title: a.title.clone(),
                    text: a.text.clone(),
                    basis: basis_label(a.status),
                    notes,
                    findings: Vec::new(),
                }
            })
            .collect();
        let mut other_findings = Vec::new();
        for d in input.findings {
            let m = finding_memo(d);
            match articles
                .iter_mut()
                .find(|a| d.citation.as_deref() == Some(a.citation.as_str()))
            {
                Some(a) => a.findings.push(m),
                None => other_findings.push(m),
            }
        }
        let bodies = t
            .bodies
            .iter()
            .filter_map(|b| {
                let report = input.analysis.bodies.iter().find(|r| r.body == b.id)?;
                Some(body_memo(t, b, report, f, &title, &mut memo.plane))
            })
            .collect();
        memo.files.push(FileMemo {
            name: input.name.to_string(),
            title,
            facts,
            sources: t
                .header
                .as_ref()
                .map(|h| h.sources.clone())
                .unwrap_or_default(),
            counts: (
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info),
            ),
            articles,
            other_findings,
            bodies,
            graph: graph(t),
        });
    }
    memo
}

fn body_memo(
    t: &Treaty,
    b: &Body,
    report: &analysis::BodyReport,
    file: usize,
    treaty_title: &str,
    plane: &mut Vec<PlanePoint>,
) -> BodyMemo {
    let classes = classes_in(t, b);
    let n = b.members.len();
    let quorum = match (report.quorum_attendance, report.smallest_boycott) {
        (Some(need), Some(boycott)) => {
            let cite = b
                .quorum
                .as_ref()
                .and_then(|q| q.citation.as_ref())
                .map(|c| format!(" ({})", c.text))
                .unwrap_or_default();
            let example = classes
                .iter()
                .filter(|(_, m)| m.len() <= boycott)
                .max_by_key(|(_, m)| m.len())
                .map(|(title, m)| {
                    let rest = boycott - m.len();
                    if rest == 0 {
                        format!(": the {} {title} alone", m.len())
                    } else {
                        format!(
                            ", e.g. the {} {title} and {}",
                            m.len(),
                            counted(rest, "other", "others")
                        )
                    }
                })
                .unwrap_or_default();
            format!(
                "{need} of the {n} members must attend{cite}; {} staying away stop it meeting{example}",
                counted(boycott, "member", "members")
            )
        }
        _ => "no quorum is set: any attendance can meet".into(),
    };
    let decisions = b
        .decisions
        .iter()
        .filter_map(|d| {
            let r = report.decisions.iter().find(|r| r.kind == d.kind)?;
            let mut rule = rule_words(&d.rule);
            if !d.excluded.is_empty() {
                let roles: Vec<&str> = d.excluded.iter().map(|r| r.phrase()).collect();
                rule.push_str(&format!("; the votes of {} do not count", and_list(&roles)));
            }
            match d.abstention {
                Abstention::DoesNotBlock => rule.push_str("; an abstention does not block"),
                Abstention::Blocks => rule.push_str("; an abstention counts as a no"),
                Abstention::RuleDefault => {}
            }
            if d.binding {
                rule.push_str("; its decisions are binding");
            }
            if let Some(f) = &d.fallback {
                rule.push_str(&format!("; failing that: {f}"));
            }
            if let Some(why) = d.citation.as_ref().and_then(|c| c.unverified.as_ref()) {
                rule.push_str(&format!(" (this reading is unverified: {why})"));
            }
            let veto_ids = party_ids(t, &r.veto_players);
            let vetoes = if !r.not_computed.is_empty() && veto_ids.is_empty() {
                "not computed".to_string()
            } else if veto_ids.is_empty() {
                "none: no single member can block it".to_string()
            } else if veto_ids.len() == n {
                format!("every member ({n}): any one of them can block it")
            } else {
                let named = and_list_capped(&names(t, &veto_ids), 12);
                match classes.iter().find(|(_, m)| {
                    m.len() == veto_ids.len() && veto_ids.iter().all(|p| m.contains(p))
                }) {
                    Some((title, m)) => format!("each of the {} {title} ({named})", m.len()),
                    None => format!("each of {named}"),
                }
            };
            let blocking = match r.smallest_blocking_coalition {
                Some(k) => {
                    let ids = party_ids(t, &r.blocking_example);
                    let named = and_list_capped(&names(t, &ids), 12);
                    let terms = in_class_terms(&classes, &ids)
                        .map(|s| format!("; that is {s}"))
                        .unwrap_or_default();
                    format!(
                        "{}, for example {named}{terms}",
                        counted(k, "member", "members")
                    )
                }
                None if !r.not_computed.is_empty() => "not computed".into(),
                None => "none: no coalition can block it".into(),
            };
            let multi = b.decisions.len() > 1;
            if let Some(act) = &r.power_to_act {
                let capacity = act.value();
                let log10_capacity = log10_ratio(&act.numerator, &act.denominator);
                plane.push(PlanePoint {
                    key: (plane.len() + 1).to_string(),
                    treaty: treaty_title.to_string(),
                    body: b.display_name().to_string(),
                    decision: if multi { d.kind.clone() } else { String::new() },
                    inclusiveness: r.inclusiveness.value(),
                    capacity,
                    log10_capacity,
                });
            }
            Some(DecisionMemo {
                anchor: format!("f{file}-{}-{}", slug(&b.id), slug(&d.kind)),
                kind: d.kind.clone(),
                description: d.description.clone(),
                citation: d.citation.as_ref().map(|c| c.text.clone()),
                rule,
                vetoes,
                blocking,
                power_to_act: r.power_to_act.as_ref().map_or_else(
                    || "not computed".to_string(),
                    |act| share(act.value(), &act.to_string()),
                ),
                inclusiveness: share(r.inclusiveness.value(), &r.inclusiveness.to_string()),
                power: power_rows(t, &classes, r, n),
                not_computed: (!r.not_computed.is_empty()).then(|| {
                    r.not_computed
                        .iter()
                        .map(|m| format!("{}: {}", m.what.replace('_', " "), m.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                undefined: (!r.undefined.is_empty()).then(|| {
                    r.undefined
                        .iter()
                        .map(|u| format!("{}: {}", u.title(), u.reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            })
        })
        .collect();
    BodyMemo {
        anchor: format!("f{file}-{}", slug(&b.id)),
        title: b.display_name().to_string(),
        citation: b.citation.as_ref().map(|c| c.text.clone()),
        members: n,
        convened_by: convening(t, b),
        quorum,
        decisions,
    }
}

/// Members with the same indices, as one row each: 56 equal members are one row.
fn power_rows(
    t: &Treaty,
    classes: &[(String, Vec<PartyId>)],
    r: &analysis::DecisionReport,
    n: usize,
) -> Vec<Bar> {
    let mut groups: Vec<(&analysis::PartyPower, Vec<String>)> = Vec::new();
    // The chart shows both indices side by side, or nothing: no bar stands in for an index
    // that was not computed or has no value.
    let values = |p: &analysis::PartyPower| -> Option<Vec<f64>> {
        Some(vec![
            p.shapley_shubik.as_ref()?.value(),
            p.banzhaf_normalized.as_ref()?.value(),
        ])
    };
    if r.parties.iter().any(|p| values(p).is_none()) {
        return Vec::new();
    }
    for p in &r.parties {
        match groups.iter_mut().find(|(q, _)| {
            q.shapley_shubik == p.shapley_shubik && q.banzhaf_normalized == p.banzhaf_normalized
        }) {
            Some((_, ids)) => ids.push(p.party.clone()),
            None => groups.push((p, vec![p.party.clone()])),
        }
    }
    let mut rows: Vec<Bar> = groups
        .into_iter()
        .map(|(p, ids)| {
            let members = party_ids(t, &ids);
            let label = if ids.len() == 1 {
                p.name.clone()
            } else if ids.len() == n {
                format!("each of the {n} members")
            } else if let Some((title, _)) = classes
                .iter()
                .find(|(_, m)| m.len() == members.len() && members.iter().all(|x| m.contains(x)))
            {
                format!("each of the {} {title}", ids.len())
            } else {
                format!("each of {}", and_list_capped(&names(t, &members), 3))
            };
            Bar {
                label,
                values: values(p).unwrap_or_default(),
            }
        })
        .collect();
    // Largest first; equal values keep the members' order.
    rows.sort_by(|a, b| {
        let key = |r: &Bar| r.values.first().copied().unwrap_or(0.0);
        key(b).total_cmp(&key(a))
    });
    rows
}

/// The procedures, the bodies and decisions they lead to, who triggers each step and who
/// judges its condition.
fn graph(t: &Treaty) -> Option<Graph> {
    if t.procedures.is_empty() && t.bodies.is_empty() {
        return None;
    }
    const WIDTH: usize = 38;
    // A procedure's column: how many procedures lead to it in a chain (bounded, for cycles).
    let mut depth = vec![0usize; t.procedures.len()];
    for _ in 0..t.procedures.len() {
        for (i, p) in t.procedures.iter().enumerate() {
            let d = depth.get(i).copied().unwrap_or(0);
            for (step, _) in &p.leads_to {
                if let Step::Procedure(j) = step {
                    if let Some(slot) = depth.get_mut(*j as usize) {
                        *slot = (*slot).max(d + 1).min(t.procedures.len());
                    }
                }
            }
        }
    }
    let body_col = depth.iter().copied().max().map_or(0, |d| d + 1);
    let mut nodes = Vec::new();
    let mut sentences = Vec::new();
    let cite = |c: &Option<crate::model::Cite>| {
        c.as_ref()
            .map(|c| format!(" ({})", c.text))
            .unwrap_or_default()
    };
    for (i, p) in t.procedures.iter().enumerate() {
        let title = p.title.clone().unwrap_or_else(|| p.id.clone());
        let mut lines = svg::wrap(&format!("{title}{}", cite(&p.citation)), WIDTH);
        let heading = lines.len();
        let mut sentence = format!("{title}{}", cite(&p.citation));
        let who: Vec<String> = p
            .initiated_by
            .iter()
            .map(|a| actor(t, a.actor.actor))
            .collect();
        let who = if who.is_empty() {
            "not said".to_string()
        } else {
            and_list(&who)
        };
        lines.extend(svg::wrap(&format!("triggered by: {who}"), WIDTH));
        sentence.push_str(&format!(": triggered by {who}"));
        for c in &p.conditions {
            let judge = c
                .judged_by
                .map_or("no one named".to_string(), |j| actor(t, j.actor));
            lines.extend(svg::wrap(
                &format!("when: {}", svg::clip(&c.text, 70)),
                WIDTH,
            ));
            lines.extend(svg::wrap(&format!("judged by: {judge}"), WIDTH));
            sentence.push_str(&format!("; when {} (judged by {judge})", c.text));
        }
        if !p.open_to.is_empty() {
            let open: Vec<String> = p.open_to.iter().map(|a| actor(t, a.actor.actor)).collect();
            lines.extend(svg::wrap(&format!("open to: {}", and_list(&open)), WIDTH));
            sentence.push_str(&format!("; open to {}", and_list(&open)));
        }
        let targets: Vec<String> = p.leads_to.iter().map(|(s, _)| step_name(t, *s)).collect();
        if !targets.is_empty() {
            sentence.push_str(&format!("; leads to {}", and_list(&targets)));
        }
        sentences.push(sentence);
        nodes.push(svg::Node {
            kind: NodeKind::Procedure,
            lines,
            heading,
            column: depth.get(i).copied().unwrap_or(0),
        });
    }
    let mut body_node = Vec::new();
    let mut decision_node: Vec<Vec<usize>> = Vec::new();
    let mut edges = Vec::new();
    for b in &t.bodies {
        let mut lines = svg::wrap(&format!("{}{}", b.display_name(), cite(&b.citation)), WIDTH);
        let heading = lines.len();
        let conv = convening(t, b);
        // The States deciding on a final clause do not meet: each ratifies (or objects) on
        // its own. For a body that meets, silence in the file is not silence in the treaty.
        let (line, convened) = match (b.final_clause, conv.is_empty()) {
            (Some(_), _) => (
                "no meeting: each State acts on its own".to_string(),
                "each State acts on its own, without a meeting".to_string(),
            ),
            (None, true) => (
                "convened by: not in the encoding".to_string(),
                "who convenes it is not in the encoding".to_string(),
            ),
            (None, false) => {
                let by = conv.join("; ");
                (format!("convened by: {by}"), format!("convened by {by}"))
            }
        };
        lines.extend(svg::wrap(&line, WIDTH));
        if let Some(q) = &b.quorum {
            let need = crate::decision::required_attendance(Some(q), b.members.len());
            lines.push(format!("quorum: {need} of {}", b.members.len()));
        }
        sentences.push(format!(
            "{}: {convened}; decides {}",
            b.display_name(),
            and_list(
                &b.decisions
                    .iter()
                    .map(|d| format!("{} by {}", d.kind, d.rule))
                    .collect::<Vec<_>>()
            )
        ));
        body_node.push(nodes.len());
        nodes.push(svg::Node {
            kind: NodeKind::Body,
            lines,
            heading,
            column: body_col,
        });
        let mut ids = Vec::new();
        for d in &b.decisions {
            let mut lines = svg::wrap(&format!("decides {}", d.kind), WIDTH);
            let heading = lines.len();
            lines.extend(svg::wrap(&format!("by {}", d.rule), WIDTH));
            if !d.excluded.is_empty() {
                let roles: Vec<&str> = d.excluded.iter().map(|r| r.phrase()).collect();
                lines.extend(svg::wrap(
                    &format!("not counting: {}", and_list(&roles)),
                    WIDTH,
                ));
            }
            if d.binding {
                lines.push("binding".into());
            }
            ids.push(nodes.len());
            if let Some(&from) = body_node.last() {
                edges.push((from, nodes.len()));
            }
            nodes.push(svg::Node {
                kind: NodeKind::Decision,
                lines,
                heading,
                column: body_col + 1,
            });
        }
        decision_node.push(ids);
    }
    for (i, p) in t.procedures.iter().enumerate() {
        for (step, _) in &p.leads_to {
            let to = match *step {
                Step::Procedure(j) => Some(j as usize),
                Step::Body(b) => body_node.get(b.0 as usize).copied(),
                Step::Decision(b, k) => decision_node
                    .get(b.0 as usize)
                    .and_then(|v| v.get(k as usize))
                    .copied(),
            };
            if let Some(to) = to {
                edges.push((i, to));
            }
        }
    }
    Some(Graph {
        nodes,
        edges,
        sentences,
    })
}

fn step_name(t: &Treaty, s: Step) -> String {
    match s {
        Step::Body(b) => t
            .body(b)
            .map_or("a body".into(), |b| b.display_name().to_string()),
        Step::Decision(b, k) => t.body(b).map_or("a body".into(), |b| {
            let kind = b.decisions.get(k as usize).map_or("", |d| d.kind.as_str());
            format!("{}, deciding {kind}", b.display_name())
        }),
        Step::Procedure(j) => t
            .procedures
            .get(j as usize)
            .map_or("a procedure".into(), |p| {
                p.title.clone().unwrap_or_else(|| p.id.clone())
            }),
    }
}

/// Severity as a heading word.
pub(crate) fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Info => "Note",
    }
}

/// The description of the inclusiveness–capacity chart, for its `<desc>` and its caption.
pub const PLANE_DESC: &str = "Each dot is a decision rule of a body in the files given. Across: inclusiveness, the share of the parties bound by a decision that vote on it. Up: capacity to act (Coleman's power of the collectivity to act), the share of all possible coalitions of members that would carry a decision, on a log scale. Inclusive bodies that can act sit at the top right; unanimity of many sits at the bottom right.";
