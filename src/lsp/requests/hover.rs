//! `textDocument/hover`: on a body or one of its decisions, the rule in words with its veto
//! players, smallest blocking coalition and quorum boycott (from `decision` and the exact
//! analysis); on a party, class, article, principle or other declaration, its declaration
//! as written; on a code in a `# treaty: allow(...)` comment, the rule's summary and page.

use super::At;
use crate::lsp::index::{Declaration, Found, Kind, Target};
use crate::lsp::session::{Checked, Session};
use crate::model::{Abstention, DecisionRule, Treaty, VotingRule};
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};
use std::fmt::Write as _;

/// Declarations longer than this are shown cut (a party list's class names every member).
const MAX_SHOWN: usize = 600;

pub fn hover(session: &Session, params: HoverParams) -> Option<Hover> {
    let at = At::new(session, &params.text_document_position_params)?;
    let found = at.found()?;
    let (span, text) = match found {
        Found::Reference(r) => match &r.target {
            Target::Code(code) => (r.span, code_hover(code)),
            Target::File(name) => (r.span, format!("`{name}`: go to definition opens it")),
            target => {
                let d = at.checked.index.declaration(target, r.span.file)?;
                (r.span, declaration_hover(at.checked, d))
            }
        },
        Found::Declaration(d) => (d.span, declaration_hover(at.checked, d)),
    };
    let mut positions = crate::lsp::diagnostics::Positions::new(at.checked, session.encoding);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(positions.range(span)),
    })
}

fn code_hover(code: &str) -> String {
    if let Some(rule) = crate::rules::find(code) {
        format!(
            "**`{code}`** ({}): {}\n\n[documentation]({})",
            rule.severity,
            rule.summary,
            crate::docs::url(code)
        )
    } else if let Some(meaning) = crate::InputError::from_code(code).map(crate::InputError::meaning)
    {
        format!("**`{code}`** (error in the input): {meaning}")
    } else {
        format!("no rule `{code}`: `treaty rules` lists them")
    }
}

fn declaration_hover(checked: &Checked, d: &Declaration) -> String {
    let mut out = String::new();
    let where_ = checked.report.sources.name(d.span.file);
    let _ = writeln!(out, "**{}** `{}` — {}\n", d.kind.noun(), d.name, where_);
    match (d.kind, checked.treaty()) {
        (Kind::Body, Some(treaty)) => body(&mut out, treaty, &d.name, None),
        (Kind::Decision, Some(treaty)) => {
            if let Some(owner) = &d.owner {
                body(&mut out, treaty, owner, Some(&d.name));
            }
        }
        (Kind::Party, Some(treaty)) => {
            if let Some(p) = treaty.parties.iter().find(|p| p.id == d.name) {
                let party = treaty.parties.iter().position(|q| q.id == p.id);
                let member = party.is_some_and(|i| {
                    treaty
                        .treaty_parties
                        .contains(&crate::model::PartyId(i as u32))
                });
                let _ = writeln!(
                    out,
                    "{}{}\n",
                    p.name,
                    if member {
                        ", a party to this treaty"
                    } else {
                        ""
                    }
                );
            }
            declaration_text(&mut out, checked, d);
        }
        (Kind::Class, Some(treaty)) => {
            if let Some(c) = treaty.classes.iter().find(|c| c.id == d.name) {
                let _ = writeln!(out, "{} members\n", c.members.len());
            }
            declaration_text(&mut out, checked, d);
        }
        _ => declaration_text(&mut out, checked, d),
    }
    out
}

/// The declaration as written, in a code block, cut when long.
fn declaration_text(out: &mut String, checked: &Checked, d: &Declaration) {
    let Some(file) = checked.report.sources.get(d.full.file) else {
        return;
    };
    let text = file.slice(d.full);
    let cut = text
        .char_indices()
        .nth(MAX_SHOWN)
        .map_or(text.len(), |(i, _)| i);
    let shown = text.get(..cut).unwrap_or(text);
    let more = if cut < text.len() { "\n…" } else { "" };
    let _ = writeln!(out, "```treaty\n{shown}{more}\n```");
}

/// A body's quorum and, for each decision (or only `only`), the rule in words with who can
/// block it.
fn body(out: &mut String, treaty: &Treaty, id: &str, only: Option<&str>) {
    let Some(model) = treaty.bodies.iter().find(|b| b.id == id) else {
        return;
    };
    let report = crate::analysis::analyze(treaty, "", Some(id), &[]);
    let Some(analysis) = report.bodies.first() else {
        return;
    };
    let _ = writeln!(out, "**{}**: {} members", analysis.title, analysis.members);
    match (analysis.quorum_attendance, analysis.smallest_boycott) {
        (Some(need), Some(boycott)) => {
            let _ = writeln!(
                out,
                "- quorum: {need} must attend; a boycott by {boycott} stops it from meeting"
            );
        }
        (Some(need), None) => {
            let _ = writeln!(out, "- quorum: {need} must attend");
        }
        _ => {
            let _ = writeln!(out, "- quorum: none");
        }
    }
    for (rule, d) in model.decisions.iter().zip(&analysis.decisions) {
        if only.is_some_and(|k| k != rule.kind) {
            continue;
        }
        let cite = d
            .citation
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let _ = writeln!(out, "\n**decides `{}`**{cite}: {}", d.kind, in_words(rule));
        for missing in &d.not_computed {
            let _ = writeln!(
                out,
                "- not computed: {}: {}",
                missing.what.replace('_', " "),
                missing.reason
            );
        }
        for undefined in &d.undefined {
            let _ = writeln!(
                out,
                "- undefined: {}: {}",
                undefined.title(),
                undefined.reason
            );
        }
        let vetoes = if d.veto_players.is_empty() {
            "none".to_string()
        } else if d.veto_players.len() == analysis.members {
            format!("every member ({})", analysis.members)
        } else {
            d.veto_players.join(", ")
        };
        let _ = writeln!(out, "- veto players: {vetoes}");
        match d.smallest_blocking_coalition {
            // Nothing passes: no one needs to object.
            Some(0) => {
                let _ = writeln!(
                    out,
                    "- smallest blocking coalition: 0 (the rule cannot be met)"
                );
            }
            Some(k) => {
                let shown: Vec<&str> = d
                    .blocking_example
                    .iter()
                    .take(8)
                    .map(String::as_str)
                    .collect();
                let more = if d.blocking_example.len() > shown.len() {
                    ", …"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "- smallest blocking coalition: {k} (e.g. {}{more})",
                    shown.join(", ")
                );
            }
            None => {
                let _ = writeln!(out, "- smallest blocking coalition: none can block");
            }
        }
    }
}

/// A decision rule as a reader says it.
fn in_words(d: &DecisionRule) -> String {
    let mut words = match &d.rule {
        VotingRule::Consensus => {
            "by consensus: adopted unless a member present objects".to_string()
        }
        VotingRule::Unanimity(crate::model::Base::Members) => {
            "by unanimity: every member must vote yes".to_string()
        }
        VotingRule::Unanimity(crate::model::Base::Present) => {
            "by unanimity of members present: every member present must vote yes".to_string()
        }
        VotingRule::Unanimity(crate::model::Base::VotesCast) => {
            "by unanimity of votes cast: no vote cast may be against".to_string()
        }
        VotingRule::All(parts) if parts.is_empty() => "no one's consent is required".to_string(),
        other => format!("by {other}"),
    };
    for role in &d.excluded {
        let _ = write!(words, "; {} does not vote", role.one_holder());
    }
    match d.abstention {
        Abstention::Blocks => words.push_str("; an abstention blocks"),
        Abstention::DoesNotBlock => words.push_str("; an abstention does not block"),
        Abstention::RuleDefault => {}
    }
    if d.binding {
        words.push_str("; binding");
    }
    if let Some(f) = &d.fallback {
        let _ = write!(words, "; failing that, \"{f}\"");
    }
    words
}
