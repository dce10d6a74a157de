use super::Findings;
use crate::model::{Amount, Cite, Duration, EntryCondition, Treaty};
use crate::source::Span;

declare_rule! {
    /// ## What it finds
    /// A blank left in a draft where a number belongs: "(X) days", "[...] ratifications".
    ///
    /// ## Why it matters
    /// A time limit or a count that is still blank is a decision not yet taken, often the
    /// one that decides whether a procedure works at all: a consultation "within (X) days"
    /// has no deadline until someone fills it in. Drafts circulated for negotiation are full
    /// of them; a text presented as final should have none.
    ///
    /// ## Example
    /// ```treaty
    /// procedure consultations {
    ///   initiated by any party
    ///   deadline "hold the first meeting" within (X) days
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// procedure consultations {
    ///   initiated by any party
    ///   deadline "hold the first meeting" within 10 days
    /// }
    /// ```
    pub static PLACEHOLDER = {
        code: "placeholder",
        severity: Warning,
        summary: "unfilled blanks in a draft: \"(X) days\", \"[...]\"",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let mut blanks: Vec<(Span, String, Option<&Cite>, &str)> = Vec::new();
    let mut duration = |d: &'_ Duration, cite, what| {
        if let Amount::Placeholder(p) = &d.amount {
            blanks.push((d.span, p.clone(), cite, what));
        }
    };
    for body in &treaty.bodies {
        for c in &body.convening {
            if let Some(d) = &c.within {
                duration(
                    d,
                    c.citation.as_ref().or(body.citation.as_ref()),
                    "the time to convene",
                );
            }
        }
    }
    for norm in &treaty.norms {
        for d in &norm.deadlines {
            duration(
                &d.within,
                d.citation.as_ref().or(norm.citation.as_ref()),
                "a deadline",
            );
        }
    }
    for p in &treaty.procedures {
        for d in &p.deadlines {
            duration(
                &d.within,
                d.citation.as_ref().or(p.citation.as_ref()),
                "a deadline",
            );
        }
    }
    for w in &treaty.withdrawals {
        if let Some(d) = &w.notice {
            duration(d, w.citation.as_ref(), "the notice period");
        }
        if let Some(d) = &w.after_in_force {
            duration(d, w.citation.as_ref(), "the waiting period");
        }
    }
    for e in &treaty.entry_into_force {
        if let EntryCondition::Ratifications {
            count: Amount::Placeholder(p),
            ..
        } = &e.condition
        {
            blanks.push((
                e.span,
                p.clone(),
                e.citation.as_ref(),
                "the number of ratifications",
            ));
        }
    }
    for (span, blank, cite, what) in blanks {
        out.report(span, cite, format!("{what} is left blank: `{blank}`"))
            .set_label("unfilled")
            .set_help("fill in the number before the text is final");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    #[test]
    fn fires_on_blank_days_and_ratifications() {
        let text = r#"
            procedure consultations { initiated by any party deadline "first meeting" within (X) days }
            entry into force after [...] ratifications
        "#;
        let found = findings(&PLACEHOLDER, text, &[]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "a deadline is left blank: `(X)`");
        assert_eq!(
            found[1].message,
            "the number of ratifications is left blank: `[...]`"
        );
    }

    #[test]
    fn silent_on_filled_numbers() {
        let text = r#"
            procedure consultations { initiated by any party deadline "first meeting" within 10 days }
            entry into force after 25 ratifications
        "#;
        assert!(findings(&PLACEHOLDER, text, &[]).is_empty());
    }
}
