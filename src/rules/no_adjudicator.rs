use super::Findings;
use crate::fix::{Edit, Fix, JUDGE_BLANK};
use crate::model::Deontic;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// An obligation or prohibition (`shall`, `shall not`, `must`) whose breach no one is
    /// named to judge: no court, body or procedure decides whether it was kept.
    ///
    /// ## Why it matters
    /// A duty that nobody is entitled to find broken is enforced only by the opinion of the
    /// Party accused of breaking it, and disputes about it have nowhere to go. The 2009 draft
    /// European Security Treaty binds each Party to act "with due regard" to the others'
    /// security (Art. 1) and not to let its territory be used against them (Art. 2), and
    /// names no one to decide whether a Party did; of Arts. 2 and 3 the 2010 analysis asks
    /// "Who decides whether a certain activity significantly threatens or affects the
    /// security of other parties?" (source 003). Political commitments (`will`) are left
    /// alone: they are not meant to be adjudicated.
    ///
    /// ## Example
    /// ```treaty
    /// norm no_use_of_territory article 2 {
    ///   each party shall not "let its territory be used for an armed attack against another Party"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm no_use_of_territory article 2 {
    ///   each party shall not "let its territory be used for an armed attack against another Party"
    ///   breach judged by conference article 6
    /// }
    /// ```
    pub static NO_ADJUDICATOR = {
        code: "no-adjudicator",
        severity: Info,
        summary: "an obligation whose breach no one is named to judge",
        absence: true,
        fix: "unsafe: adds `breach judged by judge_to_be_named` after the duty; the placeholder is not a declared name, so the file reports it until the drafter names the body, court or party that judges.",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        if !norm.breach_judged_by.is_empty() {
            continue;
        }
        let Some(duty) = norm
            .statements
            .iter()
            .find(|s| matches!(s.deontic, Deontic::Shall | Deontic::ShallNot))
        else {
            continue;
        };
        out.report(
            duty.span,
            duty.citation.as_ref().or(norm.citation.as_ref()),
            format!(
                "no one is named to judge whether `{}` is breached: each Party decides for itself whether it complied",
                norm.id
            ),
        )
        .set_label("a duty without a judge")
        .set_help("name a body, court or procedure that finds breaches (`breach judged by ...`)")
        .add_fix(Fix::unsafe_(
            "add `breach judged by ...` for who finds breaches",
            vec![Edit::clause_after(duty.span, format!("breach judged by {JUDGE_BLANK}"))],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by a majority of members }\n";

    #[test]
    fn fires_on_a_duty_without_a_judge() {
        let text = format!("{HEAD} norm n {{ each party shall not \"use force\" }}");
        assert_eq!(findings(&NO_ADJUDICATOR, &text, &[]).len(), 1);
    }

    #[test]
    fn silent_with_a_judge_or_on_a_right() {
        let judged = format!(
            "{HEAD} norm n {{ each party shall not \"use force\" breach judged by conference }}"
        );
        assert!(findings(&NO_ADJUDICATOR, &judged, &[]).is_empty());
        let right = format!("{HEAD} norm n {{ any party may \"request information\" }}");
        assert!(findings(&NO_ADJUDICATOR, &right, &[]).is_empty());
    }

    #[test]
    fn the_fix_leaves_a_judge_to_name() {
        let text = format!("{HEAD}norm n {{ each party shall not \"use force\" }}");
        let fixed =
            crate::rules::testing::fixed(&NO_ADJUDICATOR, &text, crate::fix::Applicability::Unsafe);
        assert!(
            fixed.contains("\"use force\" breach judged by judge_to_be_named }"),
            "{fixed}"
        );
        // Until it is named, the placeholder is an unknown name.
        let report = crate::check::check_source("t/draft.treaty", &fixed, &[]);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["unknown-name"]);
        let named = fixed.replace("judge_to_be_named", "conference");
        assert!(findings(&NO_ADJUDICATOR, &named, &[]).is_empty());
    }
}
