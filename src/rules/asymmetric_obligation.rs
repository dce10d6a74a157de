use super::{and_list, Findings};
use crate::ast::Deontic;
use crate::model::{ActorRef, PartyId, Treaty};

declare_rule! {
    /// ## What it finds
    /// A duty or prohibition that binds some of the parties only (a named party or class)
    /// where the treaty binds no one else to anything comparable.
    ///
    /// ## Why it matters
    /// Security treaties between equals bind each party alike; a text whose restrictions
    /// fall on one side, while the other keeps its hands free, records a settlement imposed
    /// rather than a bargain, and invites the bound side to treat it as such. The Russian
    /// draft agreement with NATO of December 2021 restricted the alliance's deployments and
    /// enlargement while its counterpart obligations were few (source 004).
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
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let all = &treaty.treaty_parties;
    if all.is_empty() {
        return;
    }
    let is_duty = |d: Deontic| matches!(d, Deontic::Shall | Deontic::ShallNot);
    // Who is bound by some duty, across the treaty.
    let mut bound_anywhere: Vec<PartyId> = Vec::new();
    let members = |actor: ActorRef| -> Option<Vec<PartyId>> {
        match actor {
            ActorRef::Party(p) => Some(vec![p]),
            ActorRef::Class(c) => treaty.class(c).map(|c| c.members.clone()),
            // Roles bind any party that comes to hold them.
            ActorRef::Role(_) => Some(all.clone()),
            ActorRef::Body(_) => None,
        }
    };
    for n in &treaty.norms {
        for s in n.statements.iter().filter(|s| is_duty(s.deontic)) {
            bound_anywhere.extend(members(s.actor.actor).unwrap_or_default());
        }
    }
    let free: Vec<PartyId> = all
        .iter()
        .filter(|p| !bound_anywhere.contains(p))
        .copied()
        .collect();
    if free.is_empty() {
        return;
    }
    for n in &treaty.norms {
        for s in n.statements.iter().filter(|s| is_duty(s.deontic)) {
            if !matches!(s.actor.actor, ActorRef::Party(_) | ActorRef::Class(_)) {
                continue;
            }
            let names = treaty.party_names(&free);
            let shown: Vec<&str> = names.iter().take(6).copied().collect();
            let more = names.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            out.report(
                s.actor.span,
                s.citation.as_ref().or(n.citation.as_ref()),
                format!(
                    "`{}` binds {} only; {}{more} {} no duty under this treaty",
                    n.id,
                    treaty.actor_phrase(s.actor.actor),
                    and_list(&shown),
                    if free.len() == 1 { "bears" } else { "bear" }
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
            found[0].message.contains("Beta bears no duty"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn silent_when_both_sides_are_bound() {
        let text = format!("{HEAD} norm n {{ A shall not \"deploy forces\" }} norm m {{ B shall not \"deploy forces\" }}");
        assert!(findings(&ASYMMETRIC_OBLIGATION, &text, &[]).is_empty());
        let each = format!("{HEAD} norm n {{ each party shall not \"deploy forces\" }}");
        assert!(findings(&ASYMMETRIC_OBLIGATION, &each, &[]).is_empty());
    }
}
