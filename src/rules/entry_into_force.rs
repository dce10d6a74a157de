use super::{by_number, counted, each_of, Findings};
use crate::model::{Amount, EntryCondition, Treaty};

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
        let (count, including) = match &e.condition {
            EntryCondition::Ratifications { count, including } => (
                match count {
                    Amount::Number(n) => Some(*n),
                    Amount::Placeholder(_) => None,
                },
                including,
            ),
            EntryCondition::MajorityOfSignatories { including } => (None, including),
            EntryCondition::OnSignature => continue,
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
        if !including.is_empty() {
            let names = treaty.party_names(including);
            out.report(
                e.span,
                e.citation.as_ref(),
                format!(
                    "{} can keep it from entering into force by not ratifying",
                    each_of(&names, 8)
                ),
            )
            .set_label(format!(
                "{} {} a veto",
                counted(names.len(), "named State", "named States"),
                by_number(names.len(), "holds", "hold")
            ))
            .set_help("make sure every named State's veto over the whole treaty is intended");
        }
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
    fn silent_on_a_majority_with_no_named_states() {
        let text = format!("{} entry into force after 29 ratifications", parties(57));
        assert!(findings(&ENTRY_INTO_FORCE, &text, &[]).is_empty());
    }
}
