use super::Findings;
use crate::model::{GuaranteeLevel, Treaty};

declare_rule! {
    /// ## What it finds
    /// An assistance clause that only restates a right the Parties already have (`restates
    /// "UN Charter Art. 51"`), or that gives only an entitlement to help. The language places
    /// every assistance clause on a scale with `guarantee`: `entitlement` (a Party may help),
    /// `undertaking` (a political undertaking), `means-left` (a duty to help, with the means
    /// left to each Party), `automatic` (a duty that follows from the event itself). Clauses
    /// marked `means-left` or `automatic` that restate nothing pass.
    ///
    /// ## Why it matters
    /// A clause that restates an existing right adds no guarantee: a victim of aggression
    /// is no better placed than without the treaty. The 2010 analysis of the draft European
    /// Security Treaty (source 003) notes that its Art. 7 gives every Party the right of
    /// self-defence under UN Charter Art. 51, and asks what States may do when the Parties
    /// cannot agree on collective measures; it holds that a reliable promise of redress to
    /// potential victims of aggression needs a high degree of commitment and automaticity.
    /// Art. 7's text makes assistance a Party's entitlement, "subject to" the attacked Party's
    /// consent, in exercise of the Art. 51 right. The North Atlantic Treaty's Art. 5, by
    /// contrast, says each Party "will assist" the Party attacked, by "such action as it
    /// deems necessary": a duty, with the means left to each Party.
    ///
    /// ## Example
    /// ```treaty
    /// norm self_defence article 7 {
    ///   each party may "render the attacked Party, subject to its consent, the necessary assistance"
    ///   toward the attacked party
    ///   guarantee entitlement
    ///   restates "UN Charter Art. 51"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm collective_defence article 5 {
    ///   each party will "assist the Party attacked by such action as it deems necessary"
    ///   toward the attacked party
    ///   guarantee means-left
    /// }
    /// ```
    pub static WEAK_GUARANTEE = {
        code: "weak-guarantee",
        severity: Warning,
        summary: "an assistance clause that only restates an existing right, or gives only an entitlement to help",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        let level = norm.guarantee.as_ref();
        let citation = norm.citation.as_ref();
        if let Some(restated) = norm.restates.first() {
            let on_scale = level
                .map(|g| format!("; on the scale of guarantees it is {}", g.level.phrase()))
                .unwrap_or_default();
            out.report(
                norm.span,
                restated.citation.as_ref().or(citation),
                format!(
                    "`{}` only restates an existing right, {}: it adds no guarantee to what the Parties have without the treaty{on_scale}",
                    norm.id, restated.what
                ),
            )
            .set_label("restates an existing right")
            .set_help("state a duty to assist (`guarantee means-left` or `automatic`), or say what the treaty adds to the right it restates");
        } else if let Some(g) = level.filter(|g| g.level == GuaranteeLevel::Entitlement) {
            out.report(
                norm.span,
                g.citation.as_ref().or(citation),
                format!(
                    "`{}` gives {}: no Party is bound to assist",
                    norm.id,
                    g.level.phrase()
                ),
            )
            .set_label("an entitlement, not a duty")
            .set_help(
                "state a duty to assist (`shall`), with the means left to each Party or fixed",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparties A\n";

    #[test]
    fn fires_on_a_restated_right_and_on_an_entitlement() {
        let text = format!("{HEAD}norm sd {{ each party may \"help\" guarantee entitlement restates \"UN Charter Art. 51\" }}");
        let found = findings(&WEAK_GUARANTEE, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("only restates"));
        let text = format!("{HEAD}norm sd {{ each party may \"help\" guarantee entitlement }}");
        assert_eq!(findings(&WEAK_GUARANTEE, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_on_a_duty_with_the_means_left() {
        let text = format!("{HEAD}norm cd {{ each party will \"assist\" guarantee means-left }}");
        assert!(findings(&WEAK_GUARANTEE, &text, &[]).is_empty());
    }
}
