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
        if body.convening.is_empty() {
            self.convened = true;
            let citation = body.citation.as_ref().map(|c| c.text.clone());
            self.note(span, citation, Event::MeetsUnregulated { body: id });
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
                    let call = crate::model::DecisionRule::plain(
                        "convening",
                        support.clone(),
                        crate::model::Abstention::RuleDefault,
                        None,
                        span,
                        span,
                    );
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
                        let event = Event::CallUnsupported {
                            body: id,
                            support: backing,
                            needed: support.clone(),
                        };
                        self.note(span, citation, event);
                        return;
                    }
                }
                self.convened = true;
                let on_request_of = match (clause.on_request_of, requester) {
                    (Some(actor), Some(p)) => Some((actor.actor, p)),
                    _ => None,
                };
                let citation = clause
                    .citation
                    .as_ref()
                    .or(body.citation.as_ref())
                    .map(|c| c.text.clone());
                let event = Event::Convened {
                    body: id,
                    by: by_party,
                    convener: clause.by.actor,
                    on_request_of,
                };
                self.note(span, citation, event);
            }
            None => {
                self.convened = false;
                let may_convene = body
                    .convening
                    .iter()
                    .map(|c| Convener {
                        by: c.by.actor,
                        on_request_of: c.on_request_of.map(|r| r.actor),
                    })
                    .collect();
                let citation = body
                    .convening
                    .first()
                    .and_then(|c| c.citation.as_ref())
                    .or(body.citation.as_ref())
                    .map(|c| c.text.clone());
                let event = Event::ConvenerNotEntitled {
                    body: id,
                    may_convene,
                };
                self.note(span, citation, event);
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
        let (Some(id), Some(body)) = (self.body, self.current_body()) else {
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
        let quorum = body
            .quorum
            .as_ref()
            .map(|q| crate::decision::required_attendance(Some(q), n));
        let citation = body
            .quorum
            .as_ref()
            .and_then(|q| q.citation.as_ref())
            .map(|c| c.text.clone());
        let event = Event::Attendance {
            body: id,
            members: n,
            present: count,
            absent,
            quorum,
        };
        self.present = Some(present);
        self.note(span, citation, event);
    }
}
