use super::Findings;
use crate::diagnostic::Severity;
use crate::model::Deontic;
use crate::model::{ActorRef, Condition, Norm, Role, Treaty};

declare_rule! {
    /// ## What it finds
    /// A right, duty or procedure whose trigger is judged by an interested party (the party
    /// that invokes it, the requesting or initiating party, "itself") with no one named to
    /// review that judgement.
    ///
    /// A duty, a prohibition or a right to act so triggered is a warning: the party's
    /// opinion decides the outcome. A right to ask (a `may` whose aim is to request
    /// information or consultations, or that is addressed to `the requested party`) and the
    /// trigger of a procedure (consultations, a conference) are reported as info: asking on
    /// one's own opinion is usual, and the others keep their say on what follows.
    ///
    /// ## Why it matters
    /// "In the opinion of the Requesting Party" makes the condition whatever the requesting
    /// party says it is: the limit the words seem to set does not bind. The 2009 draft
    /// European Security Treaty lets any Party request information on another's measures
    /// that "in the opinion of the Requesting Party, might affect its security" (Art. 3, as
    /// the 2010 analysis quotes it; it asks who decides whether an activity affects the
    /// security of others, source 003), and, in V. Socor's translation of Art. 5, initiate
    /// consultations whenever it deems the Treaty violated or threatened. Both are requests;
    /// the same words in a duty or an exit would leave the outcome itself to one party.
    /// Compare the GATT's security exception (Art. XXI), "which it considers necessary".
    ///
    /// Withdrawal on a party's own judgement is the separate rule `self-judging-withdrawal`.
    ///
    /// ## Example
    /// ```treaty
    /// norm assistance {
    ///   each party shall "take the measures the requesting Party asks for"
    ///   when "its security is threatened" judged by the requesting party
    /// }
    /// norm information_request article 3 {
    ///   any party may "request information on measures of another Party"
    ///   toward the requested party
    ///   when "the measures might affect its security" judged by the requesting party
    /// }
    /// ```
    /// The duty is a warning; the request is info.
    ///
    /// ## Better
    /// ```treaty
    /// norm assistance {
    ///   each party shall "take the measures the requesting Party asks for"
    ///   when "its security is threatened" judged by the requesting party reviewed by conference
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

/// What a self-judged trigger sets going, which decides how much it matters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sets {
    /// A right to ask (information, consultations) or to open a procedure: the others keep
    /// their say on what follows, so asking on one's own opinion is normal.
    Request,
    /// A duty, a prohibition, or a right to act: the opinion decides the outcome itself.
    Act,
}

/// Openings of a right's aim that make it a request. A right whose addressee is `the
/// requested party` is a request whatever its words; these cover rights written without one.
const REQUEST_AIMS: &[&str] = &[
    "request",
    "ask",
    "consult",
    "seek consultations",
    "initiate consultations",
    "call for consultations",
    "propose consultations",
    "propose a conference",
    "propose holding",
];

/// Whether every statement of a norm is a right (`may`) to ask, not to act.
fn is_request_right(norm: &Norm) -> bool {
    let addressed_to_the_asked = norm
        .toward
        .iter()
        .any(|a| a.actor == ActorRef::Role(Role::RequestedParty));
    !norm.statements.is_empty()
        && norm.statements.iter().all(|s| {
            let aim = s.aim.trim_start().to_lowercase();
            s.deontic == Deontic::May
                && (addressed_to_the_asked
                    || REQUEST_AIMS.iter().any(|w| {
                        aim.strip_prefix(w)
                            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
                    }))
        })
}

fn check(treaty: &Treaty, out: &mut Findings) {
    let norms = treaty.norms.iter().flat_map(|n| {
        let sets = if is_request_right(n) {
            Sets::Request
        } else {
            Sets::Act
        };
        n.conditions
            .iter()
            .map(move |c| (c, n.citation.as_ref(), sets))
    });
    // A procedure's trigger lets a party set the procedure going (consultations, a request,
    // a conference); what the procedure leads to is decided by others.
    let procedures = treaty.procedures.iter().flat_map(|p| {
        p.conditions
            .iter()
            .map(move |c| (c, p.citation.as_ref(), Sets::Request))
    });
    for (condition, fallback, sets) in norms.chain(procedures) {
        flag(treaty, condition, fallback, sets, out);
    }
}

fn flag(
    treaty: &Treaty,
    condition: &Condition,
    fallback: Option<&crate::model::Cite>,
    sets: Sets,
    out: &mut Findings,
) {
    let Some(judge) = condition.self_judged_by() else {
        return;
    };
    let who = treaty.actor_phrase(judge.actor);
    let whose = match judge.actor {
        ActorRef::Role(role) if role.is_plural() => "those parties'",
        _ => "that party's",
    };
    let diag = out.report(
        judge.span,
        condition.citation.as_ref().or(fallback),
        format!(
            "the trigger \"{}\" is judged by {who} alone: whether it applies is {whose} own opinion",
            condition.text
        ),
    );
    diag.set_label("an interested party judges");
    match sets {
        Sets::Act => {
            diag.set_help(
                "name an objective test or a body that reviews the judgement (`reviewed by ...`), or \
                 accept the clause as self-judging knowingly",
            );
        }
        Sets::Request => {
            diag.set_severity(Severity::Info).set_help(
                "a right to ask, or to open consultations, on one's own opinion is usual: the \
                 others keep their say on what follows; review it if the request itself binds \
                 them (a duty to answer within a deadline, say)",
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

    fn severity(norm: &str) -> Severity {
        let text = format!("{HEAD} {norm}");
        let found = findings(&SELF_JUDGING_TRIGGER, &text, &[]);
        assert_eq!(found.len(), 1, "{norm}");
        found[0].severity
    }

    #[test]
    fn asking_on_ones_own_opinion_is_info_acting_on_it_a_warning() {
        let when = "when \"it might affect its security\" judged by the requesting party";
        // Rights to ask: by their aim, or by being addressed to the requested party.
        for right in [
            format!("norm n {{ any party may \"request information\" {when} }}"),
            format!("norm n {{ any party may \"initiate consultations with another Party\" {when} }}"),
            format!("norm n {{ any party may \"receive information on measures\" toward the requested party {when} }}"),
        ] {
            assert_eq!(severity(&right), Severity::Info, "{right}");
        }
        assert_eq!(
            severity("procedure consult { initiated by any party when \"a threat exists\" judged by the initiating party }"),
            Severity::Info
        );
        // A duty, an exit or a right to act stays a warning; so does "requesting" as a word
        // inside another verb.
        for act in [
            format!("norm n {{ each party shall \"assist the requesting Party\" {when} }}"),
            format!("norm n {{ any party may \"use force\" {when} }}"),
            format!("norm n {{ any party may \"requestion nothing\" {when} }}"),
            format!("norm n {{ any party may \"request information\" any party shall \"answer\" {when} }}"),
        ] {
            assert_eq!(severity(&act), Severity::Warning, "{act}");
        }
    }

    #[test]
    fn the_parties_to_a_dispute_judge_in_the_plural() {
        let text = format!("{HEAD} norm n {{ each party shall \"submit the dispute\" when \"it is serious\" judged by the parties to the dispute }}");
        let found = findings(&SELF_JUDGING_TRIGGER, &text, &[]);
        assert!(
            found[0].message.ends_with("is those parties' own opinion"),
            "{}",
            found[0].message
        );
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
