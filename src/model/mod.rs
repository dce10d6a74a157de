//! The Model: what a treaty file means once every name is resolved and every cross-reference
//! checked. Lints, the analysis and the scenario evaluator read this, never the syntax tree.
//!
//! One [`Treaty`] per checked file. Parties, classes and principles come from the file and
//! the files it imports; baselines are treaties of their own, loaded alongside.

mod final_clauses;
mod grounds;
mod load;
mod ratio;
mod resolve;
mod role;

pub use final_clauses::{
    Amendment, Consent, EntryCondition, EntryIntoForce, FinalClause, Withdrawal,
};
pub use ratio::Ratio;
pub use role::Role;

pub use grounds::ArticleIndex;
pub(crate) use load::display_name as display_path;
pub(crate) use load::normalize as normalize_path;
pub use load::Workspace;

/// Shall, may, shall not: lints read it from the Model, as everything else.
pub use crate::ast::Deontic;
/// Where an assistance clause stands on the scale of guarantees.
pub use crate::ast::GuaranteeLevel;
use crate::ast::{Status, TimeUnit};
pub use crate::basis::ArticleStatus;
use crate::source::{FileId, Span};
use std::collections::BTreeMap;

/// Index of a party in [`Treaty::parties`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct PartyId(pub u32);

/// Index of a body in [`Treaty::bodies`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BodyId(pub u32);

/// Index of a class in [`Treaty::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClassId(pub u32);

/// A state or organisation that can be a party, with the attributes rules weigh it by.
#[derive(Debug, Clone)]
pub struct Party {
    pub id: String,
    pub name: String,
    /// Whole-number attributes such as `population` or `weight`.
    pub numbers: BTreeMap<String, u128>,
    /// Date attributes such as `joined`, as `YYYY-MM-DD` (which sorts as dates do).
    pub dates: BTreeMap<String, String>,
    pub span: Span,
}

/// A named set of parties: "the members of NATO", "the permanent members".
#[derive(Debug, Clone)]
pub struct Class {
    pub id: String,
    pub title: Option<String>,
    pub members: Vec<PartyId>,
    /// When members joined, where the class dates it (`YYYY-MM-DD`); the others are taken
    /// to have been members throughout.
    pub since: BTreeMap<PartyId, String>,
    pub span: Span,
}

impl Class {
    /// Its members on `date` (`YYYY-MM-DD`).
    pub fn members_on(&self, date: &str) -> Vec<PartyId> {
        self.members
            .iter()
            .copied()
            .filter(|p| self.since.get(p).is_none_or(|d| d.as_str() <= date))
            .collect()
    }
}

/// A reference to an article, checked against the articles the treaty declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    /// `article 6.3`, as shown to users.
    pub text: String,
    /// `article`, `paragraph`, `preamble`...
    pub kind: String,
    /// `["6", "3"]`; empty for the preamble.
    pub path: Vec<String>,
    /// Why the clause's reading of the article is not verified, when the clause says so
    /// (`unverified "..."` on a decision rule): the article may be quoted, this sentence not.
    pub unverified: Option<String>,
    pub span: Span,
}

/// A declared article (or paragraph, principle, preamble) with the text it encodes.
#[derive(Debug, Clone)]
pub struct Article {
    pub kind: String,
    pub path: Vec<String>,
    pub title: Option<String>,
    pub text: Option<String>,
    pub from: Vec<String>,
    /// Quoted, a paraphrase, practice, or not encoded.
    pub status: ArticleStatus,
    /// Why it is not quoted text, as the file says (`unverified "..."`, `practice "..."`,
    /// `not encoded "..."`).
    pub status_note: Option<String>,
    pub span: Span,
}

impl Article {
    pub fn citation(&self) -> String {
        if self.path.is_empty() {
            self.kind.clone()
        } else {
            format!("{} {}", self.kind, self.path.join("."))
        }
    }
}

/// A principle of the shared vocabulary (`principles.treaty`).
#[derive(Debug, Clone)]
pub struct Principle {
    pub id: String,
    pub description: String,
    pub span: Span,
}

/// The treaty affirms a principle, at an article.
#[derive(Debug, Clone)]
pub struct Affirmation {
    pub principle: String,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// Provisions the instrument states as one package: each limits the others.
#[derive(Debug, Clone)]
pub struct Balance {
    pub principles: Vec<String>,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// Who acts, judges or benefits, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorRef {
    Role(Role),
    Party(PartyId),
    Class(ClassId),
    Body(BodyId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub actor: ActorRef,
    pub span: Span,
}

/// An actor named in a clause of its own, with that clause's citation
/// (`initiated by any party article 5`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedActor {
    pub actor: Actor,
    pub citation: Option<Cite>,
}

pub use crate::ast::{BaseKind as Base, Comparison};

/// What a share is measured in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measure {
    /// One member, one vote.
    Heads,
    /// A member attribute such as population; `weights[i]` belongs to `members[i]`.
    Weight {
        attribute: String,
        weights: Vec<u128>,
    },
}

impl Measure {
    /// What member `i` (by position in the body) weighs under this measure.
    pub fn weight(&self, i: usize) -> u128 {
        match self {
            Measure::Heads => 1,
            Measure::Weight { weights, .. } => weights.get(i).copied().unwrap_or(0),
        }
    }
}

/// A voting rule: what the votes must reach (consensus, a majority, a weighted quota, no
/// veto), as an algebra over the votes of a body's members. A [`DecisionRule`] applies one
/// to a kind of decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VotingRule {
    /// No objection among those present.
    Consensus,
    /// Every member (or every one present, or every vote cast) in favour.
    Unanimity(Base),
    /// Yes votes reach a share of the base: `at least 2/3 of members present`.
    Share {
        comparison: Comparison,
        ratio: Ratio,
        measure: Measure,
        base: Base,
    },
    /// At least `count` yes votes.
    Count {
        comparison: Comparison,
        count: u64,
    },
    /// The yes votes' weights reach a quota; `weights[i]` belongs to `members[i]`.
    Weighted {
        comparison: Comparison,
        quota: u128,
        attribute: String,
        weights: Vec<u128>,
    },
    /// These parties must not object (`concurring votes of`, `no objection from`), or, where
    /// `ratification` is set, must each act in favour (`ratification by ... including`): a
    /// holder that abstains or stays away then blocks too.
    Veto {
        /// Sorted, without repeats (looked up by binary search).
        holders: Vec<PartyId>,
        name: String,
        ratification: bool,
    },
    /// At most this many members vote against.
    AgainstLimit {
        max_against: u64,
    },
    All(Vec<VotingRule>),
    Any(Vec<VotingRule>),
}

impl VotingRule {
    /// The rule without its named holders' requirement (`... including A, B`): what the
    /// others must do, to count how many of them can hold it back.
    pub fn without_vetoes(&self) -> VotingRule {
        match self {
            VotingRule::All(parts) => VotingRule::All(
                parts
                    .iter()
                    .filter(|p| !matches!(p, VotingRule::Veto { .. }))
                    .cloned()
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The rule's parts: the requirements it combines with and / or, each counted once.
    pub fn parts(&self) -> usize {
        match self {
            VotingRule::All(parts) | VotingRule::Any(parts) => {
                parts.iter().map(VotingRule::parts).sum()
            }
            _ => 1,
        }
    }

    /// Whether any one member's objection blocks the rule by its nature (consensus,
    /// unanimity), as opposed to a veto that belongs to some members only.
    pub fn is_unanimous(&self) -> bool {
        match self {
            VotingRule::Consensus | VotingRule::Unanimity(_) => true,
            VotingRule::All(parts) => parts.iter().any(VotingRule::is_unanimous),
            VotingRule::Any(parts) => {
                !parts.is_empty() && parts.iter().all(VotingRule::is_unanimous)
            }
            _ => false,
        }
    }
}

fn base_phrase(base: Base) -> &'static str {
    match base {
        Base::Members => "members",
        Base::Present => "members present",
        Base::VotesCast => "votes cast",
    }
}

/// The rule in the clause language's own words: `consensus`, `at least 2/3 of votes cast`.
impl std::fmt::Display for VotingRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cmp = |c: &Comparison| match c {
            Comparison::AtLeast => "at least",
            Comparison::MoreThan => "more than",
        };
        match self {
            VotingRule::Consensus => f.write_str("consensus"),
            VotingRule::Unanimity(base) => write!(f, "unanimity of {}", base_phrase(*base)),
            VotingRule::Share {
                comparison,
                ratio,
                measure,
                base,
            } => {
                let of = match measure {
                    Measure::Heads => base_phrase(*base).to_string(),
                    // A share of some of the members (`members not on council`).
                    Measure::Weight { attribute, .. } if attribute.starts_with("members ") => {
                        attribute.clone()
                    }
                    Measure::Weight { attribute, .. } => {
                        format!("{attribute} of {}", base_phrase(*base))
                    }
                };
                if *ratio == Ratio::HALF && *comparison == Comparison::MoreThan {
                    write!(f, "a majority of {of}")
                } else {
                    write!(f, "{} {ratio} of {of}", cmp(comparison))
                }
            }
            VotingRule::Count { comparison, count } => {
                write!(f, "{} {count} members", cmp(comparison))
            }
            VotingRule::Weighted {
                comparison,
                quota,
                attribute,
                ..
            } => write!(
                f,
                "{} {quota} weighted votes by {attribute}",
                cmp(comparison)
            ),
            VotingRule::Veto {
                name,
                ratification: true,
                ..
            } => write!(f, "ratification by {name}"),
            VotingRule::Veto { name, .. } => write!(f, "no objection from {name}"),
            VotingRule::AgainstLimit { max_against } => {
                write!(f, "at most {max_against} members against")
            }
            VotingRule::All(parts) if parts.is_empty() => f.write_str("no consent required"),
            VotingRule::All(parts) | VotingRule::Any(parts) => {
                let joiner = if matches!(self, VotingRule::All(_)) {
                    " and "
                } else {
                    " or "
                };
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        f.write_str(joiner)?;
                    }
                    if matches!(part, VotingRule::All(_) | VotingRule::Any(_)) {
                        write!(f, "({part})")?;
                    } else {
                        write!(f, "{part}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// How an abstention counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Abstention {
    /// As the rule itself says: unanimity needs every vote, consensus only no objection.
    RuleDefault,
    /// An abstention is an objection.
    Blocks,
    /// An abstention neither blocks nor counts in the base (TFEU Art. 238(4)'s rule for
    /// unanimity; TEU Art. 31(1)'s constructive abstention is one use of it).
    DoesNotBlock,
}

/// One kind of decision a body takes, and the rule it takes it by.
#[derive(Debug, Clone)]
pub struct DecisionRule {
    pub kind: String,
    pub description: Option<String>,
    pub rule: VotingRule,
    pub rule_span: Span,
    /// Roles whose votes do not count (the aggressor, the parties to the dispute).
    pub excluded: Vec<Role>,
    pub abstention: Abstention,
    pub binding: bool,
    /// What the treaty says happens when the rule is not met (`failing that "..."`).
    pub fallback: Option<String>,
    /// The rule the body decides by when this one is not met (`failing that by RULE`), or
    /// that another body decides by (`failing that BODY by RULE`, over its members).
    pub fallback_rule: Option<VotingRule>,
    /// The body that decides by `fallback_rule`, where it is not this one.
    pub fallback_body: Option<BodyId>,
    /// Whether the rule is for one matter (its kind) or general, and whether a general rule
    /// yields to the rules for particular matters.
    pub scope: Scope,
    /// `failing that by further agreement`: the parties must first agree how to decide, so
    /// the fallback needs everyone's agreement again.
    pub fallback_agreement: bool,
    /// Who carries the decision out, how its burden is shared, and by when it is taken.
    pub execution: Execution,
    pub citation: Option<Cite>,
    pub span: Span,
}

impl DecisionRule {
    /// A decision the treaty does not declare as a body's matter (a final clause read as the
    /// States' decision, a call to convene): not binding, no fallback, no one excluded.
    pub fn plain(
        kind: &str,
        rule: VotingRule,
        abstention: Abstention,
        citation: Option<Cite>,
        rule_span: Span,
        span: Span,
    ) -> DecisionRule {
        DecisionRule {
            kind: kind.into(),
            description: None,
            rule,
            rule_span,
            excluded: Vec::new(),
            abstention,
            binding: false,
            fallback: None,
            fallback_rule: None,
            fallback_body: None,
            scope: Scope::Matter,
            fallback_agreement: false,
            execution: Execution::default(),
            citation,
            span,
        }
    }
}

/// Which matters a decision rule decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// The matter its kind names.
    #[default]
    Matter,
    /// Every matter the body decides (`for every matter`), the particular ones included.
    EveryMatter,
    /// Every matter no other rule of the body decides (`save as otherwise provided`).
    Residual,
}

/// How a decision is carried out: `carried out by`, `burden shared`, `within`.
#[derive(Debug, Clone, Default)]
pub struct Execution {
    pub carried_out_by: Option<Actor>,
    pub burden_shared: Option<String>,
    /// The time limit for taking the decision.
    pub within: Option<Duration>,
}

/// Who must attend for a body to meet at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuorumThreshold {
    Share(Ratio),
    Count(u64),
}

#[derive(Debug, Clone)]
pub struct Quorum {
    pub rule: QuorumThreshold,
    pub citation: Option<Cite>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Convening {
    pub by: Actor,
    pub on_request_of: Option<Actor>,
    pub support: Option<(VotingRule, Span)>,
    pub within: Option<Duration>,
    /// Convened at once, for an emergency (`immediately`).
    pub immediately: bool,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// A conference, a council: who sits in it and how it decides.
#[derive(Debug, Clone)]
pub struct Body {
    pub id: String,
    pub title: Option<String>,
    pub citation: Option<Cite>,
    /// Its members, in declaration order; rules index weights by position here.
    pub members: Vec<PartyId>,
    pub convening: Vec<Convening>,
    pub quorum: Option<Quorum>,
    pub decisions: Vec<DecisionRule>,
    /// For a body the treaty does not declare: the final clause it stands for (the parties
    /// deciding on amendments, the States whose ratifications bring the treaty into force).
    pub final_clause: Option<FinalClause>,
    pub span: Span,
}

impl Body {
    /// `the Conference of the Parties`, or its id when it has no title.
    pub fn display_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }
}

/// A number of days, months... or an unfilled blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    Number(u64),
    Placeholder(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duration {
    pub amount: Amount,
    pub unit: TimeUnit,
    pub span: Span,
}

/// `each party shall not "..."`.
#[derive(Debug, Clone)]
pub struct Statement {
    pub actor: Actor,
    pub deontic: Deontic,
    pub aim: String,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// When a norm or procedure applies, and who decides that it does.
#[derive(Debug, Clone)]
pub struct Condition {
    pub text: String,
    pub judged_by: Option<Actor>,
    pub reviewed_by: Option<Actor>,
    pub citation: Option<Cite>,
    pub span: Span,
}

impl Condition {
    /// The interested party (a role such as "itself" or "the requesting party") that judges
    /// this condition with no one to review it, if any: the condition is then its opinion.
    pub fn self_judged_by(&self) -> Option<Actor> {
        let judge = self.judged_by?;
        let ActorRef::Role(role) = judge.actor else {
            return None;
        };
        (role.is_interested_party() && self.reviewed_by.is_none()).then_some(judge)
    }
}

/// A qualifier the text leaves to judgement: "due regard", "significantly".
#[derive(Debug, Clone)]
pub struct Standard {
    pub term: String,
    pub defined_as: Option<String>,
    pub judged_by: Option<Actor>,
    pub citation: Option<Cite>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Deadline {
    pub what: Option<String>,
    pub within: Duration,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// The consequence of breach, and who decides it.
#[derive(Debug, Clone)]
pub struct OrElse {
    pub consequence: String,
    pub decided_by: Option<Actor>,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// An obligation, right or prohibition, after the Institutional Grammar: who (attribute),
/// shall / may / shall not (deontic), what (aim), toward whom, when (activation condition),
/// how and by when (execution constraints) and or else.
#[derive(Debug, Clone)]
pub struct Norm {
    pub id: String,
    pub citation: Option<Cite>,
    pub statements: Vec<Statement>,
    pub toward: Vec<Actor>,
    pub about: Vec<Actor>,
    /// The clause also covers States it does not name (`about UA and other states`).
    pub about_others: bool,
    pub conditions: Vec<Condition>,
    pub standards: Vec<Standard>,
    pub deadlines: Vec<Deadline>,
    pub breach_judged_by: Vec<CitedActor>,
    pub or_else: Vec<OrElse>,
    /// Size thresholds above which the duty applies (`threshold 9000 "troops" per activity`).
    pub thresholds: Vec<Limit>,
    /// How related activities are added up against a threshold.
    pub aggregated: Vec<String>,
    /// How compliance is verified: inspection, observation, data exchange.
    pub verified_by: Vec<String>,
    /// Where an assistance clause stands on the scale of guarantees (`guarantee ...`).
    pub guarantee: Option<Guarantee>,
    /// Rights or duties that exist without the clause and that it restates.
    pub restates: Vec<Restated>,
    /// Rights or obligations of related instruments that the norm contradicts.
    pub conflicts: Vec<Conflict>,
    pub span: Span,
}

/// `conflicts with article 10 of "north-atlantic-1949.treaty"`.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The related instrument's file, as written.
    pub instrument: String,
    /// The article of the related instrument (checked against its articles on loading).
    pub article: Cite,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// An instrument the treaty's norms may conflict with (`related "file.treaty"`), resolved.
#[derive(Debug, Clone)]
pub struct Related {
    /// The `related` line's file name.
    pub span: Span,
    /// The file as written.
    pub file: String,
    pub title: String,
    /// Its declared articles.
    pub articles: Vec<Article>,
    /// Its articles by number, built on first use.
    pub article_index: ArticleIndex,
    /// Its parties, by party id (`US`, `RU`).
    pub parties: Vec<String>,
}

/// `guarantee means-left article 5`
#[derive(Debug, Clone)]
pub struct Guarantee {
    pub level: GuaranteeLevel,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// `restates "UN Charter Art. 51"`: the clause restates a right or duty that exists without it.
#[derive(Debug, Clone)]
pub struct Restated {
    pub what: String,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// Who determines a fact on which the treaty's rules turn: who the aggressor is, whether a
/// Party has been attacked, who the parties to a dispute are.
#[derive(Debug, Clone)]
pub struct Fact {
    pub role: Role,
    /// A body, a party or a role; `nobody` where the treaty says no one does.
    pub determined_by: Actor,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// A term on which rights or duties turn (`term "armed attack" ...`).
#[derive(Debug, Clone)]
pub struct Term {
    pub term: String,
    pub defined_as: Option<String>,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// Where the treaty sends disputes about its interpretation or application.
#[derive(Debug, Clone)]
pub struct DisputeSettlement {
    /// The procedures and bodies named, in order.
    pub routes: Vec<Step>,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// A size threshold in a norm.
#[derive(Debug, Clone)]
pub struct Limit {
    pub amount: Amount,
    pub unit: String,
    /// Counted per activity, rather than over all of a party's activities.
    pub per_activity: bool,
    pub citation: Option<Cite>,
    pub span: Span,
}

/// What a procedure leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A body, for whatever it decides.
    Body(BodyId),
    /// One decision of a body: the index of the rule in [`Body::decisions`].
    Decision(BodyId, u32),
    Procedure(u32),
}

impl Step {
    /// The body the step leads to, if it leads to one.
    pub fn body(self) -> Option<BodyId> {
        match self {
            Step::Body(b) | Step::Decision(b, _) => Some(b),
            Step::Procedure(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Procedure {
    pub id: String,
    pub title: Option<String>,
    pub citation: Option<Cite>,
    pub initiated_by: Vec<CitedActor>,
    pub conditions: Vec<Condition>,
    pub participants: Vec<Actor>,
    pub open_to: Vec<CitedActor>,
    pub deadlines: Vec<Deadline>,
    pub leads_to: Vec<(Step, Option<Cite>)>,
    pub standards: Vec<Standard>,
    pub span: Span,
}

/// A reading of a principle and the decision rules it would give the treaty's bodies; they
/// apply only in scenarios run under it.
#[derive(Debug, Clone)]
pub struct Reading {
    pub id: String,
    /// The principle read; `None` for a reading of an article's unclear text.
    pub principle: Option<String>,
    pub description: String,
    pub citation: Option<Cite>,
    pub decisions: Vec<(BodyId, DecisionRule)>,
    pub span: Span,
}

/// The treaty header.
#[derive(Debug, Clone)]
pub struct Header {
    pub title: String,
    pub date: Option<String>,
    pub status: Option<Status>,
    pub sources: Vec<String>,
    /// `encoding partial "..."`: why the file encodes only part of the instrument.
    pub partial: Option<String>,
    /// For each `baseline` line, in order: where the treaty refers to that instrument in
    /// general terms (`referred to in preamble`), if it says.
    pub baseline_references: Vec<Option<Cite>>,
    pub span: Span,
}

/// A baseline instrument the treaty is compared with, resolved to its own Model.
#[derive(Debug, Clone)]
pub struct Baseline {
    /// The `baseline "..."` line.
    pub span: Span,
    /// Where the treaty refers to the instrument in general terms, without restating its
    /// principles (`referred to in preamble`).
    pub referred_in: Option<Cite>,
    /// The baseline's title (or file name when it has no header).
    pub title: String,
    pub affirmations: Vec<Affirmation>,
    pub balances: Vec<Balance>,
    /// The baseline's declared articles, for the basis of findings that rest on them.
    pub articles: Vec<Article>,
    /// Where its articles are by path, built on first use (the articles do not change once
    /// resolved).
    pub article_index: ArticleIndex,
}

/// One checked file, resolved.
#[derive(Debug, Clone, Default)]
pub struct Treaty {
    pub file: FileId,
    pub header: Option<Header>,
    pub sources: Vec<String>,
    pub parties: Vec<Party>,
    pub classes: Vec<Class>,
    /// The parties to this treaty (`parties ...`); empty when the file names none.
    pub treaty_parties: Vec<PartyId>,
    /// The States that signed (`signatories ...`), where the file names them: what "a
    /// majority of the signatories" counts. Empty when the file names none.
    pub signatories: Vec<PartyId>,
    pub accession: Vec<(String, Option<BodyId>, Option<Cite>)>,
    pub principles: Vec<Principle>,
    pub articles: Vec<Article>,
    pub bodies: Vec<Body>,
    pub norms: Vec<Norm>,
    pub procedures: Vec<Procedure>,
    pub affirmations: Vec<Affirmation>,
    pub balances: Vec<Balance>,
    pub entry_into_force: Vec<EntryIntoForce>,
    pub withdrawals: Vec<Withdrawal>,
    pub amendments: Vec<Amendment>,
    pub readings: Vec<Reading>,
    /// Who determines which facts (`fact the aggressor determined by ...`).
    pub facts: Vec<Fact>,
    /// Where disputes go (`disputes settled by ...`).
    pub disputes: Vec<DisputeSettlement>,
    /// Terms on which rights or duties turn, defined or not (`term "..."`).
    pub terms: Vec<Term>,
    pub baselines: Vec<Baseline>,
    /// Instruments the treaty's norms may conflict with (`related "..."`).
    pub related: Vec<Related>,
    /// The file's `# treaty: allow(code)` comments.
    pub suppressions: Vec<crate::ast::Suppression>,
    /// Its comments meant as suppressions that do not have their form.
    pub invalid_suppressions: Vec<crate::ast::InvalidSuppression>,
    /// Where its articles are by path, built on first use (the articles do not change once
    /// resolved).
    pub article_index: ArticleIndex,
}

impl Treaty {
    pub fn party(&self, id: PartyId) -> Option<&Party> {
        self.parties.get(id.0 as usize)
    }

    pub fn body(&self, id: BodyId) -> Option<&Body> {
        self.bodies.get(id.0 as usize)
    }

    pub fn class(&self, id: ClassId) -> Option<&Class> {
        self.classes.get(id.0 as usize)
    }

    /// The treaty's title, if it has a header.
    pub fn title(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.title.as_str())
    }

    /// How an actor reads in a message: `the requesting party`, `Germany`, `the Council`.
    pub fn actor_phrase(&self, actor: ActorRef) -> String {
        match actor {
            ActorRef::Role(role) => role.phrase().to_string(),
            ActorRef::Party(p) => self
                .party(p)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "a party".into()),
            ActorRef::Class(c) => self
                .class(c)
                .map(|c| c.title.clone().unwrap_or_else(|| format!("`{}`", c.id)))
                .unwrap_or_else(|| "a class of parties".into()),
            ActorRef::Body(b) => self
                .body(b)
                .map(|b| b.display_name().to_string())
                .unwrap_or_else(|| "a body".into()),
        }
    }

    /// Who the treaty says determines the holder of `role`, if it says.
    pub fn fact(&self, role: Role) -> Option<&Fact> {
        self.facts.iter().find(|f| f.role == role)
    }

    pub fn procedure(&self, index: u32) -> Option<&Procedure> {
        self.procedures.get(index as usize)
    }

    pub fn party_names(&self, ids: &[PartyId]) -> Vec<&str> {
        ids.iter()
            .filter_map(|&p| self.party(p).map(|p| p.name.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_treaty_is_checked_over_the_parties_of_its_own_date() {
        let list = "party A \"Alpha\"\nparty B \"Beta\"\nparty C \"Gamma\"\nclass club \"The club\" = A, B, C with C since 2012-11-21\n";
        let count = |text: String| crate::testing::resolved(&text).treaty_parties.len();
        // No date: every member.
        assert_eq!(count(format!("{list}parties club")), 3);
        // The header's date decides by default; `as of` overrides it.
        let dated = |date: &str| format!("treaty \"T\" {{\n date {date}\n}}\n{list}");
        assert_eq!(count(format!("{}parties club", dated("2009-11-29"))), 2);
        assert_eq!(count(format!("{}parties club", dated("2012-11-21"))), 3);
        assert_eq!(
            count(format!(
                "{}parties club as of 2013-01-01",
                dated("2009-11-29")
            )),
            3
        );
        // A party named on its own is a party whatever the class's dates.
        assert_eq!(count(format!("{}parties club, C", dated("2009-11-29"))), 3);
    }
}
