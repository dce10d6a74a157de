//! pest pairs → AST. The grammar guarantees the shape of each pair; where a pair is not the
//! expected one the lowering skips it rather than panicking, so a grammar change shows up as a
//! failing test, never as a crash on user input.

mod actors;
mod bodies;
mod decision_rules;
mod final_clauses;
mod header;
mod norms;
mod parties;

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
                let mut by_all_parties = false;
                let mut citation = None;
                for c in p.into_inner() {
                    match c.as_rule() {
                        Rule::string => open_to = Some(self.text(c)),
                        Rule::ident => decided_by = Some(self.ident(&c)),
                        Rule::accession_by_all => by_all_parties = true,
                        Rule::citation => citation = Some(self.citation(c)),
                        _ => {}
                    }
                }
                Item::Accession(Box::new(AccessionDecl {
                    open_to: open_to?,
                    decided_by,
                    by_all_parties,
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
            Rule::amendment_decl => Item::Amendment(Box::new(self.amendment(p)?)),
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
