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
                EntryCondition::Ratification { required } => {
                    // The rule decides as a body's rule does: each State that ratified is a
                    // yes, each that did not is away (and ratification is an act, so away
                    // counts against).
                    match entry
                        .decision
                        .and_then(|(b, k)| Some((treaty.body(b)?, k)))
                        .and_then(|(b, k)| Some((b, b.decisions.get(k as usize)?)))
                    {
                        None => (false, "its rule could not be read".to_string()),
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
                            let why = if absent.is_empty() {
                                format!(
                                    "{counted} of {} {}, and {} needs more",
                                    body.members.len(),
                                    by_number(counted, "has ratified", "have ratified"),
                                    rule.rule
                                )
                            } else {
                                format!("still waiting for {}", self.names_of(&absent))
                            };
                            (decision.outcome == VoteOutcome::Adopted, why)
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
                let message = if day <= self.today {
                    "the treaty enters into force".to_string()
                } else {
                    let mut why = Vec::new();
                    if let Some(d) = &entry.delay {
                        why.push(format!("{} after the condition is met", show_duration(d)));
                    }
                    if let Some(d) = &entry.not_before {
                        if floor > self.today.saturating_add(delay) {
                            why.push(format!(
                                "not earlier than {} after opening for signature",
                                show_duration(d)
                            ));
                        }
                    }
                    format!(
                        "the condition is met: the treaty enters into force on day {day} ({})",
                        why.join("; ")
                    )
                };
                self.note(span, cite, message);
                return;
            }
            self.note(span, cite, format!("not yet in force: {why}"));
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

    pub(super) fn withdraw(&mut self, name: &Name, span: Span) {
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

    pub(super) fn expect_deadline(
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
}
