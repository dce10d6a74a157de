use super::{and_list, by_number, counted, each_of, number_word, Findings};
use crate::decision::veto_players;
use crate::model::{Body, BodyId, Consent, DecisionRule, FinalClause, Role, Treaty};

declare_rule! {
    /// ## What it finds
    /// A decision rule of a body that any one member, or each of a few named members, can
    /// block alone: consensus, unanimity, or a veto held by named parties.
    ///
    /// ## Why it matters
    /// A body that one party can stop cannot act against that party, nor against anyone that
    /// party protects. In a collective-security body the state whose conduct is in question
    /// holds a veto over the response to it. Of the 2009 draft European Security Treaty's
    /// Conference (Art. 6(3): "Decisions of the Conference shall be taken by consensus") the
    /// 2010 analysis concludes that "any single participating state on any issue would have
    /// veto rights over the decision of the others", and of the Extraordinary Conference's
    /// unanimity (Art. 8) that "a single veto determines whether enforcement takes place"
    /// (source 003). Kvartalnov argues that an inclusive, indivisible-security framework is
    /// "very poor at ensuring joint action" (source 000). The OSCE adopted "consensus minus
    /// one" in 1992 for a State's "clear, gross and uncorrected violation" of commitments
    /// (the OSCE's own description, treaty-texts.md section 9).
    ///
    /// The finding names who can block, as the evaluation core computes it: a member blocks
    /// if, with every member present and all others in favour, its objection defeats the
    /// proposal. Members whose votes a rule leaves out (`excluding the parties to the
    /// dispute`) are not counted among those who can block.
    ///
    /// An amendment rule (`amendment by ...`) is read as a decision of the parties: the
    /// finding names each party that can hold amendments back alone, and says how: by not
    /// ratifying, where the clause requires ratification (`amendment by ratification by ...
    /// including permanent_members`, a positive act, so that doing nothing blocks), or by
    /// objecting, where only an objection blocks (`no objection from`, `concurring votes of`).
    /// A fallback is seen through: `failing that by RULE` (the same body) or `failing that
    /// BODY by RULE` (another body, over its members) that no one member can block removes
    /// the finding; one that can be blocked, or `failing that by further agreement` (the
    /// parties must first agree how to decide), leaves it, and the finding says so.
    ///
    /// Accession decided by all the Parties (`accession open to "..." decided by all
    /// parties`) is another such veto: any one Party can keep an applicant out.
    ///
    /// ## Example
    /// ```treaty
    /// body conference "Conference of the Parties" article 6 {
    ///   members all parties
    ///   decides decisions by consensus binding article 6.3
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body conference "Conference of the Parties" article 6 {
    ///   members all parties
    ///   decides decisions by consensus excluding the accused party article 6.3
    ///   decides measures by at least two thirds of votes cast article 6.4
    /// }
    /// ```
    /// Or keep consensus for some matters and say what happens when it fails.
    pub static SINGLE_PARTY_VETO = {
        code: "single-party-veto",
        severity: Warning,
        summary: "a body whose decisions any one party can block",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for body in &treaty.bodies {
        let n = body.members.len();
        if n < 2 {
            continue;
        }
        match body.final_clause {
            // Entry into force has its own rule (`entry-into-force`).
            Some(FinalClause::EntryIntoForce) => continue,
            Some(FinalClause::Amendment) => {
                amendments(treaty, body, out);
                continue;
            }
            Some(FinalClause::Accession) => {
                accession(treaty, body, out);
                continue;
            }
            None => {}
        }
        for decision in &body.decisions {
            let vetoes = veto_players(body, decision);
            if vetoes.is_empty() {
                continue;
            }
            // A fallback rule that no one member can block takes the veto away, in this body
            // or in the one the fallback names; a fallback that needs a further agreement on
            // how to decide leaves it in place.
            let mut fallback_note = String::new();
            if let Some(rule) = decision
                .fallback_rule
                .as_ref()
                .filter(|_| !decision.fallback_agreement)
            {
                let fallback = DecisionRule {
                    rule: rule.clone(),
                    ..decision.clone()
                };
                let deciding = decision
                    .fallback_body
                    .and_then(|b| treaty.body(b))
                    .unwrap_or(body);
                let fallback_vetoes = veto_players(deciding, &fallback);
                if fallback_vetoes.is_empty() {
                    continue;
                }
                if decision.fallback_body.is_some() {
                    fallback_note = format!(
                        "; failing that, the {} decides by {rule}, where {} can block too",
                        deciding.display_name(),
                        if fallback_vetoes.len() == deciding.members.len() {
                            "any one member".to_string()
                        } else {
                            each_of(&treaty.party_names(&fallback_vetoes), 8)
                        }
                    );
                }
            }
            if decision.fallback_agreement {
                fallback_note =
                    "; failing that, the parties must agree on how to decide, which any one of them can block too".to_string();
            }
            let what = decision
                .description
                .clone()
                .unwrap_or_else(|| format!("its decisions on `{}`", decision.kind));
            let how = format!(
                "{} by {}",
                if decision.binding {
                    "binding decisions are taken"
                } else {
                    "it decides"
                },
                decision.rule
            );
            let (message, label) = if vetoes.len() == n {
                // Every member blocks by the rule's nature; the roles left out of the vote
                // (the parties to the dispute) are the only ones who cannot.
                let left_out: usize = decision
                    .excluded
                    .iter()
                    .map(|r| r.holders_in_a_case().unwrap_or(1))
                    .sum();
                let voters = n.saturating_sub(left_out);
                let other_than = if decision.excluded.is_empty() {
                    String::new()
                } else {
                    let roles: Vec<String> =
                        decision.excluded.iter().map(|&r| counted_role(r)).collect();
                    format!(" other than {}", and_list(&roles))
                };
                let who = match voters {
                    0 => continue,
                    1 => format!("the one member of the {}{other_than}", body.display_name()),
                    _ => format!(
                        "any one of the {voters} members of the {}{other_than}",
                        body.display_name()
                    ),
                };
                let label = if decision.excluded.is_empty() {
                    format!("one objection among {n} members blocks")
                } else {
                    format!(
                        "one objection among the {} who vote blocks",
                        counted(voters, "member", "members")
                    )
                };
                (
                    format!("{who} can block {what}: {how}{fallback_note}"),
                    label,
                )
            } else {
                let names = treaty.party_names(&vetoes);
                let unless = if decision.excluded.is_empty() {
                    String::new()
                } else {
                    let roles: Vec<&str> =
                        decision.excluded.iter().map(|r| r.one_holder()).collect();
                    format!(", unless it is itself {}", roles.join(" or "))
                };
                (
                    format!(
                        "in the {}, {} can block {what} alone{unless}{fallback_note}",
                        body.display_name(),
                        each_of(&names, 8)
                    ),
                    format!(
                        "{} of {n} members {} a veto",
                        vetoes.len(),
                        by_number(vetoes.len(), "holds", "hold")
                    ),
                )
            };
            let citation = decision.citation.as_ref().or(body.citation.as_ref());
            out.report(decision.rule_span, citation, message)
                .set_label(label)
                .set_help(format!(
                    "if the body must act against one of its own members, consider consensus \
                     minus the party concerned, a qualified majority, or a fallback when \
                     consensus fails{}",
                    treaty.counted_over_listed_parties()
                ));
        }
    }
}

/// The parties that can hold amendments back alone, and how: by not ratifying (where
/// ratification, a positive act, is required) or by objecting (where only an objection
/// blocks).
fn amendments(treaty: &Treaty, body: &Body, out: &mut Findings) {
    let n = body.members.len();
    for (k, decision) in body.decisions.iter().enumerate() {
        let vetoes = veto_players(body, decision);
        if vetoes.is_empty() {
            continue;
        }
        let clause = treaty
            .amendments
            .iter()
            .find(|a| a.decision == Some((body_id(treaty, body), k as u32)));
        let consent = clause.map_or(Consent::NoObjection, |a| a.consent);
        let (how, act) = match consent {
            Consent::PositiveAct => (
                "by not ratifying them",
                "ratification is a positive act: a State that does nothing holds an amendment back as surely as one that objects",
            ),
            Consent::NoObjection => (
                "by objecting",
                "no objection: only a vote against blocks; a State that abstains or stays away does not",
            ),
        };
        let who = if vetoes.len() == n {
            format!("any one of the {n} parties")
        } else {
            each_of(&treaty.party_names(&vetoes), 8)
        };
        // How many must fail to ratify (or object) where no veto is used: the rule without
        // its named holders.
        let without_vetoes = decision.rule.without_vetoes();
        let others = DecisionRule {
            rule: without_vetoes,
            ..decision.clone()
        };
        let blockers = crate::decision::fewest_blockers(body, &others)
            .filter(|&b| b > 1)
            .map(|b| {
                format!(
                    "; beyond the veto, {} of {n} parties {} an amendment",
                    b,
                    if consent == Consent::PositiveAct {
                        "not ratifying block"
                    } else {
                        "voting against block"
                    }
                )
            });
        let message = format!(
            "{who} can hold amendments of the treaty back alone, {how}: an amendment needs {}{}",
            decision.rule,
            blockers.unwrap_or_default()
        );
        let label = if vetoes.len() == n {
            format!("one of {n} parties blocks")
        } else {
            format!(
                "{} of {n} parties {} a veto",
                vetoes.len(),
                by_number(vetoes.len(), "holds", "hold")
            )
        };
        out.report(decision.rule_span, decision.citation.as_ref(), message)
            .set_label(label)
            .set_help(format!(
                "{act}; make sure each veto over the treaty's amendment is intended{}",
                treaty.counted_over_listed_parties()
            ));
    }
}

/// Accession by every Party's consent: each Party can keep an applicant out.
fn accession(treaty: &Treaty, body: &Body, out: &mut Findings) {
    let n = body.members.len();
    for decision in &body.decisions {
        if veto_players(body, decision).len() != n {
            continue;
        }
        out.report(
            decision.span,
            decision.citation.as_ref(),
            format!(
                "any one of the {n} parties can keep a State from acceding, by withholding its consent: accession is decided by all the Parties"
            ),
        )
        .set_label(format!("one of {n} parties blocks"))
        .set_help(format!(
            "consent is a positive act: a Party that does nothing keeps the applicant out as surely as one that refuses; consider a qualified majority if no one Party should decide who joins{}",
            treaty.counted_over_listed_parties()
        ));
    }
}

/// The id of a body of the treaty.
fn body_id(treaty: &Treaty, body: &Body) -> BodyId {
    let i = treaty
        .bodies
        .iter()
        .position(|b| std::ptr::eq(b, body))
        .unwrap_or(usize::MAX);
    BodyId(u32::try_from(i).unwrap_or(u32::MAX))
}

/// A role left out of a vote, with how many it leaves out where that is more than one:
/// `the aggressor`, `the two parties to the dispute`.
fn counted_role(role: Role) -> String {
    match role.holders_in_a_case() {
        Some(k) if k > 1 => format!(
            "the {} {}",
            number_word(k),
            role.phrase().trim_start_matches("the ")
        ),
        _ => role.phrase().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const PARTIES: &str = r#"
        party A "Alpha"
        party B "Beta"
        party C "Gamma"
        parties A, B, C
        class permanent = A
    "#;

    #[test]
    fn fires_on_consensus_naming_any_party() {
        let text = format!(
            "{PARTIES} body conference \"Conference\" {{ decides decisions by consensus binding }}"
        );
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("any one of the 3 members of the Conference can block"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn fires_on_named_veto_holder() {
        let text = format!("{PARTIES} body council {{ decides matters by at least 2 members and no objection from permanent }}");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "in the council, Alpha can block its decisions on `matters` alone"
        );
        assert_eq!(
            found[0].label.as_deref(),
            Some("1 of 3 members holds a veto")
        );
    }

    #[test]
    fn names_each_of_several_veto_holders_once() {
        let text = format!("{PARTIES} class two = A, B body assembly \"Assembly\" {{ decides d \"decisions of the Assembly\" by at least 2 members and no objection from two }}");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(
            found[0].message,
            "in the Assembly, each of Alpha and Beta can block decisions of the Assembly alone"
        );
    }

    fn forty(rule: &str) -> Vec<crate::diagnostic::Diagnostic> {
        let mut text: String = (0..40)
            .map(|i| format!("party P{i} \"State {i}\"\n"))
            .collect();
        text.push_str(&format!(
            "parties all parties\nbody council \"Council\" {{ members all parties decides d \"the settlement\" by {rule} }}"
        ));
        findings(&SINGLE_PARTY_VETO, &text, &[])
    }

    #[test]
    fn counts_only_the_members_who_vote() {
        let none = forty("consensus");
        assert!(none[0]
            .message
            .starts_with("any one of the 40 members of the Council can block"));
        let one = forty("consensus excluding the accused party");
        assert_eq!(
            one[0].message,
            "any one of the 39 members of the Council other than the accused party can block the settlement: it decides by consensus"
        );
        let dispute = forty("consensus excluding the parties to the dispute");
        assert_eq!(
            dispute[0].message,
            "any one of the 38 members of the Council other than the two parties to the dispute can block the settlement: it decides by consensus"
        );
        assert_eq!(
            dispute[0].label.as_deref(),
            Some("one objection among the 38 members who vote blocks")
        );
        let two_roles =
            forty("unanimity of members present excluding the aggressor, the accused party");
        assert!(
            two_roles[0].message.starts_with(
                "any one of the 38 members of the Council other than the aggressor and the accused party can block"
            ),
            "{}",
            two_roles[0].message
        );
    }

    #[test]
    fn a_named_veto_holder_left_out_of_its_own_case_is_said_so() {
        let text = format!("{PARTIES} body council {{ decides settlement by at least 2 members and no objection from permanent excluding the parties to the dispute }}");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(
            found[0].message,
            "in the council, Alpha can block its decisions on `settlement` alone, unless it is itself a party to the dispute"
        );
    }

    #[test]
    fn silent_on_qualified_majority() {
        let text = format!(
            "{PARTIES} body conference {{ decides decisions by at least two thirds of members }}"
        );
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
    }

    #[test]
    fn silent_on_majority_of_votes_cast() {
        // Among three, no one blocks a majority alone (between two, either one would).
        let text = format!("{PARTIES} body panel {{ decides x by a majority of votes cast }}");
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
    }

    #[test]
    fn an_amendment_needing_named_ratifications_names_each_of_them() {
        let text = format!(
            "{PARTIES} class two = A, B\namendment by ratification by at least two thirds of members including two"
        );
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "each of Alpha and Beta can hold amendments of the treaty back alone, by not ratifying them: an amendment needs at least 2/3 of members and ratification by two; beyond the veto, 2 of 3 parties not ratifying block an amendment"
        );
        assert!(found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("ratification is a positive act")));
        // No objection: only a vote against blocks, and the finding says so.
        let text =
            format!("{PARTIES} amendment by at least 2 members and no objection from permanent");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(
            found[0].message,
            "Alpha can hold amendments of the treaty back alone, by objecting: an amendment needs at least 2 members and no objection from permanent; beyond the veto, 2 of 3 parties voting against block an amendment"
        );
        // A share of the parties alone gives no one a veto.
        let text = format!("{PARTIES} amendment by ratification by at least two thirds of members");
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
    }

    #[test]
    fn accession_by_all_the_parties_is_a_veto_of_each() {
        let text = format!("{PARTIES} accession open to \"any State\" decided by all parties");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "any one of the 3 parties can keep a State from acceding, by withholding its consent: accession is decided by all the Parties"
        );
        let text = format!("{PARTIES} accession open to \"any State\"");
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
    }

    #[test]
    fn the_amendment_rule_is_analysed_like_a_bodys_decision() {
        let text = format!(
            "{PARTIES} class two = A, B\namendment by ratification by at least two thirds of members including two"
        );
        let treaty = crate::testing::resolved(&text);
        let report = crate::analysis::analyze(&treaty, "t.treaty", Some("amendment"), &[]);
        assert_eq!(report.bodies.len(), 1);
        let decision = &report.bodies[0].decisions[0];
        assert_eq!(decision.kind, "amendment");
        assert_eq!(decision.veto_players, vec!["A", "B"]);
        assert_eq!(decision.smallest_blocking_coalition, Some(1));
    }

    #[test]
    fn a_majority_fallback_removes_the_veto_and_a_consensus_one_keeps_it() {
        let head = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nparties A, B, C\n";
        let text = format!("{head}body c {{ members all parties decides d by consensus failing that by a majority of members }}");
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
        let text = format!("{head}body c {{ members all parties decides d by consensus failing that by unanimity of members }}");
        assert_eq!(findings(&SINGLE_PARTY_VETO, &text, &[]).len(), 1);
    }

    #[test]
    fn a_fallback_to_another_body_is_seen_through() {
        let head = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nparties A, B, C\nclass big = A\nbody assembly \"Assembly\" { members all parties }\n";
        // Another body deciding by a majority takes the veto away.
        let text = format!("{head}body c {{ decides d by consensus failing that assembly by a majority of members }}");
        assert!(findings(&SINGLE_PARTY_VETO, &text, &[]).is_empty());
        // One deciding with a veto keeps it, and the finding says where.
        let text = format!("{head}body c {{ decides d by consensus failing that assembly by at least 2 members and no objection from big }}");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ends_with(
                "; failing that, the Assembly decides by at least 2 members and no objection from big, where Alpha can block too"
            ),
            "{}",
            found[0].message
        );
        // A further agreement on how to decide needs everyone again.
        let text =
            format!("{head}body c {{ decides d by consensus failing that by further agreement }}");
        let found = findings(&SINGLE_PARTY_VETO, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .ends_with("which any one of them can block too"));
    }
}
