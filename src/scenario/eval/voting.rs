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

    pub(super) fn blocked_phrase(&self, ids: &[PartyId]) -> String {
        if ids.len() > 6 {
            format!("{} members", ids.len())
        } else {
            self.names_of(ids)
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
}
