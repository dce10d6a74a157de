//! Notifications from the client: one file per method.

mod did_change;
mod did_change_watched_files;
mod did_close;
mod did_open;

use super::session::Session;
use lsp_server::{Connection, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    Notification as _,
};

pub fn dispatch(connection: &Connection, session: &mut Session, note: Notification) {
    let Notification { method, params } = note;
    // A notification has no answer: one the server cannot read is dropped, as the
    // protocol asks.
    let _ = match method.as_str() {
        DidOpenTextDocument::METHOD => {
            super::main_loop::params(params).map(|p| did_open::did_open(session, p))
        }
        DidChangeTextDocument::METHOD => {
            super::main_loop::params(params).map(|p| did_change::did_change(session, p))
        }
        DidCloseTextDocument::METHOD => {
            super::main_loop::params(params).map(|p| did_close::did_close(connection, session, p))
        }
        DidChangeWatchedFiles::METHOD => super::main_loop::params(params)
            .map(|p| did_change_watched_files::did_change_watched_files(session, p)),
        _ => Ok(()),
    };
}
