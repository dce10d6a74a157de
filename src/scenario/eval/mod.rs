//! Plays a scenario against a treaty's Model, step by step, with the evaluation core
//! ([`crate::decision`]) deciding every vote. Each step leaves a line in the trace citing the
//! article it applied; a step that names something the treaty does not have is an error
//! with a span, never a guess.

mod meeting;
mod membership;
mod requests;
mod voting;

use super::{
    Attendance, Convener, DeadlineState, Event, ExpectedOutcome, Fact, Name, Next, Pending,
    Scenario, Step, VoteResult, WithdrawalBar,
};
use crate::decision::{decide, Outcome as VoteOutcome, Vote};
use crate::diagnostic::{codes, Diagnostic};
use crate::model::{
    ActorRef, Amount, Body, BodyId, Duration, EntryCondition, PartyId, Role, Treaty,
};
use crate::source::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Fail,
    Error,
}

/// One line of the trace: what happened and the article that made it so (as the treaty
/// cites it: `article 8`).
#[derive(Debug, Clone)]
pub struct TraceStep {
    pub event: Event,
    pub citation: Option<String>,
    pub span: Span,
}

/// An `expect` step: what it states, what the story gave, and whether they agree.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub expected: Fact,
    pub actual: Fact,
    pub passed: bool,
    /// How many trace lines preceded it.
    pub after_step: usize,
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
    fn note(&mut self, span: Span, citation: Option<String>, event: Event) {
        self.trace.push(TraceStep {
            event,
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
            let ids = self.treaty.parties.iter().map(|p| p.id.as_str());
            // Bounded: a party list has at most a few thousand short ids.
            let mut budget = 1_000_000;
            let help = match crate::spelling::closest(&name.name, ids, &mut budget) {
                Some(id) => format!("did you mean `{id}`? Parties are named by their ids"),
                None => match self.treaty.parties.first() {
                    Some(p) => format!(
                        "use a party id from the treaty's party list, such as `{}`",
                        p.id
                    ),
                    None => "the treaty declares no parties".to_string(),
                },
            };
            self.error(
                codes::UNKNOWN_NAME,
                name.span,
                format!("the treaty has no party `{}`", name.name),
                help,
            );
        }
        found
    }

    fn parties(&mut self, names: &[Name]) -> Option<Vec<PartyId>> {
        names.iter().map(|n| self.party(n)).collect()
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
                let event = Event::Attack {
                    aggressor: a,
                    attacked: v,
                };
                self.note(span, None, event);
            }
            Step::Dispute(names) => {
                let Some(ids) = self.parties(names) else {
                    return;
                };
                self.dispute = ids.clone();
                self.note(span, None, Event::Dispute { parties: ids });
            }
            Step::Accuse(name) => {
                let Some(p) = self.party(name) else { return };
                self.accused = vec![p];
                self.note(span, None, Event::Accused { party: p });
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
                let event = Event::TimePasses {
                    amount: *amount,
                    unit: *unit,
                };
                self.note(span, None, event);
                let expired: Vec<(String, Duration, Option<String>)> = self
                    .deadlines
                    .iter()
                    .filter(|(_, d, start, _)| {
                        duration_days(d)
                            .is_some_and(|n| start + n > before && start + n <= self.today)
                    })
                    .map(|(w, d, _, c)| (w.clone(), d.clone(), c.clone()))
                    .collect();
                if let Some(day) = self
                    .in_force_since
                    .filter(|&d| d > before && d <= self.today)
                {
                    let cite = self
                        .treaty
                        .entry_into_force
                        .first()
                        .and_then(|e| e.citation.as_ref())
                        .map(|c| c.text.clone());
                    self.note(span, cite, Event::EntersIntoForce { day });
                }
                for (what, within, cite) in expired {
                    self.note(span, cite, Event::DeadlinePassed { what, within });
                }
            }
            Step::ExpectDeadline { what, within } => self.expect_deadline(what, *within, span),
            Step::Withdraw(name) => self.withdraw(name, span),
            Step::Accede(name) => self.accede(name, span),
            Step::ExpectParty { party, is } => {
                let Some(p) = self.party(party) else { return };
                let actual = self.is_member_now(p);
                let say = |is| Fact::IsParty { party: p, is };
                self.check(say(*is), say(actual), actual == *is, span);
            }
            Step::ExpectInForce(wanted) => {
                let actual = self.in_force();
                let passed = actual == *wanted;
                self.check(Fact::InForce(*wanted), Fact::InForce(actual), passed, span);
            }
            Step::ExpectInForceFrom(day) => {
                let actual = self.in_force_since;
                self.check(
                    Fact::InForceFrom(Some(*day)),
                    Fact::InForceFrom(actual),
                    actual == Some(*day),
                    span,
                );
            }
            Step::ExpectMayWithdraw { party, may } => {
                let Some(p) = self.party(party) else { return };
                let attempt = self.withdrawals.iter().rev().find(|(q, _)| *q == p);
                let say = |may| Fact::MayWithdraw { party: p, may };
                let (actual, passed) = match attempt {
                    Some((_, allowed)) => (say(*allowed), allowed == may),
                    None => (Fact::NotTriedToWithdraw { party: p }, false),
                };
                self.check(say(*may), actual, passed, span);
            }
        }
    }

    /// Whether the treaty is in force on the story's current day.
    fn in_force(&self) -> bool {
        self.in_force_since.is_some_and(|d| d <= self.today)
    }

    /// Records an expectation's result against the trace so far.
    fn check(&mut self, expected: Fact, actual: Fact, passed: bool, span: Span) {
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
        let (actual, passed) = match &self.last {
            None => (Fact::NothingDecided, false),
            Some(last) => {
                let mut got = last.blocked_by.clone();
                got.sort();
                let passed =
                    last.outcome == outcome && wanted_blockers.as_ref().is_none_or(|w| *w == got);
                let actual = Fact::Decision {
                    outcome: last.outcome,
                    blocked_by: Some(got),
                };
                (actual, passed)
            }
        };
        let expected = Fact::Decision {
            outcome,
            blocked_by: wanted_blockers,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// The trace is data: the vote's parts and the blocking party, by index, no words.
    #[test]
    fn a_scenario_records_a_blocked_vote_as_data() {
        let treaty = crate::testing::resolved(
            "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n\
             body council { members all parties\n decides budget by unanimity of members }\n",
        );
        let script = "scenario \"s\" {\n  treaty \"t.treaty\"\n  vote budget no B\n  \
                      expect rejected blocked by B\n}\n";
        let (scenarios, errors) = crate::scenario::parse(FileId(0), script);
        assert!(errors.is_empty(), "{errors:?}");
        let outcome = run(&scenarios[0], &treaty);
        assert_eq!(outcome.status, Status::Pass, "{outcome:?}");
        let Event::Vote {
            body,
            yes,
            no,
            against,
            result,
            ..
        } = &outcome.trace[0].event
        else {
            panic!("{:?}", outcome.trace);
        };
        assert_eq!((*body, *yes, *no), (BodyId(0), 1, 1));
        assert_eq!(against, &[PartyId(1)]);
        assert_eq!(
            result,
            &VoteResult::Rejected {
                blocked_by: vec![PartyId(1)]
            }
        );
        assert_eq!(
            outcome.expectations[0].actual,
            Fact::Decision {
                outcome: ExpectedOutcome::Rejected,
                blocked_by: Some(vec![PartyId(1)]),
            }
        );
    }
}
