//! `textDocument/codeAction`: for each diagnostic in the range, its fixes (safe ones marked
//! preferred; "did you mean" for an unknown name), and for a lint's finding an action that
//! inserts `# treaty: allow(code)` above its line; and a `source.fixAll` that applies every
//! safe fix of the document at once.

use crate::fix::{Applicability, Edit, Fix};
use crate::lsp::diagnostics::{for_document, Positions};
use crate::lsp::session::Session;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Range, TextEdit, Uri,
    WorkspaceEdit,
};
use std::collections::HashMap;

pub fn code_action(
    session: &Session,
    params: CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let (doc, checked) = session.get(&params.text_document.uri)?;
    let file = checked.file?;
    let wanted = |kind: &CodeActionKind| {
        params
            .context
            .only
            .as_ref()
            .is_none_or(|only| only.iter().any(|o| kind.as_str().starts_with(o.as_str())))
    };
    let mut positions = Positions::new(checked, session.encoding);
    // The diagnostics as published, to attach to the actions that fix them.
    let published = for_document(checked, session.encoding);
    let mut out = Vec::new();
    for d in checked
        .report
        .diagnostics
        .iter()
        .filter(|d| d.span.file == file)
    {
        let range = positions.range(d.span);
        if !overlaps(range, params.range) {
            continue;
        }
        let lsp_diagnostic: Vec<lsp_types::Diagnostic> = published
            .iter()
            .filter(|p| {
                p.range == range
                    && p.code == Some(lsp_types::NumberOrString::String(d.code.to_string()))
            })
            .take(1)
            .cloned()
            .collect();
        if wanted(&CodeActionKind::QUICKFIX) {
            for fix in &d.fixes {
                out.push(action(
                    &mut positions,
                    &fix.message,
                    CodeActionKind::QUICKFIX,
                    &fix.edits,
                    fix.applicability == Applicability::Safe,
                    lsp_diagnostic.clone(),
                ));
            }
            let is_lint = d.code.rule().is_some() && d.code != "unused-suppression";
            if is_lint {
                let mut allow = Fix::unsafe_(
                    format!("allow `{}` on this clause", d.code),
                    vec![Edit::line_above(
                        d.span,
                        format!("# treaty: allow({})", d.code),
                    )],
                );
                crate::fix::settle(&mut allow, &checked.report.sources);
                out.push(action(
                    &mut positions,
                    &allow.message,
                    CodeActionKind::QUICKFIX,
                    &allow.edits,
                    false,
                    lsp_diagnostic,
                ));
            }
        }
    }
    if wanted(&CodeActionKind::SOURCE_FIX_ALL) {
        let changes = crate::fix::safe_changes(&checked.report);
        if let Some(change) = changes
            .iter()
            .find(|c| checked.file.and_then(|f| checked.path(f)) == Some(c.path.as_path()))
        {
            let end = positions.range(crate::source::Span::new(file, 0, checked.text(file).len()));
            let edit = TextEdit {
                range: end,
                new_text: change.text.clone(),
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "fix every safe finding".to_string(),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(workspace_edit(vec![(doc.uri.clone(), edit)])),
                ..Default::default()
            }));
        }
    }
    Some(out)
}

fn overlaps(a: Range, b: Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn action(
    positions: &mut Positions<'_>,
    title: &str,
    kind: CodeActionKind,
    edits: &[Edit],
    preferred: bool,
    diagnostics: Vec<lsp_types::Diagnostic>,
) -> CodeActionOrCommand {
    let mut changes = Vec::new();
    for e in edits {
        let Some(location) = positions.location(e.span) else {
            continue;
        };
        changes.push((
            location.uri,
            TextEdit {
                range: location.range,
                new_text: e.replacement.clone(),
            },
        ));
    }
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        diagnostics: (!diagnostics.is_empty()).then_some(diagnostics),
        edit: Some(workspace_edit(changes)),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

#[expect(
    clippy::mutable_key_type,
    reason = "lsp-types keys WorkspaceEdit::changes by Uri, whose parsed form caches lazily"
)]
fn workspace_edit(edits: Vec<(Uri, TextEdit)>) -> WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (uri, edit) in edits {
        changes.entry(uri).or_default().push(edit);
    }
    WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    }
}
