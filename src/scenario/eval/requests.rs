//! Requests, joining procedures and the expectations about them.

use super::*;

impl State<'_> {
    pub(super) fn request(&mut self, target: &Name, by: &Name, to: Option<&Name>, span: Span) {
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
                let procedure = i as u32;
                if !allowed {
                    let event = Event::MayNotInitiate {
                        party: asker,
                        procedure,
                    };
                    self.note(span, citation, event);
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
                let event = Event::Initiates {
                    party: asker,
                    procedure,
                };
                self.note(span, citation.clone(), event);
                for d in &p.deadlines {
                    let what = d.what.clone().unwrap_or_else(|| "the procedure".into());
                    let cite = d
                        .citation
                        .as_ref()
                        .or(p.citation.as_ref())
                        .map(|c| c.text.clone());
                    self.deadlines
                        .push((what.clone(), d.within.clone(), self.today, cite.clone()));
                    let event = Event::DeadlineSet {
                        what,
                        within: d.within.clone(),
                    };
                    self.note(span, cite, event);
                }
                let mut convened = false;
                for (step, cite) in &p.leads_to {
                    let cite = cite.as_ref().map(|c| c.text.clone());
                    let next = match step {
                        crate::model::Step::Body(b) => Next::Body(*b),
                        crate::model::Step::Procedure(q) => Next::Procedure(*q),
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
                                let event = Event::ConvenedToDecide {
                                    body: *b,
                                    decision: rule.kind.clone(),
                                };
                                self.note(span, cite, event);
                                continue;
                            }
                            Next::Decision {
                                body: *b,
                                decision: rule.kind.clone(),
                            }
                        }
                    };
                    self.note(span, cite, Event::MayLeadTo { next });
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
                let event = Event::InvokesRight {
                    party: asker,
                    holder: statement.actor.actor,
                    deontic: statement.deontic,
                    aim: statement.aim.clone(),
                    toward: asked,
                };
                self.note(span, citation.clone(), event);
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
                    if c.reviewed_by.is_none() {
                        self.trigger_judges = Some(judges.clone());
                    }
                    let event = Event::ConditionJudged {
                        condition: c.text.clone(),
                        judge: judge.actor,
                        judges,
                        review: c.reviewed_by.map(|r| r.actor),
                    };
                    self.note(span, cite, event);
                }
                None => {
                    let condition = c.text.clone();
                    self.note(span, cite, Event::ConditionUnjudged { condition });
                }
            }
        }
        for st in standards {
            if st.defined_as.is_none() && st.judged_by.is_none() {
                let cite = st
                    .citation
                    .as_ref()
                    .map(|c| c.text.clone())
                    .or_else(|| citation.clone());
                let term = st.term.clone();
                self.note(span, cite, Event::UndefinedStandard { term });
            }
        }
    }

    pub(super) fn join(&mut self, target: &Name, by: &Name, span: Span) {
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
        let (party, procedure) = (joiner, i as u32);
        let event = match clause {
            Some(cited) => {
                if !self.participants.contains(&joiner) {
                    self.participants.push(joiner);
                    self.participants.sort();
                }
                Event::Joins {
                    party,
                    procedure,
                    capacity: cited.actor.actor,
                }
            }
            None => Event::MayNotJoin { party, procedure },
        };
        self.note(span, cite, event);
    }

    pub(super) fn expect_participants(&mut self, include: bool, names: &[Name], span: Span) {
        let Some(ids) = self.parties(names) else {
            return;
        };
        let passed = ids.iter().all(|p| self.participants.contains(p) == include);
        let expected = Fact::ParticipantsInclude {
            include,
            parties: ids,
        };
        let actual = Fact::Participants(self.participants.clone());
        self.check(expected, actual, passed, span);
    }

    pub(super) fn expect_trigger(&mut self, names: &[Name], span: Span) {
        let Some(mut ids) = self.parties(names) else {
            return;
        };
        ids.sort();
        let (actual, passed) = match &self.trigger_judges {
            None => (Fact::NoRequest, false),
            Some(judges) if judges.is_empty() => (Fact::TriggerForNoOne, false),
            Some(judges) => {
                let mut j = judges.clone();
                j.sort();
                let passed = j == ids;
                (Fact::TriggerJudgedBy(j), passed)
            }
        };
        self.check(Fact::TriggerJudgedBy(ids), actual, passed, span);
    }
}
