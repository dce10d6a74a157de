//! Convening a body and who attends it.

use super::*;

impl State<'_> {
    pub(super) fn convene(
        &mut self,
        body_name: &Name,
        by: Option<&Name>,
        on_request_of: Option<&Name>,
        supported_by: Option<&crate::scenario::Supporters>,
        span: Span,
    ) {
        let Some(index) = self
            .treaty
            .bodies
            .iter()
            .position(|b| b.id == body_name.name)
        else {
            // The bodies the treaty declares (not those standing for its final clauses).
            let known: Vec<&str> = self
                .treaty
                .bodies
                .iter()
                .filter(|b| b.final_clause.is_none())
                .map(|b| b.id.as_str())
                .collect();
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
                        Some(crate::scenario::Supporters::Named(names)) => {
                            match self.parties(names) {
                                Some(ids) => backers.extend(ids),
                                None => return,
                            }
                        }
                        Some(crate::scenario::Supporters::Count(k)) => backers.extend(
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
                        fallback_body: None,
                        scope: crate::model::Scope::Matter,
                        fallback_agreement: false,
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

    pub(super) fn members_named(&mut self, names: &[Name]) -> Option<Vec<usize>> {
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

    pub(super) fn attend(&mut self, attendance: &Attendance, span: Span) {
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
}
