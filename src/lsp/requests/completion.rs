//! `textDocument/completion`: the language's keywords and the names the document can use
//! (its own declarations and those of the files it imports). The client filters by what is
//! typed.

use crate::lsp::index::Kind;
use crate::lsp::session::Session;
use lsp_types::{CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse};

/// Words that start or continue clauses (the grammar's `keyword` list and the clause heads
/// it spells out).
const KEYWORDS: &[&str] = &[
    "abstention",
    "affirms",
    "after",
    "aggregated",
    "aggressor",
    "all",
    "amendment",
    "and",
    "another",
    "any",
    "article",
    "as",
    "at least",
    "at most",
    "balances",
    "baseline",
    "before",
    "binding",
    "blocks",
    "body",
    "breach judged by",
    "by",
    "chapter",
    "class",
    "concurring votes of",
    "consensus",
    "convened by",
    "date",
    "deadline",
    "decided by",
    "decides",
    "depositary",
    "does not block",
    "each",
    "encoding partial",
    "entry into force",
    "every",
    "except",
    "excluding",
    "failing that",
    "from",
    "import",
    "in force",
    "including",
    "initiated by",
    "itself",
    "joined",
    "judged by",
    "leads to",
    "majority of",
    "may",
    "members",
    "members present",
    "more than",
    "must",
    "nobody",
    "no consent required",
    "no objection from",
    "norm",
    "not encoded",
    "notice",
    "of",
    "open to",
    "or",
    "or else",
    "paragraph",
    "part",
    "participants",
    "parties",
    "party",
    "per activity",
    "practice",
    "preamble",
    "principle",
    "procedure",
    "quorum",
    "ratifications",
    "reading",
    "referred to in",
    "reviewed by",
    "says",
    "section",
    "shall",
    "shall not",
    "signatories",
    "source",
    "standard",
    "status",
    "the accused",
    "the attacked party",
    "the initiating party",
    "the parties to the dispute",
    "the requested party",
    "the requesting party",
    "threshold",
    "titled",
    "toward",
    "treaty",
    "unanimity",
    "unverified",
    "verified by",
    "votes cast",
    "when",
    "will",
    "will not",
    "with",
    "withdrawal",
    "within",
];

pub fn completion(session: &Session, params: CompletionParams) -> Option<CompletionResponse> {
    let (_, checked) = session.get(&params.text_document_position.text_document.uri)?;
    let mut items: Vec<CompletionItem> = KEYWORDS
        .iter()
        .map(|k| CompletionItem {
            label: (*k).to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            ..Default::default()
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    for d in &checked.index.declarations {
        if matches!(
            d.kind,
            Kind::Article | Kind::Decision | Kind::Norm | Kind::Reading
        ) {
            continue;
        }
        if !seen.insert(d.name.clone()) {
            continue;
        }
        let kind = match d.kind {
            Kind::Party | Kind::Class => CompletionItemKind::VALUE,
            Kind::Body => CompletionItemKind::CLASS,
            Kind::Procedure => CompletionItemKind::FUNCTION,
            _ => CompletionItemKind::CONSTANT,
        };
        items.push(CompletionItem {
            label: d.name.clone(),
            kind: Some(kind),
            detail: Some(format!(
                "{} in {}",
                d.kind.noun(),
                checked.report.sources.name(d.span.file)
            )),
            ..Default::default()
        });
    }
    Some(CompletionResponse::Array(items))
}
