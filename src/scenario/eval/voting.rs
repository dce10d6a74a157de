//! Votes, the decision rule they are taken by, and readings.

use super::*;

impl State<'_> {
    pub(super) fn vote(
        &mut self,
        kind: &Name,
        yes: &[Name],
        no: &[Name],
        abstain: &[Name],
        span: Span,
    ) {
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
            let event = Event::NoVote {
                body: body_id,
                decision: kind.name.clone(),
            };
            self.note(span, citation, event);
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
        let against: Vec<PartyId> = counted
            .iter()
            .filter(|(_, v)| *v == Vote::No)
            .map(|(m, _)| *m)
            .collect();
        let vote = match result.outcome {
            VoteOutcome::Adopted => VoteResult::Adopted,
            VoteOutcome::Rejected => VoteResult::Rejected {
                blocked_by: result.blocked_by.clone(),
            },
            VoteOutcome::NotQuorate => VoteResult::NotQuorate {
                present: result.present,
                needed: result.required_attendance,
            },
        };
        let outcome = vote.outcome();
        let event = Event::Vote {
            body: body_id,
            decision: decision.kind.clone(),
            rule: decision.rule.clone(),
            yes: count(Vote::Yes),
            no: count(Vote::No),
            abstaining: count(Vote::Abstain),
            against,
            not_counted: excluded,
            result: vote,
        };
        self.last = Some(LastDecision {
            outcome,
            blocked_by: result.blocked_by,
        });
        self.note(span, citation.clone(), event);
        if outcome == ExpectedOutcome::Rejected {
            if let Some(text) = fallback {
                self.note(span, citation.clone(), Event::Fallback { text });
            }
        }
        if let Some(party) = self.applicant.take() {
            let event = if outcome == ExpectedOutcome::Adopted {
                self.acceded.push(party);
                Event::Accedes {
                    party,
                    open_to: None,
                }
            } else {
                Event::AccessionRefused { party }
            };
            self.note(span, citation, event);
        }
    }

    /// The rule a body decides a kind of decision by: the active reading's, which stands in
    /// for the body's own where the text is read that way, else the body's own.
    pub(super) fn decision_of(
        &self,
        body: BodyId,
        kind: &str,
    ) -> Option<&'_ crate::model::DecisionRule> {
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
            // A matter with no rule of its own is decided by the body's general rule.
            treaty.body(body).and_then(|b| {
                b.decisions.iter().find(|d| d.kind == kind).or_else(|| {
                    b.decisions
                        .iter()
                        .find(|d| d.scope != crate::model::Scope::Matter)
                })
            })
        })
    }

    pub(super) fn under(&mut self, name: &Name, span: Span) {
        let treaty = self.treaty;
        match treaty.readings.iter().position(|r| r.id == name.name) {
            Some(i) => {
                self.reading = Some(i);
                if let Some(r) = treaty.readings.get(i) {
                    let cite = r.citation.as_ref().map(|c| c.text.clone());
                    self.note(span, cite, Event::Reading { reading: i });
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
}
