//! `textDocument/formatting`: the whole document in `treaty fmt`'s layout, as one edit. A
//! document that does not parse, or that the formatter would not keep meaning the same, is
//! left as it is (no edit): its errors are already on screen as diagnostics.

use crate::lsp::position::LineIndex;
use crate::lsp::session::Session;
use lsp_types::{DocumentFormattingParams, Range, TextEdit};

pub fn formatting(session: &Session, params: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let (_, checked) = session.get(&params.text_document.uri)?;
    let file = checked.file?;
    let text = checked.text(file);
    let formatted = crate::format::format_source(text).ok()?;
    if formatted == text {
        return Some(Vec::new());
    }
    let index = LineIndex::new(text, session.encoding);
    let range: Range = index.range(0, text.len());
    Some(vec![TextEdit {
        range,
        new_text: formatted,
    }])
}
