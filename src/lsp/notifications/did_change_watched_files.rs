//! `workspace/didChangeWatchedFiles`: a file changed on disk (a baseline saved elsewhere, a
//! party list regenerated): the open files that read it are checked again. An open buffer
//! keeps shadowing its own file.

use crate::lsp::session::Session;
use lsp_types::DidChangeWatchedFilesParams;

pub fn did_change_watched_files(session: &mut Session, params: DidChangeWatchedFilesParams) {
    for change in params.changes {
        if let Some(path) = crate::lsp::uri::to_path(&change.uri) {
            session.touched(&path);
        }
    }
}
