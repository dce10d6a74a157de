use super::Findings;
use crate::model::{Amount, Treaty};

declare_rule! {
    /// ## What it finds
    /// A size threshold counted per activity (`threshold 9000 "troops" per activity`) with no
    /// rule that adds related activities up (`aggregated "..."`).
    ///
    /// ## Why it matters
    /// A duty that starts above a size per activity is avoided by splitting one large
    /// activity into several just below it. Confidence-building regimes such as the Vienna
    /// Document oblige notice and observation of military exercises above a size threshold;
    /// PISM reports that Russia circumvented it by dividing large manoeuvres into smaller
    /// ones below the threshold of mandatory observation, and by snap exercises that did not
    /// require prior notification (source 004). The remedy is a rule that counts related
    /// activities (same time, same area, same command) together.
    ///
    /// ## Example
    /// ```treaty
    /// norm notification {
    ///   each party shall "notify military activities in advance"
    ///   threshold 9000 "troops" per activity
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm notification {
    ///   each party shall "notify military activities in advance"
    ///   threshold 9000 "troops" per activity
    ///   aggregated "activities in the same area within the same fortnight are counted as one"
    /// }
    /// ```
    pub static THRESHOLD_SPLITTING = {
        code: "threshold-splitting",
        severity: Warning,
        summary: "a per-activity threshold with no rule that adds related activities up",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        if !norm.aggregated.is_empty() {
            continue;
        }
        for t in norm.thresholds.iter().filter(|t| t.per_activity) {
            let size = match &t.amount {
                Amount::Number(n) => n.to_string(),
                Amount::Placeholder(p) => p.clone(),
            };
            out.report(
                t.span,
                t.citation.as_ref().or(norm.citation.as_ref()),
                format!(
                    "`{}` applies above {size} {} per activity, and nothing adds related activities up: splitting one activity avoids it",
                    norm.id, t.unit
                ),
            )
            .set_label("per activity, never summed")
            .set_help("add a rule that counts related activities together (`aggregated \"...\"`)");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn fires_on_a_per_activity_threshold_alone() {
        let text = "norm n { each party shall \"notify\" threshold 9000 \"troops\" per activity }";
        assert_eq!(findings(&THRESHOLD_SPLITTING, text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_aggregation_or_a_total_threshold() {
        let summed = "norm n { each party shall \"notify\" threshold 9000 \"troops\" per activity aggregated \"same area, same fortnight\" }";
        assert!(findings(&THRESHOLD_SPLITTING, summed, &[]).is_empty());
        let total = "norm n { each party shall \"notify\" threshold 9000 \"troops\" }";
        assert!(findings(&THRESHOLD_SPLITTING, total, &[]).is_empty());
    }
}
