//! Plays a scenario against a treaty's Model, step by step, with the evaluation core
//! ([`crate::decision`]) deciding every vote. Each step leaves a line in the trace citing the
//! article it applied; a step that names something the treaty does not have is an error
//! with a span, never a guess.

use super::{Attendance, ExpectedOutcome, Name, Scenario, Step};
use crate::decision::{decide, Outcome as VoteOutcome, Vote};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{
    ActorRef, Amount, Body, BodyId, Duration, EntryCondition, PartyId, Role, Treaty,
};
use crate::source::Span;
use crate::wording::{and_list, by_number, counted};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Error,
}

/// One line of the trace: what happened and the article that made it so.
#[derive(Debug, Clone, Serialize)]
pub struct TraceStep {
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Expectation {
    pub expected: String,
    pub actual: String,
    pub passed: bool,
    /// How many trace lines preceded it.
    pub after_step: usize,
    #[serde(skip)]
    pub span: Span,
}

/// What running one scenario gave.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    pub status: Status,
    pub trace: Vec<TraceStep>,
    pub expectations: Vec<Expectation>,
    pub errors: Vec<Diagnostic>,
}

/// The last decision taken, as an expectation compares it.
#[derive(Debug, Clone)]
struct LastDecision {
    outcome: ExpectedOutcome,
    blocked_by: Vec<PartyId>,
}

struct State<'t> {
    treaty: &'t Treaty,
    aggressor: Vec<PartyId>,
    attacked: Vec<PartyId>,
    accused: Vec<PartyId>,
    dispute: Vec<PartyId>,
    /// Bound by `request`: who asks (and so initiates), and of whom.
    requesting: Vec<PartyId>,
    requested: Vec<PartyId>,
    /// The procedure under way and who takes part in it.
    procedure: Option<usize>,
    participants: Vec<PartyId>,
    /// Who alone judges the trigger of the last request (empty if no party does).
    trigger_judges: Option<Vec<PartyId>>,
    /// Ratifications deposited, in order.
    ratified: Vec<PartyId>,
    /// Days elapsed in the story (a month counts 30 days, a year 365).
    today: u64,
    /// The day the treaty entered into force, if it has.
    in_force_since: Option<u64>,
    /// States that acceded, and the one whose application the current body is deciding.
    acceded: Vec<PartyId>,
    applicant: Option<PartyId>,
    /// Withdrawals that were allowed, with the day they take effect.
    left: Vec<(PartyId, u64)>,
    /// Deadlines of the procedures set going: what, how long, the day they started.
    deadlines: Vec<(String, Duration, u64, Option<String>)>,
    /// The outcome of each party's last attempt to withdraw.
    withdrawals: Vec<(PartyId, bool)>,
    /// The reading of a principle the scenario runs under, by index.
    reading: Option<usize>,
    body: Option<BodyId>,
    /// The one decision the current body was convened for, when a procedure leads to it
    /// (`leads to council to decide settlement`): an index into its decisions.
    convened_for: Option<u32>,
    convened: bool,
    present: Option<Vec<bool>>,
    last: Option<LastDecision>,
    trace: Vec<TraceStep>,
    expectations: Vec<Expectation>,
    errors: Vec<Diagnostic>,
}

/// Runs a scenario against a resolved treaty.
pub fn run(scenario: &Scenario, treaty: &Treaty) -> Outcome {
    let mut s = State {
        treaty,
        aggressor: Vec::new(),
        attacked: Vec::new(),
        accused: Vec::new(),
        dispute: Vec::new(),
        requesting: Vec::new(),
        requested: Vec::new(),
        procedure: None,
        participants: Vec::new(),
        trigger_judges: None,
        ratified: Vec::new(),
        today: 0,
        // A treaty without an entry-into-force clause, or in force on signature, is in force
        // from the start of the story.
        in_force_since: treaty
            .entry_into_force
            .iter()
            .all(|e| matches!(e.condition, EntryCondition::OnSignature))
            .then_some(0),
        withdrawals: Vec::new(),
        deadlines: Vec::new(),
        acceded: Vec::new(),
        applicant: None,
        left: Vec::new(),
        reading: None,
        body: None,
        convened_for: None,
        convened: true,
        present: None,
        last: None,
        trace: Vec::new(),
        expectations: Vec::new(),
        errors: Vec::new(),
    };
    for (step, span) in &scenario.steps {
        s.step(step, *span);
        if !s.errors.is_empty() {
            break;
        }
    }
    let status = if !s.errors.is_empty() {
        Status::Error
    } else if s.expectations.iter().all(|e| e.passed) {
        Status::Pass
    } else {
        Status::Fail
    };
    Outcome {
        name: scenario.name.clone(),
        status,
        trace: s.trace,
        expectations: s.expectations,
        errors: s.errors,
    }
}

impl State<'_> {
    fn note(&mut self, span: Span, citation: Option<String>, message: impl Into<String>) {
        self.trace.push(TraceStep {
            message: message.into(),
            citation,
            span,
        });
    }

    fn error(
        &mut self,
        code: crate::diagnostic::InputError,
        span: Span,
        message: String,
        help: String,
    ) {
        self.errors
            .push(Diagnostic::error(code, span, message).with_help(help));
    }

    fn party(&mut self, name: &Name) -> Option<PartyId> {
        let found = self
            .treaty
            .parties
            .iter()
            .position(|p| p.id == name.name)
            .map(|i| PartyId(i as u32));
        if found.is_none() {
            self.error(
                codes::UNKNOWN_NAME,
                name.span,
                format!("the treaty has no party `{}`", name.name),
                "use a party id from the treaty's party list, e.g. `RU`".into(),
            );
        }
        found
    }

    fn parties(&mut self, names: &[Name]) -> Option<Vec<PartyId>> {
        names.iter().map(|n| self.party(n)).collect()
    }

    fn names_of(&self, ids: &[PartyId]) -> String {
        and_list(&self.treaty.party_names(ids))
    }

    fn current_body(&self) -> Option<&Body> {
        self.body.and_then(|b| self.treaty.body(b))
    }

    fn step(&mut self, step: &Step, span: Span) {
        match step {
            Step::Under(name) => self.under(name, span),
            Step::Attack { by, on } => {
                let (Some(a), Some(v)) = (self.party(by), self.party(on)) else {
                    return;
                };
                self.aggressor = vec![a];
                self.attacked = vec![v];
                let message = format!(
                    "{} attacks {}: {} is the aggressor, {} the attacked Party",
                    self.names_of(&[a]),
                    self.names_of(&[v]),
                    self.names_of(&[a]),
                    self.names_of(&[v])
                );
                self.note(span, None, message);
            }
            Step::Dispute(names) => {
                let Some(ids) = self.parties(names) else {
                    return;
                };
                self.dispute = ids.clone();
                let message = format!("{} are the parties to a dispute", self.names_of(&ids));
                self.note(span, None, message);
            }
            Step::Accuse(name) => {
                let Some(p) = self.party(name) else { return };
                self.accused = vec![p];
                let message = format!("{} is the accused Party", self.names_of(&[p]));
                self.note(span, None, message);
            }
            Step::Convene {
                body,
                by,
                on_request_of,
                supported_by,
            } => self.convene(
                body,
                by.as_ref(),
                on_request_of.as_ref(),
                supported_by.as_ref(),
                span,
            ),
            Step::Attend(attendance) => self.attend(attendance, span),
            Step::Vote {
                kind,
                yes,
                no,
                abstain,
            } => self.vote(kind, yes, no, abstain, span),
            Step::Request { target, by, to } => self.request(target, by, to.as_ref(), span),
            Step::Join { target, by } => self.join(target, by, span),
            Step::Expect {
                outcome,
                blocked_by,
            } => self.expect(*outcome, blocked_by.as_deref(), span),
            Step::ExpectParticipants { include, names } => {
                self.expect_participants(*include, names, span)
            }
            Step::ExpectTrigger(names) => self.expect_trigger(names, span),
            Step::Ratify(who) => self.ratify(who, span),
            Step::After { amount, unit } => {
                let before = self.today;
                self.today = self.today.saturating_add(unit.days(*amount));
                let verb = if *amount == 1 { "passes" } else { "pass" };
                let message = format!("{amount} {} {verb}", unit.word(*amount));
                self.note(span, None, message);
                let expired: Vec<(String, Duration, Option<String>)> = self
                    .deadlines
                    .iter()
                    .filter(|(_, d, start, _)| {
                        duration_days(d)
                            .is_some_and(|n| start + n > before && start + n <= self.today)
                    })
                    .map(|(w, d, _, c)| (w.clone(), d.clone(), c.clone()))
                    .collect();
                for (what, d, cite) in expired {
                    self.note(
                        span,
                        cite,
                        format!(
                            "the deadline for \"{what}\" ({}) has passed",
                            show_duration(&d)
                        ),
                    );
                }
            }
            Step::ExpectDeadline { what, within } => self.expect_deadline(what, *within, span),
            Step::Withdraw(name) => self.withdraw(name, span),
            Step::Accede(name) => self.accede(name, span),
            Step::ExpectParty { party, is } => {
                let Some(p) = self.party(party) else { return };
                let who = self.names_of(&[p]);
                let actual = self.is_member_now(p);
                let say = |b: bool| {
                    if b {
                        format!("{who} is a party")
                    } else {
                        format!("{who} is not a party")
                    }
                };
                self.check(say(*is), say(actual), actual == *is, span);
            }
            Step::ExpectInForce(wanted) => {
                let actual = self.in_force_since.is_some();
                let say = |b: bool| if b { "in force" } else { "not in force" };
                self.check(
                    say(*wanted).into(),
                    say(actual).into(),
                    actual == *wanted,
                    span,
                );
            }
            Step::ExpectMayWithdraw { party, may } => {
                let Some(p) = self.party(party) else { return };
                let who = self.names_of(&[p]);
                let attempt = self.withdrawals.iter().rev().find(|(q, _)| *q == p);
                let say = |b: bool| {
                    if b {
                        format!("{who} may withdraw")
                    } else {
                        format!("{who} may not withdraw")
                    }
                };
                let (actual, passed) = match attempt {
                    Some((_, allowed)) => (say(*allowed), allowed == may),
                    None => (format!("{who} has not tried to withdraw"), false),
                };
                self.check(say(*may), actual, passed, span);
            }
        }
    }

    /// Records an expectation's result against the trace so far.
    fn check(&mut self, expected: String, actual: String, passed: bool, span: Span) {
        self.expectations.push(Expectation {
            expected,
            actual,
            passed,
            after_step: self.trace.len(),
            span,
        });
    }

    fn is_party(&self, party: PartyId) -> bool {
        self.treaty.treaty_parties.is_empty() || self.treaty.treaty_parties.contains(&party)
    }

    /// The parties an actor of a clause stands for, given the roles bound so far.
    fn bound(&self, actor: ActorRef) -> Vec<PartyId> {
        match actor {
            ActorRef::Party(p) => vec![p],
            ActorRef::Class(c) => self
                .treaty
                .class(c)
                .map(|c| c.members.clone())
                .unwrap_or_default(),
            ActorRef::Body(_) => Vec::new(),
            ActorRef::Role(role) => match role {
                Role::RequestingParty | Role::InitiatingParty | Role::Itself | Role::AnyParty => {
                    self.requesting.clone()
                }
                Role::RequestedParty => self.requested.clone(),
                Role::AttackedParty => self.attacked.clone(),
                Role::Aggressor => self.aggressor.clone(),
                Role::Accused => self.accused.clone(),
                Role::DisputeParties => self.dispute.clone(),
                Role::AllParties | Role::EachParty => self.treaty.treaty_parties.clone(),
                _ => Vec::new(),
            },
        }
    }

    /// Whether a party fits an actor of a clause, given the roles bound so far.
    fn fits(&self, party: PartyId, actor: ActorRef) -> bool {
        match actor {
            ActorRef::Party(p) => p == party,
            ActorRef::Class(c) => self
                .treaty
                .class(c)
                .is_some_and(|c| c.members.contains(&party)),
            ActorRef::Body(_) => false,
            ActorRef::Role(role) => match role {
                Role::AnyParty | Role::EachParty | Role::AllParties | Role::Itself => {
                    self.is_party(party)
                }
                // "Other" than the party that set the procedure going.
                Role::AnyOtherParty | Role::AnotherParty | Role::AllOtherParties => {
                    self.is_party(party) && !self.requesting.contains(&party)
                }
                Role::RequestingParty | Role::InitiatingParty => {
                    if self.requesting.is_empty() {
                        self.is_party(party)
                    } else {
                        self.requesting.contains(&party)
                    }
                }
                Role::AttackedParty => self.attacked.contains(&party),
                Role::Aggressor => self.aggressor.contains(&party),
                Role::Accused => self.accused.contains(&party),
                Role::DisputeParties => self.dispute.contains(&party),
                Role::RequestedParty => self.requested.contains(&party),
                Role::Depositary | Role::Nobody => false,
            },
        }
    }

    fn convene(
        &mut self,
        body_name: &Name,
        by: Option<&Name>,
        on_request_of: Option<&Name>,
        supported_by: Option<&super::Supporters>,
        span: Span,
    ) {
        let Some(index) = self
            .treaty
            .bodies
            .iter()
            .position(|b| b.id == body_name.name)
        else {
            let known: Vec<&str> = self.treaty.bodies.iter().map(|b| b.id.as_str()).collect();
            self.error(
                codes::UNKNOWN_NAME,
                body_name.span,
                format!("the treaty has no body `{}`", body_name.name),
                format!("its bodies: {}", known.join(", ")),
            );
            return;
        };
        let id = BodyId(index as u32);
        self.body = Some(id);
        self.convened_for = None;
        self.present = None;
        self.last = None;
        let by_party = match by {
            Some(n) if n.name == "depositary" => None,
            Some(n) => match self.party(n) {
                Some(p) => Some(p),
                None => return,
            },
            None => None,
        };
        let requester = match on_request_of {
            Some(n) => match self.party(n) {
                Some(p) => Some(p),
                None => return,
            },
            None => None,
        };
        let treaty = self.treaty;
        let Some(body) = treaty.body(id) else { return };
        let title = body.display_name().to_string();
        if body.convening.is_empty() {
            self.convened = true;
            let citation = body.citation.as_ref().map(|c| c.text.clone());
            self.note(
                span,
                citation,
                format!("the {title} meets (the treaty says nothing on who convenes it)"),
            );
            return;
        }
        let allowed = body.convening.iter().find(|c| {
            let by_ok = match (by_party, c.by.actor) {
                (Some(p), actor) => self.fits(p, actor),
                // Unnamed convener: whoever the clause names (the depositary, any party).
                (None, _) => true,
            };
            let request_ok = match (c.on_request_of, requester) {
                (Some(actor), Some(p)) => self.fits(p, actor.actor),
                (Some(_), None) => false,
                (None, _) => true,
            };
            by_ok && request_ok
        });
        match allowed {
            Some(clause) => {
                let who = treaty.actor_phrase(clause.by.actor);
                if let Some((support, _)) = &clause.support {
                    // The call's supporters vote for it; every other member against.
                    let mut backers: Vec<PartyId> = by_party.into_iter().collect();
                    match supported_by {
                        Some(super::Supporters::Named(names)) => match self.parties(names) {
                            Some(ids) => backers.extend(ids),
                            None => return,
                        },
                        Some(super::Supporters::Count(k)) => backers.extend(
                            body.members
                                .iter()
                                .take(usize::try_from(*k).unwrap_or(usize::MAX)),
                        ),
                        None => {}
                    }
                    let votes: Vec<Vote> = body
                        .members
                        .iter()
                        .map(|m| {
                            if backers.contains(m) {
                                Vote::Yes
                            } else {
                                Vote::No
                            }
                        })
                        .collect();
                    let call = crate::model::DecisionRule {
                        kind: "convening".into(),
                        description: None,
                        rule: support.clone(),
                        rule_span: span,
                        excluded: Vec::new(),
                        abstention: crate::model::Abstention::RuleDefault,
                        binding: false,
                        fallback: None,
                        fallback_rule: None,
                        execution: Default::default(),
                        citation: None,
                        span,
                    };
                    let quorumless = Body {
                        quorum: None,
                        ..body.clone()
                    };
                    let backing = votes.iter().filter(|v| **v == Vote::Yes).count();
                    if decide(&quorumless, &call, &votes, &[]).outcome != VoteOutcome::Adopted {
                        self.convened = false;
                        let citation = clause
                            .citation
                            .as_ref()
                            .or(body.citation.as_ref())
                            .map(|c| c.text.clone());
                        self.note(
                            span,
                            citation,
                            format!(
                                "the {title} is not convened: the call has the support of {}, and {support} is needed",
                                counted(backing, "member", "members")
                            ),
                        );
                        return;
                    }
                }
                self.convened = true;
                let request = match (clause.on_request_of, requester) {
                    (Some(actor), Some(p)) => format!(
                        " on request of {} ({})",
                        treaty.actor_phrase(actor.actor),
                        self.names_of(&[p])
                    ),
                    _ => String::new(),
                };
                let citation = clause
                    .citation
                    .as_ref()
                    .or(body.citation.as_ref())
                    .map(|c| c.text.clone());
                let message = match by_party {
                    Some(p) => format!(
                        "{} convenes the {title}{request} ({who} may)",
                        self.names_of(&[p])
                    ),
                    None => format!("{who} convenes the {title}{request}"),
                };
                self.note(span, citation, message);
            }
            None => {
                self.convened = false;
                let rules: Vec<String> = body
                    .convening
                    .iter()
                    .map(|c| {
                        let mut r = treaty.actor_phrase(c.by.actor);
                        if let Some(req) = c.on_request_of {
                            r.push_str(" on request of ");
                            r.push_str(&treaty.actor_phrase(req.actor));
                        }
                        r
                    })
                    .collect();
                let citation = body
                    .convening
                    .first()
                    .and_then(|c| c.citation.as_ref())
                    .or(body.citation.as_ref())
                    .map(|c| c.text.clone());
                self.note(
                    span,
                    citation,
                    format!(
                        "the {title} is not convened: only {} may convene it",
                        rules.join(", or ")
                    ),
                );
            }
        }
    }

    fn members_named(&mut self, names: &[Name]) -> Option<Vec<usize>> {
        let body = self.current_body()?;
        let members = body.members.clone();
        let title = body.display_name().to_string();
        let mut out = Vec::new();
        for n in names {
            let p = self.party(n)?;
            match members.iter().position(|m| *m == p) {
                Some(i) => out.push(i),
                None => {
                    self.error(
                        codes::UNKNOWN_NAME,
                        n.span,
                        format!("`{}` is not a member of the {title}", n.name),
                        "name a member of the body being convened".into(),
                    );
                    return None;
                }
            }
        }
        Some(out)
    }

    fn attend(&mut self, attendance: &Attendance, span: Span) {
        let Some(body) = self.current_body() else {
            self.error(
                codes::WRONG_KIND,
                span,
                "`attend` before any body is convened".into(),
                "add `convene BODY` first".into(),
            );
            return;
        };
        let n = body.members.len();
        let present: Vec<bool> = match attendance {
            Attendance::All => vec![true; n],
            Attendance::AllExcept(names) => {
                let Some(away) = self.members_named(names) else {
                    return;
                };
                (0..n).map(|i| !away.contains(&i)).collect()
            }
            Attendance::AllExceptCount(k) => {
                let k = usize::try_from(*k).unwrap_or(usize::MAX).min(n);
                (0..n).map(|i| i < n - k).collect()
            }
            Attendance::Only(names) => {
                let Some(here) = self.members_named(names) else {
                    return;
                };
                (0..n).map(|i| here.contains(&i)).collect()
            }
        };
        let Some(body) = self.current_body() else {
            return;
        };
        let count = present.iter().filter(|p| **p).count();
        let absent: Vec<PartyId> = body
            .members
            .iter()
            .zip(&present)
            .filter(|(_, p)| !**p)
            .map(|(m, _)| *m)
            .collect();
        let need = crate::decision::required_attendance(body.quorum.as_ref(), n);
        let quorum = match &body.quorum {
            Some(_) => format!("; the quorum needs {need}"),
            None => String::new(),
        };
        let away = match absent.len() {
            0 => String::new(),
            1..=6 => format!(" (absent: {})", self.names_of(&absent)),
            k => format!(" ({k} absent)"),
        };
        let citation = body
            .quorum
            .as_ref()
            .and_then(|q| q.citation.as_ref())
            .map(|c| c.text.clone());
        let message = format!(
            "{count} of {} {}{away}{quorum}",
            counted(n, "member", "members"),
            by_number(count, "attends", "attend")
        );
        self.present = Some(present);
        self.note(span, citation, message);
    }

    fn vote(&mut self, kind: &Name, yes: &[Name], no: &[Name], abstain: &[Name], span: Span) {
        if self.body.is_none() {
            // A vote may open the story: the body is the one that takes that decision.
            self.body = (0..self.treaty.bodies.len())
                .map(|i| BodyId(i as u32))
                .find(|&b| self.decision_of(b, &kind.name).is_some());
        }
        let (Some(body_id), Some(body)) = (self.body, self.current_body()) else {
            self.error(
                codes::UNKNOWN_NAME,
                kind.span,
                format!("no body of the treaty decides `{}`", kind.name),
                "name a decision kind from a `decides` line".into(),
            );
            return;
        };
        let Some(decision) = self.decision_of(body_id, &kind.name) else {
            let kinds: Vec<&str> = body.decisions.iter().map(|d| d.kind.as_str()).collect();
            let title = body.display_name().to_string();
            self.error(
                codes::UNKNOWN_NAME,
                kind.span,
                format!("the {title} decides no `{}`", kind.name),
                format!("it decides: {}", kinds.join(", ")),
            );
            return;
        };
        let citation = decision
            .citation
            .as_ref()
            .or(body.citation.as_ref())
            .map(|c| c.text.clone());
        let title = body.display_name().to_string();
        let meant = self
            .convened_for
            .and_then(|d| body.decisions.get(d as usize))
            .map(|d| d.kind.clone());
        if let Some(meant) = meant.filter(|k| *k != kind.name) {
            self.error(
                codes::WRONG_KIND,
                kind.span,
                format!(
                    "the {title} was convened to decide `{meant}`, not `{}`",
                    kind.name
                ),
                format!(
                    "vote `{meant}`, or convene the body afresh with `convene {}`",
                    body.id
                ),
            );
            return;
        }
        if !self.convened {
            self.last = Some(LastDecision {
                outcome: ExpectedOutcome::NotConvened,
                blocked_by: Vec::new(),
            });
            self.note(
                span,
                citation,
                format!("no vote on `{}`: the {title} was not convened", kind.name),
            );
            return;
        }
        let n = body.members.len();
        let present = self.present.clone().unwrap_or_else(|| vec![true; n]);
        let mut votes: Vec<Vote> = present
            .iter()
            .map(|p| if *p { Vote::Yes } else { Vote::Absent })
            .collect();
        for (names, vote) in [(yes, Vote::Yes), (no, Vote::No), (abstain, Vote::Abstain)] {
            let Some(indices) = self.members_named(names) else {
                return;
            };
            for (i, name) in indices.into_iter().zip(names) {
                if !present.get(i).copied().unwrap_or(false) {
                    self.error(
                        codes::WRONG_KIND,
                        name.span,
                        format!("`{}` votes but did not attend", name.name),
                        "remove it from `attend ... except`, or from the vote".into(),
                    );
                    return;
                }
                if let Some(slot) = votes.get_mut(i) {
                    *slot = vote;
                }
            }
        }
        let Some(body) = self.current_body() else {
            return;
        };
        let Some(decision) = self.decision_of(body_id, &kind.name) else {
            return;
        };
        let mut excluded = Vec::new();
        for role in &decision.excluded {
            match role {
                Role::Aggressor => excluded.extend(&self.aggressor),
                Role::Accused => excluded.extend(&self.accused),
                Role::DisputeParties => excluded.extend(&self.dispute),
                Role::AttackedParty => excluded.extend(&self.attacked),
                _ => {}
            }
        }
        let result = decide(body, decision, &votes, &excluded);
        let fallback = decision.fallback.clone();
        // Counted over the members whose votes count in this case.
        let counted: Vec<(PartyId, Vote)> = body
            .members
            .iter()
            .zip(&votes)
            .filter(|(m, _)| decision.excluded.is_empty() || !excluded.contains(m))
            .map(|(m, v)| (*m, *v))
            .collect();
        let count = |v: Vote| counted.iter().filter(|(_, x)| *x == v).count();
        let noes: Vec<PartyId> = counted
            .iter()
            .filter(|(_, v)| *v == Vote::No)
            .map(|(m, _)| *m)
            .collect();
        let no_list = if noes.is_empty() || noes.len() > 6 {
            String::new()
        } else {
            format!(" ({})", self.names_of(&noes))
        };
        let excluded_note = match excluded.len() {
            0 => String::new(),
            1 => format!("; {}'s vote does not count", self.names_of(&excluded)),
            _ => format!("; the votes of {} do not count", self.names_of(&excluded)),
        };
        let outcome = match result.outcome {
            VoteOutcome::Adopted => ExpectedOutcome::Adopted,
            VoteOutcome::Rejected => ExpectedOutcome::Rejected,
            VoteOutcome::NotQuorate => ExpectedOutcome::NotQuorate,
        };
        let verdict = match result.outcome {
            VoteOutcome::Adopted => "adopted".to_string(),
            VoteOutcome::Rejected => {
                format!(
                    "rejected, blocked by {}",
                    self.blocked_phrase(&result.blocked_by)
                )
            }
            VoteOutcome::NotQuorate => format!(
                "not quorate: {} present, {} needed",
                result.present, result.required_attendance
            ),
        };
        let message = format!(
            "the {title} votes on `{}` by {}: {} yes, {} no{no_list}, {} abstaining{excluded_note}: {verdict}",
            decision.kind,
            decision.rule,
            count(Vote::Yes),
            count(Vote::No),
            count(Vote::Abstain),
        );
        self.last = Some(LastDecision {
            outcome,
            blocked_by: result.blocked_by,
        });
        self.note(span, citation.clone(), message);
        if outcome == ExpectedOutcome::Rejected {
            if let Some(fallback) = &fallback {
                self.note(span, citation.clone(), format!("failing that: {fallback}"));
            }
        }
        if let Some(applicant) = self.applicant.take() {
            let who = self.names_of(&[applicant]);
            if outcome == ExpectedOutcome::Adopted {
                self.acceded.push(applicant);
                self.note(span, citation, format!("{who} accedes"));
            } else {
                self.note(span, citation, format!("{who} does not accede"));
            }
        }
    }

    fn blocked_phrase(&self, ids: &[PartyId]) -> String {
        if ids.len() > 6 {
            format!("{} members", ids.len())
        } else {
            self.names_of(ids)
        }
    }

    fn ratify(&mut self, who: &super::Ratifying, span: Span) {
        let new: Vec<PartyId> = match who {
            super::Ratifying::Named(names) => match self.parties(names) {
                Some(ids) => ids,
                None => return,
            },
            super::Ratifying::Count(n) => {
                let pool: Vec<PartyId> = if self.treaty.treaty_parties.is_empty() {
                    (0..self.treaty.parties.len())
                        .map(|i| PartyId(i as u32))
                        .collect()
                } else {
                    self.treaty.treaty_parties.clone()
                };
                pool.into_iter()
                    .filter(|p| !self.ratified.contains(p))
                    .take(usize::try_from(*n).unwrap_or(usize::MAX))
                    .collect()
            }
        };
        for p in &new {
            if !self.ratified.contains(p) {
                self.ratified.push(*p);
            }
        }
        let shown = if new.len() > 6 {
            format!("{} parties", new.len())
        } else {
            self.names_of(&new)
        };
        let verb = by_number(new.len(), "ratifies", "ratify");
        let message = format!(
            "{shown} {verb}: {} deposited",
            counted(self.ratified.len(), "ratification", "ratifications")
        );
        self.note(span, None, message);
        if self.in_force_since.is_some() {
            return;
        }
        let treaty = self.treaty;
        for entry in &treaty.entry_into_force {
            let cite = entry.citation.as_ref().map(|c| c.text.clone());
            let missing = |including: &[PartyId]| -> Vec<PartyId> {
                including
                    .iter()
                    .filter(|p| !self.ratified.contains(p))
                    .copied()
                    .collect()
            };
            let (met, why) = match &entry.condition {
                EntryCondition::OnSignature => (true, String::new()),
                EntryCondition::Ratifications { count, including } => match count {
                    Amount::Placeholder(blank) => (
                        false,
                        format!("the number of ratifications it needs is left blank: {blank}"),
                    ),
                    Amount::Number(n) => {
                        let absent = missing(including);
                        let enough = self.ratified.len() as u64 >= *n;
                        let why = if !enough {
                            format!(
                                "{} of {}",
                                self.ratified.len(),
                                counted(*n as usize, "ratification", "ratifications")
                            )
                        } else {
                            format!("still waiting for {}", self.names_of(&absent))
                        };
                        (enough && absent.is_empty(), why)
                    }
                },
                EntryCondition::MajorityOfSignatories { including } => {
                    // Only the signatories' ratifications count toward their majority.
                    let signed = if treaty.signatories.is_empty() {
                        &treaty.treaty_parties
                    } else {
                        &treaty.signatories
                    };
                    let of_signatories =
                        self.ratified.iter().filter(|p| signed.contains(p)).count();
                    let signatories = signed.len().max(1);
                    let absent = missing(including);
                    let majority = of_signatories * 2 > signatories;
                    let why = if !majority {
                        format!("{of_signatories} of {signatories} signatories, a majority needed")
                    } else {
                        format!("still waiting for {}", self.names_of(&absent))
                    };
                    (majority && absent.is_empty(), why)
                }
            };
            if met {
                self.in_force_since = Some(self.today);
                self.note(span, cite, "the treaty enters into force".to_string());
                return;
            }
            self.note(span, cite, format!("not yet in force: {why}"));
        }
    }

    /// Whether a State is a party on the story's current day: one of the treaty's parties or
    /// an acceding State, and not gone by a withdrawal that has taken effect.
    fn is_member_now(&self, p: PartyId) -> bool {
        let joined = self.treaty.treaty_parties.contains(&p) || self.acceded.contains(&p);
        let gone = self
            .left
            .iter()
            .any(|(q, day)| *q == p && *day <= self.today);
        joined && !gone
    }

    fn accede(&mut self, name: &Name, span: Span) {
        let Some(p) = self.party(name) else { return };
        let who = self.names_of(&[p]);
        let treaty = self.treaty;
        if self.is_member_now(p) {
            self.note(span, None, format!("{who} is already a party"));
            return;
        }
        let Some((open_to, body, cite)) = treaty.accession.first() else {
            self.note(
                span,
                None,
                format!("{who} cannot accede: the treaty has no accession clause"),
            );
            return;
        };
        let cite = cite.as_ref().map(|c| c.text.clone());
        match body {
            Some(b) => {
                self.body = Some(*b);
                self.convened = true;
                self.present = None;
                self.last = None;
                self.applicant = Some(p);
                let title = treaty
                    .body(*b)
                    .map(|b| b.display_name().to_string())
                    .unwrap_or_default();
                self.note(
                    span,
                    cite,
                    format!("{who} applies to accede (open to {open_to}); the {title} decides"),
                );
            }
            None => {
                self.acceded.push(p);
                self.note(span, cite, format!("{who} accedes (open to {open_to})"));
            }
        }
    }

    fn withdraw(&mut self, name: &Name, span: Span) {
        let Some(p) = self.party(name) else { return };
        let who = self.names_of(&[p]);
        let treaty = self.treaty;
        let clause = treaty
            .withdrawals
            .iter()
            .find(|w| w.by.iter().any(|a| self.fits(p, a.actor.actor)));
        let Some(clause) = clause else {
            self.withdrawals.push((p, false));
            self.note(
                span,
                None,
                format!("{who} may not withdraw: the treaty has no withdrawal clause for it"),
            );
            return;
        };
        let cite = clause.citation.as_ref().map(|c| c.text.clone());
        if let Some(wait) = &clause.after_in_force {
            let served = self
                .in_force_since
                .map(|since| self.today.saturating_sub(since));
            let needed = duration_days(wait);
            if served.is_none_or(|s| needed.is_none_or(|n| s < n)) {
                self.withdrawals.push((p, false));
                self.note(
                    span,
                    cite,
                    format!(
                        "{who} may not withdraw yet: the treaty must first have been in force {}",
                        show_duration(wait)
                    ),
                );
                return;
            }
        }
        for c in &clause.conditions {
            if let Some(judge) = c.judged_by {
                if matches!(judge.actor, ActorRef::Role(Role::Itself)) {
                    self.note(
                        span,
                        cite.clone(),
                        format!("{who} judges for itself that \"{}\"", c.text),
                    );
                }
            }
        }
        let notice = clause
            .notice
            .as_ref()
            .map(|d| format!(", effective {} after its notice", show_duration(d)))
            .unwrap_or_default();
        self.withdrawals.push((p, true));
        let effective = self
            .today
            .saturating_add(clause.notice.as_ref().and_then(duration_days).unwrap_or(0));
        self.left.push((p, effective));
        self.note(span, cite, format!("{who} withdraws{notice}"));
    }

    fn expect_deadline(
        &mut self,
        what: &str,
        within: Option<(u64, crate::ast::TimeUnit)>,
        span: Span,
    ) {
        let found = self.deadlines.iter().find(|(w, ..)| w == what).cloned();
        let expected = match within {
            Some((n, unit)) => format!("deadline \"{what}\" within {n} {}", unit.word(n)),
            None => format!("deadline \"{what}\" passed"),
        };
        let (actual, passed) = match found {
            None => (format!("no deadline \"{what}\" applies"), false),
            Some((_, d, start, _)) => match within {
                Some((n, unit)) => (
                    format!("deadline \"{what}\" within {}", show_duration(&d)),
                    d.amount == Amount::Number(n) && d.unit == unit,
                ),
                None => {
                    let over = duration_days(&d).is_some_and(|n| start + n <= self.today);
                    let actual = match (&d.amount, over) {
                        (Amount::Placeholder(b), _) => {
                            format!("deadline \"{what}\" is left blank: {b}")
                        }
                        (_, true) => format!("deadline \"{what}\" passed"),
                        (_, false) => format!("deadline \"{what}\" still running"),
                    };
                    (actual, over)
                }
            },
        };
        self.check(expected, actual, passed, span);
    }

    fn under(&mut self, name: &Name, span: Span) {
        let treaty = self.treaty;
        match treaty.readings.iter().position(|r| r.id == name.name) {
            Some(i) => {
                self.reading = Some(i);
                if let Some(r) = treaty.readings.get(i) {
                    let cite = r.citation.as_ref().map(|c| c.text.clone());
                    let of = match (&r.principle, &cite) {
                        (Some(p), _) => format!("a reading of `{p}`"),
                        (None, Some(c)) => format!("a reading of {c}"),
                        (None, None) => "a reading".to_string(),
                    };
                    let message = format!("read under `{}`, {of}: {}", r.id, r.description);
                    self.note(span, cite, message);
                }
            }
            None => {
                let known: Vec<&str> = treaty.readings.iter().map(|r| r.id.as_str()).collect();
                self.error(
                    codes::UNKNOWN_NAME,
                    name.span,
                    format!("the treaty defines no reading `{}`", name.name),
                    if known.is_empty() {
                        "declare one with `reading NAME of PRINCIPLE \"...\" { ... }`".into()
                    } else {
                        format!("its readings: {}", known.join(", "))
                    },
                );
            }
        }
    }

    /// The rule a body decides a kind of decision by: the active reading's, which stands in
    /// for the body's own where the text is read that way, else the body's own.
    fn decision_of(&self, body: BodyId, kind: &str) -> Option<&'_ crate::model::DecisionRule> {
        let treaty = self.treaty;
        let read = self
            .reading
            .and_then(|i| treaty.readings.get(i))
            .and_then(|reading| {
                reading
                    .decisions
                    .iter()
                    .find(|(b, d)| *b == body && d.kind == kind)
                    .map(|(_, d)| d)
            });
        read.or_else(|| {
            treaty
                .body(body)
                .and_then(|b| b.decisions.iter().find(|d| d.kind == kind))
        })
    }

    fn request(&mut self, target: &Name, by: &Name, to: Option<&Name>, span: Span) {
        let Some(asker) = self.party(by) else { return };
        let asked = match to {
            Some(n) => match self.party(n) {
                Some(p) => vec![p],
                None => return,
            },
            None => Vec::new(),
        };
        let treaty = self.treaty;
        let procedure = treaty.procedures.iter().position(|p| p.id == target.name);
        let norm = treaty.norms.iter().find(|n| n.id == target.name);
        let (conditions, standards, citation) = match (procedure, norm) {
            (Some(i), _) => {
                let Some(p) = treaty.procedures.get(i) else {
                    return;
                };
                let clause = p
                    .initiated_by
                    .iter()
                    .find(|a| self.fits(asker, a.actor.actor));
                let allowed = p.initiated_by.is_empty() || clause.is_some();
                let citation = clause
                    .and_then(|a| a.citation.as_ref())
                    .or(p.citation.as_ref())
                    .map(|c| c.text.clone());
                let title = p.title.clone().unwrap_or_else(|| p.id.clone());
                if !allowed {
                    let message = format!("{} may not initiate {title}", self.names_of(&[asker]));
                    self.note(span, citation, message);
                    return;
                }
                self.requesting = vec![asker];
                self.requested = asked.clone();
                self.procedure = Some(i);
                let mut participants = vec![asker];
                for actor in &p.participants {
                    participants.extend(self.bound(actor.actor));
                }
                participants.extend(&asked);
                participants.sort();
                participants.dedup();
                self.participants = participants;
                let message = format!("{} initiates {title}", self.names_of(&[asker]));
                self.note(span, citation.clone(), message);
                for d in &p.deadlines {
                    let what = d.what.clone().unwrap_or_else(|| "the procedure".into());
                    let cite = d
                        .citation
                        .as_ref()
                        .or(p.citation.as_ref())
                        .map(|c| c.text.clone());
                    self.deadlines
                        .push((what.clone(), d.within.clone(), self.today, cite.clone()));
                    self.note(
                        span,
                        cite,
                        format!("deadline: \"{what}\" within {}", show_duration(&d.within)),
                    );
                }
                let mut convened = false;
                for (step, cite) in &p.leads_to {
                    let cite = cite.as_ref().map(|c| c.text.clone());
                    let next = match step {
                        crate::model::Step::Body(b) => {
                            treaty.body(*b).map(|b| format!("the {}", b.display_name()))
                        }
                        crate::model::Step::Procedure(q) => treaty
                            .procedures
                            .get(*q as usize)
                            .map(|q| q.title.clone().unwrap_or_else(|| q.id.clone())),
                        crate::model::Step::Decision(b, d) => {
                            let Some(body) = treaty.body(*b) else {
                                continue;
                            };
                            let Some(rule) = body.decisions.get(*d as usize) else {
                                continue;
                            };
                            // The procedure takes the case to that decision: the body meets
                            // for it (the first such step, if the text names several).
                            if !convened {
                                convened = true;
                                self.body = Some(*b);
                                self.convened_for = Some(*d);
                                self.convened = true;
                                self.present = None;
                                self.last = None;
                                let message = format!(
                                    "it leads to the {}, convened to decide `{}`",
                                    body.display_name(),
                                    rule.kind
                                );
                                self.note(span, cite, message);
                                continue;
                            }
                            Some(format!(
                                "the {}, to decide `{}`",
                                body.display_name(),
                                rule.kind
                            ))
                        }
                    };
                    if let Some(next) = next {
                        self.note(span, cite, format!("it may lead to {next}"));
                    }
                }
                (&p.conditions, &p.standards, citation)
            }
            (None, Some(n)) => {
                let statement = n
                    .statements
                    .iter()
                    .find(|st| self.fits(asker, st.actor.actor));
                let Some(statement) = statement else {
                    self.error(
                        codes::WRONG_KIND,
                        by.span,
                        format!("no clause of `{}` is for `{}` to invoke", n.id, by.name),
                        "name a party the clause's subject covers".into(),
                    );
                    return;
                };
                self.requesting = vec![asker];
                self.requested = asked.clone();
                let citation = statement
                    .citation
                    .as_ref()
                    .or(n.citation.as_ref())
                    .map(|c| c.text.clone());
                let deontic = match statement.deontic {
                    crate::ast::Deontic::May => "may",
                    crate::ast::Deontic::Shall => "shall",
                    crate::ast::Deontic::ShallNot => "shall not",
                    crate::ast::Deontic::Will => "will",
                    crate::ast::Deontic::WillNot => "will not",
                };
                let toward = if asked.is_empty() {
                    String::new()
                } else {
                    format!(" (toward {})", self.names_of(&asked))
                };
                let message = format!(
                    "{} invokes its right: {} {deontic} \"{}\"{toward}",
                    self.names_of(&[asker]),
                    treaty.actor_phrase(statement.actor.actor),
                    statement.aim
                );
                self.note(span, citation.clone(), message);
                (&n.conditions, &n.standards, citation)
            }
            (None, None) => {
                self.error(
                    codes::UNKNOWN_NAME,
                    target.span,
                    format!("the treaty has no procedure or right `{}`", target.name),
                    "name a `procedure` or a `norm` of the treaty".into(),
                );
                return;
            }
        };
        self.trigger_judges = Some(Vec::new());
        for c in conditions {
            let cite = c
                .citation
                .as_ref()
                .map(|c| c.text.clone())
                .or_else(|| citation.clone());
            match c.judged_by {
                Some(judge) => {
                    let judges = self.bound(judge.actor);
                    let review = c
                        .reviewed_by
                        .map(|r| format!(", subject to review by {}", treaty.actor_phrase(r.actor)))
                        .unwrap_or_default();
                    let message = if judges.is_empty() {
                        format!(
                            "whether \"{}\" is judged by {}{review}",
                            c.text,
                            treaty.actor_phrase(judge.actor)
                        )
                    } else {
                        format!(
                            "whether \"{}\" is for {} alone to judge{review}",
                            c.text,
                            self.names_of(&judges)
                        )
                    };
                    if c.reviewed_by.is_none() {
                        self.trigger_judges = Some(judges);
                    }
                    self.note(span, cite, message);
                }
                None => self.note(
                    span,
                    cite,
                    format!(
                        "it applies when \"{}\"; the text names no one to judge that",
                        c.text
                    ),
                ),
            }
        }
        for st in standards {
            if st.defined_as.is_none() && st.judged_by.is_none() {
                let cite = st
                    .citation
                    .as_ref()
                    .map(|c| c.text.clone())
                    .or_else(|| citation.clone());
                let message = format!(
                    "\"{}\" is not defined and no one is named to judge it: the text gives no ground to refuse on it",
                    st.term
                );
                self.note(span, cite, message);
            }
        }
    }

    fn join(&mut self, target: &Name, by: &Name, span: Span) {
        let Some(joiner) = self.party(by) else { return };
        let treaty = self.treaty;
        let Some(i) = treaty.procedures.iter().position(|p| p.id == target.name) else {
            self.error(
                codes::UNKNOWN_NAME,
                target.span,
                format!("the treaty has no procedure `{}`", target.name),
                "name a `procedure` of the treaty".into(),
            );
            return;
        };
        let Some(p) = treaty.procedures.get(i) else {
            return;
        };
        let title = p.title.clone().unwrap_or_else(|| p.id.clone());
        if self.procedure != Some(i) {
            self.error(
                codes::WRONG_KIND,
                target.span,
                format!("`{}` joins {title} before anyone has initiated it", by.name),
                format!("add `request {} by PARTY` first", p.id),
            );
            return;
        }
        let clause = p.open_to.iter().find(|a| self.fits(joiner, a.actor.actor));
        let cite = clause
            .and_then(|a| a.citation.as_ref())
            .or(p.citation.as_ref())
            .map(|c| c.text.clone());
        match clause {
            Some(cited) => {
                let actor = cited.actor;
                let message = format!(
                    "{} joins {title} on its own initiative ({} may)",
                    self.names_of(&[joiner]),
                    treaty.actor_phrase(actor.actor)
                );
                if !self.participants.contains(&joiner) {
                    self.participants.push(joiner);
                    self.participants.sort();
                }
                self.note(span, cite, message);
            }
            None => {
                let message = format!("{} may not join {title}", self.names_of(&[joiner]));
                self.note(span, cite, message);
            }
        }
    }

    fn expect_participants(&mut self, include: bool, names: &[Name], span: Span) {
        let Some(ids) = self.parties(names) else {
            return;
        };
        let passed = ids.iter().all(|p| self.participants.contains(p) == include);
        let expected = format!(
            "participants {} {}",
            if include { "include" } else { "exclude" },
            self.names_of(&ids)
        );
        let actual = if self.participants.len() > 6 {
            format!("{} participants", self.participants.len())
        } else if self.participants.is_empty() {
            "no participants".to_string()
        } else {
            format!("participants {}", self.names_of(&self.participants))
        };
        self.check(expected, actual, passed, span);
    }

    fn expect_trigger(&mut self, names: &[Name], span: Span) {
        let Some(mut ids) = self.parties(names) else {
            return;
        };
        ids.sort();
        let expected = format!("trigger judged by {}", self.names_of(&ids));
        let (actual, passed) = match &self.trigger_judges {
            None => ("no request made".to_string(), false),
            Some(judges) if judges.is_empty() => (
                "the trigger is not for any one party to judge".to_string(),
                false,
            ),
            Some(judges) => {
                let mut j = judges.clone();
                j.sort();
                (format!("trigger judged by {}", self.names_of(&j)), j == ids)
            }
        };
        self.check(expected, actual, passed, span);
    }

    fn expect(&mut self, outcome: ExpectedOutcome, blocked_by: Option<&[Name]>, span: Span) {
        let wanted_blockers = match blocked_by {
            Some(names) => match self.parties(names) {
                Some(mut ids) => {
                    ids.sort();
                    Some(ids)
                }
                None => return,
            },
            None => None,
        };
        let mut expected = outcome.as_str().to_string();
        if let Some(ids) = &wanted_blockers {
            expected.push_str(&format!(", blocked by {}", self.names_of(ids)));
        }
        let (actual, passed) = match &self.last {
            None => ("nothing decided yet".to_string(), false),
            Some(last) => {
                let mut actual = last.outcome.as_str().to_string();
                let mut got = last.blocked_by.clone();
                got.sort();
                if !got.is_empty() {
                    actual.push_str(&format!(", blocked by {}", self.blocked_phrase(&got)));
                }
                let passed =
                    last.outcome == outcome && wanted_blockers.as_ref().is_none_or(|w| *w == got);
                (actual, passed)
            }
        };
        self.check(expected, actual, passed, span);
    }
}

fn duration_days(d: &Duration) -> Option<u64> {
    match d.amount {
        Amount::Number(n) => Some(d.unit.days(n)),
        Amount::Placeholder(_) => None,
    }
}

fn show_duration(d: &Duration) -> String {
    match &d.amount {
        Amount::Number(n) => format!("{n} {}", d.unit.word(*n)),
        Amount::Placeholder(blank) => format!("{blank} {}", d.unit.word(2)),
    }
}
