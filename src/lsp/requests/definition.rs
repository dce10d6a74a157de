//! `textDocument/definition`: a name to its declaration (across imports), a citation to its
//! article, an `import` or `baseline` line to the file it names.

use super::At;
use crate::lsp::diagnostics::{absolute, Positions};
use crate::lsp::index::{linked_file, Found, Target};
use crate::lsp::session::Session;
use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, Position, Range};

pub fn definition(
    session: &Session,
    params: GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = At::new(session, &params.text_document_position_params)?;
    if let Some(Found::Reference(r)) = at.found() {
        if let Target::File(target) = &r.target {
            let naming = at.checked.path(r.span.file)?;
            let uri = crate::lsp::uri::from_path(&absolute(&linked_file(naming, target)))?;
            let start = Range::new(Position::new(0, 0), Position::new(0, 0));
            return Some(GotoDefinitionResponse::Scalar(Location {
                uri,
                range: start,
            }));
        }
    }
    let declaration = at.declaration()?;
    let mut positions = Positions::new(at.checked, session.encoding);
    positions
        .location(declaration.span)
        .map(GotoDefinitionResponse::Scalar)
}
