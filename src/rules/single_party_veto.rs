use super::{and_list, Findings};
use crate::decision::veto_players;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A decision rule of a body that any one member, or each of a few named members, can
    /// block alone: consensus, unanimity, or a veto held by named parties.
    ///
    /// ## Why it matters
    /// A body that one party can stop cannot act against that party, nor against anyone that
    /// party protects. In a collective-security body the state whose conduct is in question
    /// holds a veto over the response to it. The 2009 draft European Security Treaty makes
    /// every decision of its Conference (Art. 6(3)) and of its Extraordinary Conference
    /// (Art. 8) by consensus or unanimity, so any one Party can veto everything (sources 000,
    /// 003). The OSCE itself answered this in 1992 with "consensus minus one".
    ///
    /// The finding names who can block, as the evaluation core computes it: a member blocks
    /// if, with every member present and all others in favour, its objection defeats the
    /// proposal.
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
        for decision in &body.decisions {
            let vetoes = veto_players(body, decision);
            if vetoes.is_empty() {
                continue;
            }
            let what = decision
                .description
                .clone()
                .unwrap_or_else(|| format!("its decisions on `{}`", decision.kind));
            let exclusion = if decision.excluded.is_empty() {
                String::new()
            } else {
                let roles: Vec<&str> = decision.excluded.iter().map(|r| r.phrase()).collect();
                format!(" (votes of {} aside)", and_list(&roles))
            };
            let (message, label) = if vetoes.len() == n {
                (
                    format!(
                        "any one of the {n} members of the {} can block {what}: {} by {}{exclusion}",
                        body.display_name(),
                        if decision.binding {
                            "binding decisions are taken"
                        } else {
                            "it decides"
                        },
                        decision.rule
                    ),
                    format!("one objection among {n} members blocks"),
                )
            } else {
                let names = treaty.party_names(&vetoes);
                let shown: Vec<&str> = names.iter().take(8).copied().collect();
                let more = if names.len() > 8 {
                    format!(" and {} others", names.len() - 8)
                } else {
                    String::new()
                };
                (
                    format!(
                        "each of {} can block {what} of the {} alone{exclusion}",
                        and_list(&shown) + &more,
                        body.display_name()
                    ),
                    format!("{} of {n} members hold a veto", vetoes.len()),
                )
            };
            let citation = decision.citation.as_ref().or(body.citation.as_ref());
            out.report(decision.rule_span, citation, message)
                .set_label(label)
                .set_help(
                    "if the body must act against one of its own members, consider consensus \
                     minus the party concerned, a qualified majority, or a fallback when \
                     consensus fails",
                );
        }
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
        assert!(
            found[0].message.contains("each of Alpha can block"),
            "{}",
            found[0].message
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
}
