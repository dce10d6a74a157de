use super::{and_list, by_number, Findings};
use crate::model::{ActorRef, PartyId, Treaty};

declare_rule! {
    /// ## What it finds
    /// A duty or restriction that is about, or owed by, a State that is not a party to the
    /// treaty.
    ///
    /// ## Why it matters
    /// "A treaty does not create either obligations or rights for a third State without its
    /// consent" (Vienna Convention on the Law of Treaties, Art. 34). A clause that disposes
    /// of a non-party (that it may not join an alliance, that no forces may be stationed on
    /// its territory) binds only the parties among themselves, and the State concerned has
    /// not agreed to anything. The Russian draft agreement with NATO member States of
    /// December 2021 bars "the accession of Ukraine as well as other States" (Art. 6, as
    /// TASS quotes it), which the Financial Times reports as a ban on "Ukraine as well as
    /// other states" joining NATO (source 002).
    ///
    /// ## Example
    /// ```treaty
    /// norm no_enlargement article 6 {
    ///   each party shall not "admit Ukraine to the alliance"
    ///   about UA
    /// }
    /// ```
    ///
    /// ## Better
    /// Make the State concerned a party to the clause it is the subject of, or limit the
    /// clause to what the parties themselves do.
    /// ```treaty
    /// norm no_enlargement article 6 {
    ///   each party shall not "station forces on the territory of another State without its consent"
    /// }
    /// ```
    pub static OBLIGATION_ON_NON_PARTY = {
        code: "obligation-on-non-party",
        severity: Warning,
        summary: "a duty or restriction about a State that is not a party (VCLT Art. 34)",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    if treaty.treaty_parties.is_empty() {
        return;
    }
    let outsiders = |actor: ActorRef| -> Vec<PartyId> {
        let named = match actor {
            ActorRef::Party(p) => vec![p],
            ActorRef::Class(c) => treaty
                .class(c)
                .map(|c| c.members.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        named
            .into_iter()
            .filter(|p| !treaty.treaty_parties.contains(p))
            .collect()
    };
    for norm in &treaty.norms {
        let bound = norm.statements.iter().map(|s| s.actor);
        for actor in bound.chain(norm.about.iter().copied()) {
            let third = outsiders(actor.actor);
            if third.is_empty() {
                continue;
            }
            let mut names: Vec<String> = treaty
                .party_names(&third)
                .into_iter()
                .map(str::to_string)
                .collect();
            let about_this = norm.about.iter().any(|a| a.span == actor.span);
            if about_this && norm.about_others {
                names.push("other States it does not name".to_string());
            }
            out.report(
                actor.span,
                norm.citation.as_ref(),
                format!(
                    "`{}` binds only the parties, yet disposes of the choices of {}, {} to this treaty",
                    norm.id,
                    and_list(&names),
                    by_number(names.len(), "which is not a party", "which are not parties"),
                ),
            )
            .set_label(by_number(third.len(), "not a party", "not parties"))
            .set_help("a treaty creates neither obligations nor rights for a third State without its consent (VCLT Arts. 34-35); make the State a party to the clause, or limit the clause to the parties' own conduct");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparty X \"Xland\"\nparties A, B\n";

    #[test]
    fn fires_on_a_clause_about_a_non_party() {
        let text = format!(
            "{HEAD} norm n {{ each party shall not \"admit Xland to the alliance\" about X }}"
        );
        let found = findings(&OBLIGATION_ON_NON_PARTY, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains(
            "binds only the parties, yet disposes of the choices of Xland, which is not a party"
        ));
    }

    #[test]
    fn silent_on_the_parties_own_conduct() {
        let text = format!("{HEAD} norm n {{ each party shall not \"station forces abroad without consent\" about A, B }}");
        assert!(findings(&OBLIGATION_ON_NON_PARTY, &text, &[]).is_empty());
    }
}
