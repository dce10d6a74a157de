use super::Findings;
use crate::model::{ActorRef, BodyId, Role, Step, Treaty};

declare_rule! {
    /// ## What it finds
    /// A body that deals with a case against a party (an armed attack, an accusation, a
    /// dispute) whose decision rules let that party vote on its own case.
    ///
    /// ## Why it matters
    /// Nemo iudex in causa sua: a party should not judge its own case. Where the rule is
    /// consensus or unanimity, the party concerned can block any response to what it did.
    /// The UN Charter makes a party to a dispute abstain under Chapter VI (Art. 27(3)), the
    /// League Covenant did not count the votes of the parties to a dispute (Art. 15), and the
    /// OSCE adopted "consensus minus one" for clear, gross and uncorrected violations. The
    /// 2009 draft European Security Treaty's Extraordinary Conference, convened at the
    /// request of the Party attacked, decides collective measures by unanimity with no
    /// exception for the attacker (Art. 8; source 003).
    ///
    /// A body is taken to deal with a case when it is convened at the request of, or reached
    /// by a procedure initiated by, the attacked party, the accused or a party to a dispute.
    ///
    /// ## Example
    /// ```treaty
    /// body extraordinary_conference article 8 {
    ///   convened by the depositary on request of the attacked party
    ///   decides collective_measures by unanimity of members present article 8
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body extraordinary_conference article 8 {
    ///   convened by the depositary on request of the attacked party
    ///   decides collective_measures by unanimity of members present excluding the aggressor article 8
    /// }
    /// ```
    pub static INTERESTED_PARTY_VOTES = {
        code: "interested-party-votes",
        severity: Warning,
        summary: "the accused, the aggressor or a party to a dispute votes on its own case",
        check: check,
    };
}

/// The role whose case a body hears, given who brings the case to it.
fn case_against(bringer: Role) -> Option<Role> {
    match bringer {
        Role::AttackedParty | Role::Aggressor => Some(Role::Aggressor),
        Role::Accused => Some(Role::Accused),
        Role::DisputeParties => Some(Role::DisputeParties),
        _ => None,
    }
}

fn check(treaty: &Treaty, out: &mut Findings) {
    // (body, the party whose case it hears, why we think so)
    let mut cases: Vec<(BodyId, Role, String)> = Vec::new();
    for (i, body) in treaty.bodies.iter().enumerate() {
        for c in &body.convening {
            let bringer = c.on_request_of.map(|a| a.actor).unwrap_or(c.by.actor);
            if let ActorRef::Role(role) = bringer {
                if let Some(against) = case_against(role) {
                    cases.push((
                        BodyId(i as u32),
                        against,
                        format!("it meets at the request of {}", role.phrase()),
                    ));
                }
            }
        }
    }
    for p in &treaty.procedures {
        for init in &p.initiated_by {
            let ActorRef::Role(role) = init.actor.actor else {
                continue;
            };
            let Some(against) = case_against(role) else {
                continue;
            };
            for (step, _) in &p.leads_to {
                if let Step::Body(b) = step {
                    let title = p.title.clone().unwrap_or_else(|| p.id.clone());
                    cases.push((
                        *b,
                        against,
                        format!("{title}, initiated by {}, leads to it", role.phrase()),
                    ));
                }
            }
        }
    }
    cases.sort_by_key(|(b, r, _)| (*b, *r));
    cases.dedup_by_key(|(b, r, _)| (*b, *r));
    for (b, against, why) in cases {
        let Some(body) = treaty.body(b) else { continue };
        for d in &body.decisions {
            if d.excluded.contains(&against) {
                continue;
            }
            out.report(
                d.rule_span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "{} votes on its own case in the {} ({why}): `{}` is decided by {} with no exception for it",
                    against.phrase(),
                    body.display_name(),
                    d.kind,
                    d.rule
                ),
            )
            .set_label("the party concerned votes")
            .set_help(format!(
                "add `excluding {}` to the decision rule, as the UN Charter's Art. 27(3) and the OSCE's consensus minus one do",
                against.phrase()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nparties A, B, C\n";

    #[test]
    fn fires_when_the_aggressor_votes_on_measures_against_it() {
        let text = format!("{HEAD} body council {{ convened by any party on request of the attacked party decides measures by consensus }}");
        let found = findings(&INTERESTED_PARTY_VOTES, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("the aggressor votes on its own case in the council"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn fires_through_a_procedure() {
        let text = format!("{HEAD} body council {{ decides measures by consensus }} procedure complaint {{ initiated by the accused party leads to council }}");
        assert_eq!(findings(&INTERESTED_PARTY_VOTES, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_when_the_party_concerned_is_excluded() {
        let text = format!("{HEAD} body council {{ convened by any party on request of the attacked party decides measures by consensus excluding the aggressor }}");
        assert!(findings(&INTERESTED_PARTY_VOTES, &text, &[]).is_empty());
    }
}
