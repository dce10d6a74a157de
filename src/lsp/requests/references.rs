//! `textDocument/references`: every use of the name at the position, in the files of the
//! document's check and in the other open documents' (a party list's parties are used in
//! the treaties that import it).

use super::At;
use crate::lsp::diagnostics::Positions;
use crate::lsp::index::Index;
use crate::lsp::session::Session;
use lsp_types::{Location, ReferenceParams};

pub fn references(session: &Session, params: ReferenceParams) -> Option<Vec<Location>> {
    let at = At::new(session, &params.text_document_position)?;
    let declaration = at.declaration()?;
    let path = at.checked.path(declaration.span.file)?.to_path_buf();
    let (start, end) = (declaration.span.start, declaration.span.end);
    let mut out: Vec<Location> = Vec::new();
    // This document's check first, then the others'; each names files by its own ids, so the
    // declaration is matched by path and place.
    let checks = std::iter::once(at.checked).chain(
        session
            .checks
            .iter()
            .filter(|(p, _)| session.documents.contains_key(*p))
            .map(|(_, c)| c)
            .filter(|c| !std::ptr::eq(*c, at.checked)),
    );
    for checked in checks {
        let Some(own) = checked.index.declarations.iter().find(|d| {
            d.span.start == start
                && d.span.end == end
                && checked.path(d.span.file) == Some(path.as_path())
        }) else {
            continue;
        };
        let mut positions = Positions::new(checked, session.encoding);
        let target = Index::target_of(own);
        let mut spans: Vec<crate::source::Span> =
            checked.index.uses(&target, own).map(|r| r.span).collect();
        if params.context.include_declaration {
            spans.insert(0, own.span);
        }
        for span in spans {
            if let Some(location) = positions.location(span) {
                if !out.contains(&location) {
                    out.push(location);
                }
            }
        }
    }
    Some(out)
}
