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
    /// The UN Charter makes a party to a dispute abstain from decisions under Chapter VI
    /// (Art. 27(3)), the League Covenant left out the votes of the parties to a dispute
    /// (Art. 15), and the OSCE adopted "consensus minus one" for clear, gross and uncorrected
    /// violations of commitments. In the 2009 draft European Security Treaty the Party
    /// attacked brings the attack to the Depositary, which convenes an Extraordinary
    /// Conference "to decide on necessary collective measures" (Art. 8 as RIA Novosti quotes
    /// it), and its binding decisions are "taken by unanimous vote" (as the 2010 analysis,
    /// source 003, quotes it). None of the text read leaves the attacker's vote out; how the
    /// draft treats that vote is not known (treaty-texts.md, section 1).
    ///
    /// A body is taken to deal with a case when it is convened at the request of, or reached
    /// by a procedure initiated by, the attacked party, the accused or a party to a dispute.
    /// A procedure that leads to the body at large (`leads to council`) brings the case to
    /// every decision the body takes; one that leads to one decision (`leads to council to
    /// decide settlement`) brings it to that decision only.
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
    /// Where a dispute goes to one decision of a body that also decides other things, say
    /// which, so that the body's other rules are not taken for votes on the dispute:
    /// ```treaty
    /// procedure dispute article 4 {
    ///   initiated by the parties to the dispute
    ///   leads to council to decide settlement
    /// }
    /// body council {
    ///   decides settlement by consensus excluding the parties to the dispute
    ///   decides budget by unanimity of members
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

/// A case that reaches a body: whose case it is, which of the body's decisions it goes to
/// (`None`: the body at large), and why we think so.
struct Case {
    body: BodyId,
    decision: Option<u32>,
    against: Role,
    why: String,
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let mut cases: Vec<Case> = Vec::new();
    for (i, body) in treaty.bodies.iter().enumerate() {
        for c in &body.convening {
            let bringer = c.on_request_of.map(|a| a.actor).unwrap_or(c.by.actor);
            if let ActorRef::Role(role) = bringer {
                if let Some(against) = case_against(role) {
                    cases.push(Case {
                        body: BodyId(i as u32),
                        decision: None,
                        against,
                        why: format!("it meets at the request of {}", role.phrase()),
                    });
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
            let title = p.title.clone().unwrap_or_else(|| p.id.clone());
            for (step, _) in &p.leads_to {
                let (body, decision, what) = match *step {
                    Step::Body(b) => (b, None, "it"),
                    Step::Decision(b, d) => (b, Some(d), "this decision"),
                    Step::Procedure(_) => continue,
                };
                cases.push(Case {
                    body,
                    decision,
                    against,
                    why: format!("{title}, initiated by {}, leads to {what}", role.phrase()),
                });
            }
        }
    }
    // One finding per decision rule and party concerned: a case that reaches the whole body
    // covers the cases that reach one of its decisions.
    cases.sort_by_key(|c| (c.body, c.against, c.decision.is_some()));
    let mut reported: Vec<(BodyId, u32, Role)> = Vec::new();
    for case in &cases {
        let Some(body) = treaty.body(case.body) else {
            continue;
        };
        for (i, d) in body.decisions.iter().enumerate() {
            let i = i as u32;
            // Where a reading of the article excludes the interested party, the text read
            // leaves open whether it votes: asserting either way would say more than the
            // text (EST Art. 8). The readings, and scenarios run under each, show both.
            let contested = treaty.readings.iter().any(|r| {
                r.decisions.iter().any(|(b, rd)| {
                    *b == case.body && rd.kind == d.kind && rd.excluded.contains(&case.against)
                })
            });
            if case.decision.is_some_and(|only| only != i)
                || d.excluded.contains(&case.against)
                || contested
                || reported.contains(&(case.body, i, case.against))
            {
                continue;
            }
            reported.push((case.body, i, case.against));
            let against = case.against;
            let (verb, its, it) = if against.is_plural() {
                ("vote", "their", "them")
            } else {
                ("votes", "its", "it")
            };
            let mut help = format!(
                "add `excluding {}` to the decision rule, as the UN Charter's Art. 27(3) and the OSCE's consensus minus one do",
                against.phrase()
            );
            if case.decision.is_none() && body.decisions.len() > 1 {
                help.push_str(&format!(
                    "; or, if the case goes to one decision only, name it (`leads to {} to decide KIND`)",
                    body.id
                ));
            }
            out.report(
                d.rule_span,
                d.citation.as_ref().or(body.citation.as_ref()),
                format!(
                    "{} {verb} on {its} own case in the {} ({}): `{}` is decided by {} with no exception for {it}",
                    against.phrase(),
                    body.display_name(),
                    case.why,
                    d.kind,
                    d.rule
                ),
            )
            .set_label(if against.is_plural() {
                "the parties concerned vote"
            } else {
                "the party concerned votes"
            })
            .set_help(help);
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

    const DISPUTE_COUNCIL: &str = "body council \"Council\" { decides settlement by consensus excluding the parties to the dispute decides budget by unanimity of members }";

    #[test]
    fn a_dispute_that_reaches_the_whole_body_reaches_each_rule_and_says_so_in_the_plural() {
        let text = format!("{HEAD} {DISPUTE_COUNCIL} procedure dispute {{ initiated by the parties to the dispute leads to council }}");
        let found = findings(&INTERESTED_PARTY_VOTES, &text, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "the parties to the dispute vote on their own case in the Council (dispute, initiated by the parties to the dispute, leads to it): `budget` is decided by unanimity of members with no exception for them"
        );
        assert_eq!(
            found[0].label.as_deref(),
            Some("the parties concerned vote")
        );
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`leads to council to decide KIND`")));
    }

    #[test]
    fn a_dispute_that_reaches_one_decision_is_judged_by_that_rule_alone() {
        let text = format!("{HEAD} {DISPUTE_COUNCIL} procedure dispute {{ initiated by the parties to the dispute leads to council to decide settlement }}");
        assert!(findings(&INTERESTED_PARTY_VOTES, &text, &[]).is_empty());
        let text = format!("{HEAD} body council {{ decides settlement by consensus decides budget by unanimity of members }} procedure dispute {{ initiated by the parties to the dispute leads to council to decide settlement }}");
        let found = findings(&INTERESTED_PARTY_VOTES, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .contains("leads to this decision): `settlement`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_permanent_member_still_votes_on_its_own_case_outside_chapter_vi() {
        // The UN Security Council: a party to a dispute abstains under Chapter VI (Art.
        // 27(3)), but not in decisions on all other matters; EST Art. 8's unanimity is the
        // same finding as an aggression brought to the Council's substantive decisions.
        let council = "class permanent = A, B body security_council \"Security Council\" { decides procedural by at least 2 members decides substantive by at least 2 members and concurring votes of permanent decides pacific_settlement by at least 2 members and concurring votes of permanent excluding the parties to the dispute }";
        let chapter_vi = format!("{HEAD} {council} procedure dispute {{ initiated by the parties to the dispute leads to security_council to decide pacific_settlement }}");
        assert!(findings(&INTERESTED_PARTY_VOTES, &chapter_vi, &[]).is_empty());
        let chapter_vii = format!("{HEAD} {council} procedure aggression {{ initiated by the attacked party leads to security_council to decide substantive }}");
        let found = findings(&INTERESTED_PARTY_VOTES, &chapter_vii, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("the aggressor votes on its own case in the Security Council"));
        let whole = format!("{HEAD} {council} procedure dispute {{ initiated by the parties to the dispute leads to security_council }}");
        let kinds: Vec<bool> = findings(&INTERESTED_PARTY_VOTES, &whole, &[])
            .iter()
            .map(|d| d.message.contains("`pacific_settlement`"))
            .collect();
        assert_eq!(
            kinds,
            [false, false],
            "procedural and substantive, not Chapter VI"
        );
    }

    #[test]
    fn silent_when_the_party_concerned_is_excluded() {
        let text = format!("{HEAD} body council {{ convened by any party on request of the attacked party decides measures by consensus excluding the aggressor }}");
        assert!(findings(&INTERESTED_PARTY_VOTES, &text, &[]).is_empty());
    }

    #[test]
    fn silent_where_a_reading_leaves_the_vote_open() {
        // EST Art. 8: whether the attacker's vote counts was not read; the file encodes both.
        let body = "body conference { convened by the depositary on request of the attacked party decides measures by unanimity of members present }";
        let readings = "reading counted \"the attacker votes\" { body conference decides measures by unanimity of members present }\nreading not_counted \"the attacker does not vote\" { body conference decides measures by unanimity of members present excluding the aggressor }";
        let plain = format!("{HEAD} {body}");
        assert_eq!(findings(&INTERESTED_PARTY_VOTES, &plain, &[]).len(), 1);
        let read_both_ways = format!("{HEAD} {body}\n{readings}");
        assert!(findings(&INTERESTED_PARTY_VOTES, &read_both_ways, &[]).is_empty());
    }
}
