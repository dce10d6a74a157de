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

    pub(super) fn expect_participants(&mut self, include: bool, names: &[Name], span: Span) {
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

    pub(super) fn expect_trigger(&mut self, names: &[Name], span: Span) {
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
}
