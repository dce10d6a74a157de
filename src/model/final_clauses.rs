//! The final clauses: entry into force, withdrawal, amendment, accession. Amendment, entry
//! into force and accession by all the Parties are decisions of the States concerned, so each rule is also a decision of a body the
//! treaty does not declare ([`Body::final_clause`]): the lints and the analysis read it as
//! they read a body's decision.

use super::*;

/// What a body that the treaty does not declare stands for: the parties deciding on an
/// amendment, or the States whose ratifications bring the treaty into force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinalClause {
    Amendment,
    EntryIntoForce,
    /// Accession decided by every Party's consent (`decided by all parties`).
    Accession,
}

impl FinalClause {
    /// The id of the body that stands for it (a keyword, so no declared body has it).
    pub fn body_id(self) -> &'static str {
        match self {
            FinalClause::Amendment => "amendment",
            FinalClause::EntryIntoForce => "entry_into_force",
            FinalClause::Accession => "accession",
        }
    }
}

#[derive(Debug, Clone)]
pub enum EntryCondition {
    Ratifications {
        count: Amount,
        including: Vec<PartyId>,
    },
    MajorityOfSignatories {
        including: Vec<PartyId>,
    },
    /// `after ratification by RULE including ...`: as the rule decides over the States that
    /// ratify ([`EntryIntoForce::decision`]); `required` are the named States.
    Ratification {
        required: Vec<PartyId>,
    },
    OnSignature,
}

impl EntryCondition {
    /// The named States whose ratification is required.
    pub fn required(&self) -> &[PartyId] {
        match self {
            EntryCondition::Ratifications { including, .. }
            | EntryCondition::MajorityOfSignatories { including } => including,
            EntryCondition::Ratification { required } => required,
            EntryCondition::OnSignature => &[],
        }
    }
}

#[derive(Debug, Clone)]
pub struct EntryIntoForce {
    pub condition: EntryCondition,
    /// How long after the condition is met the treaty enters into force (`180 days after`).
    pub delay: Option<Duration>,
    /// How long after opening for signature it enters into force at the earliest.
    pub not_before: Option<Duration>,
    /// The condition as a decision of the States that ratify: the body standing for entry
    /// into force and the index of the decision in it; none where the count is left blank or
    /// the treaty enters into force on signature.
    pub decision: Option<(BodyId, u32)>,
    pub citation: Option<Cite>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub citation: Option<Cite>,
    pub by: Vec<CitedActor>,
    pub notice: Option<Duration>,
    pub conditions: Vec<Condition>,
    pub after_in_force: Option<Duration>,
    /// Who receives the notice (`notice 1 year to the depositary`).
    pub notice_to: Vec<Actor>,
    /// Whether the withdrawing Party must state its reasons, where the treaty says.
    pub reasons_required: Option<bool>,
    pub span: Span,
}

/// How a State holds an amendment (or the treaty's entry into force) back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consent {
    /// Each State must act (ratify): one that does nothing blocks as one that objects.
    PositiveAct,
    /// Only an objection blocks: a concurring vote is read as not voting against.
    NoObjection,
}

#[derive(Debug, Clone)]
pub struct Amendment {
    pub rule: VotingRule,
    pub rule_span: Span,
    pub excluded: Vec<Role>,
    pub abstention: Abstention,
    /// Ratification (a positive act) or no objection.
    pub consent: Consent,
    /// The named States whose ratification is required (`including permanent_members`).
    pub required: Vec<PartyId>,
    /// The rule as a decision of the parties: the body standing for amendment and the index
    /// of the decision in it.
    pub decision: Option<(BodyId, u32)>,
    pub citation: Option<Cite>,
    pub span: Span,
}
