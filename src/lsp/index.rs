//! Where every name is declared and used, read from the syntax trees of the files one check
//! read (the open file, its imports and baselines): what go-to-definition, references,
//! hover, document symbols and completion look up. Built once per check.

use crate::ast::{self, ActorKind, Item, PartySet, RuleExpr, RuleModifier};
use crate::source::{FileId, Span};
use std::path::PathBuf;

/// What a declaration declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Party,
    Class,
    Body,
    Decision,
    Procedure,
    Principle,
    Norm,
    Reading,
    Article,
}

impl Kind {
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Class => "class of parties",
            Kind::Body => "body",
            Kind::Decision => "decision",
            Kind::Procedure => "procedure",
            Kind::Principle => "principle",
            Kind::Norm => "norm",
            Kind::Reading => "reading",
            Kind::Article => "article",
        }
    }

    /// Names of these kinds share one namespace (the resolver looks a name up among parties,
    /// classes, bodies, procedures and principles); articles and decisions have their own.
    fn is_name(self) -> bool {
        !matches!(self, Kind::Article | Kind::Decision)
    }
}

/// A declared name.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub kind: Kind,
    /// The name as written; `article 6.3` for an article.
    pub name: String,
    /// For a decision, the body that takes it.
    pub owner: Option<String>,
    /// The name where it is declared.
    pub span: Span,
    /// The whole declaration.
    pub full: Span,
}

/// What a use of a name points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A party, class, body, procedure or principle.
    Name(String),
    /// An article of the same file, as cited (`article 6.3`).
    Article(String),
    /// A decision of a body: (body, kind).
    Decision(String, String),
    /// Another file: an `import` or `baseline` line.
    File(String),
    /// A rule code in a `# treaty: allow(...)` comment.
    Code(String),
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub target: Target,
    pub span: Span,
}

/// The declarations and uses of the files of one check.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub declarations: Vec<Declaration>,
    pub references: Vec<Reference>,
}

impl Index {
    pub fn build<'a>(trees: impl IntoIterator<Item = (FileId, &'a ast::File)>) -> Index {
        let mut index = Index::default();
        for (_, tree) in trees {
            index.file(tree);
        }
        index
            .declarations
            .sort_by_key(|d| (d.span.file, d.span.start));
        index
            .references
            .sort_by_key(|r| (r.span.file, r.span.start));
        index
    }

    /// The declaration or use at a byte offset of a file, innermost first.
    pub fn at(&self, file: FileId, offset: u32) -> Option<Found<'_>> {
        let contains = |s: &Span| s.file == file && s.start <= offset && offset <= s.end;
        if let Some(r) = self
            .references
            .iter()
            .filter(|r| contains(&r.span))
            .min_by_key(|r| r.span.len())
        {
            return Some(Found::Reference(r));
        }
        self.declarations
            .iter()
            .filter(|d| contains(&d.span))
            .min_by_key(|d| d.span.len())
            .map(Found::Declaration)
    }

    /// The declaration a use points at, seen from `file`: for names, one in the file itself
    /// first, then in the files it reaches; articles only in the file itself.
    pub fn declaration(&self, target: &Target, file: FileId) -> Option<&Declaration> {
        let candidates = self.declarations.iter().filter(|d| match target {
            Target::Name(n) => d.kind.is_name() && d.name == *n,
            Target::Article(a) => d.kind == Kind::Article && d.span.file == file && d.name == *a,
            Target::Decision(body, kind) => {
                d.kind == Kind::Decision && d.name == *kind && d.owner.as_deref() == Some(body)
            }
            Target::File(_) | Target::Code(_) => false,
        });
        let mut best: Option<&Declaration> = None;
        for d in candidates {
            if d.span.file == file {
                return Some(d);
            }
            best = best.or(Some(d));
        }
        // `article 6` cited where only `article 6.3` is declared: its first part.
        if best.is_none() {
            if let Target::Article(a) = target {
                let prefix = format!("{a}.");
                return self.declarations.iter().find(|d| {
                    d.kind == Kind::Article && d.span.file == file && d.name.starts_with(&prefix)
                });
            }
        }
        best
    }

    /// What a declaration is referred to as, for finding its uses.
    pub fn target_of(d: &Declaration) -> Target {
        match d.kind {
            Kind::Article => Target::Article(d.name.clone()),
            Kind::Decision => Target::Decision(d.owner.clone().unwrap_or_default(), d.name.clone()),
            _ => Target::Name(d.name.clone()),
        }
    }

    /// The uses of `target` that point at `declaration`.
    pub fn uses<'s>(
        &'s self,
        target: &'s Target,
        declaration: &'s Declaration,
    ) -> impl Iterator<Item = &'s Reference> + 's {
        self.references.iter().filter(move |r| {
            r.target == *target
                && self
                    .declaration(&r.target, r.span.file)
                    .is_some_and(|d| d.span == declaration.span)
        })
    }

    // ------------------------------------------------------------------ the walk

    fn declare(&mut self, kind: Kind, id: &ast::Ident, full: Span) {
        self.declarations.push(Declaration {
            kind,
            name: id.name.clone(),
            owner: None,
            span: id.span,
            full,
        });
    }

    fn name(&mut self, id: &ast::Ident) {
        self.refer(Target::Name(id.name.clone()), id.span);
    }

    fn refer(&mut self, target: Target, span: Span) {
        self.references.push(Reference { target, span });
    }

    fn cite(&mut self, c: &Option<ast::Citation>) {
        if let Some(c) = c {
            self.refer(Target::Article(c.display()), c.span);
        }
    }

    fn actor(&mut self, a: &ast::Actor) {
        if let ActorKind::Named(name) = &a.kind {
            self.refer(Target::Name(name.clone()), a.span);
        }
    }

    fn set(&mut self, set: &PartySet) {
        match set {
            PartySet::All { except, .. } => except.iter().for_each(|i| self.name(i)),
            PartySet::Joined { of, .. } => of.iter().for_each(|i| self.name(i)),
            PartySet::List(ids) => ids.iter().for_each(|i| self.name(i)),
        }
    }

    fn rule(&mut self, rule: &RuleExpr) {
        match rule {
            RuleExpr::Veto(id, _) => self.name(id),
            RuleExpr::Majority(ast::Share::Subset { of, .. }, _)
            | RuleExpr::Share {
                of: ast::Share::Subset { of, .. },
                ..
            } => self.actor(of),
            RuleExpr::All(parts, _) | RuleExpr::Any(parts, _) => {
                parts.iter().for_each(|p| self.rule(p))
            }
            _ => {}
        }
    }

    fn decides(&mut self, body: &ast::Ident, d: &ast::DecidesField, declare: bool) {
        if declare {
            self.declarations.push(Declaration {
                kind: Kind::Decision,
                name: d.kind.name.clone(),
                owner: Some(body.name.clone()),
                span: d.kind.span,
                full: d.span,
            });
        } else {
            self.refer(
                Target::Decision(body.name.clone(), d.kind.name.clone()),
                d.kind.span,
            );
        }
        self.rule(&d.rule);
        self.modifiers(&d.modifiers);
        self.cite(&d.citation);
    }

    fn modifiers(&mut self, mods: &[RuleModifier]) {
        for m in mods {
            match m {
                RuleModifier::Excluding(actors, _) => actors.iter().for_each(|a| self.actor(a)),
                RuleModifier::FallbackBody(body, rule, _) => {
                    self.name(body);
                    self.rule(rule);
                }
                RuleModifier::FallbackRule(rule, _) => self.rule(rule),
                _ => {}
            }
        }
    }

    fn condition(&mut self, c: &ast::Condition) {
        c.judged_by.iter().for_each(|a| self.actor(a));
        c.reviewed_by.iter().for_each(|a| self.actor(a));
        self.cite(&c.citation);
    }

    fn standard(&mut self, s: &ast::StandardField) {
        s.judged_by.iter().for_each(|a| self.actor(a));
        self.cite(&s.citation);
    }

    fn actor_field(&mut self, f: &ast::ActorField) {
        self.actor(&f.actor);
        self.cite(&f.citation);
    }

    fn actors_field(&mut self, f: &ast::ActorsField) {
        f.actors.iter().for_each(|a| self.actor(a));
        self.cite(&f.citation);
    }

    fn file(&mut self, tree: &ast::File) {
        for s in &tree.suppressions {
            for (code, span) in &s.codes {
                self.refer(Target::Code(code.clone()), *span);
            }
        }
        for item in &tree.items {
            self.item(item);
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Treaty(h) => {
                for b in &h.baselines {
                    self.refer(Target::File(b.file.value.clone()), b.file.span);
                    self.cite(&b.referred_in);
                }
            }
            Item::Import(t) => self.refer(Target::File(t.value.clone()), t.span),
            Item::Source(_) => {}
            Item::Party(p) => self.declare(Kind::Party, &p.id, p.span),
            Item::Class(c) => {
                self.declare(Kind::Class, &c.id, c.span);
                self.set(&c.set);
                c.since.iter().for_each(|(id, _)| self.name(id));
            }
            Item::Parties(p) | Item::Signatories(p) => {
                self.set(&p.set);
                self.cite(&p.citation);
            }
            Item::Accession(a) => {
                a.decided_by.iter().for_each(|b| self.name(b));
                self.cite(&a.citation);
            }
            Item::Principle(p) => self.declare(Kind::Principle, &p.id, p.span),
            Item::Article(a) => self.declarations.push(Declaration {
                kind: Kind::Article,
                name: a.citation.display(),
                owner: None,
                span: a.citation.span,
                full: a.span,
            }),
            Item::Body(b) => {
                self.declare(Kind::Body, &b.id, b.span);
                self.cite(&b.citation);
                if let Some(m) = &b.members {
                    self.set(&m.set);
                    self.cite(&m.citation);
                }
                for c in &b.convening {
                    self.actor(&c.by);
                    c.on_request_of.iter().for_each(|a| self.actor(a));
                    c.support.iter().for_each(|r| self.rule(r));
                    self.cite(&c.citation);
                }
                if let Some(q) = &b.quorum {
                    self.cite(&q.citation);
                }
                for d in &b.decides {
                    self.decides(&b.id, d, true);
                }
            }
            Item::Norm(n) => {
                self.declare(Kind::Norm, &n.id, n.span);
                self.cite(&n.citation);
                for s in &n.statements {
                    self.actor(&s.actor);
                    self.cite(&s.citation);
                }
                n.toward.iter().for_each(|f| self.actors_field(f));
                n.about.iter().for_each(|f| self.actors_field(f));
                n.conditions.iter().for_each(|c| self.condition(c));
                n.standards.iter().for_each(|s| self.standard(s));
                n.deadlines.iter().for_each(|d| self.cite(&d.citation));
                n.breach_judged_by.iter().for_each(|f| self.actor_field(f));
                for o in &n.or_else {
                    o.decided_by.iter().for_each(|a| self.actor(a));
                    self.cite(&o.citation);
                }
                n.thresholds.iter().for_each(|t| self.cite(&t.citation));
            }
            Item::Procedure(p) => {
                self.declare(Kind::Procedure, &p.id, p.span);
                self.cite(&p.citation);
                p.initiated_by.iter().for_each(|f| self.actor_field(f));
                p.conditions.iter().for_each(|c| self.condition(c));
                p.participants.iter().for_each(|f| self.actors_field(f));
                p.open_to.iter().for_each(|f| self.actor_field(f));
                p.deadlines.iter().for_each(|d| self.cite(&d.citation));
                for l in &p.leads_to {
                    self.name(&l.target);
                    if let Some(kind) = &l.decision {
                        self.refer(
                            Target::Decision(l.target.name.clone(), kind.name.clone()),
                            kind.span,
                        );
                    }
                    self.cite(&l.citation);
                }
                p.standards.iter().for_each(|s| self.standard(s));
            }
            Item::Affirms(a) => {
                self.name(&a.principle);
                self.cite(&a.citation);
            }
            Item::Balances(b) => {
                b.principles.iter().for_each(|p| self.name(p));
                self.cite(&b.citation);
            }
            Item::EntryIntoForce(e) => {
                match &e.condition {
                    ast::EntryCondition::Ratifications { including, .. }
                    | ast::EntryCondition::MajorityOfSignatories { including } => {
                        including.iter().for_each(|i| self.name(i))
                    }
                    ast::EntryCondition::Ratification(r) => {
                        self.rule(&r.rule);
                        r.including.iter().for_each(|i| self.name(i))
                    }
                    ast::EntryCondition::OnSignature => {}
                }
                self.cite(&e.citation);
            }
            Item::Withdrawal(w) => {
                self.cite(&w.citation);
                w.by.iter().for_each(|f| self.actor_field(f));
                w.conditions.iter().for_each(|c| self.condition(c));
                if let Some((_, c)) = &w.notice {
                    self.cite(c);
                }
                if let Some((_, c)) = &w.after_in_force {
                    self.cite(c);
                }
            }
            Item::Amendment(a) => {
                self.rule(&a.rule);
                a.including.iter().for_each(|i| self.name(i));
                self.modifiers(&a.modifiers);
                self.cite(&a.citation);
            }
            Item::Reading(r) => {
                self.declare(Kind::Reading, &r.id, r.span);
                r.principle.iter().for_each(|p| self.name(p));
                self.cite(&r.citation);
                for (body, d) in &r.rules {
                    self.name(body);
                    self.decides(body, d, false);
                }
            }
            Item::Fact(f) => {
                self.actor(&f.role);
                self.actor(&f.determined_by);
                self.cite(&f.citation);
            }
            Item::Disputes(d) => {
                d.routes.iter().for_each(|r| self.name(r));
                self.cite(&d.citation);
            }
            Item::Term(t) => self.cite(&t.citation),
        }
    }
}

/// What is at a position.
#[derive(Debug, Clone, Copy)]
pub enum Found<'i> {
    Declaration(&'i Declaration),
    Reference(&'i Reference),
}

/// The file an `import` or `baseline` line names, relative to the file that names it.
pub fn linked_file(naming: &std::path::Path, target: &str) -> PathBuf {
    let dir = naming.parent().unwrap_or(std::path::Path::new(""));
    crate::model::normalize_path(&dir.join(target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse, Limits};

    fn index(text: &str) -> Index {
        let (tree, diags) = parse(FileId(0), text, &Limits::default());
        assert!(diags.is_empty(), "{diags:?}");
        Index::build([(FileId(0), &tree)])
    }

    #[test]
    fn uses_point_at_their_declarations() {
        let text = "party A \"Alpha\"\nparty B \"Beta\"\nclass ab = A, B\nparties ab\narticle 6 says \"x\"\nbody council article 6 {\n  members A, B\n  decides d by consensus\n}\nprocedure p { leads to council to decide d }\n";
        let ix = index(text);
        let at = |what: &str, nth: usize| {
            let offset = text.match_indices(what).nth(nth).expect("in text").0 as u32;
            ix.at(FileId(0), offset).expect("something there")
        };
        let Found::Reference(r) = at("A, B", 0) else {
            panic!("a use")
        };
        let d = ix.declaration(&r.target, FileId(0)).expect("declared");
        assert_eq!((d.kind, d.name.as_str()), (Kind::Party, "A"));
        let Found::Reference(r) = at("article 6 {", 0) else {
            panic!("a citation")
        };
        assert_eq!(
            ix.declaration(&r.target, FileId(0)).map(|d| d.kind),
            Some(Kind::Article)
        );
        let Found::Declaration(council) = at("council", 0) else {
            panic!("a declaration")
        };
        let target = Index::target_of(council);
        assert_eq!(ix.uses(&target, council).count(), 1);
        let Found::Reference(r) = at("d }", 0) else {
            panic!("a decision")
        };
        assert_eq!(r.target, Target::Decision("council".into(), "d".into()));
        assert!(ix.declaration(&r.target, FileId(0)).is_some());
    }
}
