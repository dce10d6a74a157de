//! Requests from the client: one file per method, each a function from the session and the
//! request's params to its result.

mod code_action;
mod completion;
mod definition;
mod document_symbol;
mod formatting;
mod hover;
mod references;

use super::index::{Declaration, Found};
use super::main_loop::{params, respond};
use super::position::LineIndex;
use super::session::{Checked, Session};
use crate::source::FileId;
use lsp_server::{ErrorCode, Request, Response};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    References, Request as _,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub fn dispatch(session: &Session, req: Request) -> Response {
    match req.method.as_str() {
        HoverRequest::METHOD => handle(session, &req, hover::hover),
        GotoDefinition::METHOD => handle(session, &req, definition::definition),
        References::METHOD => handle(session, &req, references::references),
        DocumentSymbolRequest::METHOD => handle(session, &req, document_symbol::document_symbol),
        CodeActionRequest::METHOD => handle(session, &req, code_action::code_action),
        Completion::METHOD => handle(session, &req, completion::completion),
        Formatting::METHOD => handle(session, &req, formatting::formatting),
        _ => Response::new_err(
            req.id.clone(),
            ErrorCode::MethodNotFound as i32,
            format!("`{}` is not supported", req.method),
        ),
    }
}

fn handle<P: DeserializeOwned, R: Serialize>(
    session: &Session,
    req: &Request,
    handler: fn(&Session, P) -> R,
) -> Response {
    respond(req, params(req.params.clone()).map(|p| handler(session, p)))
}

/// A position in an open, checked document, as a byte offset of its file.
struct At<'s> {
    checked: &'s Checked,
    file: FileId,
    offset: u32,
}

impl<'s> At<'s> {
    fn new(session: &'s Session, position: &lsp_types::TextDocumentPositionParams) -> Option<Self> {
        let (_, checked) = session.get(&position.text_document.uri)?;
        let file = checked.file?;
        let index = LineIndex::new(checked.text(file), session.encoding);
        let offset = u32::try_from(index.offset(position.position)).ok()?;
        Some(At {
            checked,
            file,
            offset,
        })
    }

    fn found(&self) -> Option<Found<'s>> {
        self.checked.index.at(self.file, self.offset)
    }

    /// The declaration at the position, or the one the name there refers to.
    fn declaration(&self) -> Option<&'s Declaration> {
        match self.found()? {
            Found::Declaration(d) => Some(d),
            Found::Reference(r) => self.checked.index.declaration(&r.target, r.span.file),
        }
    }
}
