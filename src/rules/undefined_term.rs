use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A term on which rights or duties turn — "armed attack", "security interests" — that
    /// the treaty uses without defining it (`term "armed attack" article 8`, with no
    /// `defined as "..."`).
    ///
    /// ## Why it matters
    /// Where a right or a duty is set off by a term the treaty does not define, each Party
    /// applies its own reading, and the Party that invokes the clause decides in effect
    /// whether it applies. The 2010 analysis of the draft European Security Treaty (source
    /// 003) finds that definitional clarity is lacking: "preparing for armed attack" is a
    /// contested notion, a matter of opinion, subjective and context-specific. The draft's
    /// Arts. 2, 7 and 8 all turn on an "armed attack", which it does not define.
    ///
    /// ## Example
    /// ```treaty
    /// term "armed attack" article 8
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// term "armed attack" defined as "the use of armed force by a State against the territory or forces of a Party" article 8
    /// ```
    pub static UNDEFINED_TERM = {
        code: "undefined-term",
        severity: Warning,
        summary: "a term that triggers rights or duties used without a definition in the treaty",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for term in treaty.terms.iter().filter(|t| t.defined_as.is_none()) {
        out.report(
            term.span,
            term.citation.as_ref(),
            format!(
                "\"{}\" triggers rights or duties, and the treaty does not define it: each Party applies its own reading",
                term.term
            ),
        )
        .set_label("used, never defined")
        .set_help(format!(
            "define it: `term \"{}\" defined as \"...\" article N`, or name who determines it",
            term.term
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn fires_on_an_undefined_term_only() {
        let text = "party A \"Alpha\"\nparties A\nterm \"armed attack\"\n";
        assert_eq!(findings(&UNDEFINED_TERM, text, &[]).len(), 1);
        let text = "party A \"Alpha\"\nparties A\nterm \"armed attack\" defined as \"force\"\n";
        assert!(findings(&UNDEFINED_TERM, text, &[]).is_empty());
    }
}
