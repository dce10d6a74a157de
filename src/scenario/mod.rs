//! Scenario scripts (`.scenario`): a story told against a treaty's articles, and what the
//! story is expected to end in. [`parse`] reads a script into [`Scenario`]s; [`run`] plays
//! one against the Model with the evaluation core and records a trace that cites the
//! articles it applies.

mod eval;
mod event;
mod runner;

pub use eval::{run, Expectation, Outcome, Status, TraceStep};
pub use event::{Convener, DeadlineState, Event, Fact, Next, Pending, VoteResult, WithdrawalBar};
pub use runner::{run_paths, RunReport, ScenarioResult};

use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/scenario.pest"]
pub(crate) struct ScenarioParser;

/// A name as written in a script (a party, body or decision kind), with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub name: String,
    pub span: Span,
}

/// Who attends a conference.
#[derive(Debug, Clone)]
pub enum Attendance {
    All,
    AllExcept(Vec<Name>),
    /// The last `n` members, in the body's member order, stay away.
    AllExceptCount(u64),
    Only(Vec<Name>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedOutcome {
    Adopted,
    Rejected,
    NotQuorate,
    NotConvened,
}

impl ExpectedOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ExpectedOutcome::Adopted => "adopted",
            ExpectedOutcome::Rejected => "rejected",
            ExpectedOutcome::NotQuorate => "not quorate",
            ExpectedOutcome::NotConvened => "not convened",
        }
    }
}

#[derive(Debug, Clone)]
pub enum Step {
    /// Read the treaty under one of its readings of a principle.
    Under(Name),
    Attack {
        by: Name,
        on: Name,
    },
    Dispute(Vec<Name>),
    Accuse(Name),
    Convene {
        body: Name,
        by: Option<Name>,
        on_request_of: Option<Name>,
        /// Members supporting the call, for clauses that need support.
        supported_by: Option<Supporters>,
    },
    Attend(Attendance),
    Vote {
        kind: Name,
        yes: Vec<Name>,
        no: Vec<Name>,
        abstain: Vec<Name>,
    },
    /// A party invokes a procedure or a right: `request information_request by DE to RU`.
    Request {
        target: Name,
        by: Name,
        to: Option<Name>,
    },
    /// A party takes part in a procedure it was not invited to.
    Join {
        target: Name,
        by: Name,
    },
    Expect {
        outcome: ExpectedOutcome,
        blocked_by: Option<Vec<Name>>,
    },
    /// `expect participants include A` (or `exclude`).
    ExpectParticipants {
        include: bool,
        names: Vec<Name>,
    },
    /// `expect trigger judged by A`: the last request's condition is for A alone to judge.
    ExpectTrigger(Vec<Name>),
    /// Parties deposit their ratifications: named, or the first `n` treaty parties.
    Ratify(Ratifying),
    /// Time passes: `after 20 years`.
    After {
        amount: u64,
        unit: crate::ast::TimeUnit,
    },
    /// A Party gives notice of withdrawal.
    Withdraw(Name),
    /// A State applies to accede.
    Accede(Name),
    /// `expect UA is a party` / `expect UA is not a party`.
    ExpectParty {
        party: Name,
        is: bool,
    },
    /// `expect in force` / `expect not in force`.
    ExpectInForce(bool),
    /// `expect in force from day 730`: the day the treaty enters into force.
    ExpectInForceFrom(u64),
    /// `expect FR may withdraw` / `expect FR may not withdraw`.
    ExpectMayWithdraw {
        party: Name,
        may: bool,
    },
    /// `expect deadline "first meeting" within 10 days` (which deadline applies), or
    /// `expect deadline "first meeting" passed`.
    ExpectDeadline {
        what: String,
        within: Option<(u64, crate::ast::TimeUnit)>,
    },
}

#[derive(Debug, Clone)]
pub enum Supporters {
    Named(Vec<Name>),
    /// The first `n` members in the body's order.
    Count(u64),
}

#[derive(Debug, Clone)]
pub enum Ratifying {
    Named(Vec<Name>),
    /// The first `n` parties in the treaty's order that have not ratified yet.
    Count(u64),
}

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// The treaty file, relative to the script.
    pub treaty: String,
    pub treaty_span: Span,
    pub steps: Vec<(Step, Span)>,
    pub span: Span,
}

type Pair<'a> = pest::iterators::Pair<'a, Rule>;

fn span(file: FileId, p: &Pair<'_>) -> Span {
    let s = p.as_span();
    Span::new(file, s.start(), s.end())
}

fn name(file: FileId, p: Pair<'_>) -> Name {
    Name {
        name: p.as_str().to_string(),
        span: span(file, &p),
    }
}

fn names(file: FileId, p: Pair<'_>) -> Vec<Name> {
    p.into_inner().map(|n| name(file, n)).collect()
}

fn string(p: Pair<'_>) -> String {
    let raw = p.into_inner().next().map_or("", |i| i.as_str());
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a script. On a syntax error, no scenarios and one diagnostic.
pub fn parse(file: FileId, text: &str) -> (Vec<Scenario>, Vec<Diagnostic>) {
    let root = match ScenarioParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            if let Some(diag) = crate::syntax::boundary::check(file, text, pairs.clone()) {
                return (Vec::new(), vec![diag]);
            }
            pairs.next()
        }
        Err(err) => {
            let (start, end) = match err.location {
                pest::error::InputLocation::Pos(p) => (p, p),
                pest::error::InputLocation::Span((s, e)) => (s, e),
            };
            if let Some(d) = crate::syntax::hidden_character(file, text, start) {
                return (Vec::new(), vec![d]);
            }
            // A string left open: the parser sees only that no string came.
            let rest_of_line = text
                .get(start..)
                .and_then(|t| t.split('\n').next())
                .unwrap_or("");
            if rest_of_line
                .strip_prefix('"')
                .is_some_and(|r| !r.contains('"'))
            {
                return (
                    Vec::new(),
                    vec![*crate::syntax::unterminated(file, text, start)],
                );
            }
            let found: String = text
                .get(start..)
                .unwrap_or("")
                .split_whitespace()
                .next()
                .unwrap_or("the end of the file")
                .chars()
                .take(30)
                .collect();
            let end = if end > start {
                end
            } else {
                (start + found.len()).min(text.len())
            };
            let mut described: Vec<&str> = Vec::new();
            let expected = match &err.variant {
                pest::error::ErrorVariant::ParsingError { positives, .. } => {
                    described = positives.iter().map(|r| describe(*r)).collect();
                    described.sort_unstable();
                    described.dedup();
                    described.join(", ")
                }
                pest::error::ErrorVariant::CustomError { message } => message.clone(),
            };
            let general = "a scenario is `scenario \"name\" { treaty \"file\" ... }` with steps \
                 such as `attack by A on B`, `convene BODY`, `attend all except A`, \
                 `vote KIND no A`, `expect rejected blocked by A`";
            let word: String = found
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let at_end = found == "the end of the file";
            let help = if at_end {
                "the file ends inside a scenario: is its closing `}` missing?".to_string()
            } else if word == "scenario" && start > 0 {
                "a scenario starts inside another: is the `}` of the one above missing?".to_string()
            } else if let Some(keyword) = crate::syntax::misspelt_keyword(&word, &described) {
                format!("did you mean `{keyword}`? {general}")
            } else {
                general.to_string()
            };
            return (
                Vec::new(),
                vec![Diagnostic::error(
                    codes::SYNTAX_ERROR,
                    Span::new(file, start, end),
                    if at_end {
                        format!("expected {expected}, found the end of the file")
                    } else {
                        format!(
                            "expected {expected}, found `{}`",
                            crate::syntax::visible(&found)
                        )
                    },
                )
                .with_label("unexpected here")
                .with_help(help)],
            );
        }
    };
    let mut scenarios = Vec::new();
    let mut errors = Vec::new();
    for p in root.into_iter().flat_map(|r| r.into_inner()) {
        if p.as_rule() != Rule::scenario {
            continue;
        }
        let whole = span(file, &p);
        let mut inner = p.into_inner();
        let title = inner.next().map(string).unwrap_or_default();
        let (treaty, treaty_span) = match inner.next() {
            Some(t) => {
                let s = span(file, &t);
                (t.into_inner().next().map(string).unwrap_or_default(), s)
            }
            None => (String::new(), whole),
        };
        let steps = inner
            .filter_map(|s| Some((step(file, s.clone(), &mut errors)?, span(file, &s))))
            .collect();
        scenarios.push(Scenario {
            name: title,
            treaty,
            treaty_span,
            steps,
            span: whole,
        });
    }
    // A script with a value it cannot use runs no scenario, as with a syntax error.
    if !errors.is_empty() {
        return (Vec::new(), errors);
    }
    (scenarios, errors)
}

fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::name | Rule::names => "a name",
        Rule::string => "a quoted string",
        Rule::count => "a number",
        Rule::scenario => "`scenario`",
        Rule::treaty_line => "`treaty \"file\"`",
        Rule::attack => "`attack by`",
        Rule::dispute => "`dispute between`",
        Rule::accuse => "`accuse`",
        Rule::convene => "`convene`",
        Rule::attend => "`attend`",
        Rule::vote => "`vote`",
        Rule::under => "`under`",
        Rule::ratify | Rule::ratify_count => "`ratify`",
        Rule::after | Rule::unit => "`after N days|weeks|months|years`",
        Rule::withdraw => "`withdraw`",
        Rule::accede => "`accede`",
        Rule::request => "`request`",
        Rule::join => "`join`",
        Rule::ballot | Rule::yes | Rule::no | Rule::abstain => "`yes`, `no` or `abstain`",
        Rule::expect => "`expect`",
        Rule::outcome | Rule::adopted | Rule::rejected | Rule::not_quorate | Rule::not_convened => {
            "an outcome (`adopted`, `rejected`, `not quorate`, `not convened`)"
        }
        Rule::EOI => "the end of the file",
        // No catch-all: a grammar rule added without a description does not compile.
        Rule::WHITESPACE => "a space",
        Rule::COMMENT => "a comment",
        Rule::name_char | Rule::keyword => "a word",
        Rule::inner => "the text of a string",
        Rule::file => "a scenario",
        Rule::step => "a step",
        Rule::supporters => "`supported by`",
        Rule::support_count => "`N members`",
        Rule::convener => "`by NAME`",
        Rule::requester => "`on request of NAME`",
        Rule::all => "`all`",
        Rule::all_except | Rule::all_except_count => "`all except ...`",
        Rule::deadline_expect => "`deadline \"...\" within N days` or `deadline \"...\" passed`",
        Rule::passed => "`passed`",
        Rule::force_expect => "`in force` or `not in force`",
        Rule::force_from_expect => "`in force from day N`",
        Rule::not_kw => "`not`",
        Rule::withdraw_expect => "`NAME may withdraw` or `NAME may not withdraw`",
        Rule::party_expect => "`NAME is a party` or `NAME is not a party`",
        Rule::participants_expect => "`participants include ...` or `participants exclude ...`",
        Rule::include => "`include`",
        Rule::exclude => "`exclude`",
        Rule::trigger_expect => "`trigger judged by ...`",
        Rule::blocked_by => "`blocked by ...`",
    }
}

/// A step as the grammar shaped it; `None` only if the tree lacks a part the grammar requires.
fn step(file: FileId, p: Pair<'_>, errors: &mut Vec<Diagnostic>) -> Option<Step> {
    let rule = p.as_rule();
    let mut inner = p.into_inner();
    let step = match rule {
        Rule::attack => {
            let by = inner.next().map(|n| name(file, n));
            let on = inner.next().map(|n| name(file, n));
            match (by, on) {
                (Some(by), Some(on)) => Step::Attack { by, on },
                _ => return None,
            }
        }
        Rule::dispute => Step::Dispute(inner.map(|n| name(file, n)).collect()),
        Rule::accuse => match inner.next() {
            Some(n) => Step::Accuse(name(file, n)),
            None => return None,
        },
        Rule::convene => {
            let body = inner.next().map(|n| name(file, n));
            let mut by = None;
            let mut on_request_of = None;
            let mut supported_by = None;
            for part in inner {
                let first = part.clone().into_inner().next();
                match part.as_rule() {
                    Rule::convener => by = first.map(|n| name(file, n)),
                    Rule::requester => on_request_of = first.map(|n| name(file, n)),
                    Rule::supporters => {
                        supported_by = first.map(|s| match s.as_rule() {
                            Rule::support_count => {
                                Supporters::Count(count(file, s.into_inner().next(), errors))
                            }
                            _ => Supporters::Named(names(file, s)),
                        })
                    }
                    _ => {}
                }
            }
            Step::Convene {
                body: body?,
                by,
                on_request_of,
                supported_by,
            }
        }
        Rule::attend => {
            let attendance = match inner.next() {
                Some(a) => match a.as_rule() {
                    Rule::all => Attendance::All,
                    Rule::all_except => Attendance::AllExcept(
                        a.into_inner()
                            .next()
                            .map(|n| names(file, n))
                            .unwrap_or_default(),
                    ),
                    Rule::all_except_count => {
                        Attendance::AllExceptCount(count(file, a.into_inner().next(), errors))
                    }
                    _ => Attendance::Only(names(file, a)),
                },
                None => Attendance::All,
            };
            Step::Attend(attendance)
        }
        Rule::vote => {
            let kind = inner.next().map(|n| name(file, n))?;
            let (mut yes, mut no, mut abstain) = (Vec::new(), Vec::new(), Vec::new());
            for ballot in inner {
                let mut parts = ballot.into_inner();
                let which = parts.next().map(|w| w.as_rule());
                let who = parts.next().map(|n| names(file, n)).unwrap_or_default();
                match which {
                    Some(Rule::yes) => yes.extend(who),
                    Some(Rule::no) => no.extend(who),
                    _ => abstain.extend(who),
                }
            }
            Step::Vote {
                kind,
                yes,
                no,
                abstain,
            }
        }
        Rule::ratify => match inner.next() {
            Some(r) if r.as_rule() == Rule::ratify_count => {
                Step::Ratify(Ratifying::Count(count(file, r.into_inner().next(), errors)))
            }
            Some(r) => Step::Ratify(Ratifying::Named(names(file, r))),
            None => return None,
        },
        Rule::after => {
            let amount = count(file, inner.next(), errors);
            Step::After {
                amount,
                unit: unit(inner.next())?,
            }
        }
        Rule::accede => match inner.next() {
            Some(n) => Step::Accede(name(file, n)),
            None => return None,
        },
        Rule::withdraw => match inner.next() {
            Some(n) => Step::Withdraw(name(file, n)),
            None => return None,
        },
        Rule::under => match inner.next() {
            Some(n) => Step::Under(name(file, n)),
            None => return None,
        },
        Rule::request => {
            let target = inner.next().map(|n| name(file, n));
            let by = inner.next().map(|n| name(file, n));
            let to = inner.next().map(|n| name(file, n));
            match (target, by) {
                (Some(target), Some(by)) => Step::Request { target, by, to },
                _ => return None,
            }
        }
        Rule::join => {
            let target = inner.next().map(|n| name(file, n));
            let by = inner.next().map(|n| name(file, n));
            match (target, by) {
                (Some(target), Some(by)) => Step::Join { target, by },
                _ => return None,
            }
        }
        _ => return expect(file, inner, errors),
    };
    Some(step)
}

/// The time unit the grammar matched (`None` only if the tree lacks it).
fn unit(p: Option<Pair<'_>>) -> Option<crate::ast::TimeUnit> {
    crate::ast::TimeUnit::from_word(p?.as_str())
}

/// A whole number the grammar matched; one too large for the checker is an error, never a
/// silently clamped stand-in.
fn count(file: FileId, p: Option<Pair<'_>>, errors: &mut Vec<Diagnostic>) -> u64 {
    let Some(p) = p else { return 0 };
    match p.as_str().parse::<u64>() {
        Ok(n) => n,
        Err(_) => {
            errors.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    span(file, &p),
                    format!("`{}` is too large a number", p.as_str()),
                )
                .with_label("too large")
                .with_help("whole numbers go up to 18446744073709551615"),
            );
            0
        }
    }
}

fn expect(
    file: FileId,
    mut inner: pest::iterators::Pairs<'_, Rule>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Step> {
    let first = inner.next()?;
    let step = match first.as_rule() {
        Rule::participants_expect => {
            let mut parts = first.into_inner();
            let include = parts.next().map(|p| p.as_rule()) == Some(Rule::include);
            let names = parts.next().map(|n| names(file, n)).unwrap_or_default();
            Step::ExpectParticipants { include, names }
        }
        Rule::force_expect => Step::ExpectInForce(first.into_inner().next().is_none()),
        Rule::force_from_expect => {
            Step::ExpectInForceFrom(count(file, first.into_inner().next(), errors))
        }
        Rule::party_expect => {
            let mut parts = first.into_inner();
            match parts.next() {
                Some(n) => Step::ExpectParty {
                    party: name(file, n),
                    is: parts.next().is_none(),
                },
                None => return None,
            }
        }
        Rule::withdraw_expect => {
            let mut parts = first.into_inner();
            match parts.next() {
                Some(n) => Step::ExpectMayWithdraw {
                    party: name(file, n),
                    may: parts.next().is_none(),
                },
                None => return None,
            }
        }
        Rule::deadline_expect => {
            let mut parts = first.into_inner();
            let what = parts.next().map(string).unwrap_or_default();
            let within = match parts.next() {
                Some(c) if c.as_rule() == Rule::count => {
                    let amount = count(file, Some(c), errors);
                    Some((amount, unit(parts.next())?))
                }
                _ => None,
            };
            Step::ExpectDeadline { what, within }
        }
        Rule::trigger_expect => Step::ExpectTrigger(
            first
                .into_inner()
                .next()
                .map(|n| names(file, n))
                .unwrap_or_default(),
        ),
        _ => {
            let outcome = first
                .into_inner()
                .next()
                .map(|o| match o.as_rule() {
                    Rule::adopted => ExpectedOutcome::Adopted,
                    Rule::rejected => ExpectedOutcome::Rejected,
                    Rule::not_quorate => ExpectedOutcome::NotQuorate,
                    _ => ExpectedOutcome::NotConvened,
                })
                .unwrap_or(ExpectedOutcome::Adopted);
            let blocked_by = inner
                .next()
                .and_then(|b| b.into_inner().next())
                .map(|n| names(file, n));
            Step::Expect {
                outcome,
                blocked_by,
            }
        }
    };
    Some(step)
}
