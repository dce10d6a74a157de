//! Who is a party: ratification, accession, withdrawal and their deadlines.

use super::*;

impl State<'_> {
    pub(super) fn ratify(&mut self, who: &crate::scenario::Ratifying, span: Span) {
        let new: Vec<PartyId> = match who {
            crate::scenario::Ratifying::Named(names) => match self.parties(names) {
                Some(ids) => ids,
                None => return,
            },
            crate::scenario::Ratifying::Count(n) => {
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
        let event = Event::Ratified {
            parties: new,
            deposited: self.ratified.len(),
        };
        self.note(span, None, event);
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
            // What the condition still waits for; `None` once it is met.
            let pending = match &entry.condition {
                EntryCondition::OnSignature => None,
                EntryCondition::Ratifications { count, including } => match count {
                    Amount::Placeholder(blank) => Some(Pending::CountLeftBlank(blank.clone())),
                    Amount::Number(n) => {
                        let absent = missing(including);
                        if (self.ratified.len() as u64) < *n {
                            Some(Pending::Ratifications {
                                deposited: self.ratified.len(),
                                needed: *n,
                            })
                        } else {
                            (!absent.is_empty()).then_some(Pending::WaitingFor(absent))
                        }
                    }
                },
                EntryCondition::Ratification { required } => {
                    // The rule decides as a body's rule does: each State that ratified is a
                    // yes, each that did not is away (and ratification is an act, so away
                    // counts against).
                    match entry
                        .decision
                        .and_then(|(b, k)| Some((treaty.body(b)?, k)))
                        .and_then(|(b, k)| Some((b, b.decisions.get(k as usize)?)))
                    {
                        None => Some(Pending::UnreadableRule),
                        Some((body, rule)) => {
                            let votes: Vec<Vote> = body
                                .members
                                .iter()
                                .map(|m| {
                                    if self.ratified.contains(m) {
                                        Vote::Yes
                                    } else {
                                        Vote::Absent
                                    }
                                })
                                .collect();
                            let decision = decide(body, rule, &votes, &[]);
                            let absent = missing(required);
                            let counted = votes.iter().filter(|v| **v == Vote::Yes).count();
                            if decision.outcome == VoteOutcome::Adopted {
                                None
                            } else if absent.is_empty() {
                                Some(Pending::RuleNotMet {
                                    ratified: counted,
                                    members: body.members.len(),
                                    rule: rule.rule.clone(),
                                })
                            } else {
                                Some(Pending::WaitingFor(absent))
                            }
                        }
                    }
                }
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
                    if of_signatories * 2 <= signatories {
                        Some(Pending::SignatoryMajority {
                            ratified: of_signatories,
                            signatories,
                        })
                    } else {
                        (!absent.is_empty()).then_some(Pending::WaitingFor(absent))
                    }
                }
            };
            let Some(pending) = pending else {
                // `180 days after ...`, and `not earlier than 2 years after opening for
                // signature` (the story starts on the day the treaty opens for signature).
                let delay = entry.delay.as_ref().and_then(duration_days).unwrap_or(0);
                let floor = entry
                    .not_before
                    .as_ref()
                    .and_then(duration_days)
                    .unwrap_or(0);
                let day = self.today.saturating_add(delay).max(floor);
                self.in_force_since = Some(day);
                // What puts the day later, if anything does.
                let later = day > self.today;
                let event = Event::EntryConditionMet {
                    day,
                    delay: entry.delay.clone().filter(|_| later),
                    not_before: entry
                        .not_before
                        .clone()
                        .filter(|_| floor > self.today.saturating_add(delay)),
                };
                self.note(span, cite, event);
                return;
            };
            self.note(span, cite, Event::NotYetInForce { pending });
        }
    }

    /// Whether a State is a party on the story's current day: one of the treaty's parties or
    /// an acceding State, and not gone by a withdrawal that has taken effect.
    pub(super) fn is_member_now(&self, p: PartyId) -> bool {
        let joined = self.treaty.treaty_parties.contains(&p) || self.acceded.contains(&p);
        let gone = self
            .left
            .iter()
            .any(|(q, day)| *q == p && *day <= self.today);
        joined && !gone
    }

    pub(super) fn accede(&mut self, name: &Name, span: Span) {
        let Some(p) = self.party(name) else { return };
        let treaty = self.treaty;
        if self.is_member_now(p) {
            self.note(span, None, Event::AlreadyParty { party: p });
            return;
        }
        let Some((open_to, body, cite)) = treaty.accession.first() else {
            self.note(span, None, Event::NoAccessionClause { party: p });
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
                let event = Event::AppliesToAccede {
                    party: p,
                    open_to: open_to.clone(),
                    body: *b,
                };
                self.note(span, cite, event);
            }
            None => {
                self.acceded.push(p);
                let event = Event::Accedes {
                    party: p,
                    open_to: Some(open_to.clone()),
                };
                self.note(span, cite, event);
            }
        }
    }

    pub(super) fn withdraw(&mut self, name: &Name, span: Span) {
        let Some(p) = self.party(name) else { return };
        let treaty = self.treaty;
        let clause = treaty
            .withdrawals
            .iter()
            .find(|w| w.by.iter().any(|a| self.fits(p, a.actor.actor)));
        let Some(clause) = clause else {
            self.withdrawals.push((p, false));
            let event = Event::WithdrawalRefused {
                party: p,
                bar: WithdrawalBar::NoClause,
            };
            self.note(span, None, event);
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
                let event = Event::WithdrawalRefused {
                    party: p,
                    bar: WithdrawalBar::InForceTooShort(wait.clone()),
                };
                self.note(span, cite, event);
                return;
            }
        }
        for c in &clause.conditions {
            if let Some(judge) = c.judged_by {
                if matches!(judge.actor, ActorRef::Role(Role::Itself)) {
                    let event = Event::JudgesForItself {
                        party: p,
                        condition: c.text.clone(),
                    };
                    self.note(span, cite.clone(), event);
                }
            }
        }
        self.withdrawals.push((p, true));
        let effective = self
            .today
            .saturating_add(clause.notice.as_ref().and_then(duration_days).unwrap_or(0));
        self.left.push((p, effective));
        let event = Event::Withdraws {
            party: p,
            notice: clause.notice.clone(),
            effective,
        };
        self.note(span, cite, event);
    }

    pub(super) fn expect_deadline(
        &mut self,
        what: &str,
        within: Option<(u64, crate::ast::TimeUnit)>,
        span: Span,
    ) {
        let found = self.deadlines.iter().find(|(w, ..)| w == what).cloned();
        let expected = match within {
            Some((n, unit)) => DeadlineState::Within(Duration {
                amount: Amount::Number(n),
                unit,
                span,
            }),
            None => DeadlineState::Passed,
        };
        let (actual, passed) = match found {
            None => (DeadlineState::NotApplied, false),
            Some((_, d, start, _)) => match within {
                Some((n, unit)) => {
                    let passed = d.amount == Amount::Number(n) && d.unit == unit;
                    (DeadlineState::Within(d), passed)
                }
                None => {
                    let over = duration_days(&d).is_some_and(|n| start + n <= self.today);
                    let actual = match (&d.amount, over) {
                        (Amount::Placeholder(b), _) => DeadlineState::LeftBlank(b.clone()),
                        (_, true) => DeadlineState::Passed,
                        (_, false) => DeadlineState::Running,
                    };
                    (actual, over)
                }
            },
        };
        let fact = |state| Fact::Deadline {
            what: what.to_string(),
            state,
        };
        self.check(fact(expected), fact(actual), passed, span);
    }
}
