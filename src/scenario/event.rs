//! What happens in a scenario, as data. The evaluator records an [`Event`] for every step it
//! plays and a [`Fact`] for each side of an expectation; it writes no English. Parties,
//! bodies, procedures and readings are indices into the [`crate::model::Treaty`] the
//! scenario ran against, so the renderer (`render::trace`) can name them as people read them
//! and as programs do (their ids), from one record.

use super::ExpectedOutcome;
use crate::ast::{Deontic, TimeUnit};
use crate::model::{ActorRef, BodyId, Duration, PartyId, VotingRule};

/// One thing that happened in the story, with the treaty's answer to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// `under READING`: the scenario reads the treaty one way (an index into its readings).
    Reading {
        reading: usize,
    },
    /// `attack by A on B` binds the roles of aggressor and attacked Party.
    Attack {
        aggressor: PartyId,
        attacked: PartyId,
    },
    /// `dispute between ...` binds the parties to the dispute.
    Dispute {
        parties: Vec<PartyId>,
    },
    /// `accuse A` binds the accused Party.
    Accused {
        party: PartyId,
    },
    /// `after N units`.
    TimePasses {
        amount: u64,
        unit: TimeUnit,
    },
    /// The day fixed for entry into force comes, as time passes.
    EntersIntoForce {
        day: u64,
    },
    /// A deadline set going by a procedure runs out.
    DeadlinePassed {
        what: String,
        within: Duration,
    },

    /// A body meets whom the treaty gives no convening clause: nothing to check.
    MeetsUnregulated {
        body: BodyId,
    },
    /// A body is convened as one of its convening clauses allows.
    Convened {
        body: BodyId,
        /// The party that convenes it; `None` for the depositary or whoever the clause names.
        by: Option<PartyId>,
        /// The convener as the clause names it.
        convener: ActorRef,
        /// The requester as the clause names it, and the party that asked.
        on_request_of: Option<(ActorRef, PartyId)>,
    },
    /// A call that needs support lacks it.
    CallUnsupported {
        body: BodyId,
        /// Members backing the call.
        support: usize,
        /// The support the clause asks for.
        needed: VotingRule,
    },
    /// Whoever called the body is not someone its convening clauses name.
    ConvenerNotEntitled {
        body: BodyId,
        may_convene: Vec<Convener>,
    },
    /// Who attends, against the quorum.
    Attendance {
        body: BodyId,
        members: usize,
        present: usize,
        /// The members away, in the body's order.
        absent: Vec<PartyId>,
        /// How many must attend, where the treaty sets a quorum.
        quorum: Option<usize>,
    },

    /// A vote called in a body that was not convened: none is taken.
    NoVote {
        body: BodyId,
        decision: String,
    },
    /// A vote, counted over the members whose votes count, and its result.
    Vote {
        body: BodyId,
        /// The kind of decision, as the treaty names it.
        decision: String,
        rule: VotingRule,
        yes: usize,
        no: usize,
        abstaining: usize,
        /// Who voted no.
        against: Vec<PartyId>,
        /// Whose votes do not count in this case (the aggressor, the parties to a dispute).
        not_counted: Vec<PartyId>,
        result: VoteResult,
    },
    /// What the treaty says happens when the decision is not taken (`failing that "..."`).
    Fallback {
        text: String,
    },

    /// Ratifications deposited, and how many there are now.
    Ratified {
        parties: Vec<PartyId>,
        deposited: usize,
    },
    /// The entry-into-force condition is met; the treaty is in force from `day` (today,
    /// unless a delay or a floor puts it later).
    EntryConditionMet {
        day: u64,
        /// The delay after the condition is met, where it puts the day later.
        delay: Option<Duration>,
        /// The earliest day after opening for signature, where it is what decides.
        not_before: Option<Duration>,
    },
    /// An entry-into-force condition is not met yet.
    NotYetInForce {
        pending: Pending,
    },
    /// `accede A` for a State that is a party already.
    AlreadyParty {
        party: PartyId,
    },
    /// `accede A` against a treaty with no accession clause.
    NoAccessionClause {
        party: PartyId,
    },
    /// An application to accede, which a body decides.
    AppliesToAccede {
        party: PartyId,
        open_to: String,
        body: BodyId,
    },
    /// A State accedes: at once (`open_to` given), or by the deciding body's vote.
    Accedes {
        party: PartyId,
        open_to: Option<String>,
    },
    /// The deciding body did not admit the applicant.
    AccessionRefused {
        party: PartyId,
    },
    /// A party may not withdraw.
    WithdrawalRefused {
        party: PartyId,
        bar: WithdrawalBar,
    },
    /// A withdrawal clause's condition that the withdrawing party judges for itself.
    JudgesForItself {
        party: PartyId,
        condition: String,
    },
    /// A party withdraws; its withdrawal takes effect on day `effective`.
    Withdraws {
        party: PartyId,
        notice: Option<Duration>,
        effective: u64,
    },

    /// A party asks to set going a procedure it may not initiate (an index into the
    /// treaty's procedures).
    MayNotInitiate {
        party: PartyId,
        procedure: u32,
    },
    Initiates {
        party: PartyId,
        procedure: u32,
    },
    /// A deadline the procedure sets going.
    DeadlineSet {
        what: String,
        within: Duration,
    },
    /// The procedure takes the case to a body, which meets for one decision.
    ConvenedToDecide {
        body: BodyId,
        decision: String,
    },
    /// A further step the procedure may lead to.
    MayLeadTo {
        next: Next,
    },
    /// A party invokes a right (a norm's statement) rather than a procedure.
    InvokesRight {
        party: PartyId,
        /// The statement's subject as the text names it.
        holder: ActorRef,
        deontic: Deontic,
        aim: String,
        toward: Vec<PartyId>,
    },
    /// Who judges whether a condition of the request holds.
    ConditionJudged {
        condition: String,
        judge: ActorRef,
        /// The parties the judge stands for in this case; empty if it is no party.
        judges: Vec<PartyId>,
        review: Option<ActorRef>,
    },
    /// A condition the text names no one to judge.
    ConditionUnjudged {
        condition: String,
    },
    /// A standard neither defined nor given a judge: no ground to refuse on it.
    UndefinedStandard {
        term: String,
    },
    /// A party joins a procedure on its own initiative, in the capacity a clause opens it to.
    Joins {
        party: PartyId,
        procedure: u32,
        capacity: ActorRef,
    },
    MayNotJoin {
        party: PartyId,
        procedure: u32,
    },
}

/// One convening clause: who may convene, and on whose request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convener {
    pub by: ActorRef,
    pub on_request_of: Option<ActorRef>,
}

/// A vote's result, as [`crate::decision::decide`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoteResult {
    Adopted,
    Rejected { blocked_by: Vec<PartyId> },
    NotQuorate { present: usize, needed: usize },
}

impl VoteResult {
    /// The outcome as an expectation names it.
    pub fn outcome(&self) -> ExpectedOutcome {
        match self {
            VoteResult::Adopted => ExpectedOutcome::Adopted,
            VoteResult::Rejected { .. } => ExpectedOutcome::Rejected,
            VoteResult::NotQuorate { .. } => ExpectedOutcome::NotQuorate,
        }
    }
}

/// Why an entry-into-force condition is not met yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The number of ratifications needed is left blank in the text.
    CountLeftBlank(String),
    /// Too few ratifications.
    Ratifications { deposited: usize, needed: u64 },
    /// Enough ratifications, but not those of the States the condition names.
    WaitingFor(Vec<PartyId>),
    /// The condition's rule is not one of a body's decisions (the Model is inconsistent).
    UnreadableRule,
    /// The ratifications do not meet the condition's decision rule.
    RuleNotMet {
        ratified: usize,
        members: usize,
        rule: VotingRule,
    },
    /// Fewer than a majority of the signatories have ratified.
    SignatoryMajority { ratified: usize, signatories: usize },
}

/// Why a party may not withdraw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WithdrawalBar {
    /// No withdrawal clause covers it.
    NoClause,
    /// The treaty must first have been in force this long.
    InForceTooShort(Duration),
}

/// A step a procedure may lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Body(BodyId),
    Procedure(u32),
    Decision { body: BodyId, decision: String },
}

/// What an expectation states, and what the story gave: the two sides of an
/// [`super::Expectation`], compared by the evaluator and worded by the renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// The last decision's outcome, and who blocked it (`None`: not said).
    Decision {
        outcome: ExpectedOutcome,
        blocked_by: Option<Vec<PartyId>>,
    },
    NothingDecided,
    /// `participants include|exclude ...`.
    ParticipantsInclude {
        include: bool,
        parties: Vec<PartyId>,
    },
    /// Who takes part in the procedure under way.
    Participants(Vec<PartyId>),
    /// Who alone judges the last request's trigger.
    TriggerJudgedBy(Vec<PartyId>),
    /// The last request's trigger is for no one party to judge.
    TriggerForNoOne,
    NoRequest,
    IsParty {
        party: PartyId,
        is: bool,
    },
    InForce(bool),
    /// The day of entry into force, if one is fixed.
    InForceFrom(Option<u64>),
    MayWithdraw {
        party: PartyId,
        may: bool,
    },
    NotTriedToWithdraw {
        party: PartyId,
    },
    Deadline {
        what: String,
        state: DeadlineState,
    },
}

/// Where a deadline stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineState {
    Within(Duration),
    Passed,
    Running,
    /// Its length is left blank in the text: it never runs out.
    LeftBlank(String),
    /// No procedure set going has it.
    NotApplied,
}
