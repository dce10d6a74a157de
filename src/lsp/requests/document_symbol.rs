//! `textDocument/documentSymbol`: the outline of the document: articles, parties and
//! classes, principles, bodies with their decisions, norms, procedures and readings.

use crate::lsp::diagnostics::Positions;
use crate::lsp::index::{Declaration, Kind};
use crate::lsp::session::Session;
use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

pub fn document_symbol(
    session: &Session,
    params: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let (_, checked) = session.get(&params.text_document.uri)?;
    let file = checked.file?;
    let mut positions = Positions::new(checked, session.encoding);
    let own: Vec<&Declaration> = checked
        .index
        .declarations
        .iter()
        .filter(|d| d.span.file == file)
        .collect();
    let mut out = Vec::new();
    for d in own.iter().filter(|d| d.kind != Kind::Decision) {
        let children: Vec<DocumentSymbol> = own
            .iter()
            .filter(|c| {
                c.kind == Kind::Decision
                    && d.kind == Kind::Body
                    && c.owner.as_deref() == Some(d.name.as_str())
                    && c.full.start >= d.full.start
                    && c.full.end <= d.full.end
            })
            .map(|c| symbol(&mut positions, c, None))
            .collect();
        out.push(symbol(&mut positions, d, Some(children)));
    }
    Some(DocumentSymbolResponse::Nested(out))
}

#[allow(deprecated)] // `deprecated` is a field every DocumentSymbol must still spell out.
fn symbol(
    positions: &mut Positions<'_>,
    d: &Declaration,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    let kind = match d.kind {
        Kind::Party => SymbolKind::OBJECT,
        Kind::Class => SymbolKind::ENUM,
        Kind::Body => SymbolKind::CLASS,
        Kind::Decision => SymbolKind::METHOD,
        Kind::Procedure => SymbolKind::FUNCTION,
        Kind::Principle => SymbolKind::CONSTANT,
        Kind::Norm => SymbolKind::INTERFACE,
        Kind::Reading => SymbolKind::EVENT,
        Kind::Article => SymbolKind::STRING,
    };
    DocumentSymbol {
        name: d.name.clone(),
        detail: Some(d.kind.noun().to_string()),
        kind,
        tags: None,
        deprecated: None,
        range: positions.range(d.full),
        selection_range: positions.range(d.span),
        children: children.filter(|c| !c.is_empty()),
    }
}
