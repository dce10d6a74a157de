//! The protocol loop: notifications change the session, requests read it. Checks run when
//! the queue is empty (a burst of keystrokes is one check) or before a request is answered,
//! so that an answer always reads the buffer as it is.

use super::session::Session;
use super::{notifications, requests};
use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use serde::de::DeserializeOwned;

/// Serves until `shutdown` and `exit` (`Ok(true)`), an `exit` without `shutdown` or the end
/// of the input (`Ok(false)`), or a protocol error.
pub fn main_loop(connection: &Connection, mut session: Session) -> Result<bool, String> {
    loop {
        if !session.dirty.is_empty() && connection.receiver.is_empty() {
            flush(connection, &mut session);
        }
        let Ok(message) = connection.receiver.recv() else {
            return Ok(false);
        };
        match message {
            Message::Request(req) => {
                if connection
                    .handle_shutdown(&req)
                    .map_err(|e| e.to_string())?
                {
                    return Ok(true);
                }
                flush(connection, &mut session);
                let response = requests::dispatch(&session, req);
                send(connection, response.into());
            }
            Message::Notification(note) => {
                if note.method == lsp_types::notification::Exit::METHOD {
                    return Ok(false);
                }
                notifications::dispatch(connection, &mut session, note);
            }
            Message::Response(_) => {}
        }
    }
}

/// Checks the documents marked dirty and publishes their diagnostics.
fn flush(connection: &Connection, session: &mut Session) {
    let dirty = std::mem::take(&mut session.dirty);
    for path in dirty {
        let Some(doc) = session.documents.get(&path) else {
            continue;
        };
        let (uri, version) = (doc.uri.clone(), doc.version);
        if !super::session::is_checked(&path) {
            continue;
        }
        session.check(&path);
        let Some(checked) = session.checks.get(&path) else {
            continue;
        };
        let diagnostics = super::diagnostics::for_document(checked, session.encoding);
        log(
            connection,
            format!(
                "checked {} in {:.1} ms: {} diagnostics",
                path.display(),
                checked.millis,
                diagnostics.len()
            ),
        );
        publish(connection, uri, diagnostics, Some(version));
    }
}

pub fn publish(
    connection: &Connection,
    uri: lsp_types::Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) {
    let params = lsp_types::PublishDiagnosticsParams {
        uri,
        diagnostics,
        version,
    };
    send(
        connection,
        Notification::new(
            lsp_types::notification::PublishDiagnostics::METHOD.to_string(),
            params,
        )
        .into(),
    );
}

fn log(connection: &Connection, message: String) {
    let params = lsp_types::LogMessageParams {
        typ: lsp_types::MessageType::LOG,
        message,
    };
    send(
        connection,
        Notification::new(
            lsp_types::notification::LogMessage::METHOD.to_string(),
            params,
        )
        .into(),
    );
}

fn send(connection: &Connection, message: Message) {
    // The client went away: the loop ends when the receiver says so.
    let _ = connection.sender.send(message);
}

/// The params of a request or notification of type `R`, or why not.
pub fn params<P: DeserializeOwned>(value: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// A response with the handler's result, or an error the client can show.
pub fn respond<T: serde::Serialize>(req: &Request, result: Result<T, String>) -> Response {
    match result.and_then(|r| serde_json::to_value(r).map_err(|e| e.to_string())) {
        Ok(value) => Response::new_ok(req.id.clone(), value),
        Err(message) => Response::new_err(
            req.id.clone(),
            lsp_server::ErrorCode::InvalidParams as i32,
            message,
        ),
    }
}
