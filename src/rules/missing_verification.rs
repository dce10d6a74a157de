use super::Findings;
use crate::fix::{Edit, Fix, BLANK};
use crate::model::Deontic;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A limit or a restraint (a threshold, or a `shall not` / `will not`) with no means of
    /// verifying it: no `verified by` inspection, observation or data exchange. A restraint
    /// on an act that is public by nature (an accession, an admission, an enlargement, a
    /// membership) is left alone: there is nothing to inspect.
    ///
    /// ## Why it matters
    /// Restraint that cannot be checked gives the other side no assurance, and a party that
    /// suspects cheating has nothing to point to but its suspicion. PISM (source 004) argues
    /// that without a functioning system of arms-control mechanisms and confidence-building
    /// measures, Russia's declarations of restraint offer NATO States no guarantees, and
    /// notes that Russia rejected proposals for monitoring (inspections, for example) of new
    /// defence infrastructure. The
    /// 2009 draft European Security Treaty's Art. 2 forbids using territory against another
    /// Party with nothing to verify it by.
    ///
    /// ## Example
    /// ```treaty
    /// norm no_deployment {
    ///   each party shall not "deploy intermediate-range missiles in Europe"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm no_deployment {
    ///   each party shall not "deploy intermediate-range missiles in Europe"
    ///   verified by "on-site inspections of declared sites and an annual data exchange"
    /// }
    /// ```
    pub static MISSING_VERIFICATION = {
        code: "missing-verification",
        severity: Info,
        summary: "a limit or restraint with no verification or data exchange",
        absence: true,
        fix: "unsafe: adds `verified by \"[...]\"` after the limit or restraint, a blank for the drafter to fill with how compliance is checked.",
        check: check,
    };
}

/// Words that make a restraint's aim an act done in public by nature: a State's accession
/// to an alliance or an organization, its admission, an enlargement. Such an act is recorded
/// in instruments of accession and announced by the organization; there is nothing to
/// inspect. The Model has no notion of "public act", so the rule reads the aim for these
/// words, whole and case-blind, and nothing else.
const PUBLIC_ACTS: &[&str] = &[
    "accession",
    "accede",
    "admission",
    "admit",
    "enlarge",
    "enlargement",
    "membership",
];

/// Whether a restraint's aim is an act public by nature.
fn is_public_act(aim: &str) -> bool {
    aim.split(|c: char| !c.is_alphanumeric())
        .any(|word| PUBLIC_ACTS.iter().any(|w| word.eq_ignore_ascii_case(w)))
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        if !norm.verified_by.is_empty() {
            continue;
        }
        let restraint = norm.statements.iter().find(|s| {
            matches!(s.deontic, Deontic::ShallNot | Deontic::WillNot) && !is_public_act(&s.aim)
        });
        let (span, citation, what) = match (norm.thresholds.first(), restraint) {
            (Some(t), _) => (t.span, t.citation.as_ref(), "a limit"),
            (None, Some(s)) => (s.span, s.citation.as_ref(), "a restraint"),
            (None, None) => continue,
        };
        out.report(
            span,
            citation.or(norm.citation.as_ref()),
            format!(
                "`{}` sets {what} that nothing verifies: no inspection, observation or data exchange",
                norm.id
            ),
        )
        .set_label("unverified")
        .set_help("say how compliance is checked (`verified by \"...\"`)")
        .add_fix(Fix::unsafe_(
            "add `verified by \"...\"` for how compliance is checked",
            vec![Edit::clause_after(span, format!("verified by \"{BLANK}\""))],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn fires_on_an_unverified_restraint_or_limit() {
        let restraint = "norm n { each party shall not \"deploy missiles\" }";
        assert_eq!(findings(&MISSING_VERIFICATION, restraint, &[]).len(), 1);
        let limit = "norm n { each party shall \"notify exercises\" threshold 9000 \"troops\" }";
        assert_eq!(findings(&MISSING_VERIFICATION, limit, &[]).len(), 1);
    }

    #[test]
    fn silent_on_a_restraint_whose_act_is_public_by_nature() {
        for aim in [
            "enlarge NATO further, including by the accession of Ukraine",
            "admit new members",
            "seek Membership of the Alliance",
        ] {
            let text = format!("norm n {{ each party shall not \"{aim}\" }}");
            assert!(
                findings(&MISSING_VERIFICATION, &text, &[]).is_empty(),
                "{aim}"
            );
        }
        // A word inside another is not the word.
        let text = "norm n { each party shall not \"readmit forces to the zone\" }";
        assert_eq!(findings(&MISSING_VERIFICATION, text, &[]).len(), 1);
    }

    #[test]
    fn the_fix_adds_a_verification_to_fill_on_its_own_line() {
        let text = "norm n {\n  each party shall not \"deploy missiles\"\n}\n";
        let fixed = crate::rules::testing::fixed(
            &MISSING_VERIFICATION,
            text,
            crate::fix::Applicability::Unsafe,
        );
        assert_eq!(
            fixed,
            "norm n {\n  each party shall not \"deploy missiles\"\n  verified by \"[...]\"\n}\n"
        );
        assert!(findings(&MISSING_VERIFICATION, &fixed, &[]).is_empty());
    }

    #[test]
    fn silent_when_verified_or_not_a_restraint() {
        let verified =
            "norm n { each party shall not \"deploy missiles\" verified by \"inspections\" }";
        assert!(findings(&MISSING_VERIFICATION, verified, &[]).is_empty());
        let duty = "norm n { each party shall \"report measures\" }";
        assert!(findings(&MISSING_VERIFICATION, duty, &[]).is_empty());
    }
}
