//! Syntax tree to Model: names to parties, classes and bodies; party sets to member lists;
//! citations checked against the declared articles; thresholds checked against the members
//! they apply to.

mod articles;
mod bodies;
mod decision_rules;
mod declarations;
mod final_clauses;
mod names;
mod norms;

use super::*;
use crate::ast::{self, ActorKind, Item, PartySet};
use crate::diagnostic::{codes, Diagnostic};
use std::collections::HashMap;
use std::rc::Rc;

/// The files a treaty imports, directly or not, in the order their declarations apply.
#[derive(Debug, Default)]
pub(crate) struct Closure {
    pub files: Vec<(FileId, Rc<ast::File>)>,
}

/// Resolves one file together with the declarations it imports.
pub(crate) fn resolve(
    file: FileId,
    ast: &ast::File,
    imports: &Closure,
) -> (Treaty, Vec<Diagnostic>) {
    let mut r = Resolver {
        treaty: Treaty {
            file,
            ..Default::default()
        },
        diags: Vec::new(),
        parties: HashMap::new(),
        classes: HashMap::new(),
        bodies: HashMap::new(),
        procedures: HashMap::new(),
        principles: HashMap::new(),
        declared: Default::default(),
        declared_prefixes: Default::default(),
        article_examples: Default::default(),
        expanded: 0,
        expansion_reported: false,
        parties_unsorted: false,
        suggestion_budget: SUGGESTION_BUDGET,
        final_decisions: Vec::new(),
        subset_exclusions: Vec::new(),
        pending_fallbacks: Vec::new(),
    };
    // Declarations first, so that order in the file does not matter for parties, bodies and
    // procedures. Classes resolve in declaration order (they may name earlier classes).
    for (_, imported) in &imports.files {
        r.declarations(imported, false);
    }
    r.declarations(ast, true);
    r.articles(ast);
    r.clauses(ast);
    r.treaty.suppressions = ast.suppressions.clone();
    r.treaty.invalid_suppressions = ast.invalid_suppressions.clone();
    (r.treaty, r.diags)
}

/// A decision rule's modifiers, resolved.
struct Modifiers {
    excluded: Vec<Role>,
    abstention: Abstention,
    binding: bool,
    fallback: Option<String>,
    /// `unverified "..."`: the sentence the rule encodes was not read as written.
    unverified: Option<String>,
    execution: Execution,
}

struct Resolver {
    treaty: Treaty,
    diags: Vec<Diagnostic>,
    parties: HashMap<String, PartyId>,
    classes: HashMap<String, ClassId>,
    bodies: HashMap<String, BodyId>,
    procedures: HashMap<String, u32>,
    principles: HashMap<String, usize>,
    /// Declared articles as (kind, path) with where each is declared (for duplicates), and
    /// every non-empty prefix of their paths.
    declared: HashMap<(String, Vec<String>), Span>,
    declared_prefixes: std::collections::HashSet<(String, Vec<String>)>,
    /// The first twelve declared articles of each kind, for the help of a citation of none.
    article_examples: HashMap<String, Vec<String>>,
    /// Members written out so far, against [`MAX_EXPANDED`], and whether passing it was
    /// reported.
    expanded: usize,
    expansion_reported: bool,
    /// `parties` lines add to the treaty's parties unsorted; sorted when next read.
    parties_unsorted: bool,
    /// What "did you mean" may still spend, in names looked at and letters compared.
    suggestion_budget: usize,
    /// Fallbacks to another body (`failing that BODY by RULE`), by the span of their decision,
    /// until every body's members are known.
    pending_fallbacks: Vec<(Span, BodyId, ast::RuleExpr)>,
    /// Roles a share of "the members other than ROLE" leaves out, until the decision rule
    /// that holds the share takes them as its exclusions.
    subset_exclusions: Vec<Role>,
    /// The final clauses' decisions, by clause and index, until their bodies are made.
    final_decisions: Vec<(crate::model::FinalClause, usize, DecisionRule)>,
}

/// The work all "did you mean" hints of one file may do together (names looked at plus
/// letters compared), so that thousands of unknown names among thousands of declared ones
/// stay linear; past it, unknown names are still reported, without a suggestion.
const SUGGESTION_BUDGET: usize = crate::spelling::FILE_BUDGET;

/// The most members the clauses of one file may write out in all (see `Resolver::expand`):
/// 16 million, some hundreds of megabytes of Model at most.
const MAX_EXPANDED: usize = 1 << 24;

fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Resolver {
    fn clauses(&mut self, ast: &ast::File) {
        let date = ast.items.iter().find_map(|item| match item {
            Item::Treaty(h) => h.date.as_ref().map(|d| d.value.clone()),
            _ => None,
        });
        for item in &ast.items {
            match item {
                Item::Treaty(h) => self.header(h),
                Item::Parties(p) => {
                    let mut members = self.party_set(&p.set, None);
                    // A treaty is checked over the parties as of its own date (or the date
                    // it names): a State that joined a class later is not counted.
                    let as_of = p
                        .as_of
                        .as_ref()
                        .map(|d| d.value.clone())
                        .or_else(|| date.clone());
                    if let (Some(day), PartySet::List(names)) = (&as_of, &p.set) {
                        // Members are sorted, and so are these: looked up, not searched.
                        let mut later: Vec<PartyId> = names
                            .iter()
                            .filter_map(|n| self.classes.get(&n.name))
                            .filter_map(|&c| self.treaty.class(c))
                            .flat_map(|c| {
                                let on = c.members_on(day);
                                c.members
                                    .iter()
                                    .copied()
                                    .filter(move |m| on.binary_search(m).is_err())
                            })
                            .collect();
                        later.sort_unstable();
                        let mut named: Vec<PartyId> = names
                            .iter()
                            .filter_map(|n| self.parties.get(&n.name).copied())
                            .collect();
                        named.sort_unstable();
                        members.retain(|m| {
                            later.binary_search(m).is_err() || named.binary_search(m).is_ok()
                        });
                    }
                    self.cite(&p.citation);
                    // Sorted once when next read, not once per line.
                    self.treaty.treaty_parties.extend(members);
                    self.parties_unsorted = true;
                }
                Item::Signatories(s) => {
                    let members = self.party_set(&s.set, None);
                    self.cite(&s.citation);
                    self.treaty.signatories.extend(members);
                    self.treaty.signatories.sort();
                    self.treaty.signatories.dedup();
                }
                Item::Accession(a) => self.accession(a),
                Item::Affirms(a) => {
                    self.principle_named(&a.principle);
                    let citation = self.cite(&a.citation);
                    self.treaty.affirmations.push(Affirmation {
                        principle: a.principle.name.clone(),
                        citation,
                        span: a.span,
                    });
                }
                Item::Balances(b) => {
                    for p in &b.principles {
                        self.principle_named(p);
                    }
                    let citation = self.cite(&b.citation);
                    self.treaty.balances.push(Balance {
                        principles: b.principles.iter().map(|p| p.name.clone()).collect(),
                        citation,
                        span: b.span,
                    });
                }
                _ => {}
            }
        }
        self.sort_treaty_parties();
        // Bodies after `parties`, wherever they stand: `all parties` means the treaty's.
        // Readings after bodies: their rules take the members of the bodies they name.
        for item in &ast.items {
            if let Item::Body(b) = item {
                self.body_members(b);
            }
        }
        for item in &ast.items {
            if let Item::Body(b) = item {
                self.body(b);
            }
        }
        for item in &ast.items {
            if let Item::Reading(r) = item {
                self.reading(r);
            }
        }
        self.fallbacks_to_other_bodies();
        for item in &ast.items {
            match item {
                Item::Norm(n) => {
                    let norm = self.norm(n);
                    self.treaty.norms.push(norm);
                }
                Item::Procedure(p) => self.procedure(p),
                Item::Fact(f) => {
                    let role = role(&f.role.kind);
                    let determined_by = self.actor(&f.determined_by);
                    let citation = self.cite(&f.citation);
                    if let Some(determined_by) = determined_by {
                        self.treaty.facts.push(Fact {
                            role,
                            determined_by,
                            citation,
                            span: f.span,
                        });
                    }
                }
                Item::Term(t) => {
                    let citation = self.cite(&t.citation);
                    self.treaty.terms.push(Term {
                        term: t.term.value.clone(),
                        defined_as: t.defined_as.as_ref().map(|d| d.value.clone()),
                        citation,
                        span: t.span,
                    });
                }
                Item::Disputes(d) => {
                    let mut routes = Vec::new();
                    for r in &d.routes {
                        if let Some(&b) = self.bodies.get(&r.name) {
                            routes.push(Step::Body(b));
                        } else if let Some(&q) = self.procedures.get(&r.name) {
                            routes.push(Step::Procedure(q));
                        } else {
                            self.unknown(r, "body or procedure");
                        }
                    }
                    let citation = self.cite(&d.citation);
                    self.treaty.disputes.push(DisputeSettlement {
                        routes,
                        citation,
                        span: d.span,
                    });
                }
                Item::EntryIntoForce(e) => self.entry(e),
                Item::Withdrawal(w) => {
                    let withdrawal = Withdrawal {
                        citation: self.cite(&w.citation),
                        by: w.by.iter().filter_map(|a| self.actor_field(a)).collect(),
                        notice: w.notice.as_ref().map(|(d, c)| {
                            self.cite(c);
                            duration(d)
                        }),
                        conditions: w.conditions.iter().map(|c| self.condition(c)).collect(),
                        after_in_force: w.after_in_force.as_ref().map(|(d, c)| {
                            self.cite(c);
                            duration(d)
                        }),
                        notice_to: w.notice_to.iter().filter_map(|a| self.actor(a)).collect(),
                        reasons_required: w.reasons_required.as_ref().map(|(r, c)| {
                            self.cite(c);
                            *r
                        }),
                        span: w.span,
                    };
                    self.treaty.withdrawals.push(withdrawal);
                }
                Item::Amendment(a) => self.amendment(a),
                _ => {}
            }
        }
        self.final_clause_bodies();
    }
}

fn role(kind: &ActorKind) -> Role {
    match kind {
        ActorKind::AnyParty => Role::AnyParty,
        ActorKind::AnyOtherParty => Role::AnyOtherParty,
        ActorKind::EachParty => Role::EachParty,
        ActorKind::AllParties => Role::AllParties,
        ActorKind::AnotherParty => Role::AnotherParty,
        ActorKind::AllOtherParties => Role::AllOtherParties,
        ActorKind::RequestingParty => Role::RequestingParty,
        ActorKind::RequestedParty => Role::RequestedParty,
        ActorKind::AttackedParty => Role::AttackedParty,
        ActorKind::InitiatingParty => Role::InitiatingParty,
        ActorKind::Aggressor => Role::Aggressor,
        ActorKind::Accused => Role::Accused,
        ActorKind::DisputeParties => Role::DisputeParties,
        ActorKind::Depositary => Role::Depositary,
        ActorKind::Itself => Role::Itself,
        ActorKind::Nobody | ActorKind::Named(_) => Role::Nobody,
    }
}

fn amount(a: &ast::Amount) -> Amount {
    match a {
        ast::Amount::Number(n) => Amount::Number(*n),
        ast::Amount::Placeholder(p) => Amount::Placeholder(p.clone()),
    }
}

fn duration(d: &ast::Duration) -> Duration {
    Duration {
        amount: amount(&d.amount),
        unit: d.unit,
        span: d.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_written_out_are_bounded_with_one_error() {
        // 4,100 classes each naming a class of 4,100: more than 16 million members in all.
        let mut text = String::new();
        for i in 0..4100 {
            text.push_str(&format!("party p{i} \"P\"\n"));
        }
        text.push_str("class big = all parties\n");
        for i in 0..4100 {
            text.push_str(&format!("class c{i} = big\n"));
        }
        let report = crate::check_source("t.treaty", &text, &[]);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(
            codes,
            [codes::FILE_TOO_LARGE.as_str()],
            "{:#?}",
            report.diagnostics
        );
        let written: usize = report.treaties[0]
            .classes
            .iter()
            .map(|c| c.members.len())
            .sum();
        assert!(written <= MAX_EXPANDED, "{written}");
    }

    #[test]
    fn article_numbers_have_a_bounded_number_of_parts() {
        let deep = vec!["1"; 5000].join(".");
        let text =
            format!("article {deep} says \"x\"\nprinciple p \"P\"\naffirms p article {deep}\n");
        let report = crate::check_source("t.treaty", &text, &[]);
        let messages: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "an article number has at most 16 parts",
                "an article number has at most 16 parts"
            ]
        );
        assert_eq!(report.treaties[0].articles[0].path.len(), 16);
    }

    #[test]
    fn many_duplicate_articles_and_citations_of_an_undeclared_kind() {
        let mut text = String::from("principle p \"P\"\n");
        for i in 0..2000 {
            text.push_str(&format!("article {i} says \"x\"\n"));
        }
        for _ in 0..2000 {
            text.push_str("article 1999 says \"again\"\naffirms p section 1\n");
        }
        let report = crate::check_source("t.treaty", &text, &[]);
        let count = |code: crate::diagnostic::InputError| {
            report.diagnostics.iter().filter(|d| d.code == code).count()
        };
        assert_eq!(count(codes::DUPLICATE_DEFINITION), 2000);
        assert_eq!(count(codes::UNKNOWN_ARTICLE), 2000);
    }

    #[test]
    fn veto_holders_outside_the_body_are_one_finding_per_clause() {
        let text = "party A \"A\"\nparty B \"B\"\nparty C \"C\"\nparty D \"D\"\nparty E \"E\"\nparties A\nclass big = B, C, D, E\nclass one = B\nbody b { members A\n decides x by no objection from big or no objection from one }\n";
        let report = crate::check_source("t.treaty", text, &[]);
        let messages: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "veto holders `B`, `C`, `D` and 1 more are not members of the body",
                "veto holder `B` is not a member of the body"
            ]
        );
    }

    #[test]
    fn unknown_names_by_the_thousand_stay_cheap_and_still_get_hints_first() {
        let n = 3000;
        let mut text = String::new();
        for i in 0..n {
            text.push_str(&format!("party p{i} \"P{i}\"\n"));
        }
        text.push_str("parties all parties\nclass c = p0x");
        for i in 0..n {
            text.push_str(&format!(", q{i}"));
        }
        text.push('\n');
        let report = crate::check_source("t.treaty", &text, &[]);
        let unknown: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == codes::UNKNOWN_NAME)
            .collect();
        assert_eq!(unknown.len(), n + 1);
        let first = unknown
            .first()
            .and_then(|d| d.help.as_deref())
            .unwrap_or("");
        assert!(first.starts_with("did you mean `p0`?"), "{first}");
    }
}

#[cfg(test)]
mod step_tests {
    use crate::check::check_source;
    use crate::model::Step;

    fn errors(text: &str) -> Vec<(&'static str, String)> {
        check_source("t/draft.treaty", text, &[])
            .diagnostics
            .into_iter()
            .filter(|d| d.code.is_input_error())
            .map(|d| (d.code.as_str(), d.message))
            .collect()
    }

    const COUNCIL: &str = "party A \"Alpha\"\nbody council \"Council\" { members A decides settlement by consensus decides budget by unanimity of members }\n";

    #[test]
    fn an_unknown_name_close_to_a_declared_one_carries_an_unsafe_fix() {
        let text = "party AA \"Alpha\"\nparty BB \"Beta\"\nparties AA, BBB\n";
        let report = check_source("t/a.treaty", text, &[]);
        let fix = &report.diagnostics[0].fixes[0];
        assert_eq!(fix.applicability, crate::fix::Applicability::Unsafe);
        let edits: Vec<&crate::fix::Edit> = fix.edits.iter().collect();
        let fixed = crate::fix::apply(text, &edits).0;
        assert!(fixed.ends_with("parties AA, BB\n"), "{fixed}");
        assert!(check_source("t/a.treaty", &fixed, &[])
            .diagnostics
            .is_empty());
    }

    #[test]
    fn a_procedure_leads_to_one_decision_of_a_body() {
        let text = format!("{COUNCIL} procedure dispute {{ leads to council to decide budget }}");
        let treaty = crate::testing::resolved(&text);
        let steps: Vec<Step> = treaty.procedures[0]
            .leads_to
            .iter()
            .map(|(s, _)| *s)
            .collect();
        assert_eq!(steps, [Step::Decision(crate::model::BodyId(0), 1)]);
    }

    #[test]
    fn a_decision_the_body_does_not_take_is_an_error() {
        let text =
            format!("{COUNCIL} procedure dispute {{ leads to council to decide sanctions }}");
        assert_eq!(
            errors(&text),
            [(
                "unknown-name",
                "the Council decides no `sanctions`".to_string()
            )]
        );
        let text = format!("{COUNCIL} procedure first {{ leads to second to decide budget }} procedure second {{ }}");
        assert_eq!(
            errors(&text),
            [(
                "wrong-kind",
                "`second` is a procedure: only a body decides `budget`".to_string()
            )]
        );
    }

    #[test]
    fn a_general_reference_to_a_baseline_cites_an_article_of_the_treaty() {
        let files = [("t/old.treaty", "treaty \"Old\" { }")];
        let ok = "treaty \"New\" { baseline \"old.treaty\" referred to in preamble }\npreamble says \"Guided by the Old Act\"";
        let report = check_source("t/draft.treaty", ok, &files);
        assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
        let cite = report.treaties[0].baselines[0]
            .referred_in
            .as_ref()
            .map(|c| c.text.clone());
        assert_eq!(cite.as_deref(), Some("preamble"));
        let missing = "treaty \"New\" { baseline \"old.treaty\" referred to in preamble }";
        let report = check_source("t/draft.treaty", missing, &files);
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.code == "unknown-article"),
            "{:#?}",
            report.diagnostics
        );
    }
}
