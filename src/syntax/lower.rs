//! pest pairs → AST. The grammar guarantees the shape of each pair; where a pair is not the
//! expected one the lowering skips it rather than panicking, so a grammar change shows up as a
//! failing test, never as a crash on user input.

use super::Rule;
use crate::ast::*;
use crate::diagnostic::{codes, Diagnostic};
use crate::source::{FileId, Span};
use pest::iterators::Pair;

type P<'i> = Pair<'i, Rule>;

/// The most parts an article number may have (`1.2.3` has three).
const MAX_ARTICLE_PARTS: usize = 16;

pub(super) struct Lowerer {
    file: FileId,
    /// Where in the file the text being lowered starts: pest's positions are relative to
    /// the text it parsed, which is one clause and what follows it.
    base: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Lowerer {
    pub(super) fn new(file: FileId) -> Self {
        Lowerer {
            file,
            base: 0,
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The pair's span without the whitespace and comments pest's implicit skipping leaves
    /// at its end (after an optional part that did not match).
    fn span(&self, p: &P) -> Span {
        let s = p.as_span();
        let len = meaningful_len(p.as_str());
        Span::new(
            self.file,
            self.base + s.start(),
            self.base + s.start() + len,
        )
    }

    /// Lowers one clause parsed from the part of the file that starts at `base`.
    pub(super) fn item_at(&mut self, p: P, base: usize) -> Option<Item> {
        self.base = base;
        self.item(p)
    }

    /// Lowers the clauses of a whole file parsed at once (the parser's tests compare the
    /// clause-at-a-time reading with it).
    #[cfg(test)]
    pub(super) fn file(&mut self, root: P) -> Vec<Item> {
        root.into_inner().filter_map(|p| self.item(p)).collect()
    }

    fn item(&mut self, p: P) -> Option<Item> {
        Some(match p.as_rule() {
            Rule::treaty_header => Item::Treaty(Box::new(self.treaty_header(p))),
            Rule::import_decl => Item::Import(self.first_text(p)?),
            Rule::source_decl => Item::Source(self.first_text(p)?),
            Rule::party_decl => Item::Party(Box::new(self.party(p)?)),
            Rule::class_decl => Item::Class(Box::new(self.class(p)?)),
            Rule::parties_decl => Item::Parties(Box::new(self.parties(p)?)),
            Rule::signatories_decl => Item::Signatories(Box::new(self.parties(p)?)),
            Rule::accession_decl => {
                let span = self.span(&p);
                let mut open_to = None;
                let mut decided_by = None;
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::string => open_to = Some(self.text(c)),
                        Rule::ident => decided_by = Some(self.ident(&c)),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                Item::Accession(Box::new(AccessionDecl {
                    open_to: open_to?,
                    decided_by,
                    citation,
                    span,
                }))
            }
            Rule::principle_decl => {
                let span = self.span(&p);
                let mut inner = p.into_inner();
                let id = self.ident(&inner.next()?);
                let description = self.text(inner.next()?);
                Item::Principle(Box::new(PrincipleDecl {
                    id,
                    description,
                    span,
                }))
            }
            Rule::article_decl => Item::Article(Box::new(self.article(p))),
            Rule::body_decl => Item::Body(Box::new(self.body(p)?)),
            Rule::reading_decl => Item::Reading(Box::new(self.reading(p)?)),
            Rule::norm_decl => Item::Norm(Box::new(self.norm(p)?)),
            Rule::procedure_decl => Item::Procedure(Box::new(self.procedure(p)?)),
            Rule::affirms_decl => {
                let span = self.span(&p);
                let mut inner = p.into_inner();
                let principle = self.ident(&inner.next()?);
                let citation = inner.next().map(|c| self.citation(c));
                Item::Affirms(Box::new(AffirmsDecl {
                    principle,
                    citation,
                    span,
                }))
            }
            Rule::balances_decl => {
                let span = self.span(&p);
                let mut principles = Vec::new();
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::ident => principles.push(self.ident(&c)),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                Item::Balances(Box::new(BalancesDecl {
                    principles,
                    citation,
                    span,
                }))
            }
            Rule::entry_decl => Item::EntryIntoForce(Box::new(self.entry(p)?)),
            Rule::fact_decl => {
                let span = self.span(&p);
                let mut actors = Vec::new();
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::role => actors.push(self.role_actor(c)),
                        Rule::actor => actors.push(self.actor(c)),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                let mut actors = actors.into_iter();
                Item::Fact(Box::new(FactDecl {
                    role: actors.next()?,
                    determined_by: actors.next()?,
                    citation,
                    span,
                }))
            }
            Rule::term_decl => {
                let span = self.span(&p);
                let mut term = None;
                let mut defined_as = None;
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::string => term = Some(self.text(c)),
                        Rule::term_definition => defined_as = self.first_text(c),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                Item::Term(Box::new(TermDecl {
                    term: term?,
                    defined_as,
                    citation,
                    span,
                }))
            }
            Rule::disputes_decl => {
                let span = self.span(&p);
                let mut routes = Vec::new();
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::ident => routes.push(self.ident(&c)),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                Item::Disputes(Box::new(DisputesDecl {
                    routes,
                    citation,
                    span,
                }))
            }
            Rule::withdrawal_decl => Item::Withdrawal(Box::new(self.withdrawal(p))),
            Rule::amendment_decl => {
                let span = self.span(&p);
                let mut rule = None;
                let mut modifiers = Vec::new();
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::rule_expr => rule = self.rule_expr(c),
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => modifiers.extend(self.modifier(c)),
                    }
                }
                Item::Amendment(Box::new(AmendmentDecl {
                    rule: rule?,
                    modifiers,
                    citation,
                    span,
                }))
            }
            _ => return None,
        })
    }

    // ------------------------------------------------------------------ lexical

    fn ident(&self, p: &P) -> Ident {
        Ident {
            name: p.as_str().to_string(),
            span: self.span(p),
        }
    }

    fn text(&mut self, p: P) -> Text {
        let span = self.span(&p);
        let raw = p.into_inner().next().map_or("", |i| i.as_str());
        let mut value = String::with_capacity(raw.len());
        let mut chars = raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                value.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some(other) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            codes::INVALID_VALUE,
                            span,
                            format!("unknown escape `\\{other}` in a string"),
                        )
                        .with_help("the escapes are \\\" \\\\ \\n and \\t"),
                    );
                    value.push(other);
                }
                None => {}
            }
        }
        Text { value, span }
    }

    fn first_text(&mut self, p: P) -> Option<Text> {
        let s = p.into_inner().find(|c| c.as_rule() == Rule::string)?;
        Some(self.text(s))
    }

    fn int(&mut self, p: &P) -> u64 {
        let digits: String = p.as_str().chars().filter(|c| *c != '_').collect();
        match digits.parse::<u64>() {
            Ok(n) => n,
            Err(_) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        self.span(p),
                        format!("`{}` is too large a number", p.as_str()),
                    )
                    .with_label("too large")
                    .with_help("whole numbers go up to 18446744073709551615"),
                );
                0
            }
        }
    }

    fn amount(&mut self, p: &P) -> Amount {
        match p.as_rule() {
            Rule::placeholder => Amount::Placeholder(p.as_str().to_string()),
            _ => Amount::Number(self.int(p)),
        }
    }

    /// An article number's parts (`6.3` is `["6", "3"]`), at most [`MAX_ARTICLE_PARTS`]:
    /// every part of a citation is looked up on its own, so a number of thousands of parts
    /// would cost their square.
    fn article_path(&mut self, c: &P) -> Vec<String> {
        let mut path: Vec<String> = c
            .as_str()
            .split('.')
            .take(MAX_ARTICLE_PARTS + 1)
            .map(str::to_string)
            .collect();
        if path.len() > MAX_ARTICLE_PARTS {
            path.truncate(MAX_ARTICLE_PARTS);
            self.diagnostics.push(
                Diagnostic::error(
                    codes::INVALID_VALUE,
                    self.span(c),
                    format!("an article number has at most {MAX_ARTICLE_PARTS} parts"),
                )
                .with_label("too many parts")
                .with_help("number the article as the treaty does, e.g. `article 6.3`"),
            );
        }
        path
    }

    fn citation(&mut self, p: P) -> Citation {
        let span = self.span(&p);
        let mut kind = String::from("article");
        let mut path = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::cite_kind => kind = c.as_str().to_string(),
                Rule::article_id => path = self.article_path(&c),
                Rule::preamble_kw => kind = "preamble".to_string(),
                _ => {}
            }
        }
        Citation { kind, path, span }
    }

    // ------------------------------------------------------------------ header and parties

    fn treaty_header(&mut self, p: P) -> TreatyHeader {
        let span = self.span(&p);
        let mut title = Text {
            value: String::new(),
            span,
        };
        let mut header = TreatyHeader {
            title: title.clone(),
            date: None,
            status: None,
            sources: Vec::new(),
            baselines: Vec::new(),
            related: Vec::new(),
            partial: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => title = self.text(c),
                Rule::date_field => {
                    if let Some(d) = c.into_inner().next() {
                        header.date = Some(Text {
                            value: d.as_str().to_string(),
                            span: self.span(&d),
                        });
                    }
                }
                Rule::status_field => {
                    if let Some(s) = c.into_inner().next() {
                        let sspan = self.span(&s);
                        let status = match s.into_inner().next().map(|v| v.as_rule()) {
                            Some(Rule::signed) => Status::Signed,
                            Some(Rule::in_force) => Status::InForce,
                            Some(Rule::terminated) => Status::Terminated,
                            Some(Rule::political) => Status::PoliticalCommitment,
                            _ => Status::Draft,
                        };
                        header.status = Some((status, sspan));
                    }
                }
                Rule::source_field => header.sources.extend(self.first_text(c)),
                Rule::baseline_field => {
                    let mut file = None;
                    let mut referred_in = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => file = Some(self.text(f)),
                            Rule::referred_in => {
                                referred_in = f
                                    .into_inner()
                                    .find(|x| x.as_rule() == Rule::citation)
                                    .map(|x| self.citation(x));
                            }
                            _ => {}
                        }
                    }
                    if let Some(file) = file {
                        header.baselines.push(BaselineRef { file, referred_in });
                    }
                }
                Rule::related_field => header.related.extend(self.first_text(c)),
                Rule::encoding_field => header.partial = self.first_text(c),
                _ => {}
            }
        }
        header.title = title;
        header
    }

    fn party(&mut self, p: P) -> Option<PartyDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let name = self.text(inner.next()?);
        let mut attrs = Vec::new();
        for a in inner {
            let aspan = self.span(&a);
            let mut ai = a.into_inner();
            let (Some(n), Some(v)) = (ai.next(), ai.next()) else {
                continue;
            };
            let value = match v.as_rule() {
                Rule::date => AttrValue::Date(v.as_str().to_string()),
                _ => AttrValue::Number(v.as_str().replace('_', "")),
            };
            attrs.push(Attr {
                name: self.ident(&n),
                value,
                span: aspan,
            });
        }
        Some(PartyDecl {
            id,
            name,
            attrs,
            span,
        })
    }

    /// `parties SET [as of DATE] [citation]`, and `signatories` of the same shape.
    fn parties(&mut self, p: P) -> Option<PartiesDecl> {
        let span = self.span(&p);
        let mut set = None;
        let mut citation = None;
        let mut as_of = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::party_set => set = Some(self.party_set(c)),
                Rule::citation => citation = Some(self.citation(c)),
                Rule::as_of => {
                    as_of = c.into_inner().next().map(|d| Text {
                        value: d.as_str().to_string(),
                        span: self.span(&d),
                    })
                }
                _ => {}
            }
        }
        Some(PartiesDecl {
            set: set?,
            as_of,
            citation,
            span,
        })
    }

    fn class(&mut self, p: P) -> Option<ClassDecl> {
        let span = self.span(&p);
        let mut id = None;
        let mut title = None;
        let mut set = None;
        let mut since = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => id = Some(self.ident(&c)),
                Rule::string => title = Some(self.text(c)),
                Rule::party_set => set = Some(self.party_set(c)),
                Rule::dated_member => {
                    let mut parts = c.into_inner();
                    if let (Some(member), Some(date)) = (parts.next(), parts.next()) {
                        let date = Text {
                            value: date.as_str().to_string(),
                            span: self.span(&date),
                        };
                        since.push((self.ident(&member), date));
                    }
                }
                _ => {}
            }
        }
        Some(ClassDecl {
            id: id?,
            title,
            set: set?,
            since,
            span,
        })
    }

    fn ref_list(&self, p: P) -> Vec<Ident> {
        p.into_inner().map(|i| self.ident(&i)).collect()
    }

    fn party_set(&mut self, p: P) -> PartySet {
        let span = self.span(&p);
        let Some(inner) = p.into_inner().next() else {
            return PartySet::List(Vec::new());
        };
        match inner.as_rule() {
            Rule::all_parties => PartySet::All {
                except: inner
                    .into_inner()
                    .next()
                    .map(|l| self.ref_list(l))
                    .unwrap_or_default(),
                span,
            },
            Rule::joined_filter => {
                let mut of = None;
                let mut when = JoinedWhen::After;
                let mut date = Text {
                    value: String::new(),
                    span,
                };
                for c in inner.into_inner() {
                    match c.as_rule() {
                        Rule::ident => of = Some(self.ident(&c)),
                        Rule::joined_when if c.as_str() == "before" => {
                            when = JoinedWhen::Before;
                        }
                        Rule::date => {
                            date = Text {
                                value: c.as_str().to_string(),
                                span: self.span(&c),
                            }
                        }
                        _ => {}
                    }
                }
                PartySet::Joined {
                    of,
                    when,
                    date,
                    span,
                }
            }
            _ => PartySet::List(self.ref_list(inner)),
        }
    }

    // ------------------------------------------------------------------ articles

    fn article(&mut self, p: P) -> ArticleDecl {
        let span = self.span(&p);
        let mut kind = String::from("article");
        let mut path = Vec::new();
        let mut cite_end = span;
        let mut decl = ArticleDecl {
            citation: Citation {
                kind: kind.clone(),
                path: Vec::new(),
                span,
            },
            title: None,
            text: None,
            from: Vec::new(),
            unverified: None,
            practice: None,
            not_encoded: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::cite_kind => {
                    kind = c.as_str().to_string();
                    cite_end = self.span(&c);
                }
                Rule::preamble_kw => {
                    kind = "preamble".to_string();
                    cite_end = self.span(&c);
                }
                Rule::article_id => {
                    path = self.article_path(&c);
                    cite_end = self.span(&c);
                }
                Rule::title_field => decl.title = self.first_text(c),
                Rule::says_field => decl.text = self.first_text(c),
                Rule::from_field => decl.from.extend(self.first_text(c)),
                Rule::unverified_field => decl.unverified = self.first_text(c),
                Rule::practice_field => decl.practice = self.first_text(c),
                Rule::not_encoded_field => decl.not_encoded = self.first_text(c),
                _ => {}
            }
        }
        decl.citation = Citation {
            kind,
            path,
            span: Span {
                file: span.file,
                start: span.start,
                end: cite_end.end,
            },
        };
        decl
    }

    // ------------------------------------------------------------------ actors

    fn actor(&self, p: P) -> Actor {
        let span = self.span(&p);
        let inner = p.into_inner().next();
        let kind = match inner {
            None => ActorKind::Nobody,
            Some(i) => match i.as_rule() {
                Rule::any_party => {
                    if i.as_str().contains("other") {
                        ActorKind::AnyOtherParty
                    } else {
                        ActorKind::AnyParty
                    }
                }
                Rule::each_party => ActorKind::EachParty,
                Rule::all_parties_actor => ActorKind::AllParties,
                Rule::another_party => ActorKind::AnotherParty,
                Rule::all_other_parties => ActorKind::AllOtherParties,
                Rule::itself => ActorKind::Itself,
                Rule::nobody => ActorKind::Nobody,
                Rule::role => role_kind(i),
                _ => ActorKind::Named(i.as_str().to_string()),
            },
        };
        Actor { kind, span }
    }

    /// A `role` node on its own (`the aggressor`), as an actor.
    fn role_actor(&self, p: P) -> Actor {
        let span = self.span(&p);
        Actor {
            kind: role_kind(p),
            span,
        }
    }

    fn actor_list(&self, p: P) -> Vec<Actor> {
        p.into_inner().map(|a| self.actor(a)).collect()
    }

    fn actor_field(&mut self, p: P) -> Option<ActorField> {
        let span = self.span(&p);
        let mut actor = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => actor = Some(self.actor(c)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(ActorField {
            actor: actor?,
            citation,
            span,
        })
    }

    fn actors_field(&mut self, p: P) -> ActorsField {
        let span = self.span(&p);
        let mut actors = Vec::new();
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor_list => actors = self.actor_list(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        ActorsField {
            actors,
            citation,
            span,
        }
    }

    // ------------------------------------------------------------------ bodies and rules

    fn body(&mut self, p: P) -> Option<BodyDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut body = BodyDecl {
            id,
            title: None,
            citation: None,
            members: None,
            convening: Vec::new(),
            quorum: None,
            decides: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::string => body.title = Some(self.text(c)),
                Rule::citation => body.citation = Some(self.citation(c)),
                Rule::members_field => {
                    let fspan = self.span(&c);
                    let mut set = PartySet::List(Vec::new());
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::party_set => set = self.party_set(f),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(previous) = &body.members {
                        self.duplicate_field("members", fspan, previous.span);
                    }
                    body.members = Some(MembersField {
                        set,
                        citation,
                        span: fspan,
                    });
                }
                Rule::convening_field => body.convening.extend(self.convening(c)),
                Rule::quorum_field => {
                    let fspan = self.span(&c);
                    let mut requirement = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::quorum_req => {
                                for q in f.into_inner() {
                                    match q.as_rule() {
                                        Rule::fraction => {
                                            requirement =
                                                Some(QuorumReq::Fraction(self.fraction(q)))
                                        }
                                        Rule::int => {
                                            requirement =
                                                Some(QuorumReq::Count(self.int(&q), self.span(&q)))
                                        }
                                        _ => {}
                                    }
                                }
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(previous) = &body.quorum {
                        self.duplicate_field("quorum", fspan, previous.span);
                    }
                    if let Some(requirement) = requirement {
                        body.quorum = Some(QuorumField {
                            requirement,
                            citation,
                            span: fspan,
                        });
                    }
                }
                Rule::decides_field => body.decides.extend(self.decides(c)),
                _ => {}
            }
        }
        Some(body)
    }

    fn duplicate_field(&mut self, what: &str, here: Span, first: Span) {
        self.diagnostics.push(
            Diagnostic::error(
                codes::DUPLICATE_DEFINITION,
                here,
                format!("`{what}` is given twice for one body"),
            )
            .with_label("second one here")
            .with_secondary(first, "first one here")
            .with_help(format!(
                "a body has one `{what}` clause; keep the one the text says"
            )),
        );
    }

    fn convening(&mut self, p: P) -> Option<ConveningField> {
        let span = self.span(&p);
        let mut by = None;
        let mut on_request_of = None;
        let mut support = None;
        let mut within = None;
        let mut immediately = false;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => by = Some(self.actor(c)),
                Rule::on_request => on_request_of = c.into_inner().next().map(|a| self.actor(a)),
                Rule::with_support => {
                    support = c.into_inner().next().and_then(|r| self.rule_expr(r))
                }
                Rule::deadline => within = self.deadline(c),
                Rule::immediately => immediately = true,
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(ConveningField {
            by: by?,
            on_request_of,
            support,
            within,
            immediately,
            citation,
            span,
        })
    }

    fn reading(&mut self, p: P) -> Option<ReadingDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let next = inner.next()?;
        let (principle, description) = if next.as_rule() == Rule::ident {
            (Some(self.ident(&next)), self.text(inner.next()?))
        } else {
            (None, self.text(next))
        };
        let mut citation = None;
        let mut rules = Vec::new();
        for c in inner {
            match c.as_rule() {
                Rule::citation => citation = Some(self.citation(c)),
                Rule::reading_rule => {
                    let mut parts = c.into_inner();
                    let Some(body) = parts.next() else { continue };
                    let body = self.ident(&body);
                    if let Some(decides) = parts.next().and_then(|d| self.decides(d)) {
                        rules.push((body, decides));
                    }
                }
                _ => {}
            }
        }
        Some(ReadingDecl {
            id,
            principle,
            description,
            citation,
            rules,
            span,
        })
    }

    fn decides(&mut self, p: P) -> Option<DecidesField> {
        let span = self.span(&p);
        let mut kind = None;
        let mut description = None;
        let mut rule = None;
        let mut modifiers = Vec::new();
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::ident => kind = Some(self.ident(&c)),
                Rule::string => description = Some(self.text(c)),
                Rule::rule_expr => rule = self.rule_expr(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => modifiers.extend(self.modifier(c)),
            }
        }
        Some(DecidesField {
            kind: kind?,
            description,
            rule: rule?,
            modifiers,
            citation,
            span,
        })
    }

    fn modifier(&mut self, p: P) -> Option<RuleModifier> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::excluding => Some(RuleModifier::Excluding(
                p.into_inner().map(|a| self.actor(a)).collect(),
                span,
            )),
            Rule::abstention => match p.into_inner().next().map(|a| a.as_rule()) {
                Some(Rule::abstention_neutral) => Some(RuleModifier::AbstentionNeutral(span)),
                _ => Some(RuleModifier::AbstentionBlocks(span)),
            },
            Rule::binding => Some(RuleModifier::Binding(span)),
            Rule::fallback => {
                let inner = p.into_inner().next()?;
                if inner.as_rule() == Rule::string {
                    let text = self.text(inner);
                    Some(RuleModifier::Fallback(text, span))
                } else {
                    Some(RuleModifier::FallbackRule(self.rule_expr(inner)?, span))
                }
            }
            Rule::unverified_field => {
                let text = self.text(p.into_inner().next()?);
                Some(RuleModifier::Unverified(text, span))
            }
            Rule::carried_out => {
                let actor = self.actor(p.into_inner().next()?);
                Some(RuleModifier::CarriedOutBy(actor, span))
            }
            Rule::burden_shared => {
                let text = self.text(p.into_inner().next()?);
                Some(RuleModifier::BurdenShared(text, span))
            }
            Rule::deadline => Some(RuleModifier::Within(self.deadline(p)?, span)),
            _ => None,
        }
    }

    fn rule_expr(&mut self, p: P) -> Option<RuleExpr> {
        let span = self.span(&p);
        match p.as_rule() {
            Rule::rule_expr | Rule::rule_and => {
                let is_or = p.as_rule() == Rule::rule_expr;
                let mut parts: Vec<RuleExpr> =
                    p.into_inner().filter_map(|c| self.rule_expr(c)).collect();
                if parts.len() == 1 {
                    return parts.pop();
                }
                Some(if is_or {
                    RuleExpr::Any(parts, span)
                } else {
                    RuleExpr::All(parts, span)
                })
            }
            Rule::consensus => Some(RuleExpr::Consensus(span)),
            Rule::no_consent => Some(RuleExpr::NoConsent(span)),
            Rule::unanimity => {
                let base = p
                    .into_inner()
                    .next()
                    .map_or(BaseKind::Members, |b| self.base(b));
                Some(RuleExpr::Unanimity(base, span))
            }
            Rule::majority => {
                let of = p.into_inner().next().map(|c| self.share(c))?;
                Some(RuleExpr::Majority(of, span))
            }
            Rule::veto => {
                let class = p.into_inner().next()?;
                Some(RuleExpr::Veto(self.ident(&class), span))
            }
            Rule::against_limit => {
                let mut fewer = false;
                let mut n = 0;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::fewer_than => fewer = true,
                        Rule::int => n = self.int(&c),
                        _ => {}
                    }
                }
                let max_against = if fewer { n.saturating_sub(1) } else { n };
                Some(RuleExpr::AgainstLimit { max_against, span })
            }
            Rule::threshold => self.threshold(p),
            _ => None,
        }
    }

    fn threshold(&mut self, p: P) -> Option<RuleExpr> {
        let span = self.span(&p);
        let mut comparison = Comparison::AtLeast;
        let mut fraction = None;
        let mut of = None;
        let mut count = None;
        let mut unit = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::comparison
                    if c.clone().into_inner().next().map(|x| x.as_rule())
                        == Some(Rule::more_than) =>
                {
                    comparison = Comparison::MoreThan;
                }
                Rule::fraction => fraction = Some(self.fraction(c)),
                Rule::base | Rule::weight_share => of = Some(self.share(c)),
                Rule::int => count = Some(self.int(&c)),
                Rule::count_unit => unit = Some(c),
                _ => {}
            }
        }
        if let (Some(fraction), Some(of)) = (fraction, of) {
            return Some(RuleExpr::Share {
                comparison,
                fraction,
                of,
                span,
            });
        }
        let count = count?;
        let weighted = unit
            .and_then(|u| u.into_inner().next())
            .filter(|w| w.as_rule() == Rule::weighted_votes);
        Some(match weighted {
            Some(w) => RuleExpr::WeightedVotes {
                comparison,
                quota: count,
                attribute: w.into_inner().next().map(|a| self.ident(&a)),
                span,
            },
            None => RuleExpr::Count {
                comparison,
                count,
                span,
            },
        })
    }

    fn base(&self, p: P) -> BaseKind {
        match p.into_inner().next().map(|b| b.as_rule()) {
            Some(Rule::present_and_voting | Rule::votes_cast) => BaseKind::VotesCast,
            Some(Rule::members_present) => BaseKind::Present,
            _ => BaseKind::Members,
        }
    }

    fn share(&self, p: P) -> Share {
        match p.as_rule() {
            Rule::weight_share => {
                let mut inner = p.into_inner();
                let attribute = inner.next().map(|a| self.ident(&a)).unwrap_or(Ident {
                    name: String::new(),
                    span: Span::default(),
                });
                let base = inner.next().map_or(BaseKind::Members, |b| self.base(b));
                Share::Weight { attribute, base }
            }
            _ => Share::Heads(self.base(p)),
        }
    }

    fn fraction(&mut self, p: P) -> FractionLit {
        let span = self.span(&p);
        let zero = FractionLit {
            numerator: 0,
            denominator: 1,
            span,
        };
        let Some(inner) = p.into_inner().next() else {
            return zero;
        };
        match inner.as_rule() {
            Rule::percent => {
                let text = inner.as_str().trim_end_matches('%').trim().replace('_', "");
                let (whole, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
                let digits = format!("{whole}{frac}");
                let scale = u32::try_from(frac.len()).unwrap_or(u32::MAX);
                match (digits.parse::<u128>(), 10u128.checked_pow(scale)) {
                    (Ok(n), Some(pow)) if frac.len() <= 18 => FractionLit {
                        numerator: n,
                        denominator: 100 * pow,
                        span,
                    },
                    _ => {
                        self.diagnostics.push(Diagnostic::error(
                            codes::INVALID_VALUE,
                            span,
                            format!(
                                "`{}` is not a percentage this checker can hold",
                                inner.as_str()
                            ),
                        ));
                        zero
                    }
                }
            }
            Rule::ratio => {
                let mut parts = inner.into_inner();
                let n = parts.next().map_or(0, |x| self.int(&x));
                let d = parts.next().map_or(1, |x| self.int(&x));
                FractionLit {
                    numerator: u128::from(n),
                    denominator: u128::from(d),
                    span,
                }
            }
            _ => {
                let mut parts = inner.into_inner();
                let n = match parts.next().map(|x| x.as_str()) {
                    Some("a" | "one") => 1,
                    Some("two") => 2,
                    Some("three") => 3,
                    Some("four") => 4,
                    Some("five") => 5,
                    Some("six") => 6,
                    Some("seven") => 7,
                    Some("eight") => 8,
                    _ => 9,
                };
                let d = match parts.next().map(|x| x.as_str()) {
                    Some("half" | "halves") => 2,
                    Some("third" | "thirds") => 3,
                    Some("quarter" | "quarters" | "fourth" | "fourths") => 4,
                    Some("fifth" | "fifths") => 5,
                    Some("sixth" | "sixths") => 6,
                    Some("seventh" | "sevenths") => 7,
                    Some("eighth" | "eighths") => 8,
                    Some("ninth" | "ninths") => 9,
                    _ => 10,
                };
                FractionLit {
                    numerator: n,
                    denominator: d,
                    span,
                }
            }
        }
    }

    // ------------------------------------------------------------------ norms and procedures

    fn deadline(&mut self, p: P) -> Option<Duration> {
        let d = p.into_inner().find(|c| c.as_rule() == Rule::duration)?;
        Some(self.duration(d))
    }

    fn duration(&mut self, p: P) -> Duration {
        let span = self.span(&p);
        let mut amount = Amount::Number(0);
        let mut unit = TimeUnit::Days;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::int | Rule::placeholder => amount = self.amount(&c),
                // The grammar admits only unit words, so a word it names always reads.
                Rule::time_unit => unit = TimeUnit::from_word(c.as_str()).unwrap_or(unit),
                _ => {}
            }
        }
        Duration { amount, unit, span }
    }

    fn condition(&mut self, p: P) -> Option<Condition> {
        let span = self.span(&p);
        let mut text = None;
        let mut judged_by = None;
        let mut reviewed_by = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => text = Some(self.text(c)),
                Rule::judged => judged_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::reviewed => reviewed_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(Condition {
            text: text?,
            judged_by,
            reviewed_by,
            citation,
            span,
        })
    }

    fn standard(&mut self, p: P) -> Option<StandardField> {
        let span = self.span(&p);
        let mut strings = Vec::new();
        let mut judged_by = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => strings.push(self.text(c)),
                Rule::judged => judged_by = c.into_inner().next().map(|a| self.actor(a)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        let mut strings = strings.into_iter();
        Some(StandardField {
            term: strings.next()?,
            defined_as: strings.next(),
            judged_by,
            citation,
            span,
        })
    }

    fn deadline_field(&mut self, p: P) -> Option<DeadlineField> {
        let span = self.span(&p);
        let mut what = None;
        let mut within = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::string => what = Some(self.text(c)),
                Rule::deadline => within = self.deadline(c),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(DeadlineField {
            what,
            within: within?,
            citation,
            span,
        })
    }

    fn norm(&mut self, p: P) -> Option<NormDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut norm = NormDecl {
            id,
            citation: None,
            statements: Vec::new(),
            toward: Vec::new(),
            about: Vec::new(),
            about_others: false,
            conditions: Vec::new(),
            standards: Vec::new(),
            deadlines: Vec::new(),
            breach_judged_by: Vec::new(),
            or_else: Vec::new(),
            thresholds: Vec::new(),
            aggregated: Vec::new(),
            verified_by: Vec::new(),
            guarantee: Vec::new(),
            restates: Vec::new(),
            conflicts: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::citation => norm.citation = Some(self.citation(c)),
                Rule::threshold_field => {
                    let tspan = self.span(&c);
                    let mut amount = None;
                    let mut unit = None;
                    let mut per_activity = false;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::int | Rule::placeholder => amount = Some(self.amount(&f)),
                            Rule::string => unit = Some(self.text(f)),
                            Rule::per_activity => per_activity = true,
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let (Some(amount), Some(unit)) = (amount, unit) {
                        norm.thresholds.push(ThresholdField {
                            amount,
                            unit,
                            per_activity,
                            citation,
                            span: tspan,
                        });
                    }
                }
                Rule::aggregated_field => {
                    if let Some(t) = c.into_inner().next() {
                        norm.aggregated.push(self.text(t));
                    }
                }
                Rule::verified_field => {
                    if let Some(t) = c.into_inner().next() {
                        norm.verified_by.push(self.text(t));
                    }
                }
                Rule::guarantee_field => {
                    let gspan = self.span(&c);
                    let mut level = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::guarantee_level => {
                                level = match f.into_inner().next().map(|l| l.as_rule()) {
                                    Some(Rule::entitlement) => Some(GuaranteeLevel::Entitlement),
                                    Some(Rule::undertaking) => Some(GuaranteeLevel::Undertaking),
                                    Some(Rule::means_left) => Some(GuaranteeLevel::MeansLeft),
                                    Some(Rule::automatic) => Some(GuaranteeLevel::Automatic),
                                    _ => None,
                                }
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(level) = level {
                        norm.guarantee.push(GuaranteeField {
                            level,
                            citation,
                            span: gspan,
                        });
                    }
                }
                Rule::conflicts_field => {
                    let cspan = self.span(&c);
                    let mut cites = Vec::new();
                    let mut instrument = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::citation => cites.push(self.citation(f)),
                            Rule::string => instrument = Some(self.text(f)),
                            _ => {}
                        }
                    }
                    let mut cites = cites.into_iter();
                    if let (Some(article), Some(instrument)) = (cites.next(), instrument) {
                        norm.conflicts.push(ConflictsField {
                            article,
                            instrument,
                            citation: cites.next(),
                            span: cspan,
                        });
                    }
                }
                Rule::restates_field => {
                    let rspan = self.span(&c);
                    let mut what = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => what = Some(self.text(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(what) = what {
                        norm.restates.push(RestatesField {
                            what,
                            citation,
                            span: rspan,
                        });
                    }
                }
                Rule::statement => norm.statements.extend(self.statement(c)),
                Rule::toward_field => norm.toward.push(self.actors_field(c)),
                Rule::about_field => {
                    if c.clone()
                        .into_inner()
                        .any(|x| x.as_rule() == Rule::and_others)
                    {
                        norm.about_others = true;
                    }
                    norm.about.push(self.actors_field(c));
                }
                Rule::when_field => norm.conditions.extend(self.condition(c)),
                Rule::standard_field => norm.standards.extend(self.standard(c)),
                Rule::deadline_field => norm.deadlines.extend(self.deadline_field(c)),
                Rule::breach_field => norm.breach_judged_by.extend(self.actor_field(c)),
                Rule::or_else_field => {
                    let ospan = self.span(&c);
                    let mut consequence = None;
                    let mut decided_by = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::string => consequence = Some(self.text(f)),
                            Rule::actor => decided_by = Some(self.actor(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(consequence) = consequence {
                        norm.or_else.push(OrElse {
                            consequence,
                            decided_by,
                            citation,
                            span: ospan,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(norm)
    }

    fn statement(&mut self, p: P) -> Option<Statement> {
        let span = self.span(&p);
        let mut actor = None;
        let mut deontic = None;
        let mut aim = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::actor => actor = Some(self.actor(c)),
                Rule::deontic => {
                    deontic = Some(match c.into_inner().next().map(|d| d.as_rule()) {
                        Some(Rule::shall_not) => Deontic::ShallNot,
                        Some(Rule::may) => Deontic::May,
                        Some(Rule::will_not) => Deontic::WillNot,
                        Some(Rule::will) => Deontic::Will,
                        _ => Deontic::Shall,
                    })
                }
                Rule::string => aim = Some(self.text(c)),
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(Statement {
            actor: actor?,
            deontic: deontic?,
            aim: aim?,
            citation,
            span,
        })
    }

    fn procedure(&mut self, p: P) -> Option<ProcedureDecl> {
        let span = self.span(&p);
        let mut inner = p.into_inner();
        let id = self.ident(&inner.next()?);
        let mut proc = ProcedureDecl {
            id,
            title: None,
            citation: None,
            initiated_by: Vec::new(),
            conditions: Vec::new(),
            participants: Vec::new(),
            open_to: Vec::new(),
            deadlines: Vec::new(),
            leads_to: Vec::new(),
            standards: Vec::new(),
            span,
        };
        for c in inner {
            match c.as_rule() {
                Rule::string => proc.title = Some(self.text(c)),
                Rule::citation => proc.citation = Some(self.citation(c)),
                Rule::initiated_field => proc.initiated_by.extend(self.actor_field(c)),
                Rule::when_field => proc.conditions.extend(self.condition(c)),
                Rule::participants_field => proc.participants.push(self.actors_field(c)),
                Rule::open_field => proc.open_to.extend(self.actor_field(c)),
                Rule::step_deadline => proc.deadlines.extend(self.deadline_field(c)),
                Rule::standard_field => proc.standards.extend(self.standard(c)),
                Rule::leads_field => {
                    let lspan = self.span(&c);
                    let mut target = None;
                    let mut decision = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::ident => target = Some(self.ident(&f)),
                            Rule::leads_decision => {
                                decision = f
                                    .into_inner()
                                    .find(|x| x.as_rule() == Rule::ident)
                                    .map(|x| self.ident(&x));
                            }
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    if let Some(target) = target {
                        proc.leads_to.push(RefField {
                            target,
                            decision,
                            citation,
                            span: lspan,
                        });
                    }
                }
                _ => {}
            }
        }
        Some(proc)
    }

    // ------------------------------------------------------------------ final clauses

    fn entry(&mut self, p: P) -> Option<EntryDecl> {
        let span = self.span(&p);
        let mut condition = None;
        let mut citation = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::entry_condition => {
                    let mut majority = false;
                    let mut on_signature = false;
                    let mut count = Amount::Number(0);
                    let mut including = Vec::new();
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::majority_of_signatories => majority = true,
                            Rule::on_signature => on_signature = true,
                            Rule::int | Rule::placeholder => count = self.amount(&f),
                            Rule::ref_list => including = self.ref_list(f),
                            _ => {}
                        }
                    }
                    condition = Some(if on_signature {
                        EntryCondition::OnSignature
                    } else if majority {
                        EntryCondition::MajorityOfSignatories { including }
                    } else {
                        EntryCondition::Ratifications { count, including }
                    });
                }
                Rule::citation => citation = Some(self.citation(c)),
                _ => {}
            }
        }
        Some(EntryDecl {
            condition: condition?,
            citation,
            span,
        })
    }

    fn withdrawal(&mut self, p: P) -> WithdrawalDecl {
        let span = self.span(&p);
        let mut w = WithdrawalDecl {
            citation: None,
            by: Vec::new(),
            notice: None,
            conditions: Vec::new(),
            after_in_force: None,
            notice_to: Vec::new(),
            reasons_required: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::citation => w.citation = Some(self.citation(c)),
                Rule::by_field => w.by.extend(self.actor_field(c)),
                Rule::when_field => w.conditions.extend(self.condition(c)),
                Rule::reasons_field => {
                    let mut required = true;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::reasons_not_required => required = false,
                            Rule::citation => citation = Some(self.citation(f)),
                            _ => {}
                        }
                    }
                    w.reasons_required = Some((required, citation));
                }
                Rule::notice_field | Rule::in_force_field => {
                    let is_notice = c.as_rule() == Rule::notice_field;
                    let mut duration = None;
                    let mut citation = None;
                    for f in c.into_inner() {
                        match f.as_rule() {
                            Rule::duration => duration = Some(self.duration(f)),
                            Rule::citation => citation = Some(self.citation(f)),
                            Rule::notice_to => {
                                if let Some(list) = f.into_inner().next() {
                                    w.notice_to = self.actor_list(list);
                                }
                            }
                            _ => {}
                        }
                    }
                    if let Some(d) = duration {
                        if is_notice {
                            w.notice = Some((d, citation));
                        } else {
                            w.after_in_force = Some((d, citation));
                        }
                    }
                }
                _ => {}
            }
        }
        w
    }
}

/// The length of `text` once trailing whitespace and trailing `#` comments are cut off.
fn meaningful_len(text: &str) -> usize {
    let mut end = text.trim_end().len();
    loop {
        let body = text.get(..end).unwrap_or("");
        let line_start = body.rfind('\n').map_or(0, |i| i + 1);
        let line = body.get(line_start..).unwrap_or("");
        let mut in_string = false;
        let mut escaped = false;
        let mut comment_at = None;
        for (i, c) in line.char_indices() {
            match (in_string, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (_, false, '"') => in_string = !in_string,
                (false, _, '#') => {
                    comment_at = Some(i);
                    break;
                }
                _ => {}
            }
        }
        match comment_at {
            Some(i) => end = body.get(..line_start + i).unwrap_or("").trim_end().len(),
            None => return end,
        }
    }
}

/// The role a `role` node names.
fn role_kind(p: P) -> ActorKind {
    match p.into_inner().next().map(|r| r.as_rule()) {
        Some(Rule::requesting_party) => ActorKind::RequestingParty,
        Some(Rule::requested_party) => ActorKind::RequestedParty,
        Some(Rule::attacked_party) => ActorKind::AttackedParty,
        Some(Rule::initiating_party) => ActorKind::InitiatingParty,
        Some(Rule::aggressor) => ActorKind::Aggressor,
        Some(Rule::accused) => ActorKind::Accused,
        Some(Rule::dispute_parties) => ActorKind::DisputeParties,
        _ => ActorKind::Depositary,
    }
}

#[cfg(test)]
mod tests {
    use super::meaningful_len;

    #[test]
    fn spans_end_at_the_last_token() {
        assert_eq!(meaningful_len("at least 7 weighted votes\n  "), 25);
        assert_eq!(meaningful_len("within (X) days   # a blank\n"), 15);
        assert_eq!(meaningful_len("says \"a # b\"  # note"), 12);
        assert_eq!(meaningful_len("x # one\n  # two\n"), 1);
    }
}
