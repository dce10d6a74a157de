use super::Findings;
use crate::model::{ActorRef, Cite, Role, Treaty};
use crate::source::Span;

declare_rule! {
    /// ## What it finds
    /// A rule that turns on a fact — who the aggressor is, which Party has been attacked, who
    /// the parties to a dispute are, which State stands accused — with no one named to
    /// determine it: a decision that leaves out the aggressor's vote, a body convened at the
    /// request of the attacked party, a procedure the attacked party starts. The treaty says
    /// who determines a fact with `fact the aggressor determined by BODY`; `determined by
    /// nobody` records that it names no one, and the rule still fires there.
    ///
    /// ## Why it matters
    /// Each of these clauses works only once someone has said who holds the role, and that is
    /// often the very question in dispute: each side of a conflict calls the other the
    /// aggressor. The 2010 analysis of the draft European Security Treaty (source 003) names,
    /// among the conditions for a collective security system to function, that all States
    /// agree which State in any given conflict is the aggressor. The draft's Art. 8 is set off
    /// by "the Party which has been attacked or threatened with an armed attack" and names no
    /// one to determine that it has been, or by whom.
    ///
    /// ## Example
    /// ```treaty
    /// body extraordinary_conference {
    ///   convened by the depositary on request of the attacked party article 8
    ///   decides collective_measures by unanimity of members present excluding the aggressor article 8
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body extraordinary_conference {
    ///   convened by the depositary on request of the attacked party article 8
    ///   decides collective_measures by unanimity of members present excluding the aggressor article 8
    ///   decides determination by at least two thirds of members present article 8
    /// }
    /// fact the attacked party determined by extraordinary_conference article 8
    /// fact the aggressor determined by extraordinary_conference article 8
    /// ```
    pub static UNDETERMINED_FACT = {
        code: "undetermined-fact",
        severity: Warning,
        summary: "a rule turns on a fact (the aggressor, the attacked party, the parties to a dispute) that no one is named to determine",
        absence: true,
        check: check,
    };
}

/// The roles whose holder is a matter of fact, and what determining it means.
fn fact_question(role: Role) -> Option<&'static str> {
    match role {
        Role::Aggressor => Some("who the aggressor is"),
        Role::AttackedParty => Some("whether, and which, Party has been attacked"),
        Role::DisputeParties => Some("who the parties to the dispute are"),
        Role::Accused => Some("which State stands accused"),
        _ => None,
    }
}

/// One place a factual role is used: where, in which clause, and how.
struct Use<'t> {
    role: Role,
    span: Span,
    citation: Option<&'t Cite>,
    how: String,
}

fn uses(treaty: &Treaty) -> Vec<Use<'_>> {
    let mut out = Vec::new();
    let actor_role = |a: ActorRef| match a {
        ActorRef::Role(r) => Some(r),
        _ => None,
    };
    for body in &treaty.bodies {
        for d in &body.decisions {
            for &role in &d.excluded {
                out.push(Use {
                    role,
                    span: d.span,
                    citation: d.citation.as_ref().or(body.citation.as_ref()),
                    how: format!(
                        "the decision of the {} on `{}` leaves out {}",
                        body.display_name(),
                        d.kind,
                        role.phrase()
                    ),
                });
            }
        }
        for c in &body.convening {
            let who = [(Some(c.by), "by"), (c.on_request_of, "at the request of")];
            for (actor, how) in who {
                let Some(actor) = actor else { continue };
                if let Some(role) = actor_role(actor.actor) {
                    out.push(Use {
                        role,
                        span: actor.span,
                        citation: c.citation.as_ref().or(body.citation.as_ref()),
                        how: format!(
                            "the {} is convened {how} {}",
                            body.display_name(),
                            role.phrase()
                        ),
                    });
                }
            }
        }
    }
    for reading in &treaty.readings {
        for (b, d) in &reading.decisions {
            let name = treaty.body(*b).map(|b| b.display_name()).unwrap_or("body");
            for &role in &d.excluded {
                out.push(Use {
                    role,
                    span: d.span,
                    citation: d.citation.as_ref().or(reading.citation.as_ref()),
                    how: format!(
                        "the reading `{}` leaves {} out of the decision of the {} on `{}`",
                        reading.id,
                        role.phrase(),
                        name,
                        d.kind
                    ),
                });
            }
        }
    }
    for a in &treaty.amendments {
        for &role in &a.excluded {
            out.push(Use {
                role,
                span: a.span,
                citation: a.citation.as_ref(),
                how: format!("amendment leaves out {}", role.phrase()),
            });
        }
    }
    for p in &treaty.procedures {
        let name = p.title.as_deref().unwrap_or(&p.id);
        for i in &p.initiated_by {
            if let Some(role) = actor_role(i.actor.actor) {
                out.push(Use {
                    role,
                    span: i.actor.span,
                    citation: i.citation.as_ref().or(p.citation.as_ref()),
                    how: format!("the procedure `{name}` is started by {}", role.phrase()),
                });
            }
        }
        for a in &p.participants {
            if let Some(role) = actor_role(a.actor) {
                out.push(Use {
                    role,
                    span: a.span,
                    citation: p.citation.as_ref(),
                    how: format!("{} take part in the procedure `{name}`", role.phrase()),
                });
            }
        }
    }
    out.retain(|u| fact_question(u.role).is_some());
    out
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for u in uses(treaty) {
        let Some(question) = fact_question(u.role) else {
            continue;
        };
        let fact = treaty.fact(u.role);
        let said_nobody = match fact {
            Some(f) => match f.determined_by.actor {
                ActorRef::Role(Role::Nobody) => true,
                _ => continue,
            },
            None => false,
        };
        let who = if said_nobody {
            "and the treaty says no one determines it"
        } else {
            "but the treaty names no one to determine it"
        };
        let phrase = u.role.phrase();
        out.report(u.span, u.citation, format!("{}: that turns on {question}, {who}", u.how))
            .set_label(format!("{phrase}: determined by whom?"))
            .set_help(format!(
                "name who determines it: `fact {phrase} determined by BODY article N` (a body, a court, the UN Security Council)"
            ));
        if let Some(c) = fact.and_then(|f| f.citation.as_ref()) {
            out.rests_on(treaty.ground(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nparties A, B, C\nbody conference { decides measures by consensus excluding the aggressor }\n";

    #[test]
    fn fires_where_no_one_determines_the_aggressor() {
        let found = findings(&UNDETERMINED_FACT, HEAD, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("who the aggressor is"));
    }

    #[test]
    fn silent_when_a_body_determines_it_and_fires_when_nobody_does() {
        let text = format!("{HEAD}fact the aggressor determined by conference\n");
        assert!(findings(&UNDETERMINED_FACT, &text, &[]).is_empty());
        let text = format!("{HEAD}fact the aggressor determined by nobody\n");
        let found = findings(&UNDETERMINED_FACT, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("says no one"));
    }

    #[test]
    fn fires_on_a_procedure_the_attacked_party_starts() {
        let text =
            "party A \"Alpha\"\nparties A\nprocedure attack { initiated by the attacked party }\n";
        assert_eq!(findings(&UNDETERMINED_FACT, text, &[]).len(), 1);
    }
}
