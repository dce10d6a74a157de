use super::Findings;
use crate::model::{ActorRef, Treaty};

declare_rule! {
    /// ## What it finds
    /// A norm of the draft that contradicts a right or obligation of a related instrument
    /// (`conflicts with article 10 of "north-atlantic-1949.treaty"`, the instrument named in
    /// the header with `related "..."`) when the two bind some of the same parties. The
    /// finding names the parties bound by both and points at the article of the other file.
    ///
    /// ## Why it matters
    /// The Vienna Convention on the Law of Treaties settles such conflicts only in part. By
    /// Art. 30(4)(b), where the parties to a later treaty are not all parties to the earlier
    /// one, the treaty to which both States are parties governs the relations between a State
    /// party to both and a State party to only one; Art. 30(5) leaves open the responsibility
    /// a State may incur by concluding a treaty whose provisions are incompatible with its
    /// obligations towards another State under another treaty. Art. 41 lets some parties to a
    /// multilateral treaty modify it between themselves alone only where the treaty provides
    /// for that, or where the treaty does not prohibit it and the modification neither affects
    /// the other parties' enjoyment of their rights or performance of their obligations nor
    /// touches a provision from which derogation is incompatible with the treaty's object and
    /// purpose. (Paraphrased from the Convention as read in its official Italian text; the
    /// Convention is not in this project's reference texts.) A draft that has some of the same
    /// States give up a right their earlier treaty gives them all (the 2021 Russia–NATO
    /// draft's Art. 6 would have NATO's members "refrain from any further enlargement", against
    /// the North Atlantic Treaty's Art. 10, by which the Parties "may, by unanimous agreement,
    /// invite" another European State to accede) raises these questions: which commitment
    /// governs between which States, and whether the States bound by both answer for it to
    /// the others.
    ///
    /// ## Example
    /// ```treaty
    /// treaty "Draft" {
    ///   related "north-atlantic-1949.treaty"
    /// }
    /// norm no_enlargement article 6 {
    ///   nato_members shall not "enlarge NATO further"
    ///   conflicts with article 10 of "north-atlantic-1949.treaty"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm enlargement_consultations article 6 {
    ///   each party shall "consult the other Parties before inviting a State to accede"
    /// }
    /// ```
    pub static CONFLICTING_INSTRUMENT = {
        code: "conflicting-instrument",
        severity: Warning,
        summary: "a norm contradicts a right or obligation of a related instrument binding some of the same parties",
        check: check,
    };
}

/// The ids of the parties a norm binds: its statements' named parties and classes, or every
/// party of the treaty where a statement binds a role such as `each party`.
fn bound_party_ids(treaty: &Treaty, norm: &crate::model::Norm) -> Vec<String> {
    let mut ids = Vec::new();
    for s in &norm.statements {
        let parties = match s.actor.actor {
            ActorRef::Party(p) => vec![p],
            ActorRef::Class(c) => treaty
                .class(c)
                .map(|c| c.members.clone())
                .unwrap_or_default(),
            ActorRef::Body(_) => Vec::new(),
            ActorRef::Role(_) => treaty.treaty_parties.clone(),
        };
        ids.extend(
            parties
                .into_iter()
                .filter_map(|p| treaty.party(p).map(|p| p.id.clone())),
        );
    }
    ids.sort();
    ids.dedup();
    ids
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        for conflict in &norm.conflicts {
            let Some(related) = treaty
                .related
                .iter()
                .find(|r| r.file == conflict.instrument)
            else {
                continue;
            };
            let bound = bound_party_ids(treaty, norm);
            let shared: Vec<&str> = treaty
                .parties
                .iter()
                .filter(|p| bound.contains(&p.id) && related.parties.contains(&p.id))
                .map(|p| p.name.as_str())
                .collect();
            if shared.is_empty() {
                continue;
            }
            let target = related
                .articles
                .iter()
                .find(|a| a.kind == conflict.article.kind && a.path == conflict.article.path);
            let parties = super::counted(shared.len(), "party", "parties");
            let d = out
                .report(
                    norm.span,
                    conflict.citation.as_ref().or(norm.citation.as_ref()),
                    format!(
                        "`{}` contradicts {} of the {}, which binds {parties} of this treaty ({}): which commitment prevails between them is for VCLT Arts. 30 and 41, not for this text",
                        norm.id,
                        conflict.article.text,
                        related.title,
                        super::and_list_capped(&shared, 6),
                    ),
                )
                .set_label(format!("contradicts {} of the {}", conflict.article.text, related.title))
                .set_help(format!(
                    "say how the draft relates to the {} (which prevails, or that the States bound by both agree to modify it), or drop the obligation",
                    related.title
                ));
            if let Some(a) = target {
                d.labels.push(crate::diagnostic::Label {
                    span: a.span,
                    message: format!("{} of the {}", conflict.article.text, related.title),
                });
            }
            out.rests_on(treaty.related_ground(related, &conflict.article));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const OTHER: &str = "treaty \"Alliance\" {\n}\nparty A \"Alpha\"\nparty B \"Beta\"\nparties A, B\narticle 10 says \"The Parties may invite another State to accede.\"\n";

    fn draft(parties: &str) -> String {
        format!("treaty \"Draft\" {{\n  related \"alliance.treaty\"\n}}\nparty A \"Alpha\"\nparty C \"Gamma\"\nparties {parties}\narticle 6 says \"No enlargement.\"\nnorm no_enlargement article 6 {{\n  each party shall not \"enlarge the alliance\"\n  conflicts with article 10 of \"alliance.treaty\"\n}}\n")
    }

    #[test]
    fn fires_when_the_instruments_share_a_party() {
        let found = findings(
            &CONFLICTING_INSTRUMENT,
            &draft("A, C"),
            &[("t/alliance.treaty", OTHER)],
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("article 10 of the Alliance"));
        assert_eq!(found[0].labels.len(), 1);
    }

    #[test]
    fn silent_when_no_party_is_bound_by_both() {
        let found = findings(
            &CONFLICTING_INSTRUMENT,
            &draft("C"),
            &[("t/alliance.treaty", OTHER)],
        );
        assert!(found.is_empty());
    }
}
