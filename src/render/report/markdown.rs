//! The memo as Markdown: the same content as the HTML, with each chart given as the table
//! of its figures and the procedure graph as a list.

use super::{Memo, PLANE_DESC};
use crate::render::markdown_escape as esc;
use crate::render::svg;
use crate::wording::counted;
use std::fmt::Write as _;

/// The memo as one Markdown document.
pub fn report_markdown(memo: &Memo) -> String {
    let mut out = String::new();
    let title = match memo.files.as_slice() {
        [one] => format!("What the text says and does: {}", one.title),
        _ => format!(
            "What the texts say and do: {}",
            counted(memo.files.len(), "instrument", "instruments")
        ),
    };
    let _ = writeln!(out, "# {}\n", esc(&title));
    for f in &memo.files {
        let _ = writeln!(out, "## {}\n", esc(&f.title));
        let mut facts = vec![format!("File `{}`", f.name.replace('`', "'"))];
        facts.extend(f.facts.iter().map(|x| esc(x)));
        let _ = writeln!(out, "{}.\n", facts.join("; "));
        for s in &f.sources {
            let _ = writeln!(out, "- Source: {}", esc(s));
        }
        let (e, w, n) = f.counts;
        let _ = writeln!(
            out,
            "\nThe checker reports {}, {} and {}.\n",
            counted(e, "error", "errors"),
            counted(w, "warning", "warnings"),
            counted(n, "note", "notes")
        );
        let _ = writeln!(out, "### The articles and what the checker finds in them\n");
        for a in &f.articles {
            let title = a
                .title
                .as_ref()
                .map(|t| format!(": {}", esc(t)))
                .unwrap_or_default();
            let _ = writeln!(out, "#### {}{title} ({})\n", esc(&a.citation), a.basis);
            if let Some(text) = &a.text {
                let _ = writeln!(out, "> {}\n", esc(text));
            }
            for note in &a.notes {
                let _ = writeln!(out, "*{}*\n", esc(note));
            }
            for finding in &a.findings {
                finding_md(&mut out, finding);
            }
        }
        if !f.other_findings.is_empty() {
            let _ = writeln!(out, "#### Findings that cite no article\n");
            for finding in &f.other_findings {
                finding_md(&mut out, finding);
            }
        }
        if !f.bodies.is_empty() {
            let _ = writeln!(
                out,
                "### The bodies: who convenes them, who can block them\n"
            );
        }
        for b in &f.bodies {
            let cite = b
                .citation
                .as_ref()
                .map(|c| format!(" ({})", esc(c)))
                .unwrap_or_default();
            let _ = writeln!(out, "#### {}{cite}\n", esc(&b.title));
            let by = if b.convened_by.is_empty() {
                "the text does not say".to_string()
            } else {
                esc(&b.convened_by.join("; "))
            };
            let _ = writeln!(
                out,
                "- Members: {}\n- Convened by: {by}\n- Quorum: {}\n",
                b.members,
                esc(&b.quorum)
            );
            for d in &b.decisions {
                let cite = d
                    .citation
                    .as_ref()
                    .map(|c| format!(" ({})", esc(c)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "##### Decides {}{cite}\n\n- Rule: {}\n- Veto players: {}\n- Smallest blocking coalition: {}\n- Capacity to act: {}\n- Inclusiveness: {}\n",
                    esc(d.description.as_deref().unwrap_or(&d.kind)),
                    esc(&d.rule),
                    esc(&d.vetoes),
                    esc(&d.blocking),
                    esc(&d.power_to_act),
                    esc(&d.inclusiveness)
                );
                if let Some(why) = &d.not_computed {
                    let _ = writeln!(out, "The indices were not computed: {}.\n", esc(why));
                }
                if let Some(why) = &d.undefined {
                    let _ = writeln!(out, "Undefined for this rule: {}.\n", esc(why));
                }
                if !d.power.is_empty() {
                    let _ = writeln!(
                        out,
                        "| members | Shapley–Shubik | Banzhaf (normalized) |\n|---|---:|---:|"
                    );
                    for r in &d.power {
                        let v = |i: usize| svg::figure(r.values.get(i).copied().unwrap_or(0.0));
                        let _ = writeln!(out, "| {} | {} | {} |", esc(&r.label), v(0), v(1));
                    }
                    out.push('\n');
                }
            }
        }
        if let Some(g) = &f.graph {
            let _ = writeln!(
                out,
                "### Procedures: what leads to what, who triggers it, who judges\n"
            );
            for (i, s) in g.sentences.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, esc(s));
            }
            out.push('\n');
        }
    }
    if !memo.plane.is_empty() {
        let _ = writeln!(
            out,
            "## Inclusiveness and capacity to act\n\n{}\n\n| dot | instrument | body | decision | inclusiveness | capacity to act |\n|---:|---|---|---|---:|---:|",
            esc(PLANE_DESC)
        );
        for p in &memo.plane {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {:.1}% | {} |",
                esc(&p.key),
                esc(&p.treaty),
                esc(&p.body),
                esc(&p.decision),
                p.inclusiveness * 100.0,
                svg::figure(p.capacity)
            );
        }
    }
    out
}

fn finding_md(out: &mut String, f: &super::FindingMemo) {
    let _ = writeln!(
        out,
        "- **{}:** {} (`{}`)",
        super::severity_word(f.severity),
        esc(&f.message),
        f.code
    );
    if let Some(e) = f.explanation {
        let _ = writeln!(out, "  - What this rule finds: {}.", esc(e));
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(out, "  - What would fix it: {}.", esc(fix));
    }
    if let Some(b) = &f.basis {
        let _ = writeln!(out, "  - Basis: {}.", esc(b));
    }
    out.push('\n');
}
