use super::Findings;
use crate::model::{DecisionRule, Role, Step, Treaty};
use std::collections::BTreeSet;

declare_rule! {
    /// ## What it finds
    /// A treaty that sends disputes about it (`disputes settled by ...`) only to consultations
    /// and to bodies that decide by consensus or unanimity: along every route, each party to
    /// the dispute can block the outcome, and nothing leads to a binding settlement by others
    /// (a binding decision that the parties to the dispute cannot block alone — taken by a
    /// majority, or with their votes left out).
    ///
    /// ## Why it matters
    /// A dispute that either side can keep from being decided is not settled, only discussed.
    /// The 2010 analysis of the draft European Security Treaty (source 003) reads its Art. 4
    /// as saying that, "to settle differences or disputes that might arise between the Parties
    /// in connection with its interpretation or application", consultations and conferences
    /// between the Parties can take place; and it observes that the Conference's decisions are
    /// taken by consensus (Art. 6(3)), so that any single State has a veto over the decision
    /// of the others. No court, arbitration or vote that a party to the dispute cannot block
    /// appears on the route.
    ///
    /// ## Example
    /// ```treaty
    /// body conference { decides decisions by consensus binding article 6.3 }
    /// procedure consultations article 4 { initiated by any party article 5 leads to conference article 6 }
    /// disputes settled by consultations, conference article 4
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body conference { decides decisions by consensus binding article 6.3 }
    /// body tribunal "Arbitral tribunal" article 4 {
    ///   decides award by a majority of members binding article 4
    /// }
    /// procedure consultations article 4 { initiated by any party article 5 leads to conference article 6 }
    /// disputes settled by consultations, tribunal article 4
    /// ```
    pub static NO_BINDING_SETTLEMENT = {
        code: "no-binding-settlement",
        severity: Warning,
        summary: "disputes go only to consultations and to bodies deciding by consensus, never to a binding settlement",
        absence: true,
        check: check,
    };
}

/// Whether a decision settles a dispute in a way the parties to it cannot block alone.
fn settles(d: &DecisionRule) -> bool {
    d.binding && (!d.rule.is_unanimous() || d.excluded.contains(&Role::DisputeParties))
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for route in &treaty.disputes {
        // Every procedure, body and decision reached from the named routes.
        let mut seen: BTreeSet<u32> = BTreeSet::new();
        let mut pending: Vec<Step> = route.routes.clone();
        let mut reached: Vec<&DecisionRule> = Vec::new();
        let mut bodies: Vec<&str> = Vec::new();
        while let Some(step) = pending.pop() {
            match step {
                Step::Procedure(p) => {
                    if seen.insert(p) {
                        if let Some(proc_) = treaty.procedure(p) {
                            pending.extend(proc_.leads_to.iter().map(|(s, _)| *s));
                        }
                    }
                }
                Step::Body(b) => {
                    if let Some(body) = treaty.body(b) {
                        reached.extend(&body.decisions);
                        bodies.push(body.display_name());
                    }
                }
                Step::Decision(b, d) => {
                    if let Some(body) = treaty.body(b) {
                        reached.extend(body.decisions.get(d as usize));
                        bodies.push(body.display_name());
                    }
                }
            }
        }
        if reached.iter().any(|d| settles(d)) {
            continue;
        }
        bodies.sort_unstable();
        bodies.dedup();
        let where_ = if bodies.is_empty() {
            "to consultations alone".to_string()
        } else {
            format!(
                "to consultations and to the {}, which {} by consensus or unanimity",
                super::and_list(&bodies),
                if bodies.len() == 1 {
                    "decides"
                } else {
                    "decide"
                }
            )
        };
        out.report(
            route.span,
            route.citation.as_ref(),
            format!(
                "disputes go only {where_}: each party to a dispute can block its settlement, and nothing leads to a binding settlement by others"
            ),
        )
        .set_label("no binding settlement")
        .set_help("send disputes that consultations do not settle to a court, an arbitral tribunal, or a body whose binding decision the parties to the dispute cannot block (`excluding the parties to the dispute`)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by consensus binding }\nprocedure talks { initiated by any party leads to conference }\n";

    #[test]
    fn fires_when_every_route_is_consensual() {
        let text = format!("{HEAD}disputes settled by talks\n");
        assert_eq!(findings(&NO_BINDING_SETTLEMENT, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_a_binding_majority_or_without_the_parties_votes() {
        let text = format!("{HEAD}body court {{ decides award by a majority of members binding }}\ndisputes settled by talks, court\n");
        assert!(findings(&NO_BINDING_SETTLEMENT, &text, &[]).is_empty());
        let text = format!("{HEAD}body council {{ decides s by consensus excluding the parties to the dispute binding }}\ndisputes settled by council\n");
        assert!(findings(&NO_BINDING_SETTLEMENT, &text, &[]).is_empty());
    }
}
