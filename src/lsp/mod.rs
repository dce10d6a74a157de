//! `treaty lsp`: a language server over standard input and output.
//!
//! A thin layer over the same pipeline as `treaty check` (DESIGN.md, "Language server"): an
//! in-memory workspace where open buffers shadow files, the same `Diagnostic` values
//! converted to LSP as `render/` converts them to JSON, and navigation read from the syntax
//! trees of the files a check read. Laid out as ruff's server: the protocol loop
//! (`main_loop.rs`), the open documents (`session.rs`), positions in the negotiated encoding
//! (`position.rs`), and one file per LSP method under `requests/` and `notifications/`.
//!
//! Built on rust-analyzer's `lsp-server`: two channels and the message types, no async
//! runtime. A whole check of a corpus file takes milliseconds, so the server checks
//! synchronously, after the burst of edits in the queue is applied.

mod diagnostics;
mod index;
mod main_loop;
mod notifications;
mod position;
mod requests;
mod session;
mod uri;

pub use position::{Encoding, LineIndex};
pub use uri::{from_path as uri_from_path, to_path as uri_to_path};

use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    HoverProviderCapability, InitializeParams, InitializeResult, OneOf, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
};

/// Serves one client on standard input and output until it says `exit`. `Ok(true)` when it
/// said `shutdown` first, as the protocol asks (the program then exits 0, otherwise 1).
pub fn run() -> Result<bool, String> {
    let (connection, io_threads) = Connection::stdio();
    let clean = serve(&connection)?;
    // The client's `exit` ends the reader; dropping the connection ends the writer.
    drop(connection);
    io_threads.join().map_err(|e| e.to_string())?;
    Ok(clean)
}

/// The protocol on a connection: initialization, then the main loop.
fn serve(connection: &Connection) -> Result<bool, String> {
    let (id, params) = connection.initialize_start().map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref());
    let encoding = Encoding::negotiate(offered);
    #[allow(deprecated)] // `root_uri` is what clients without workspace folders send.
    let roots: Vec<std::path::PathBuf> = match (&params.workspace_folders, &params.root_uri) {
        (Some(folders), _) => folders
            .iter()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect(),
        (None, Some(root)) => uri::to_path(root).into_iter().collect(),
        (None, None) => Vec::new(),
    };
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "treaty".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| e.to_string())?;
    main_loop::main_loop(connection, session::Session::new(encoding, roots))
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..Default::default()
        })),
        completion_provider: Some(CompletionOptions::default()),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..Default::default()
    }
}
