//! The syntax tree of one `.treaty` file, as written: names are still strings and nothing
//! has been checked against anything else. Every node keeps its [`Span`].

use crate::source::Span;

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal with escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// `article 6.3`, `paragraph 8`, `preamble`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub kind: String,
    /// Dot-separated parts: `6.3` is `["6", "3"]`; empty for the preamble.
    pub path: Vec<String>,
    pub span: Span,
}

impl Citation {
    /// `article 6.3`, as shown to users.
    pub fn display(&self) -> String {
        if self.path.is_empty() {
            self.kind.clone()
        } else {
            format!("{} {}", self.kind, self.path.join("."))
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct File {
    pub items: Vec<Item>,
    /// `# treaty: allow(code)` comments.
    pub suppressions: Vec<Suppression>,
    /// Comments that look meant as suppressions but do not have their form.
    pub invalid_suppressions: Vec<InvalidSuppression>,
}

/// A comment meant as a suppression that does not have the form `# treaty: allow(code, ...)`
/// (`TREATY: allow(x)`, `treaty: deny(x)`, `treaty: allow(`, ...): it silences nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSuppression {
    /// The part of the comment that is wrong.
    pub span: Span,
    /// What is wrong, for the message.
    pub problem: String,
}

/// A `# treaty: allow(code, ...)` comment and the line it covers.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The codes, each with its place in the comment.
    pub codes: Vec<(String, Span)>,
    /// The comment.
    pub span: Span,
    /// The clause line it covers: findings starting there are silenced.
    pub target: Span,
}

#[derive(Debug, Clone)]
pub enum Item {
    // Boxed, so that an item costs a pointer plus the clause's own size: unboxed, every item
    // took the size of the largest (over 500 bytes), which made a file of short clauses
    // take some 30 bytes of memory per byte of text.
    Treaty(Box<TreatyHeader>),
    Import(Text),
    Source(Text),
    Party(Box<PartyDecl>),
    Class(Box<ClassDecl>),
    Parties(Box<PartiesDecl>),
    /// `signatories A, B, C article 11`
    Signatories(Box<PartiesDecl>),
    Accession(Box<AccessionDecl>),
    Principle(Box<PrincipleDecl>),
    Article(Box<ArticleDecl>),
    Body(Box<BodyDecl>),
    Norm(Box<NormDecl>),
    Procedure(Box<ProcedureDecl>),
    Affirms(Box<AffirmsDecl>),
    Balances(Box<BalancesDecl>),
    EntryIntoForce(Box<EntryDecl>),
    Withdrawal(Box<WithdrawalDecl>),
    Amendment(Box<AmendmentDecl>),
    Reading(Box<ReadingDecl>),
    /// `fact the aggressor determined by security_council article 39`
    Fact(Box<FactDecl>),
    /// `disputes settled by consultations, conference article 4`
    Disputes(Box<DisputesDecl>),
    /// `term "armed attack" defined as "..." article 6`
    Term(Box<TermDecl>),
}

/// A term on which rights or duties turn, with its definition where the treaty gives one.
#[derive(Debug, Clone)]
pub struct TermDecl {
    pub term: Text,
    pub defined_as: Option<Text>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// Who determines a fact on which the treaty's rules turn.
#[derive(Debug, Clone)]
pub struct FactDecl {
    /// The role whose holder is a matter of fact (`the aggressor`).
    pub role: Actor,
    pub determined_by: Actor,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// Where disputes about the treaty go: procedures and bodies, by name.
#[derive(Debug, Clone)]
pub struct DisputesDecl {
    pub routes: Vec<Ident>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// Where an assistance clause stands on the scale of guarantees, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GuaranteeLevel {
    /// A Party is entitled to help; nothing obliges it to.
    Entitlement,
    /// A political undertaking to help.
    Undertaking,
    /// A duty to help, with the means left to each Party.
    MeansLeft,
    /// A duty to help that follows from the event itself.
    Automatic,
}

impl GuaranteeLevel {
    /// As the clause language writes it.
    pub fn keyword(self) -> &'static str {
        match self {
            GuaranteeLevel::Entitlement => "entitlement",
            GuaranteeLevel::Undertaking => "undertaking",
            GuaranteeLevel::MeansLeft => "means-left",
            GuaranteeLevel::Automatic => "automatic",
        }
    }

    /// In a sentence: `an entitlement to help`.
    pub fn phrase(self) -> &'static str {
        match self {
            GuaranteeLevel::Entitlement => "an entitlement to help, not a duty",
            GuaranteeLevel::Undertaking => "a political undertaking to help",
            GuaranteeLevel::MeansLeft => "a duty to help with the means left to each Party",
            GuaranteeLevel::Automatic => "an automatic duty to help",
        }
    }
}

/// `guarantee means-left article 5`
#[derive(Debug, Clone)]
pub struct GuaranteeField {
    pub level: GuaranteeLevel,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// `restates "UN Charter Art. 51"`
#[derive(Debug, Clone)]
pub struct RestatesField {
    pub what: Text,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Signed,
    InForce,
    Terminated,
    PoliticalCommitment,
}

#[derive(Debug, Clone)]
pub struct TreatyHeader {
    pub title: Text,
    pub date: Option<Text>,
    pub status: Option<(Status, Span)>,
    pub sources: Vec<Text>,
    pub baselines: Vec<BaselineRef>,
    /// `related "file.treaty"`: instruments the treaty's norms may conflict with.
    pub related: Vec<Text>,
    /// `encoding partial "..."`: why the file encodes only part of the instrument.
    pub partial: Option<Text>,
    pub span: Span,
}

/// `baseline "file.treaty"`, optionally `referred to in preamble`: the place where the
/// treaty names the earlier instrument in general terms.
#[derive(Debug, Clone)]
pub struct BaselineRef {
    pub file: Text,
    pub referred_in: Option<Citation>,
}

#[derive(Debug, Clone)]
pub enum AttrValue {
    Number(String),
    Date(String),
}

#[derive(Debug, Clone)]
pub struct Attr {
    pub name: Ident,
    pub value: AttrValue,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PartyDecl {
    pub id: Ident,
    pub name: Text,
    pub attrs: Vec<Attr>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinedWhen {
    After,
    Before,
}

/// A set of parties as written.
#[derive(Debug, Clone)]
pub enum PartySet {
    /// `all parties [except A, B]`
    All { except: Vec<Ident>, span: Span },
    /// `CLASS joined after DATE` (`of` = None means all parties of the treaty)
    Joined {
        of: Option<Ident>,
        when: JoinedWhen,
        date: Text,
        span: Span,
    },
    /// `A, B, some_class`
    List(Vec<Ident>),
}

#[derive(Debug, Clone)]
pub struct ClassDecl {
    pub id: Ident,
    pub title: Option<Text>,
    pub set: PartySet,
    /// `with MN since 2012-11-21`: members that joined the class on a known date.
    pub since: Vec<(Ident, Text)>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PartiesDecl {
    pub set: PartySet,
    /// `as of 2009-11-29`: the classes' members on that date.
    pub as_of: Option<Text>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct AccessionDecl {
    pub open_to: Text,
    pub decided_by: Option<Ident>,
    /// `decided by all parties`: every Party must consent.
    pub by_all_parties: bool,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PrincipleDecl {
    pub id: Ident,
    pub description: Text,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ArticleDecl {
    pub citation: Citation,
    pub title: Option<Text>,
    pub text: Option<Text>,
    pub from: Vec<Text>,
    pub unverified: Option<Text>,
    /// `practice "..."`: the rule is the parties' practice, not treaty text.
    pub practice: Option<Text>,
    /// `not encoded "..."`: the article exists but its content is not in the file.
    pub not_encoded: Option<Text>,
    pub span: Span,
}

/// Who acts, judges or benefits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorKind {
    AnyParty,
    AnyOtherParty,
    EachParty,
    AllParties,
    AnotherParty,
    AllOtherParties,
    RequestingParty,
    RequestedParty,
    AttackedParty,
    InitiatingParty,
    Aggressor,
    Accused,
    DisputeParties,
    Depositary,
    /// The clause's own subject: the party that acts judges for itself.
    Itself,
    Nobody,
    /// A party, class or body by name.
    Named(String),
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub kind: ActorKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct BodyDecl {
    pub id: Ident,
    pub title: Option<Text>,
    pub citation: Option<Citation>,
    pub members: Option<MembersField>,
    pub convening: Vec<ConveningField>,
    pub quorum: Option<QuorumField>,
    pub decides: Vec<DecidesField>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct MembersField {
    pub set: PartySet,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConveningField {
    pub by: Actor,
    pub on_request_of: Option<Actor>,
    pub support: Option<RuleExpr>,
    pub within: Option<Duration>,
    /// `immediately`: convened at once, for an emergency.
    pub immediately: bool,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// A fraction as written: `2/3`, `55%`, `two thirds`.
#[derive(Debug, Clone)]
pub struct FractionLit {
    /// Numerator and denominator before reduction; a percentage `55.5%` is `555/1000`.
    pub numerator: u128,
    pub denominator: u128,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum QuorumReq {
    Fraction(FractionLit),
    Count(u64, Span),
}

#[derive(Debug, Clone)]
pub struct QuorumField {
    pub requirement: QuorumReq,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DecidesField {
    pub kind: Ident,
    pub description: Option<Text>,
    pub rule: RuleExpr,
    pub modifiers: Vec<RuleModifier>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum RuleModifier {
    Excluding(Vec<Actor>, Span),
    AbstentionBlocks(Span),
    AbstentionNeutral(Span),
    Binding(Span),
    /// `failing that "..."`: what happens when the rule is not met.
    Fallback(Text, Span),
    /// `failing that by RULE`: the rule the body decides by when this one is not met.
    FallbackRule(RuleExpr, Span),
    /// `failing that BODY by RULE`: another body decides, by its own rule.
    FallbackBody(Ident, RuleExpr, Span),
    /// `failing that by further agreement "..."`: the parties must first agree how to decide.
    FallbackAgreement(Option<Text>, Span),
    /// `for every matter`: a general rule, for every matter the body decides.
    EveryMatter(Span),
    /// `save as otherwise provided`: a general rule that yields to the body's rules for
    /// particular matters.
    SaveAsOtherwiseProvided(Span),
    /// `unverified "..."`: the sentence this rule encodes was not read as written.
    Unverified(Text, Span),
    /// `carried out by ACTOR`: who executes the decision.
    CarriedOutBy(Actor, Span),
    /// `burden shared "..."`: how the cost of carrying it out is shared.
    BurdenShared(Text, Span),
    /// `within 30 days`: the time limit for the decision.
    Within(Duration, Span),
}

/// Who a fraction is taken of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseKind {
    Members,
    Present,
    VotesCast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    MoreThan,
}

#[derive(Debug, Clone)]
pub enum RuleExpr {
    Consensus(Span),
    Unanimity(BaseKind, Span),
    /// `majority of BASE` / `majority of population`: more than one half.
    Majority(Share, Span),
    /// `at least 2/3 of BASE` or `... of population`
    Share {
        comparison: Comparison,
        fraction: FractionLit,
        of: Share,
        span: Span,
    },
    /// `at least 9 members` (yes votes counted)
    Count {
        comparison: Comparison,
        count: u64,
        span: Span,
    },
    /// `at least 62 weighted votes [by ATTR]`
    WeightedVotes {
        comparison: Comparison,
        quota: u64,
        attribute: Option<Ident>,
        span: Span,
    },
    /// `concurring votes of CLASS` / `no objection from CLASS`
    Veto(Ident, Span),
    /// `fewer than N members against` / `at most N members against`
    AgainstLimit {
        max_against: u64,
        span: Span,
    },
    /// `no consent required`: nothing can block it.
    NoConsent(Span),
    All(Vec<RuleExpr>, Span),
    Any(Vec<RuleExpr>, Span),
}

/// What a share is measured in: heads of a base, or an attribute's weight over a base.
#[derive(Debug, Clone)]
pub enum Share {
    Heads(BaseKind),
    Weight {
        attribute: Ident,
        base: BaseKind,
    },
    /// A share of some of the members: those on (or not on) a body or in a class, or those
    /// other than the holders of a role in the case.
    Subset {
        /// `not on`, `other than`: the members outside the set.
        outside: bool,
        of: Actor,
        span: Span,
    },
}

impl RuleExpr {
    pub fn span(&self) -> Span {
        match self {
            RuleExpr::Consensus(s)
            | RuleExpr::Unanimity(_, s)
            | RuleExpr::Majority(_, s)
            | RuleExpr::Veto(_, s)
            | RuleExpr::All(_, s)
            | RuleExpr::Any(_, s)
            | RuleExpr::NoConsent(s) => *s,
            RuleExpr::Share { span, .. }
            | RuleExpr::Count { span, .. }
            | RuleExpr::WeightedVotes { span, .. }
            | RuleExpr::AgainstLimit { span, .. } => *span,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    Number(u64),
    /// An unfilled blank: `(X)`, `[...]`.
    Placeholder(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl TimeUnit {
    /// The unit a word names, singular or plural (`day`, `months`); the one reading of time
    /// words for treaty files and scenario scripts alike. `None` for anything else.
    pub fn from_word(word: &str) -> Option<TimeUnit> {
        match word.strip_suffix('s').unwrap_or(word) {
            "hour" => Some(TimeUnit::Hours),
            "day" => Some(TimeUnit::Days),
            "week" => Some(TimeUnit::Weeks),
            "month" => Some(TimeUnit::Months),
            "year" => Some(TimeUnit::Years),
            _ => None,
        }
    }

    /// The word for `amount` of this unit: `1 day`, `3 days`.
    pub fn word(self, amount: u64) -> &'static str {
        let one = amount == 1;
        match self {
            TimeUnit::Hours if one => "hour",
            TimeUnit::Hours => "hours",
            TimeUnit::Days if one => "day",
            TimeUnit::Days => "days",
            TimeUnit::Weeks if one => "week",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months if one => "month",
            TimeUnit::Months => "months",
            TimeUnit::Years if one => "year",
            TimeUnit::Years => "years",
        }
    }

    /// Whole days in `amount` of this unit: a month counts 30 days and a year 365, the same
    /// for notices and for time passing, so that comparisons between them are consistent;
    /// hours round up to whole days. Saturates rather than wraps.
    pub fn days(self, amount: u64) -> u64 {
        match self {
            TimeUnit::Hours => amount.div_ceil(24),
            TimeUnit::Days => amount,
            TimeUnit::Weeks => amount.saturating_mul(7),
            TimeUnit::Months => amount.saturating_mul(30),
            TimeUnit::Years => amount.saturating_mul(365),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Duration {
    pub amount: Amount,
    pub unit: TimeUnit,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Deontic {
    /// shall / must
    Shall,
    ShallNot,
    May,
    /// will (political commitments)
    Will,
    WillNot,
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub actor: Actor,
    pub deontic: Deontic,
    pub aim: Text,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub text: Text,
    pub judged_by: Option<Actor>,
    pub reviewed_by: Option<Actor>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StandardField {
    pub term: Text,
    pub defined_as: Option<Text>,
    pub judged_by: Option<Actor>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ActorsField {
    pub actors: Vec<Actor>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct DeadlineField {
    pub what: Option<Text>,
    pub within: Duration,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct OrElse {
    pub consequence: Text,
    pub decided_by: Option<Actor>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ActorField {
    pub actor: Actor,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct NormDecl {
    pub id: Ident,
    pub citation: Option<Citation>,
    pub statements: Vec<Statement>,
    pub toward: Vec<ActorsField>,
    pub about: Vec<ActorsField>,
    /// `about ... and other states`: the clause also covers States it does not name.
    pub about_others: bool,
    pub conditions: Vec<Condition>,
    pub standards: Vec<StandardField>,
    pub deadlines: Vec<DeadlineField>,
    pub breach_judged_by: Vec<ActorField>,
    pub or_else: Vec<OrElse>,
    pub thresholds: Vec<ThresholdField>,
    /// `aggregated "..."`: how related activities are added up against a threshold.
    pub aggregated: Vec<Text>,
    /// `verified by "..."`: inspection, observation, data exchange.
    pub verified_by: Vec<Text>,
    pub guarantee: Vec<GuaranteeField>,
    pub restates: Vec<RestatesField>,
    pub conflicts: Vec<ConflictsField>,
    pub span: Span,
}

/// `conflicts with article 10 of "north-atlantic-1949.treaty"`
#[derive(Debug, Clone)]
pub struct ConflictsField {
    /// The article of the other instrument.
    pub article: Citation,
    pub instrument: Text,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// `threshold 9000 "troops" per activity`
#[derive(Debug, Clone)]
pub struct ThresholdField {
    pub amount: Amount,
    pub unit: Text,
    pub per_activity: bool,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct RefField {
    pub target: Ident,
    /// `to decide KIND`: one decision of the target body rather than the body at large.
    pub decision: Option<Ident>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ProcedureDecl {
    pub id: Ident,
    pub title: Option<Text>,
    pub citation: Option<Citation>,
    pub initiated_by: Vec<ActorField>,
    pub conditions: Vec<Condition>,
    pub participants: Vec<ActorsField>,
    pub open_to: Vec<ActorField>,
    pub deadlines: Vec<DeadlineField>,
    pub leads_to: Vec<RefField>,
    pub standards: Vec<StandardField>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct AffirmsDecl {
    pub principle: Ident,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct BalancesDecl {
    pub principles: Vec<Ident>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum EntryCondition {
    Ratifications {
        count: Amount,
        including: Vec<Ident>,
    },
    MajorityOfSignatories {
        including: Vec<Ident>,
    },
    /// `after ratification by RULE including A, B`
    Ratification(RatificationRule),
    OnSignature,
}

/// `ratification by RULE including A, B`: a rule over the States that ratify, where each
/// State's ratification is an act it must take, and the named States' is required.
#[derive(Debug, Clone)]
pub struct RatificationRule {
    pub rule: RuleExpr,
    pub including: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EntryDecl {
    /// `180 days after ...`: how long after the condition is met the treaty enters into force.
    pub delay: Option<Duration>,
    pub condition: EntryCondition,
    /// `not earlier than 2 years after opening for signature`.
    pub not_before: Option<Duration>,
    pub citation: Option<Citation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct WithdrawalDecl {
    pub citation: Option<Citation>,
    pub by: Vec<ActorField>,
    pub notice: Option<(Duration, Option<Citation>)>,
    pub conditions: Vec<Condition>,
    pub after_in_force: Option<(Duration, Option<Citation>)>,
    /// `notice ... to ACTORS`: who receives the notice.
    pub notice_to: Vec<Actor>,
    /// `reasons required` / `reasons not required`, with its citation.
    pub reasons_required: Option<(bool, Option<Citation>)>,
    pub span: Span,
}

/// `amendment by RULE`, or `amendment by ratification by RULE including A, B`.
#[derive(Debug, Clone)]
pub struct AmendmentDecl {
    pub rule: RuleExpr,
    /// `by ratification by ...`: each State's ratification is an act it must take.
    pub by_ratification: bool,
    /// The States whose ratification is required (`including permanent_members`).
    pub including: Vec<Ident>,
    pub modifiers: Vec<RuleModifier>,
    pub citation: Option<Citation>,
    pub span: Span,
}

/// `reading consent of indivisible_security "..." { body conference decides ... }`
#[derive(Debug, Clone)]
pub struct ReadingDecl {
    pub id: Ident,
    /// The principle read; none for a reading of an article's unclear text.
    pub principle: Option<Ident>,
    pub description: Text,
    pub citation: Option<Citation>,
    /// Decision rules the reading gives to existing bodies.
    pub rules: Vec<(Ident, DecidesField)>,
    pub span: Span,
}
