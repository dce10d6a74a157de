//! `textDocument/didChange`: edits applied to the buffer, whole or by range (positions in the
//! negotiated encoding); the buffer and the files that read it are checked again.

use crate::lsp::position::LineIndex;
use crate::lsp::session::Session;
use lsp_types::DidChangeTextDocumentParams;

pub fn did_change(session: &mut Session, params: DidChangeTextDocumentParams) {
    let Some(path) = crate::lsp::uri::to_path(&params.text_document.uri) else {
        return;
    };
    let encoding = session.encoding;
    let Some(doc) = session.documents.get_mut(&path) else {
        return;
    };
    for change in params.content_changes {
        match change.range {
            None => doc.text = change.text,
            Some(range) => {
                let index = LineIndex::new(&doc.text, encoding);
                let start = index.offset(range.start);
                let end = index.offset(range.end).max(start);
                doc.text.replace_range(start..end, &change.text);
            }
        }
    }
    doc.version = params.text_document.version;
    session.touched(&path);
}
