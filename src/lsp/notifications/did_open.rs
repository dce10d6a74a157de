//! `textDocument/didOpen`: the buffer shadows its file from now on.

use crate::lsp::session::{Document, Session};
use lsp_types::DidOpenTextDocumentParams;

pub fn did_open(session: &mut Session, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let Some(path) = crate::lsp::uri::to_path(&doc.uri) else {
        return;
    };
    session.documents.insert(
        path.clone(),
        Document {
            uri: doc.uri,
            text: doc.text,
            version: doc.version,
        },
    );
    session.touched(&path);
}
