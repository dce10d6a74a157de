use super::Findings;
use crate::model::{Condition, Treaty};

declare_rule! {
    /// ## What it finds
    /// A right, duty or procedure whose trigger is judged by an interested party (the party
    /// that invokes it, the requesting or initiating party, "itself") with no one named to
    /// review that judgement.
    ///
    /// ## Why it matters
    /// "In the opinion of the Requesting Party" makes the condition whatever the requesting
    /// party says it is: the limit the words seem to set does not bind. The 2009 draft
    /// European Security Treaty lets any Party demand information on another's measures that
    /// "in the opinion of the Requesting Party, might affect its security" (Art. 3), and open
    /// consultations whenever it deems the Treaty threatened (Art. 5) (sources 003, 000).
    /// Self-judging clauses are the classic escape hatch of international law (compare the
    /// GATT Art. XXI "which it considers necessary").
    ///
    /// Withdrawal on a party's own judgement is the separate rule `self-judging-withdrawal`.
    ///
    /// ## Example
    /// ```treaty
    /// norm information_request article 3 {
    ///   any party may "request information on measures of another Party"
    ///   when "the measures might affect its security" judged by the requesting party
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm information_request article 3 {
    ///   any party may "request information on measures of another Party"
    ///   when "the measures might affect its security" judged by the requesting party reviewed by conference
    /// }
    /// ```
    /// Or state an objective test (`judged by` a body or court).
    pub static SELF_JUDGING_TRIGGER = {
        code: "self-judging-trigger",
        severity: Warning,
        summary: "a right, duty or procedure triggered by one party's own opinion, with no review",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let norms = treaty
        .norms
        .iter()
        .flat_map(|n| n.conditions.iter().map(move |c| (c, n.citation.as_ref())));
    let procedures = treaty
        .procedures
        .iter()
        .flat_map(|p| p.conditions.iter().map(move |c| (c, p.citation.as_ref())));
    for (condition, fallback) in norms.chain(procedures) {
        flag(treaty, condition, fallback, out);
    }
}

fn flag(
    treaty: &Treaty,
    condition: &Condition,
    fallback: Option<&crate::model::Cite>,
    out: &mut Findings,
) {
    let Some(judge) = condition.self_judged_by() else {
        return;
    };
    let who = treaty.actor_phrase(judge.actor);
    out.report(
        judge.span,
        condition.citation.as_ref().or(fallback),
        format!(
            "the trigger \"{}\" is judged by {who} alone: whether it applies is that party's own opinion",
            condition.text
        ),
    )
    .set_label("an interested party judges")
    .set_help(
        "name an objective test or a body that reviews the judgement (`reviewed by ...`), or \
         accept the clause as self-judging knowingly",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by consensus }\n";

    #[test]
    fn fires_on_the_requesting_partys_opinion() {
        let text = format!("{HEAD} norm info {{ any party may \"request information\" when \"it might affect its security\" judged by the requesting party }}");
        let found = findings(&SELF_JUDGING_TRIGGER, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0]
            .message
            .contains("judged by the requesting party alone"));
    }

    #[test]
    fn fires_in_a_procedure() {
        let text = format!("{HEAD} procedure consult {{ initiated by any party when \"a threat exists\" judged by the initiating party }}");
        assert_eq!(findings(&SELF_JUDGING_TRIGGER, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_when_reviewed_by_a_body() {
        let text = format!("{HEAD} norm info {{ any party may \"request information\" when \"it might affect its security\" judged by the requesting party reviewed by conference }}");
        assert!(findings(&SELF_JUDGING_TRIGGER, &text, &[]).is_empty());
    }

    #[test]
    fn silent_when_a_body_judges() {
        let text = format!("{HEAD} norm info {{ any party may \"request information\" when \"it might affect its security\" judged by conference }}");
        assert!(findings(&SELF_JUDGING_TRIGGER, &text, &[]).is_empty());
    }
}
