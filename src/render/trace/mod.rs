//! A scenario's trace and expectations in words and as JSON. The evaluator records what
//! happened as data ([`Event`], [`Fact`]) with indices into the treaty; here they get the
//! English a reader sees (parties by name, bodies by title) and, in [`json`], the data a
//! program reads (parties, bodies, procedures and readings by id).

mod json;

pub(super) use json::{event_json, fact_json, Kinded};

use crate::model::{ActorRef, Amount, BodyId, Duration, PartyId, Treaty};
use crate::scenario::{
    DeadlineState, Event, Expectation, Fact, Next, Pending, VoteResult, WithdrawalBar,
};
use crate::wording::{and_list, by_number, counted};

/// Lists longer than this are counted rather than named.
const NAMED_AT_MOST: usize = 6;

fn names(t: &Treaty, ids: &[PartyId]) -> String {
    and_list(&t.party_names(ids))
}

/// Names a few parties, counts many: `Belarus`, `19 members`.
fn few(t: &Treaty, ids: &[PartyId], noun: &str) -> String {
    if ids.len() > NAMED_AT_MOST {
        format!("{} {noun}", ids.len())
    } else {
        names(t, ids)
    }
}

fn title(t: &Treaty, body: BodyId) -> &str {
    t.body(body).map_or("body", |b| b.display_name())
}

fn procedure_title(t: &Treaty, index: u32) -> String {
    t.procedure(index)
        .map(|p| p.title.clone().unwrap_or_else(|| p.id.clone()))
        .unwrap_or_default()
}

fn duration(d: &Duration) -> String {
    match &d.amount {
        Amount::Number(n) => format!("{n} {}", d.unit.word(*n)),
        Amount::Placeholder(blank) => format!("{blank} {}", d.unit.word(2)),
    }
}

fn deontic(d: crate::model::Deontic) -> &'static str {
    use crate::model::Deontic;
    match d {
        Deontic::May => "may",
        Deontic::Shall => "shall",
        Deontic::ShallNot => "shall not",
        Deontic::Will => "will",
        Deontic::WillNot => "will not",
    }
}

/// One trace line in English, as `treaty run --trace` prints it.
pub fn describe(event: &Event, t: &Treaty) -> String {
    let who = |p: &PartyId| names(t, std::slice::from_ref(p));
    let actor = |a: &ActorRef| t.actor_phrase(*a);
    match event {
        Event::Reading { reading } => match t.readings.get(*reading) {
            Some(r) => {
                let of = match (&r.principle, &r.citation) {
                    (Some(p), _) => format!("a reading of `{p}`"),
                    (None, Some(c)) => format!("a reading of {}", c.text),
                    (None, None) => "a reading".to_string(),
                };
                format!("read under `{}`, {of}: {}", r.id, r.description)
            }
            None => "read under a reading".to_string(),
        },
        Event::Attack {
            aggressor,
            attacked,
        } => {
            let (a, v) = (who(aggressor), who(attacked));
            format!("{a} attacks {v}: {a} is the aggressor, {v} the attacked Party")
        }
        Event::Dispute { parties } => {
            format!("{} are the parties to a dispute", names(t, parties))
        }
        Event::Accused { party } => format!("{} is the accused Party", who(party)),
        Event::TimePasses { amount, unit } => {
            let verb = if *amount == 1 { "passes" } else { "pass" };
            format!("{amount} {} {verb}", unit.word(*amount))
        }
        Event::EntersIntoForce { day } => format!("the treaty enters into force (day {day})"),
        Event::DeadlinePassed { what, within } => {
            format!(
                "the deadline for \"{what}\" ({}) has passed",
                duration(within)
            )
        }
        Event::MeetsUnregulated { body } => format!(
            "the {} meets (the treaty says nothing on who convenes it)",
            title(t, *body)
        ),
        Event::Convened {
            body,
            by,
            convener,
            on_request_of,
        } => {
            let request = match on_request_of {
                Some((requester, p)) => {
                    format!(" on request of {} ({})", actor(requester), who(p))
                }
                None => String::new(),
            };
            let title = title(t, *body);
            match by {
                Some(p) => format!(
                    "{} convenes the {title}{request} ({} may)",
                    who(p),
                    actor(convener)
                ),
                None => format!("{} convenes the {title}{request}", actor(convener)),
            }
        }
        Event::CallUnsupported {
            body,
            support,
            needed,
        } => format!(
            "the {} is not convened: the call has the support of {}, and {needed} is needed",
            title(t, *body),
            counted(*support, "member", "members")
        ),
        Event::ConvenerNotEntitled { body, may_convene } => {
            let rules: Vec<String> = may_convene
                .iter()
                .map(|c| match &c.on_request_of {
                    Some(r) => format!("{} on request of {}", actor(&c.by), actor(r)),
                    None => actor(&c.by),
                })
                .collect();
            format!(
                "the {} is not convened: only {} may convene it",
                title(t, *body),
                rules.join(", or ")
            )
        }
        Event::Attendance {
            body: _,
            members,
            present,
            absent,
            quorum,
        } => {
            let away = match absent.len() {
                0 => String::new(),
                1..=NAMED_AT_MOST => format!(" (absent: {})", names(t, absent)),
                k => format!(" ({k} absent)"),
            };
            let quorum = quorum
                .map(|need| format!("; the quorum needs {need}"))
                .unwrap_or_default();
            format!(
                "{present} of {} {}{away}{quorum}",
                counted(*members, "member", "members"),
                by_number(*present, "attends", "attend")
            )
        }
        Event::NoVote { body, decision } => format!(
            "no vote on `{decision}`: the {} was not convened",
            title(t, *body)
        ),
        Event::Vote {
            body,
            decision,
            rule,
            yes,
            no,
            abstaining,
            against,
            not_counted,
            result,
        } => {
            let against = if against.is_empty() || against.len() > NAMED_AT_MOST {
                String::new()
            } else {
                format!(" ({})", names(t, against))
            };
            let not_counted = match not_counted.len() {
                0 => String::new(),
                1 => format!("; {}'s vote does not count", names(t, not_counted)),
                _ => format!("; the votes of {} do not count", names(t, not_counted)),
            };
            let verdict = match result {
                VoteResult::Adopted => "adopted".to_string(),
                VoteResult::Rejected { blocked_by } => {
                    format!("rejected, blocked by {}", few(t, blocked_by, "members"))
                }
                VoteResult::NotQuorate { present, needed } => {
                    format!("not quorate: {present} present, {needed} needed")
                }
            };
            format!(
                "the {} votes on `{decision}` by {rule}: {yes} yes, {no} no{against}, \
                 {abstaining} abstaining{not_counted}: {verdict}",
                title(t, *body)
            )
        }
        Event::Fallback { text } => format!("failing that: {text}"),
        Event::Ratified { parties, deposited } => format!(
            "{} {}: {} deposited",
            few(t, parties, "parties"),
            by_number(parties.len(), "ratifies", "ratify"),
            counted(*deposited, "ratification", "ratifications")
        ),
        Event::EntryConditionMet {
            day,
            delay,
            not_before,
        } => {
            let mut why = Vec::new();
            if let Some(d) = delay {
                why.push(format!("{} after the condition is met", duration(d)));
            }
            if let Some(d) = not_before {
                why.push(format!(
                    "not earlier than {} after opening for signature",
                    duration(d)
                ));
            }
            if why.is_empty() {
                "the treaty enters into force".to_string()
            } else {
                format!(
                    "the condition is met: the treaty enters into force on day {day} ({})",
                    why.join("; ")
                )
            }
        }
        Event::NotYetInForce { pending } => {
            let why = match pending {
                Pending::CountLeftBlank(blank) => {
                    format!("the number of ratifications it needs is left blank: {blank}")
                }
                Pending::Ratifications { deposited, needed } => format!(
                    "{deposited} of {}",
                    counted(
                        usize::try_from(*needed).unwrap_or(usize::MAX),
                        "ratification",
                        "ratifications"
                    )
                ),
                Pending::WaitingFor(parties) => format!("still waiting for {}", names(t, parties)),
                Pending::UnreadableRule => "its rule could not be read".to_string(),
                Pending::RuleNotMet {
                    ratified,
                    members,
                    rule,
                } => format!(
                    "{ratified} of {members} {}, and {rule} needs more",
                    by_number(*ratified, "has ratified", "have ratified")
                ),
                Pending::SignatoryMajority {
                    ratified,
                    signatories,
                } => format!("{ratified} of {signatories} signatories, a majority needed"),
            };
            format!("not yet in force: {why}")
        }
        Event::AlreadyParty { party } => format!("{} is already a party", who(party)),
        Event::NoAccessionClause { party } => format!(
            "{} cannot accede: the treaty has no accession clause",
            who(party)
        ),
        Event::AppliesToAccede {
            party,
            open_to,
            body,
        } => format!(
            "{} applies to accede (open to {open_to}); the {} decides",
            who(party),
            title(t, *body)
        ),
        Event::Accedes { party, open_to } => match open_to {
            Some(open_to) => format!("{} accedes (open to {open_to})", who(party)),
            None => format!("{} accedes", who(party)),
        },
        Event::AccessionRefused { party } => format!("{} does not accede", who(party)),
        Event::WithdrawalRefused { party, bar } => match bar {
            WithdrawalBar::NoClause => format!(
                "{} may not withdraw: the treaty has no withdrawal clause for it",
                who(party)
            ),
            WithdrawalBar::InForceTooShort(wait) => format!(
                "{} may not withdraw yet: the treaty must first have been in force {}",
                who(party),
                duration(wait)
            ),
        },
        Event::JudgesForItself { party, condition } => {
            format!("{} judges for itself that \"{condition}\"", who(party))
        }
        Event::Withdraws {
            party,
            notice,
            effective: _,
        } => match notice {
            Some(d) => format!(
                "{} withdraws, effective {} after its notice",
                who(party),
                duration(d)
            ),
            None => format!("{} withdraws", who(party)),
        },
        Event::MayNotInitiate { party, procedure } => format!(
            "{} may not initiate {}",
            who(party),
            procedure_title(t, *procedure)
        ),
        Event::Initiates { party, procedure } => format!(
            "{} initiates {}",
            who(party),
            procedure_title(t, *procedure)
        ),
        Event::DeadlineSet { what, within } => {
            format!("deadline: \"{what}\" within {}", duration(within))
        }
        Event::ConvenedToDecide { body, decision } => format!(
            "it leads to the {}, convened to decide `{decision}`",
            title(t, *body)
        ),
        Event::MayLeadTo { next } => {
            let next = match next {
                Next::Body(b) => format!("the {}", title(t, *b)),
                Next::Procedure(p) => procedure_title(t, *p),
                Next::Decision { body, decision } => {
                    format!("the {}, to decide `{decision}`", title(t, *body))
                }
            };
            format!("it may lead to {next}")
        }
        Event::InvokesRight {
            party,
            holder,
            deontic: d,
            aim,
            toward,
        } => {
            let toward = if toward.is_empty() {
                String::new()
            } else {
                format!(" (toward {})", names(t, toward))
            };
            format!(
                "{} invokes its right: {} {} \"{aim}\"{toward}",
                who(party),
                actor(holder),
                deontic(*d)
            )
        }
        Event::ConditionJudged {
            condition,
            judge,
            judges,
            review,
        } => {
            let review = review
                .map(|r| format!(", subject to review by {}", actor(&r)))
                .unwrap_or_default();
            if judges.is_empty() {
                format!(
                    "whether \"{condition}\" is judged by {}{review}",
                    actor(judge)
                )
            } else {
                format!(
                    "whether \"{condition}\" is for {} alone to judge{review}",
                    names(t, judges)
                )
            }
        }
        Event::ConditionUnjudged { condition } => {
            format!("it applies when \"{condition}\"; the text names no one to judge that")
        }
        Event::UndefinedStandard { term } => format!(
            "\"{term}\" is not defined and no one is named to judge it: the text gives no \
             ground to refuse on it"
        ),
        Event::Joins {
            party,
            procedure,
            capacity,
        } => format!(
            "{} joins {} on its own initiative ({} may)",
            who(party),
            procedure_title(t, *procedure),
            actor(capacity)
        ),
        Event::MayNotJoin { party, procedure } => format!(
            "{} may not join {}",
            who(party),
            procedure_title(t, *procedure)
        ),
    }
}

/// An expectation's two sides in English, expected then actual: `rejected, blocked by
/// Belarus`, `in force`. What the script states is repeated as written; a long list of
/// blockers the story gave is counted (`blocked by 19 members`).
pub fn describe_expectation(e: &Expectation, t: &Treaty) -> (String, String) {
    (fact(&e.expected, t, true), fact(&e.actual, t, false))
}

fn fact(fact: &Fact, t: &Treaty, as_written: bool) -> String {
    let who = |p: &PartyId| names(t, std::slice::from_ref(p));
    match fact {
        Fact::Decision {
            outcome,
            blocked_by: Some(ids),
        } if !ids.is_empty() => {
            let blockers = if as_written {
                names(t, ids)
            } else {
                few(t, ids, "members")
            };
            format!("{}, blocked by {blockers}", outcome.as_str())
        }
        Fact::Decision { outcome, .. } => outcome.as_str().to_string(),
        Fact::NothingDecided => "nothing decided yet".to_string(),
        Fact::ParticipantsInclude { include, parties } => format!(
            "participants {} {}",
            if *include { "include" } else { "exclude" },
            names(t, parties)
        ),
        Fact::Participants(parties) => match parties.len() {
            0 => "no participants".to_string(),
            1..=NAMED_AT_MOST => format!("participants {}", names(t, parties)),
            n => format!("{n} participants"),
        },
        Fact::TriggerJudgedBy(parties) => format!("trigger judged by {}", names(t, parties)),
        Fact::TriggerForNoOne => "the trigger is not for any one party to judge".to_string(),
        Fact::NoRequest => "no request made".to_string(),
        Fact::IsParty { party, is: true } => format!("{} is a party", who(party)),
        Fact::IsParty { party, is: false } => format!("{} is not a party", who(party)),
        Fact::InForce(true) => "in force".to_string(),
        Fact::InForce(false) => "not in force".to_string(),
        Fact::InForceFrom(Some(day)) => format!("in force from day {day}"),
        Fact::InForceFrom(None) => "not in force on any day yet".to_string(),
        Fact::MayWithdraw { party, may: true } => format!("{} may withdraw", who(party)),
        Fact::MayWithdraw { party, may: false } => format!("{} may not withdraw", who(party)),
        Fact::NotTriedToWithdraw { party } => {
            format!("{} has not tried to withdraw", who(party))
        }
        Fact::Deadline { what, state } => match state {
            DeadlineState::Within(d) => format!("deadline \"{what}\" within {}", duration(d)),
            DeadlineState::Passed => format!("deadline \"{what}\" passed"),
            DeadlineState::Running => format!("deadline \"{what}\" still running"),
            DeadlineState::LeftBlank(blank) => {
                format!("deadline \"{what}\" is left blank: {blank}")
            }
            DeadlineState::NotApplied => format!("no deadline \"{what}\" applies"),
        },
    }
}
