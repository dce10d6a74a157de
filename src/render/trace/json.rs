//! Trace events and expectation facts as JSON for `treaty run --format json`: `kind` first,
//! then the event's parts, with parties, bodies, procedures and readings by their ids.

use crate::model::{ActorRef, Amount, BodyId, Duration, PartyId, Treaty};
use crate::scenario::{DeadlineState, Event, Fact, Next, Pending, VoteResult, WithdrawalBar};
use serde::Serialize;
use serde_json::{json, Map, Value};

fn party_json(t: &Treaty, p: PartyId) -> Value {
    t.party(p).map_or(Value::Null, |p| json!(p.id))
}

fn parties_json(t: &Treaty, ids: &[PartyId]) -> Value {
    Value::Array(ids.iter().map(|p| party_json(t, *p)).collect())
}

fn body_json(t: &Treaty, b: BodyId) -> Value {
    t.body(b).map_or(Value::Null, |b| json!(b.id))
}

fn procedure_json(t: &Treaty, index: u32) -> Value {
    t.procedure(index).map_or(Value::Null, |p| json!(p.id))
}

/// An actor as the clause names it: a role, or a party, class or body by id.
fn actor_json(t: &Treaty, a: ActorRef) -> Value {
    match a {
        ActorRef::Role(role) => json!({ "role": role }),
        ActorRef::Party(p) => json!({ "party": party_json(t, p) }),
        ActorRef::Class(c) => json!({ "class": t.class(c).map(|c| c.id.as_str()) }),
        ActorRef::Body(b) => json!({ "body": body_json(t, b) }),
    }
}

/// A length of time as the text gives it: a number, or the blank a draft leaves.
fn duration_json(d: &Duration) -> Value {
    match &d.amount {
        Amount::Number(n) => json!({ "amount": n, "unit": d.unit }),
        Amount::Placeholder(blank) => json!({ "blank": blank, "unit": d.unit }),
    }
}

/// An event or a fact in JSON: `kind` first, then its fields (in the order of their names,
/// as `serde_json` keeps them). A part an event lacks (`null` where it was built) is left
/// out rather than written as `null`.
#[derive(Serialize)]
pub(in crate::render) struct Kinded {
    kind: String,
    #[serde(flatten)]
    fields: Map<String, Value>,
}

impl From<Value> for Kinded {
    fn from(value: Value) -> Self {
        let mut fields = match without_nulls(value) {
            Value::Object(fields) => fields,
            _ => Map::new(),
        };
        let kind = match fields.remove("kind") {
            Some(Value::String(kind)) => kind,
            _ => String::new(),
        };
        Kinded { kind, fields }
    }
}

/// `value` with every object's `null` fields left out, at any depth.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// The data of one trace line: `kind` names the event, the other fields are its parts,
/// parties, bodies and procedures by their ids.
pub(in crate::render) fn event_json(event: &Event, t: &Treaty) -> Kinded {
    event_fields(event, t).into()
}

fn event_fields(event: &Event, t: &Treaty) -> Value {
    let party = |p: &PartyId| party_json(t, *p);
    let parties = |ids: &[PartyId]| parties_json(t, ids);
    let body = |b: &BodyId| body_json(t, *b);
    let actor = |a: &ActorRef| actor_json(t, *a);
    match event {
        Event::Reading { reading } => json!({
            "kind": "reading",
            "reading": t.readings.get(*reading).map(|r| r.id.as_str()),
        }),
        Event::Attack {
            aggressor,
            attacked,
        } => {
            json!({ "kind": "attack", "aggressor": party(aggressor), "attacked": party(attacked) })
        }
        Event::Dispute { parties: ids } => json!({ "kind": "dispute", "parties": parties(ids) }),
        Event::Accused { party: p } => json!({ "kind": "accused", "party": party(p) }),
        Event::TimePasses { amount, unit } => {
            json!({ "kind": "time-passes", "amount": amount, "unit": unit })
        }
        Event::EntersIntoForce { day } => json!({ "kind": "enters-into-force", "day": day }),
        Event::DeadlinePassed { what, within } => json!({
            "kind": "deadline-passed", "what": what, "within": duration_json(within),
        }),
        Event::MeetsUnregulated { body: b } => {
            json!({ "kind": "meets-unregulated", "body": body(b) })
        }
        Event::Convened {
            body: b,
            by,
            convener,
            on_request_of,
        } => {
            let request = on_request_of
                .as_ref()
                .map(|(requester, p)| json!({ "as": actor(requester), "party": party(p) }));
            json!({
                "kind": "convened", "body": body(b), "convener": actor(convener),
                "by": by.as_ref().map(party), "on_request_of": request,
            })
        }
        Event::CallUnsupported {
            body: b,
            support,
            needed,
        } => json!({
            "kind": "call-unsupported", "body": body(b), "support": support,
            "needed": needed.to_string(),
        }),
        Event::ConvenerNotEntitled {
            body: b,
            may_convene,
        } => {
            let conveners: Vec<Value> = may_convene
                .iter()
                .map(|c| json!({ "by": actor(&c.by), "on_request_of": c.on_request_of.as_ref().map(actor) }))
                .collect();
            json!({ "kind": "convener-not-entitled", "body": body(b), "may_convene": conveners })
        }
        Event::Attendance {
            body: b,
            members,
            present,
            absent,
            quorum,
        } => {
            json!({
                "kind": "attendance", "body": body(b), "members": members, "present": present,
                "absent": parties(absent), "quorum": quorum,
            })
        }
        Event::NoVote { body: b, decision } => {
            json!({ "kind": "no-vote", "body": body(b), "decision": decision })
        }
        Event::Vote {
            body: b,
            decision,
            rule,
            yes,
            no,
            abstaining,
            against,
            not_counted,
            result,
        } => {
            let result = match result {
                VoteResult::Adopted => json!({ "outcome": "adopted" }),
                VoteResult::Rejected { blocked_by } => {
                    json!({ "outcome": "rejected", "blocked_by": parties(blocked_by) })
                }
                VoteResult::NotQuorate { present, needed } => {
                    json!({ "outcome": "not-quorate", "present": present, "needed": needed })
                }
            };
            json!({
                "kind": "vote", "body": body(b), "decision": decision, "rule": rule.to_string(),
                "yes": yes, "no": no, "abstaining": abstaining, "against": parties(against),
                "not_counted": parties(not_counted), "result": result,
            })
        }
        Event::Fallback { text } => json!({ "kind": "fallback", "text": text }),
        Event::Ratified {
            parties: ids,
            deposited,
        } => json!({ "kind": "ratified", "parties": parties(ids), "deposited": deposited }),
        Event::EntryConditionMet {
            day,
            delay,
            not_before,
        } => {
            json!({
                "kind": "entry-condition-met", "day": day,
                "delay": delay.as_ref().map(duration_json),
                "not_before": not_before.as_ref().map(duration_json),
            })
        }
        Event::NotYetInForce { pending } => {
            let pending = match pending {
                Pending::CountLeftBlank(blank) => {
                    json!({ "reason": "count-left-blank", "blank": blank })
                }
                Pending::Ratifications { deposited, needed } => json!({
                    "reason": "ratifications", "deposited": deposited, "needed": needed,
                }),
                Pending::WaitingFor(ids) => {
                    json!({ "reason": "waiting-for", "parties": parties(ids) })
                }
                Pending::UnreadableRule => json!({ "reason": "unreadable-rule" }),
                Pending::RuleNotMet {
                    ratified,
                    members,
                    rule,
                } => json!({
                    "reason": "rule-not-met", "ratified": ratified, "members": members,
                    "rule": rule.to_string(),
                }),
                Pending::SignatoryMajority {
                    ratified,
                    signatories,
                } => json!({
                    "reason": "signatory-majority", "ratified": ratified,
                    "signatories": signatories,
                }),
            };
            json!({ "kind": "not-yet-in-force", "pending": pending })
        }
        Event::AlreadyParty { party: p } => json!({ "kind": "already-party", "party": party(p) }),
        Event::NoAccessionClause { party: p } => {
            json!({ "kind": "no-accession-clause", "party": party(p) })
        }
        Event::AppliesToAccede {
            party: p,
            open_to,
            body: b,
        } => json!({
            "kind": "applies-to-accede", "party": party(p), "open_to": open_to, "body": body(b),
        }),
        Event::Accedes { party: p, open_to } => {
            json!({ "kind": "accedes", "party": party(p), "open_to": open_to })
        }
        Event::AccessionRefused { party: p } => {
            json!({ "kind": "accession-refused", "party": party(p) })
        }
        Event::WithdrawalRefused { party: p, bar } => {
            let (reason, wait) = match bar {
                WithdrawalBar::NoClause => ("no-clause", None),
                WithdrawalBar::InForceTooShort(wait) => ("in-force-too-short", Some(wait)),
            };
            json!({
                "kind": "withdrawal-refused", "party": party(p), "reason": reason,
                "in_force_for": wait.map(duration_json),
            })
        }
        Event::JudgesForItself {
            party: p,
            condition,
        } => json!({ "kind": "judges-for-itself", "party": party(p), "condition": condition }),
        Event::Withdraws {
            party: p,
            notice,
            effective,
        } => {
            json!({
                "kind": "withdraws", "party": party(p), "effective": effective,
                "notice": notice.as_ref().map(duration_json),
            })
        }
        Event::MayNotInitiate {
            party: p,
            procedure,
        } => json!({
            "kind": "may-not-initiate", "party": party(p),
            "procedure": procedure_json(t, *procedure),
        }),
        Event::Initiates {
            party: p,
            procedure,
        } => json!({
            "kind": "initiates", "party": party(p), "procedure": procedure_json(t, *procedure),
        }),
        Event::DeadlineSet { what, within } => json!({
            "kind": "deadline-set", "what": what, "within": duration_json(within),
        }),
        Event::ConvenedToDecide { body: b, decision } => {
            json!({ "kind": "convened-to-decide", "body": body(b), "decision": decision })
        }
        Event::MayLeadTo { next } => {
            let next = match next {
                Next::Body(b) => json!({ "body": body(b) }),
                Next::Procedure(p) => json!({ "procedure": procedure_json(t, *p) }),
                Next::Decision { body: b, decision } => {
                    json!({ "body": body(b), "decision": decision })
                }
            };
            json!({ "kind": "may-lead-to", "next": next })
        }
        Event::InvokesRight {
            party: p,
            holder,
            deontic,
            aim,
            toward,
        } => json!({
            "kind": "invokes-right", "party": party(p), "holder": actor(holder),
            "deontic": deontic, "aim": aim, "toward": parties(toward),
        }),
        Event::ConditionJudged {
            condition,
            judge,
            judges,
            review,
        } => {
            json!({
                "kind": "condition-judged", "condition": condition, "judge": actor(judge),
                "judges": parties(judges), "review": review.as_ref().map(actor),
            })
        }
        Event::ConditionUnjudged { condition } => {
            json!({ "kind": "condition-unjudged", "condition": condition })
        }
        Event::UndefinedStandard { term } => json!({ "kind": "undefined-standard", "term": term }),
        Event::Joins {
            party: p,
            procedure,
            capacity,
        } => json!({
            "kind": "joins", "party": party(p), "procedure": procedure_json(t, *procedure),
            "as": actor(capacity),
        }),
        Event::MayNotJoin {
            party: p,
            procedure,
        } => json!({
            "kind": "may-not-join", "party": party(p), "procedure": procedure_json(t, *procedure),
        }),
    }
}

/// The data of one side of an expectation, as [`event_json`] gives an event's.
pub(in crate::render) fn fact_json(fact: &Fact, t: &Treaty) -> Kinded {
    fact_fields(fact, t).into()
}

fn fact_fields(fact: &Fact, t: &Treaty) -> Value {
    let party = |p: &PartyId| party_json(t, *p);
    let parties = |ids: &[PartyId]| parties_json(t, ids);
    match fact {
        Fact::Decision {
            outcome,
            blocked_by,
        } => {
            json!({
                "kind": "decision", "outcome": outcome,
                "blocked_by": blocked_by.as_deref().map(parties),
            })
        }
        Fact::NothingDecided => json!({ "kind": "nothing-decided" }),
        Fact::ParticipantsInclude {
            include,
            parties: ids,
        } => json!({
            "kind": "participants-include", "include": include, "parties": parties(ids),
        }),
        Fact::Participants(ids) => json!({ "kind": "participants", "parties": parties(ids) }),
        Fact::TriggerJudgedBy(ids) => {
            json!({ "kind": "trigger-judged-by", "parties": parties(ids) })
        }
        Fact::TriggerForNoOne => json!({ "kind": "trigger-for-no-one" }),
        Fact::NoRequest => json!({ "kind": "no-request" }),
        Fact::IsParty { party: p, is } => {
            json!({ "kind": "is-party", "party": party(p), "is": is })
        }
        Fact::InForce(in_force) => json!({ "kind": "in-force", "in_force": in_force }),
        Fact::InForceFrom(day) => json!({ "kind": "in-force-from", "day": day }),
        Fact::MayWithdraw { party: p, may } => {
            json!({ "kind": "may-withdraw", "party": party(p), "may": may })
        }
        Fact::NotTriedToWithdraw { party: p } => {
            json!({ "kind": "not-tried-to-withdraw", "party": party(p) })
        }
        Fact::Deadline { what, state } => {
            let (state, within, blank) = match state {
                DeadlineState::Within(d) => ("within", Some(duration_json(d)), None),
                DeadlineState::Passed => ("passed", None, None),
                DeadlineState::Running => ("running", None, None),
                DeadlineState::LeftBlank(blank) => ("left-blank", None, Some(blank)),
                DeadlineState::NotApplied => ("not-applied", None, None),
            };
            json!({
                "kind": "deadline", "what": what, "state": state, "within": within, "blank": blank,
            })
        }
    }
}
