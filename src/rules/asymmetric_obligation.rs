use super::{and_list_capped, by_number, Findings};
use crate::model::Deontic;
use crate::model::{ActorRef, PartyId, Treaty};

declare_rule! {
    /// ## What it finds
    /// A duty or prohibition whose subject is some of the parties only (a named party or a
    /// class), leaving the others free of it.
    ///
    /// ## Why it matters
    /// Security treaties between equals bind each party alike; a text whose restrictions
    /// fall on one side, while the other keeps its hands free, records a settlement imposed
    /// rather than a bargain, and invites the bound side to treat it as such. The Russian
    /// draft agreement with NATO member States of December 2021 bars NATO's enlargement
    /// (Art. 6) and its military activity in Ukraine and other States (Art. 7, as TASS
    /// quotes them) with no like duty on Russia; PISM describes the December 2021 demands as
    /// restricting the U.S. and NATO (source 004).
    ///
    /// The finding is about duties (`shall`, `shall not`, `must`); rights and political
    /// commitments are left alone.
    ///
    /// ## Example
    /// ```treaty
    /// norm no_deployment article 4 {
    ///   alliance_members shall not "deploy forces on the territory of States that joined after 1997"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm no_deployment article 4 {
    ///   each party shall not "deploy forces near the other Parties' borders beyond agreed levels"
    /// }
    /// ```
    pub static ASYMMETRIC_OBLIGATION = {
        code: "asymmetric-obligation",
        severity: Info,
        summary: "duties that fall on one side only",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let all = &treaty.treaty_parties;
    if all.is_empty() {
        return;
    }
    for n in &treaty.norms {
        for s in n
            .statements
            .iter()
            .filter(|s| matches!(s.deontic, Deontic::Shall | Deontic::ShallNot))
        {
            let bound: Vec<PartyId> = match s.actor.actor {
                ActorRef::Party(p) => vec![p],
                ActorRef::Class(c) => treaty
                    .class(c)
                    .map(|c| c.members.clone())
                    .unwrap_or_default(),
                // Roles bind any party that comes to hold them; bodies are not parties.
                ActorRef::Role(_) | ActorRef::Body(_) => continue,
            };
            let free: Vec<PartyId> = all.iter().filter(|p| !bound.contains(p)).copied().collect();
            if free.is_empty() {
                continue;
            }
            let names = treaty.party_names(&free);
            out.report(
                s.actor.span,
                s.citation.as_ref().or(n.citation.as_ref()),
                format!(
                    "`{}` binds {} only: {} {} no such duty",
                    n.id,
                    treaty.actor_phrase(s.actor.actor),
                    and_list_capped(&names, 6),
                    by_number(free.len(), "bears", "bear")
                ),
            )
            .set_label("one side bound")
            .set_help("bind each party alike, or give the other side counterpart obligations");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

    #[test]
    fn fires_when_one_side_alone_is_bound() {
        let text = format!("{HEAD} norm n {{ A shall not \"deploy forces\" }}");
        let found = findings(&ASYMMETRIC_OBLIGATION, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("Beta bears no such duty"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn silent_when_each_party_is_bound() {
        let each = format!("{HEAD} norm n {{ each party shall not \"deploy forces\" }}");
        assert!(findings(&ASYMMETRIC_OBLIGATION, &each, &[]).is_empty());
    }
}
