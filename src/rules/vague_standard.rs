use super::Findings;
use crate::model::{ActorRef, Cite, Standard, Treaty};

declare_rule! {
    /// ## What it finds
    /// A qualifier that decides whether an obligation is kept ("due regard", "significantly",
    /// "substantial", "necessary") with no definition and no one named to judge it, or judged
    /// only by the interested party itself.
    ///
    /// ## Why it matters
    /// An undefined standard turns a duty into a matter of opinion, and two parties' opinions
    /// will differ exactly when it matters. The 2009 draft European Security Treaty asks each
    /// Party to take its security measures "with due regard to security interests of all
    /// other Parties" (Art. 1) and bars actions "affecting significantly security" of another
    /// Party (Art. 2), without saying what either means or who decides. Of Art. 2 the 2010
    /// analysis asks who decides whether an activity significantly threatens or affects the
    /// security of others, and calls "preparing for armed attack" "a contested notion, a
    /// matter of opinion" (source 003). The NATO-Russia Founding Act's restraint on
    /// "substantial combat forces" (in the words of the North Atlantic Council's statement
    /// the Act restates, treaty-texts.md section 6) does not say how many are substantial.
    ///
    /// ## Example
    /// ```treaty
    /// norm due_regard article 1 {
    ///   each party shall "implement its security measures with due regard to the security interests of all other Parties"
    ///   standard "due regard"
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// norm due_regard article 1 {
    ///   each party shall "implement its security measures with due regard to the security interests of all other Parties"
    ///   standard "due regard" defined as "prior notification and consultation under Article 5" judged by conference
    /// }
    /// ```
    pub static VAGUE_STANDARD = {
        code: "vague-standard",
        severity: Warning,
        summary: "\"due regard\", \"significantly\" and the like, left undefined",
        absence: true,
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for norm in &treaty.norms {
        for standard in &norm.standards {
            flag(treaty, standard, norm.citation.as_ref(), out);
        }
    }
    for procedure in &treaty.procedures {
        for standard in &procedure.standards {
            flag(treaty, standard, procedure.citation.as_ref(), out);
        }
    }
}

fn flag(treaty: &Treaty, standard: &Standard, fallback: Option<&Cite>, out: &mut Findings) {
    if standard.defined_as.is_some() {
        return;
    }
    let judged_by = match standard.judged_by.map(|j| j.actor) {
        None => "and no one is named to judge it".to_string(),
        Some(ActorRef::Role(crate::model::Role::Itself)) => {
            "and each party judges it for itself".to_string()
        }
        Some(ActorRef::Role(role)) if role.is_interested_party() => {
            format!(
                "and only {} {} it",
                treaty.actor_phrase(ActorRef::Role(role)),
                if role.is_plural() { "judge" } else { "judges" }
            )
        }
        Some(_) => return,
    };
    out.report(
        standard.span,
        standard.citation.as_ref().or(fallback),
        format!("\"{}\" is left undefined {judged_by}", standard.term),
    )
    .set_label("undefined standard")
    .set_help(
        "define it (`defined as \"...\"`), or name who judges it (`judged by` a body or court)",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody conference { decides d by consensus }\n";

    #[test]
    fn fires_on_undefined_due_regard() {
        let text = format!(
            "{HEAD} norm n {{ each party shall \"act with due regard\" standard \"due regard\" }}"
        );
        let found = findings(&VAGUE_STANDARD, &text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "\"due regard\" is left undefined and no one is named to judge it"
        );
    }

    #[test]
    fn fires_when_only_the_party_itself_judges() {
        let text = format!("{HEAD} norm n {{ each party shall not \"act significantly\" standard \"significantly\" judged by itself }}");
        let found = findings(&VAGUE_STANDARD, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("each party judges it for itself"));
    }

    #[test]
    fn silent_when_defined() {
        let text = format!("{HEAD} norm n {{ each party shall \"act with due regard\" standard \"due regard\" defined as \"prior notification\" }}");
        assert!(findings(&VAGUE_STANDARD, &text, &[]).is_empty());
    }

    #[test]
    fn silent_when_a_body_judges() {
        let text = format!("{HEAD} norm n {{ each party shall \"act with due regard\" standard \"due regard\" judged by conference }}");
        assert!(findings(&VAGUE_STANDARD, &text, &[]).is_empty());
    }
}
