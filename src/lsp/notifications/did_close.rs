//! `textDocument/didClose`: the file on disk counts again; its diagnostics are cleared and
//! the open files that read it are checked against the disk.

use crate::lsp::session::Session;
use lsp_server::Connection;
use lsp_types::DidCloseTextDocumentParams;

pub fn did_close(
    connection: &Connection,
    session: &mut Session,
    params: DidCloseTextDocumentParams,
) {
    let uri = params.text_document.uri;
    let Some(path) = crate::lsp::uri::to_path(&uri) else {
        return;
    };
    session.documents.remove(&path);
    session.touched(&path);
    session.checks.remove(&path);
    session.dirty.remove(&path);
    crate::lsp::main_loop::publish(connection, uri, Vec::new(), None);
}
