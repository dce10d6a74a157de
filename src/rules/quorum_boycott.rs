use super::{by_number, counted, Findings};
use crate::decision::{required_attendance, smallest_boycott};
use crate::model::{QuorumThreshold, Treaty};

declare_rule! {
    /// ## What it finds
    /// A body whose attendance rule lets a minority of its members stop it from meeting at
    /// all, by staying away. The finding gives the number: how few absentees leave the body
    /// without a quorum.
    ///
    /// ## Why it matters
    /// A quorum above a simple majority hands a blocking minority a second veto that needs no
    /// vote and no public objection: it is enough not to come. The 2009 draft European
    /// Security Treaty's Conference is "effective if it is attended by at least two thirds of
    /// the Parties" (Art. 6(3)); with the 57 OSCE participating States, 20 absentees stop it.
    /// The Extraordinary Conference, called when a Party is attacked, needs four fifths
    /// (Art. 8): 12 absentees stop it (source 003).
    ///
    /// ## Example
    /// ```treaty
    /// body conference "Conference of the Parties" {
    ///   members all parties
    ///   quorum at least two thirds of members article 6.3
    ///   decides decisions by consensus
    /// }
    /// ```
    ///
    /// ## Better
    /// ```treaty
    /// body conference "Conference of the Parties" {
    ///   members all parties
    ///   quorum at least 1/2 of members article 6.3
    ///   decides decisions by at least two thirds of votes cast
    /// }
    /// ```
    /// Or say that a conference not quorate is reconvened within a fixed time with a lower
    /// quorum.
    pub static QUORUM_BOYCOTT = {
        code: "quorum-boycott",
        severity: Warning,
        summary: "how few absentees stop a body from meeting at all",
        check: check,
    };
}

fn check(treaty: &Treaty, out: &mut Findings) {
    for body in &treaty.bodies {
        // The parties deciding on a final clause are no institution that meets.
        if body.final_clause.is_some() {
            continue;
        }
        let Some(quorum) = &body.quorum else { continue };
        let n = body.members.len();
        let Some(boycott) = smallest_boycott(body) else {
            continue;
        };
        // A majority staying away is what any quorum guards against; a minority is not.
        if boycott * 2 >= n {
            continue;
        }
        let need = required_attendance(Some(quorum), n);
        let rule = match quorum.rule {
            QuorumThreshold::Share(ratio) => format!("{ratio} of the members"),
            QuorumThreshold::Count(c) => format!("{c} members"),
        };
        let citation = quorum.citation.as_ref().or(body.citation.as_ref());
        out.report(
            quorum.span,
            citation,
            format!(
                "{} out of {n} {} the {} from meeting: it needs {need} present ({rule})",
                counted(boycott, "absent Party", "absent Parties"),
                by_number(boycott, "stops", "stop"),
                body.display_name()
            ),
        )
        .set_label(format!("{boycott} of {n} can stay away and block"))
        .set_help(format!(
            "lower the quorum to a majority, or provide that a conference without a quorum is \
             reconvened and may then decide with those present{}",
            treaty.counted_over_listed_parties()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::findings;

    fn parties(n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            s.push_str(&format!("party P{i} \"State {i}\"\n"));
        }
        s.push_str("parties all parties\n");
        s
    }

    #[test]
    fn fires_with_the_number_for_the_est_conference() {
        let text = format!(
            "{} body conference \"Conference of the Parties\" {{ quorum at least two thirds of members decides d by consensus }}",
            parties(57)
        );
        let found = findings(&QUORUM_BOYCOTT, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("20 absent Parties out of 57"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("needs 38 present"));
    }

    #[test]
    fn fires_with_a_count_quorum() {
        let text = format!(
            "{} body council {{ quorum at least 9 members decides d by at least 7 members }}",
            parties(10)
        );
        let found = findings(&QUORUM_BOYCOTT, &text, &[]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("2 absent Parties out of 10"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn silent_on_a_majority_quorum() {
        let text = format!(
            "{} body conference {{ quorum at least 1/2 of members decides d by consensus }}",
            parties(57)
        );
        assert!(findings(&QUORUM_BOYCOTT, &text, &[]).is_empty());
    }

    #[test]
    fn silent_without_a_quorum() {
        let text = format!(
            "{} body conference {{ decides d by consensus }}",
            parties(5)
        );
        assert!(findings(&QUORUM_BOYCOTT, &text, &[]).is_empty());
    }
}
