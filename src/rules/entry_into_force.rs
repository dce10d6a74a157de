use super::{by_number, counted, each_of, Findings};
use crate::decision::{fewest_blockers, veto_players};
use crate::model::{Amount, DecisionRule, EntryCondition, Treaty};

declare_rule! {
    /// ## What it finds
    /// Entry-into-force clauses that let a treaty bind a minority of the States it is meant
    /// for, or that let any one named State hold it back by not ratifying.
    ///
    /// ## Why it matters
    /// A security treaty among some of the States concerned is a different treaty: the rules
    /// the others never accepted do not bind them (Vienna Convention on the Law of Treaties,
    /// Art. 34), and what the text promises "all Parties" covers fewer States than its
    /// drafters had in mind. The 2009 draft European Security Treaty is reported to enter
    /// into force on the 25th ratification (Art. 11, count unverified): 25 of the 57 States
    /// it addresses. The reverse also matters: naming States whose ratification is required
    /// gives each of them a veto over the whole treaty (the North Atlantic Treaty, Art. 11,
    /// names seven).
    ///
    /// The condition is read as a decision of the States that ratify (`after ratification by
    /// at least two thirds of members including RU, US`): ratification is a positive act, so
    /// a named State that does nothing holds the treaty back as one that refuses would. A
    /// delay and a floor (`180 days after ... not earlier than 2 years after opening for
    /// signature`) change when, not whether, and `treaty run` checks them (`expect in force
    /// from day N`).
    ///
    /// ## Example
    /// ```treaty
    /// entry into force after 25 ratifications article 11
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// entry into force after 29 ratifications article 11
    /// ```
    /// Or say that it binds only those that ratified, and what the others' absence means.
    pub static ENTRY_INTO_FORCE = {
        code: "entry-into-force",
        severity: Info,
        summary: "a treaty that can enter into force without key parties, or that any one named state can hold back",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let addressed = treaty.treaty_parties.len();
    for e in &treaty.entry_into_force {
        let decision = e
            .decision
            .and_then(|(b, k)| Some((treaty.body(b)?, k)))
            .and_then(|(b, k)| Some((b, b.decisions.get(k as usize)?)));
        let count = match &e.condition {
            EntryCondition::Ratifications {
                count: Amount::Number(n),
                ..
            } => Some(*n),
            EntryCondition::OnSignature => continue,
            // A rule over the ratifying States: the fewest ratifications that can meet it,
            // leaving the named States aside (their ratification is found below).
            EntryCondition::Ratification { .. } => decision.and_then(|(body, rule)| {
                let without_named = rule.rule.without_vetoes();
                let others = DecisionRule {
                    rule: without_named,
                    ..rule.clone()
                };
                let blockers = fewest_blockers(body, &others)?;
                let n = body.members.len();
                (blockers > 0 && blockers <= n).then(|| (n - blockers + 1) as u64)
            }),
            _ => None,
        };
        if let Some(n) = count {
            if addressed > 0 && (n as usize) * 2 <= addressed {
                out.report(
                    e.span,
                    e.citation.as_ref(),
                    format!(
                        "it can enter into force among {n} of the {addressed} parties it addresses, binding a minority"
                    ),
                )
                .set_label(format!("{n} of {addressed}"))
                .set_help("require ratification by a majority, or by the States whose participation the treaty depends on");
            }
        }
        // Who can hold it back alone, as the evaluation core reads the condition: the named
        // States whose ratification is required, or every State where all must ratify.
        let vetoes = match decision {
            Some((body, rule)) => veto_players(body, rule),
            None => e.condition.required().to_vec(),
        };
        if vetoes.is_empty() {
            continue;
        }
        // The named States in the order the clause names them, then any others.
        let required = e.condition.required();
        let mut vetoes: Vec<_> = required
            .iter()
            .filter(|p| vetoes.contains(p))
            .copied()
            .chain(vetoes.iter().filter(|p| !required.contains(p)).copied())
            .collect();
        vetoes.dedup();
        let states = decision.map_or(0, |(b, _)| b.members.len());
        let who = if states > 1 && vetoes.len() == states {
            format!("any one of the {states} States that must ratify")
        } else {
            each_of(&treaty.party_names(&vetoes), 8)
        };
        out.report(
            e.span,
            e.citation.as_ref(),
            format!("{who} can keep it from entering into force by not ratifying"),
        )
        .set_label(format!(
            "{} {} a veto",
            if states > 1 && vetoes.len() == states {
                counted(vetoes.len(), "State", "States")
            } else {
                counted(vetoes.len(), "named State", "named States")
            },
            by_number(vetoes.len(), "holds", "hold")
        ))
        .set_help("make sure every named State's veto over the whole treaty is intended");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    fn parties(n: usize) -> String {
        (0..n)
            .map(|i| format!("party P{i} \"State {i}\"\n"))
            .collect::<String>()
            + "parties all parties\n"
    }

    #[test]
    fn fires_on_a_minority_and_on_named_states() {
        let text = format!(
            "{} entry into force after 25 ratifications including P0, P1",
            parties(57)
        );
        let found = findings(&ENTRY_INTO_FORCE, &text, &[]);
        assert_eq!(found.len(), 2);
        let has = |m: &str| found.iter().any(|d| d.message.starts_with(m));
        assert!(has("it can enter into force among 25 of the 57"));
        assert!(has("each of State 0 and State 1 can keep it"));
    }

    #[test]
    fn a_rule_over_the_ratifying_states_names_who_holds_it_back() {
        let text = format!(
            "{} class big = P0, P1\nentry into force after ratification by at least two thirds of members including big",
            parties(6)
        );
        let found = findings(&ENTRY_INTO_FORCE, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "each of State 0 and State 1 can keep it from entering into force by not ratifying"
        );
        let text = format!(
            "{} entry into force after ratification by unanimity of members",
            parties(4)
        );
        let found = findings(&ENTRY_INTO_FORCE, &text, &[]);
        assert_eq!(
            found[0].message,
            "any one of the 4 States that must ratify can keep it from entering into force by not ratifying"
        );
    }

    #[test]
    fn a_share_of_the_ratifying_states_can_be_a_minority() {
        let text = format!(
            "{} entry into force after ratification by at least one third of members",
            parties(9)
        );
        let found = findings(&ENTRY_INTO_FORCE, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .starts_with("it can enter into force among 3 of the 9 parties"));
    }

    #[test]
    fn silent_on_a_majority_with_no_named_states() {
        let text = format!("{} entry into force after 29 ratifications", parties(57));
        assert!(findings(&ENTRY_INTO_FORCE, &text, &[]).is_empty());
    }
}
