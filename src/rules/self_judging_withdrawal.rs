use super::Findings;
use crate::model::Treaty;

declare_rule! {
    /// ## What it finds
    /// A withdrawal clause that lets a Party leave on its own judgement (`judged by itself`,
    /// or by another interested party) with no one to review it.
    ///
    /// ## Why it matters
    /// A Party that may leave whenever it decides its "supreme interests" are endangered can
    /// leave whenever it wishes: the condition restrains nothing, and the treaty's promises
    /// last only as long as each Party's own view of its interests. The 2009 draft European
    /// Security Treaty is reported to let a Party withdraw if it decides that extraordinary
    /// circumstances have endangered its supreme interests (Art. 12; the wording is
    /// unverified, see treaty-texts.md section 1). Arms-control treaties such as the
    /// Non-Proliferation Treaty (Art. X) use like words, but require notice to the other
    /// Parties and to the UN Security Council, with a statement of the events relied on.
    ///
    /// ## Example
    /// ```treaty
    /// withdrawal article 12 {
    ///   by any party
    ///   when "extraordinary circumstances have endangered its supreme interests" judged by itself
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// withdrawal article 12 {
    ///   by any party
    ///   notice 6 months
    ///   when "extraordinary circumstances have endangered its supreme interests" judged by itself reviewed by conference
    /// }
    /// ```
    pub static SELF_JUDGING_WITHDRAWAL = {
        code: "self-judging-withdrawal",
        severity: Warning,
        summary: "a Party may leave on its own judgement of its interests",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for w in &treaty.withdrawals {
        for c in &w.conditions {
            let Some(judge) = c.self_judged_by() else {
                continue;
            };
            // "No notice period" is a claim about the text: make it only where the article
            // was read and the file encodes the whole treaty.
            let silent = w.notice.is_none()
                && treaty.silence_is_evidence(w.citation.as_ref())
                && treaty.incomplete_encoding().is_none();
            let notice = if silent {
                ", and with no notice period"
            } else {
                ""
            };
            out.report(
                judge.span,
                c.citation.as_ref().or(w.citation.as_ref()),
                format!(
                    "a Party may withdraw when \"{}\", as judged by {} alone{notice}",
                    c.text,
                    treaty.actor_phrase(judge.actor)
                ),
            )
            .set_label("the leaving Party judges its own ground")
            .set_help(
                "require notice and a statement of reasons, or name a body that reviews the ground",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by consensus }\n";

    #[test]
    fn fires_on_withdrawal_judged_by_itself() {
        let text = format!("{HEAD} withdrawal {{ by any party when \"its supreme interests are endangered\" judged by itself }}");
        let found = findings(&SELF_JUDGING_WITHDRAWAL, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .ends_with("as judged by itself alone, and with no notice period"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn claims_no_notice_period_only_from_text_that_was_read() {
        let text = format!("{HEAD} article 12 titled \"Withdrawal\" unverified \"from memory\"\nwithdrawal article 12 {{ by any party article 12 when \"its supreme interests are endangered\" judged by itself article 12 }}");
        let found = findings(&SELF_JUDGING_WITHDRAWAL, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.ends_with("as judged by itself alone"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn silent_when_reviewed_or_unconditional() {
        let reviewed = format!("{HEAD} withdrawal {{ by any party notice 6 months when \"its supreme interests are endangered\" judged by itself reviewed by conference }}");
        assert!(findings(&SELF_JUDGING_WITHDRAWAL, &reviewed, &[]).is_empty());
        let plain = format!("{HEAD} withdrawal {{ by any party notice 1 year }}");
        assert!(findings(&SELF_JUDGING_WITHDRAWAL, &plain, &[]).is_empty());
    }
}
