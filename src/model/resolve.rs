//! Syntax tree to Model: names to parties, classes and bodies; party sets to member lists;
//! citations checked against the declared articles; thresholds checked against the members
//! they apply to.

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
    // ------------------------------------------------------------------ declarations

    fn declarations(&mut self, ast: &ast::File, own: bool) {
        // Reserved at once: grown by doubling, the list took up to twice its size.
        let parties = ast
            .items
            .iter()
            .filter(|i| matches!(i, Item::Party(_)))
            .count();
        self.treaty.parties.reserve_exact(parties);
        self.parties.reserve(parties);
        for item in &ast.items {
            match item {
                Item::Party(p) => self.party(p),
                Item::Principle(p) => self.principle(p),
                Item::Source(s) if own => self.treaty.sources.push(s.value.clone()),
                _ => {}
            }
        }
        for item in &ast.items {
            if let Item::Class(c) = item {
                self.class(c);
            }
        }
        if !own {
            return;
        }
        for item in &ast.items {
            match item {
                Item::Body(b) => {
                    let id = BodyId(index(self.treaty.bodies.len()));
                    if let Some(prev) = self.bodies.get(&b.id.name) {
                        let prev_span = self.treaty.body(*prev).map_or(Span::default(), |x| x.span);
                        self.duplicate(&b.id, prev_span);
                        continue;
                    }
                    self.bodies.insert(b.id.name.clone(), id);
                    self.treaty.bodies.push(Body {
                        id: b.id.name.clone(),
                        title: b.title.as_ref().map(|t| t.value.clone()),
                        citation: None,
                        members: Vec::new(),
                        convening: Vec::new(),
                        quorum: None,
                        decisions: Vec::new(),
                        span: b.id.span,
                    });
                }
                Item::Procedure(p) => {
                    if let Some(&prev) = self.procedures.get(&p.id.name) {
                        let prev_span = self
                            .treaty
                            .procedures
                            .get(prev as usize)
                            .map_or(Span::default(), |x| x.span);
                        self.duplicate(&p.id, prev_span);
                        continue;
                    }
                    let id = index(self.treaty.procedures.len());
                    self.procedures.insert(p.id.name.clone(), id);
                    self.treaty.procedures.push(Procedure {
                        id: p.id.name.clone(),
                        title: p.title.as_ref().map(|t| t.value.clone()),
                        citation: None,
                        initiated_by: Vec::new(),
                        conditions: Vec::new(),
                        participants: Vec::new(),
                        open_to: Vec::new(),
                        deadlines: Vec::new(),
                        leads_to: Vec::new(),
                        standards: Vec::new(),
                        span: p.id.span,
                    });
                }
                _ => {}
            }
        }
    }

    fn duplicate(&mut self, id: &ast::Ident, first: Span) {
        self.diags.push(
            Diagnostic::error(
                codes::DUPLICATE_DEFINITION,
                id.span,
                format!("`{}` is defined more than once", id.name),
            )
            .with_label("defined again here")
            .with_secondary(first, "first defined here")
            .with_help("rename one of them, or remove the repeat"),
        );
    }

    fn party(&mut self, p: &ast::PartyDecl) {
        let mut numbers = BTreeMap::new();
        let mut dates = BTreeMap::new();
        for attr in &p.attrs {
            match &attr.value {
                ast::AttrValue::Date(d) => {
                    dates.insert(attr.name.name.clone(), d.clone());
                }
                ast::AttrValue::Number(n) => match n.parse::<u128>() {
                    Ok(v) => {
                        numbers.insert(attr.name.name.clone(), v);
                    }
                    Err(_) => self.diags.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            attr.span,
                            format!("`{}` of `{}` is not a whole number", attr.name.name, p.id.name),
                        )
                        .with_label("not a whole number")
                        .with_help("weights and populations are whole numbers; scale every party's value alike if you need fractions"),
                    ),
                },
            }
        }
        if let Some(&prev) = self.parties.get(&p.id.name) {
            // The same state declared by two party lists is one party, if they agree.
            let Some(existing) = self.treaty.parties.get_mut(prev.0 as usize) else {
                return;
            };
            let conflict = existing.name != p.name.value
                || existing.span.file == p.id.span.file
                || numbers
                    .iter()
                    .any(|(k, v)| existing.numbers.get(k).is_some_and(|old| old != v))
                || dates
                    .iter()
                    .any(|(k, v)| existing.dates.get(k).is_some_and(|old| old != v));
            if conflict {
                let first = existing.span;
                self.duplicate(&p.id, first);
            } else {
                existing.numbers.extend(numbers);
                existing.dates.extend(dates);
            }
            return;
        }
        let id = PartyId(index(self.treaty.parties.len()));
        self.parties.insert(p.id.name.clone(), id);
        self.treaty.parties.push(Party {
            id: p.id.name.clone(),
            name: p.name.value.clone(),
            numbers,
            dates,
            span: p.id.span,
        });
    }

    fn principle(&mut self, p: &ast::PrincipleDecl) {
        if let Some(&prev) = self.principles.get(&p.id.name) {
            let first = self
                .treaty
                .principles
                .get(prev)
                .map_or(Span::default(), |x| x.span);
            self.duplicate(&p.id, first);
            return;
        }
        self.principles
            .insert(p.id.name.clone(), self.treaty.principles.len());
        self.treaty.principles.push(Principle {
            id: p.id.name.clone(),
            description: p.description.value.clone(),
            span: p.id.span,
        });
    }

    fn class(&mut self, c: &ast::ClassDecl) {
        if let Some(&prev) = self.classes.get(&c.id.name) {
            let first = self.treaty.class(prev).map_or(Span::default(), |x| x.span);
            self.duplicate(&c.id, first);
            return;
        }
        if let Some(&prev) = self.parties.get(&c.id.name) {
            let first = self.treaty.party(prev).map_or(Span::default(), |x| x.span);
            self.duplicate(&c.id, first);
            return;
        }
        let members = self.party_set(&c.set, None);
        let mut since = BTreeMap::new();
        for (member, date) in &c.since {
            for p in self.parties_named(member) {
                if members.contains(&p) {
                    since.insert(p, date.value.clone());
                } else {
                    self.diags.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            member.span,
                            format!(
                                "`{}` is dated but is not a member of `{}`",
                                member.name, c.id.name
                            ),
                        )
                        .with_label("not in the class")
                        .with_help("date only the class's own members, or add it to the list"),
                    );
                }
            }
        }
        let id = ClassId(index(self.treaty.classes.len()));
        self.classes.insert(c.id.name.clone(), id);
        self.treaty.classes.push(Class {
            id: c.id.name.clone(),
            title: c.title.as_ref().map(|t| t.value.clone()),
            members,
            since,
            span: c.id.span,
        });
    }

    /// A set of parties as members, sorted and without repeats. `universe` is what `all
    /// parties` means here: the treaty's parties for a body, every declared party otherwise.
    fn party_set(&mut self, set: &PartySet, universe: Option<&[PartyId]>) -> Vec<PartyId> {
        // Built only where the set needs it: a list of names never reads every party.
        let all = |r: &Self| -> Vec<PartyId> {
            match universe {
                Some(u) => u.to_vec(),
                None => (0..r.treaty.parties.len())
                    .map(|i| PartyId(index(i)))
                    .collect(),
            }
        };
        let (mut out, span): (Vec<PartyId>, Option<Span>) = match set {
            PartySet::All { except, span } => {
                let mut excluded: Vec<PartyId> =
                    except.iter().flat_map(|e| self.parties_named(e)).collect();
                excluded.sort_unstable();
                let kept = all(self)
                    .into_iter()
                    .filter(|p| excluded.binary_search(p).is_err())
                    .collect();
                (kept, Some(*span))
            }
            PartySet::Joined {
                of,
                when,
                date,
                span,
                ..
            } => {
                let pool = match of {
                    Some(name) => self.parties_named(name),
                    None => all(self),
                };
                let joined = pool
                    .into_iter()
                    .filter(|&p| {
                        let joined = self.treaty.party(p).and_then(|p| p.dates.get("joined"));
                        match (joined, when) {
                            (Some(j), ast::JoinedWhen::After) => j.as_str() > date.value.as_str(),
                            (Some(j), ast::JoinedWhen::Before) => j.as_str() < date.value.as_str(),
                            (None, _) => false,
                        }
                    })
                    .collect();
                (joined, Some(*span))
            }
            PartySet::List(names) => (
                names.iter().flat_map(|n| self.parties_named(n)).collect(),
                names.first().map(|n| n.span),
            ),
        };
        out.sort();
        out.dedup();
        if !self.expand(out.len(), span.unwrap_or_default()) {
            out.clear();
        }
        out
    }

    /// Counts `n` more members written out (of a class, a body, a party list, or a
    /// decision rule's weights); `false`, with one error for the file, once they pass
    /// [`MAX_EXPANDED`]. Each clause may name a large class again, so the Model could
    /// otherwise grow with the product of two parts of the file rather than its size.
    fn expand(&mut self, n: usize, span: Span) -> bool {
        self.expanded = self.expanded.saturating_add(n);
        if self.expanded <= MAX_EXPANDED {
            return true;
        }
        if !self.expansion_reported {
            self.expansion_reported = true;
            self.diags.push(
                Diagnostic::error(
                    codes::FILE_TOO_LARGE,
                    span,
                    format!(
                        "the clauses name more than {MAX_EXPANDED} members in all (classes, bodies, party lists and decision rules, each counting its members)"
                    ),
                )
                .with_label("the limit is passed here")
                .with_help("name large classes in fewer clauses; no real treaty comes near this"),
            );
        }
        false
    }

    /// The parties a name stands for: one party, or the members of a class.
    fn parties_named(&mut self, name: &ast::Ident) -> Vec<PartyId> {
        if let Some(&p) = self.parties.get(&name.name) {
            return vec![p];
        }
        if let Some(&c) = self.classes.get(&name.name) {
            let size = self.treaty.class(c).map_or(0, |c| c.members.len());
            if !self.expand(size, name.span) {
                return Vec::new();
            }
            return self
                .treaty
                .class(c)
                .map(|c| c.members.clone())
                .unwrap_or_default();
        }
        self.unknown(name, "party or class of parties");
        Vec::new()
    }

    fn unknown(&mut self, name: &ast::Ident, what: &str) {
        let mut help = format!(
            "declare it with `party {} \"...\"` or `class {} = ...`, or import the file that does",
            name.name, name.name
        );
        if what.contains("principle") {
            help = format!("declare it with `principle {} \"...\"`, or import the file of principles that does", name.name);
        } else if what.contains("body") {
            help = format!("declare it with `body {} {{ ... }}`", name.name);
        }
        let mut diag = Diagnostic::error(
            codes::UNKNOWN_NAME,
            name.span,
            format!("unknown {what} `{}`", name.name),
        )
        .with_label("not declared");
        if let Some(near) = self.nearest_name(&name.name) {
            help = format!("did you mean `{near}`? Otherwise {help}");
            diag = diag.with_fix(crate::fix::Fix::unsafe_(
                format!("replace with `{near}`"),
                vec![crate::fix::Edit::replace(name.span, near)],
            ));
        }
        diag = diag.with_help(help);
        self.diags.push(diag);
    }

    /// The declared name closest to a misspelt one, if any is close.
    fn nearest_name(&mut self, name: &str) -> Option<String> {
        let names = self
            .parties
            .keys()
            .chain(self.classes.keys())
            .chain(self.bodies.keys())
            .chain(self.procedures.keys())
            .chain(self.principles.keys())
            .map(String::as_str);
        crate::spelling::closest(name, names, &mut self.suggestion_budget).map(str::to_string)
    }

    // ------------------------------------------------------------------ articles

    fn articles(&mut self, ast: &ast::File) {
        // Reserved at once: grown by doubling, the list took up to twice its size.
        let count = ast
            .items
            .iter()
            .filter(|i| matches!(i, Item::Article(_)))
            .count();
        self.treaty.articles.reserve_exact(count);
        for item in &ast.items {
            let Item::Article(a) = item else { continue };
            let key = (a.citation.kind.clone(), a.citation.path.clone());
            if let Some(&first) = self.declared.get(&key) {
                self.diags.push(
                    Diagnostic::error(
                        codes::DUPLICATE_DEFINITION,
                        a.citation.span,
                        format!("`{}` is declared more than once", a.citation.display()),
                    )
                    .with_label("declared again here")
                    .with_secondary(first, "first declared here")
                    .with_help("give each article one declaration; put further text in `says`"),
                );
                continue;
            }
            self.declared.insert(key, a.citation.span);
            let examples = self
                .article_examples
                .entry(a.citation.kind.clone())
                .or_default();
            if examples.len() < 12 {
                examples.push(a.citation.display());
            }
            let mut prefix = Vec::new();
            for part in &a.citation.path {
                prefix.push(part.clone());
                self.declared_prefixes
                    .insert((a.citation.kind.clone(), prefix.clone()));
            }
            // The weakest note decides: an article partly read is as strong as its weakest part.
            let (status, note) = if let Some(n) = &a.not_encoded {
                (ArticleStatus::NotEncoded, Some(n))
            } else if let Some(n) = &a.unverified {
                (ArticleStatus::Paraphrase, Some(n))
            } else if let Some(n) = &a.practice {
                (ArticleStatus::Practice, Some(n))
            } else {
                (ArticleStatus::Quoted, None)
            };
            self.treaty.articles.push(Article {
                kind: a.citation.kind.clone(),
                path: a.citation.path.clone(),
                title: a.title.as_ref().map(|t| t.value.clone()),
                text: a.text.as_ref().map(|t| t.value.clone()),
                from: a.from.iter().map(|t| t.value.clone()).collect(),
                status,
                status_note: note.map(|t| t.value.clone()),
                span: a.citation.span,
            });
        }
    }

    /// Checks a citation against the declared articles. `article 5.3` matches a declared
    /// `article 5` (the paragraph of a declared article) and `article 6` matches a declared
    /// `article 6.3` (an article known through one of its paragraphs).
    fn cite(&mut self, c: &Option<ast::Citation>) -> Option<Cite> {
        let c = c.as_ref()?;
        let key = |path: &[String]| (c.kind.clone(), path.to_vec());
        let found = if c.path.is_empty() {
            self.declared.contains_key(&key(&[]))
        } else {
            // Cited as declared, or as the paragraph of a declared article, or as the
            // article of a declared paragraph.
            self.declared_prefixes.contains(&key(&c.path))
                || (1..c.path.len())
                    .filter_map(|n| c.path.get(..n))
                    .any(|prefix| self.declared.contains_key(&key(prefix)))
        };
        if !found {
            let declared: Vec<String> = self
                .article_examples
                .get(&c.kind)
                .cloned()
                .unwrap_or_default();
            let help = if declared.is_empty() {
                format!(
                    "declare it, e.g. `{} says \"...\"`, so that findings can cite its text",
                    c.display()
                )
            } else {
                format!("declared: {}", declared.join(", "))
            };
            self.diags.push(
                Diagnostic::error(
                    codes::UNKNOWN_ARTICLE,
                    c.span,
                    format!("`{}` is cited but not declared", c.display()),
                )
                .with_label("no such article")
                .with_help(help),
            );
        }
        Some(Cite {
            text: c.display(),
            kind: c.kind.clone(),
            path: c.path.clone(),
            unverified: None,
            span: c.span,
        })
    }

    // ------------------------------------------------------------------ clauses

    fn sort_treaty_parties(&mut self) {
        if std::mem::take(&mut self.parties_unsorted) {
            self.treaty.treaty_parties.sort_unstable();
            self.treaty.treaty_parties.dedup();
        }
    }

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
                Item::Accession(a) => {
                    let body = a.decided_by.as_ref().and_then(|b| self.body_named(b));
                    let cite = self.cite(&a.citation);
                    self.treaty
                        .accession
                        .push((a.open_to.value.clone(), body, cite));
                }
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
                self.body(b);
            }
        }
        for item in &ast.items {
            if let Item::Reading(r) = item {
                self.reading(r);
            }
        }
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
                Item::EntryIntoForce(e) => {
                    let condition = match &e.condition {
                        ast::EntryCondition::Ratifications { count, including } => {
                            EntryCondition::Ratifications {
                                count: amount(count),
                                including: including
                                    .iter()
                                    .flat_map(|n| self.parties_named(n))
                                    .collect(),
                            }
                        }
                        ast::EntryCondition::MajorityOfSignatories { including } => {
                            EntryCondition::MajorityOfSignatories {
                                including: including
                                    .iter()
                                    .flat_map(|n| self.parties_named(n))
                                    .collect(),
                            }
                        }
                        ast::EntryCondition::OnSignature => EntryCondition::OnSignature,
                    };
                    let citation = self.cite(&e.citation);
                    self.treaty.entry_into_force.push(EntryIntoForce {
                        condition,
                        citation,
                        span: e.span,
                    });
                }
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
                Item::Amendment(a) => {
                    self.sort_treaty_parties();
                    let members = self.treaty.treaty_parties.clone();
                    let rule = self.rule(&a.rule, &members);
                    let Modifiers {
                        excluded,
                        abstention,
                        ..
                    } = self.modifiers(&a.modifiers);
                    let citation = self.cite(&a.citation);
                    self.treaty.amendments.push(Amendment {
                        rule,
                        excluded,
                        abstention,
                        citation,
                        span: a.span,
                    });
                }
                _ => {}
            }
        }
    }

    fn header(&mut self, h: &ast::TreatyHeader) {
        if self.treaty.header.is_some() {
            self.diags.push(
                Diagnostic::error(
                    codes::DUPLICATE_DEFINITION,
                    h.title.span,
                    "a file has at most one `treaty` header",
                )
                .with_help("put each instrument in a file of its own"),
            );
            return;
        }
        self.treaty.header = Some(Header {
            title: h.title.value.clone(),
            date: h.date.as_ref().map(|d| d.value.clone()),
            status: h.status.map(|(s, _)| s),
            sources: h.sources.iter().map(|s| s.value.clone()).collect(),
            partial: h.partial.as_ref().map(|p| p.value.clone()),
            baseline_references: h
                .baselines
                .iter()
                .map(|b| self.cite(&b.referred_in))
                .collect(),
            span: h.title.span,
        });
    }

    fn principle_named(&mut self, name: &ast::Ident) {
        if !self.principles.contains_key(&name.name) {
            self.unknown(name, "principle");
        }
    }

    /// The index of the rule by which `body` decides `kind`, or an error naming what it
    /// does decide.
    fn decision_named(&mut self, body: BodyId, kind: &ast::Ident) -> Option<u32> {
        let b = self.treaty.body(body)?;
        if let Some(i) = b.decisions.iter().position(|d| d.kind == kind.name) {
            return Some(index(i));
        }
        let kinds: Vec<String> = b
            .decisions
            .iter()
            .map(|d| format!("`{}`", d.kind))
            .collect();
        let help = if kinds.is_empty() {
            format!(
                "give the {} a `decides {} by ...` line",
                b.display_name(),
                kind.name
            )
        } else {
            format!("it decides {}", crate::wording::and_list(&kinds))
        };
        let message = format!("the {} decides no `{}`", b.display_name(), kind.name);
        self.diags.push(
            Diagnostic::error(codes::UNKNOWN_NAME, kind.span, message)
                .with_label("not a decision of that body")
                .with_help(help),
        );
        None
    }

    fn body_named(&mut self, name: &ast::Ident) -> Option<BodyId> {
        let found = self.bodies.get(&name.name).copied();
        if found.is_none() {
            self.unknown(name, "body");
        }
        found
    }

    fn actor(&mut self, a: &ast::Actor) -> Option<Actor> {
        let actor = match &a.kind {
            ActorKind::Named(name) => {
                if let Some(&p) = self.parties.get(name) {
                    ActorRef::Party(p)
                } else if let Some(&c) = self.classes.get(name) {
                    ActorRef::Class(c)
                } else if let Some(&b) = self.bodies.get(name) {
                    ActorRef::Body(b)
                } else {
                    let ident = ast::Ident {
                        name: name.clone(),
                        span: a.span,
                    };
                    self.unknown(&ident, "party, class or body");
                    return None;
                }
            }
            other => ActorRef::Role(role(other)),
        };
        Some(Actor {
            actor,
            span: a.span,
        })
    }

    fn actor_field(&mut self, f: &ast::ActorField) -> Option<CitedActor> {
        let citation = self.cite(&f.citation);
        Some(CitedActor {
            actor: self.actor(&f.actor)?,
            citation,
        })
    }

    fn actors_field(&mut self, f: &ast::ActorsField) -> Vec<Actor> {
        self.cite(&f.citation);
        f.actors.iter().filter_map(|a| self.actor(a)).collect()
    }

    fn condition(&mut self, c: &ast::Condition) -> Condition {
        Condition {
            text: c.text.value.clone(),
            judged_by: c.judged_by.as_ref().and_then(|a| self.actor(a)),
            reviewed_by: c.reviewed_by.as_ref().and_then(|a| self.actor(a)),
            citation: self.cite(&c.citation),
            span: c.span,
        }
    }

    fn standard(&mut self, s: &ast::StandardField) -> Standard {
        Standard {
            term: s.term.value.clone(),
            defined_as: s.defined_as.as_ref().map(|t| t.value.clone()),
            judged_by: s.judged_by.as_ref().and_then(|a| self.actor(a)),
            citation: self.cite(&s.citation),
            span: s.span,
        }
    }

    fn deadline(&mut self, d: &ast::DeadlineField) -> Deadline {
        Deadline {
            what: d.what.as_ref().map(|t| t.value.clone()),
            within: duration(&d.within),
            citation: self.cite(&d.citation),
            span: d.span,
        }
    }

    fn norm(&mut self, n: &ast::NormDecl) -> Norm {
        Norm {
            id: n.id.name.clone(),
            citation: self.cite(&n.citation),
            statements: n
                .statements
                .iter()
                .filter_map(|s| {
                    let citation = self.cite(&s.citation);
                    Some(Statement {
                        actor: self.actor(&s.actor)?,
                        deontic: s.deontic,
                        aim: s.aim.value.clone(),
                        citation,
                        span: s.span,
                    })
                })
                .collect(),
            toward: n.toward.iter().flat_map(|f| self.actors_field(f)).collect(),
            about: n.about.iter().flat_map(|f| self.actors_field(f)).collect(),
            about_others: n.about_others,
            conditions: n.conditions.iter().map(|c| self.condition(c)).collect(),
            standards: n.standards.iter().map(|s| self.standard(s)).collect(),
            deadlines: n.deadlines.iter().map(|d| self.deadline(d)).collect(),
            breach_judged_by: n
                .breach_judged_by
                .iter()
                .filter_map(|f| self.actor_field(f))
                .collect(),
            or_else: n
                .or_else
                .iter()
                .map(|o| OrElse {
                    consequence: o.consequence.value.clone(),
                    decided_by: o.decided_by.as_ref().and_then(|a| self.actor(a)),
                    citation: self.cite(&o.citation),
                    span: o.span,
                })
                .collect(),
            thresholds: n
                .thresholds
                .iter()
                .map(|t| Limit {
                    amount: amount(&t.amount),
                    unit: t.unit.value.clone(),
                    per_activity: t.per_activity,
                    citation: self.cite(&t.citation),
                    span: t.span,
                })
                .collect(),
            aggregated: n.aggregated.iter().map(|t| t.value.clone()).collect(),
            verified_by: n.verified_by.iter().map(|t| t.value.clone()).collect(),
            guarantee: n.guarantee.first().map(|g| Guarantee {
                level: g.level,
                citation: self.cite(&g.citation),
                span: g.span,
            }),
            restates: n
                .restates
                .iter()
                .map(|r| Restated {
                    what: r.what.value.clone(),
                    citation: self.cite(&r.citation),
                    span: r.span,
                })
                .collect(),
            conflicts: n
                .conflicts
                .iter()
                .map(|c| Conflict {
                    instrument: c.instrument.value.clone(),
                    article: Cite {
                        text: c.article.display(),
                        kind: c.article.kind.clone(),
                        path: c.article.path.clone(),
                        unverified: None,
                        span: c.article.span,
                    },
                    citation: self.cite(&c.citation),
                    span: c.span,
                })
                .collect(),
            span: n.id.span,
        }
    }

    fn procedure(&mut self, p: &ast::ProcedureDecl) {
        let Some(&id) = self.procedures.get(&p.id.name) else {
            return;
        };
        // A repeated procedure was reported as a duplicate; only the first is resolved.
        if self
            .treaty
            .procedures
            .get(id as usize)
            .is_none_or(|existing| existing.span != p.id.span)
        {
            return;
        }
        let citation = self.cite(&p.citation);
        let initiated_by = p
            .initiated_by
            .iter()
            .filter_map(|f| self.actor_field(f))
            .collect();
        let conditions = p.conditions.iter().map(|c| self.condition(c)).collect();
        let participants = p
            .participants
            .iter()
            .flat_map(|f| self.actors_field(f))
            .collect();
        let open_to = p
            .open_to
            .iter()
            .filter_map(|f| self.actor_field(f))
            .collect();
        let deadlines = p.deadlines.iter().map(|d| self.deadline(d)).collect();
        let standards = p.standards.iter().map(|s| self.standard(s)).collect();
        let mut leads_to = Vec::new();
        for r in &p.leads_to {
            let cite = self.cite(&r.citation);
            if let Some(&b) = self.bodies.get(&r.target.name) {
                match &r.decision {
                    None => leads_to.push((Step::Body(b), cite)),
                    Some(kind) => {
                        if let Some(d) = self.decision_named(b, kind) {
                            leads_to.push((Step::Decision(b, d), cite));
                        }
                    }
                }
            } else if let Some(&q) = self.procedures.get(&r.target.name) {
                if let Some(kind) = &r.decision {
                    self.diags.push(
                        Diagnostic::error(
                            codes::WRONG_KIND,
                            kind.span,
                            format!(
                                "`{}` is a procedure: only a body decides `{}`",
                                r.target.name, kind.name
                            ),
                        )
                        .with_label("a procedure takes no decisions")
                        .with_help(format!(
                            "write `leads to {}` alone, or name the body that decides",
                            r.target.name
                        )),
                    );
                }
                leads_to.push((Step::Procedure(q), cite));
            } else {
                self.unknown(&r.target, "body or procedure");
            }
        }
        if let Some(slot) = self.treaty.procedures.get_mut(id as usize) {
            slot.citation = citation;
            slot.initiated_by = initiated_by;
            slot.conditions = conditions;
            slot.participants = participants;
            slot.open_to = open_to;
            slot.deadlines = deadlines;
            slot.leads_to = leads_to;
            slot.standards = standards;
        }
    }

    // ------------------------------------------------------------------ bodies and rules

    fn body(&mut self, b: &ast::BodyDecl) {
        let Some(&id) = self.bodies.get(&b.id.name) else {
            return;
        };
        if self
            .treaty
            .body(id)
            .is_none_or(|existing| existing.span != b.id.span)
        {
            return;
        }
        let universe = if self.treaty.treaty_parties.is_empty() {
            None
        } else {
            Some(self.treaty.treaty_parties.clone())
        };
        let members = match &b.members {
            Some(m) => {
                self.cite(&m.citation);
                self.party_set(&m.set, universe.as_deref())
            }
            None => universe.unwrap_or_default(),
        };
        if members.is_empty() && !b.decides.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    b.id.span,
                    format!("body `{}` has no members", b.id.name),
                )
                .with_label("no members")
                .with_help("add `members all parties` and a `parties ...` line naming the treaty's parties, or list the members"),
            );
        }
        let citation = self.cite(&b.citation);
        let mut convening = Vec::new();
        for c in &b.convening {
            let Some(by) = self.actor(&c.by) else {
                continue;
            };
            convening.push(Convening {
                by,
                on_request_of: c.on_request_of.as_ref().and_then(|a| self.actor(a)),
                support: c
                    .support
                    .as_ref()
                    .map(|r| (self.rule(r, &members), r.span())),
                within: c.within.as_ref().map(duration),
                immediately: c.immediately,
                citation: self.cite(&c.citation),
                span: c.span,
            });
        }
        let quorum = b.quorum.as_ref().and_then(|q| {
            let rule = match &q.requirement {
                ast::QuorumReq::Fraction(f) => {
                    QuorumThreshold::Share(self.ratio(f, Comparison::AtLeast)?)
                }
                ast::QuorumReq::Count(n, span) => {
                    self.count_possible(*n, members.len(), *span, "members must attend");
                    QuorumThreshold::Count(*n)
                }
            };
            Some(Quorum {
                rule,
                citation: self.cite(&q.citation),
                span: q.span,
            })
        });
        let decisions = b
            .decides
            .iter()
            .map(|d| self.decision_rule(d, &members))
            .collect();
        if let Some(slot) = self.treaty.bodies.get_mut(id.0 as usize) {
            slot.citation = citation;
            slot.members = members;
            slot.convening = convening;
            slot.quorum = quorum;
            slot.decisions = decisions;
        }
    }

    fn decision_rule(&mut self, d: &ast::DecidesField, members: &[PartyId]) -> DecisionRule {
        let rule = self.rule(&d.rule, members);
        let Modifiers {
            excluded,
            abstention,
            binding,
            fallback,
            unverified,
            execution,
        } = self.modifiers(&d.modifiers);
        let citation = self.cite(&d.citation).map(|c| Cite { unverified, ..c });
        let fallback_rule = d.modifiers.iter().find_map(|m| match m {
            ast::RuleModifier::FallbackRule(r, _) => Some(self.rule(r, members)),
            _ => None,
        });
        let fallback = fallback.or_else(|| fallback_rule.as_ref().map(|r| format!("by {r}")));
        DecisionRule {
            fallback_rule,
            kind: d.kind.name.clone(),
            description: d.description.as_ref().map(|t| t.value.clone()),
            rule,
            rule_span: d.rule.span(),
            excluded,
            abstention,
            binding,
            fallback,
            execution,
            citation,
            span: d.span,
        }
    }

    /// A reading's decision rules, attached to the bodies they name.
    fn reading(&mut self, r: &ast::ReadingDecl) {
        if let Some(p) = &r.principle {
            self.principle_named(p);
        }
        let citation = self.cite(&r.citation);
        let mut decisions = Vec::new();
        for (body, d) in &r.rules {
            let Some(id) = self.body_named(body) else {
                continue;
            };
            let members = self
                .treaty
                .body(id)
                .map(|b| b.members.clone())
                .unwrap_or_default();
            decisions.push((id, self.decision_rule(d, &members)));
        }
        self.treaty.readings.push(Reading {
            id: r.id.name.clone(),
            principle: r.principle.as_ref().map(|p| p.name.clone()),
            description: r.description.value.clone(),
            citation,
            decisions,
            span: r.id.span,
        });
    }

    fn modifiers(&mut self, mods: &[ast::RuleModifier]) -> Modifiers {
        let mut excluded = Vec::new();
        let mut abstention = Abstention::RuleDefault;
        let mut binding = false;
        let mut fallback = None;
        let mut unverified = None;
        let mut execution = Execution::default();
        for m in mods {
            match m {
                ast::RuleModifier::Excluding(actors, _) => {
                    for a in actors {
                        match &a.kind {
                            ActorKind::Named(name) => self.diags.push(
                                Diagnostic::error(
                                    codes::WRONG_KIND,
                                    a.span,
                                    format!("`{name}` cannot be excluded by name"),
                                )
                                .with_label("a name, not a role")
                                .with_help("exclude a role such as `the aggressor` or `the parties to the dispute`; to leave a party out of a body, use `members all parties except ...`"),
                            ),
                            other => excluded.push(role(other)),
                        }
                    }
                }
                ast::RuleModifier::AbstentionBlocks(_) => abstention = Abstention::Blocks,
                ast::RuleModifier::AbstentionNeutral(_) => abstention = Abstention::DoesNotBlock,
                ast::RuleModifier::Binding(_) => binding = true,
                ast::RuleModifier::Fallback(text, _) => fallback = Some(text.value.clone()),
                // Resolved with the body's members, in `decision_rule`.
                ast::RuleModifier::FallbackRule(..) => {}
                ast::RuleModifier::Unverified(text, _) => unverified = Some(text.value.clone()),
                ast::RuleModifier::CarriedOutBy(actor, _) => {
                    execution.carried_out_by = self.actor(actor);
                }
                ast::RuleModifier::BurdenShared(text, _) => {
                    execution.burden_shared = Some(text.value.clone());
                }
                ast::RuleModifier::Within(d, _) => execution.within = Some(duration(d)),
            }
        }
        excluded.sort();
        excluded.dedup();
        Modifiers {
            excluded,
            abstention,
            binding,
            fallback,
            unverified,
            execution,
        }
    }

    /// A fraction between zero and one, reduced; `None` (with a diagnostic) otherwise.
    fn ratio(&mut self, f: &ast::FractionLit, comparison: Comparison) -> Option<Ratio> {
        let Some(ratio) = Ratio::new(f.numerator, f.denominator) else {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_THRESHOLD,
                    f.span,
                    "a fraction with a zero denominator",
                )
                .with_label("divides by zero")
                .with_help("write the share as `2/3`, `55%` or `two thirds`"),
            );
            return None;
        };
        if ratio.numerator > ratio.denominator {
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_THRESHOLD,
                    f.span,
                    format!("threshold {ratio} is above one: no vote can ever reach it"),
                )
                .with_label("more than the whole")
                .with_help("a share of members or votes lies between 0 and 1, e.g. `2/3` or `55%`"),
            );
            return None;
        }
        if ratio.numerator == ratio.denominator && comparison == Comparison::MoreThan {
            self.diags.push(
                Diagnostic::error(
                    codes::IMPOSSIBLE_THRESHOLD,
                    f.span,
                    "more than the whole can never be reached",
                )
                .with_label("impossible")
                .with_help("write `unanimity`, or `at least` instead of `more than`"),
            );
            return None;
        }
        Some(ratio)
    }

    fn count_possible(&mut self, needed: u64, members: usize, span: Span, what: &str) {
        if members > 0 && needed > members as u64 {
            self.diags.push(
                Diagnostic::error(
                    codes::IMPOSSIBLE_THRESHOLD,
                    span,
                    format!("{needed} {what}, but the body has only {members}"),
                )
                .with_label("more than there are")
                .with_help(format!(
                    "lower the number to at most {members}, or add the missing members"
                )),
            );
        }
    }

    fn weights(&mut self, attribute: &ast::Ident, members: &[PartyId]) -> Vec<u128> {
        if !self.expand(members.len(), attribute.span) {
            return Vec::new();
        }
        let mut missing = Vec::new();
        let weights = members
            .iter()
            .map(|&p| {
                let party = self.treaty.party(p);
                match party.and_then(|x| x.numbers.get(&attribute.name)) {
                    Some(&w) => w,
                    None => {
                        missing.push(party.map_or(String::new(), |x| x.id.clone()));
                        0
                    }
                }
            })
            .collect();
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
            let more = if missing.len() > 5 {
                format!(" and {} more", missing.len() - 5)
            } else {
                String::new()
            };
            self.diags.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    attribute.span,
                    format!(
                        "{} member(s) have no `{}`: {}{more}",
                        missing.len(),
                        attribute.name,
                        shown.join(", ")
                    ),
                )
                .with_label("missing for some members")
                .with_help(format!(
                    "give every member `with {} N` in its `party` line",
                    attribute.name
                )),
            );
        }
        weights
    }

    fn measure(&mut self, share: &ast::Share, members: &[PartyId]) -> (Measure, Base) {
        match share {
            ast::Share::Heads(base) => (Measure::Heads, *base),
            ast::Share::Weight { attribute, base } => (
                Measure::Weight {
                    attribute: attribute.name.clone(),
                    weights: self.weights(attribute, members),
                },
                *base,
            ),
        }
    }

    fn rule(&mut self, expr: &ast::RuleExpr, members: &[PartyId]) -> VotingRule {
        match expr {
            ast::RuleExpr::Consensus(_) => VotingRule::Consensus,
            ast::RuleExpr::Unanimity(base, _) => VotingRule::Unanimity(*base),
            ast::RuleExpr::Majority(share, _) => {
                let (measure, base) = self.measure(share, members);
                VotingRule::Share {
                    comparison: Comparison::MoreThan,
                    ratio: Ratio::HALF,
                    measure,
                    base,
                }
            }
            ast::RuleExpr::Share {
                comparison,
                fraction,
                of,
                ..
            } => {
                let (measure, base) = self.measure(of, members);
                match self.ratio(fraction, *comparison) {
                    Some(ratio) => VotingRule::Share {
                        comparison: *comparison,
                        ratio,
                        measure,
                        base,
                    },
                    // Reported; stand in with unanimity so later stages still see a rule.
                    None => VotingRule::Unanimity(Base::Members),
                }
            }
            ast::RuleExpr::Count {
                comparison,
                count,
                span,
            } => {
                let needed = match comparison {
                    Comparison::AtLeast => *count,
                    Comparison::MoreThan => count.saturating_add(1),
                };
                self.count_possible(needed, members.len(), *span, "votes in favour needed");
                VotingRule::Count {
                    comparison: *comparison,
                    count: *count,
                }
            }
            ast::RuleExpr::WeightedVotes {
                comparison,
                quota,
                attribute,
                span,
            } => {
                let attribute = attribute.clone().unwrap_or(ast::Ident {
                    name: "weight".into(),
                    span: *span,
                });
                let weights = self.weights(&attribute, members);
                let total: u128 = weights.iter().fold(0u128, |a, &w| a.saturating_add(w));
                let reachable = match comparison {
                    Comparison::AtLeast => u128::from(*quota) <= total,
                    Comparison::MoreThan => u128::from(*quota) < total,
                };
                if !reachable && !members.is_empty() {
                    self.diags.push(
                        Diagnostic::error(
                            codes::IMPOSSIBLE_THRESHOLD,
                            *span,
                            format!(
                                "a quota of {quota} `{}` but the members hold {total} in all",
                                attribute.name
                            ),
                        )
                        .with_label("unreachable quota")
                        .with_help("check the quota and the members' weights"),
                    );
                }
                VotingRule::Weighted {
                    comparison: *comparison,
                    quota: u128::from(*quota),
                    attribute: attribute.name,
                    weights,
                }
            }
            ast::RuleExpr::Veto(name, _) => {
                let mut holders = self.parties_named(name);
                holders.sort_unstable();
                holders.dedup();
                // Members are sorted (see `party_set`).
                let outside: Vec<PartyId> = holders
                    .iter()
                    .copied()
                    .filter(|h| !members.is_empty() && members.binary_search(h).is_err())
                    .collect();
                if !outside.is_empty() {
                    // One finding for the clause, however large the class.
                    const NAMED: usize = 3;
                    let mut names: Vec<String> = outside
                        .iter()
                        .take(NAMED)
                        .map(|&h| {
                            let id = self.treaty.party(h).map_or("", |p| p.id.as_str());
                            format!("`{id}`")
                        })
                        .collect();
                    if outside.len() > NAMED {
                        names.push(format!("{} more", outside.len() - NAMED));
                    }
                    let message = if outside.len() == 1 {
                        format!("veto holder {} is not a member of the body", names.concat())
                    } else {
                        format!(
                            "veto holders {} are not members of the body",
                            crate::wording::and_list(&names)
                        )
                    };
                    self.diags.push(
                        Diagnostic::error(codes::INVALID_VALUE, name.span, message)
                            .with_label("not a member")
                            .with_help("a veto belongs to members; add it to `members` or name another class"),
                    );
                }
                VotingRule::Veto {
                    holders,
                    name: name.name.clone(),
                }
            }
            ast::RuleExpr::AgainstLimit { max_against, .. } => VotingRule::AgainstLimit {
                max_against: *max_against,
            },
            // An empty conjunction: met whatever anyone votes.
            ast::RuleExpr::NoConsent(_) => VotingRule::All(Vec::new()),
            ast::RuleExpr::All(parts, _) => {
                VotingRule::All(parts.iter().map(|p| self.rule(p, members)).collect())
            }
            ast::RuleExpr::Any(parts, _) => {
                VotingRule::Any(parts.iter().map(|p| self.rule(p, members)).collect())
            }
        }
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
