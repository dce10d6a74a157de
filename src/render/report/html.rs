//! The memo as one self-contained HTML file: inline CSS and SVG, no script, no font, image
//! or style from the network, so that it opens from a file offline and prints. Written as
//! well-formed XML (every element closed, every attribute quoted), so that any XML tool can
//! read it too. Every text from a treaty file goes through [`escape`].

use super::{Memo, PLANE_DESC, SERIES};
use crate::render::svg::{self, escape};
use crate::wording::counted;
use std::fmt::Write as _;

const STYLE: &str = "
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; line-height: 1.45; }
h1, h2, h3, h4, .chart text, nav, table, .finding .head { font-family: 'Helvetica Neue', Arial, sans-serif; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 2px solid #111; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { margin-top: 2rem; border-bottom: 1px solid #999; }
h4 { margin-bottom: 0.3rem; }
blockquote { margin: 0.4rem 0 0.6rem 0; padding: 0.3rem 0.8rem; border-left: 4px solid #555; background: #f3f3f3; }
.basis { font-family: Arial, sans-serif; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; border: 1px solid #111; padding: 0 0.3rem; margin-left: 0.4rem; }
.basis.weak { border-style: dashed; }
.note { font-size: 0.9rem; color: #333; margin: 0.1rem 0; }
.finding { border: 1px solid #777; border-left-width: 6px; padding: 0.3rem 0.7rem; margin: 0.6rem 0; page-break-inside: avoid; break-inside: avoid; }
.finding.error { border-left-style: double; border-left-width: 8px; }
.finding.warning { border-left-color: #111; }
.finding.info { border-left-color: #999; border-left-style: dotted; }
.finding p { margin: 0.2rem 0; }
.finding .head { font-weight: bold; }
.code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 0.85rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: bold; font-family: Arial, sans-serif; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid #999; padding: 0.15rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
figcaption { font-size: 0.9rem; font-style: italic; }
svg.chart { max-width: 100%; height: auto; }
svg.chart .node-head { font-weight: bold; }
svg.chart text { font-size: 11px; fill: #000; }
svg.chart .axis { font-size: 12px; }
svg.chart .key { font-weight: bold; }
nav ol { columns: 2; font-size: 0.9rem; }
.decision { margin-left: 1rem; }
footer { margin-top: 3rem; font-size: 0.8rem; color: #333; border-top: 1px solid #999; }
@media print {
  body { margin: 0; max-width: none; }
  nav { display: none; }
  h2 { page-break-before: always; break-before: page; }
  h2.first { page-break-before: avoid; break-before: avoid; }
  a { color: #000; text-decoration: none; }
}
";

/// The memo as one HTML document.
pub fn report_html(memo: &Memo) -> String {
    let mut out = String::new();
    let title = match memo.files.as_slice() {
        [one] => format!("What the text says and does: {}", one.title),
        _ => format!(
            "What the texts say and do: {}",
            counted(memo.files.len(), "instrument", "instruments")
        ),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <meta name=\"generator\" content=\"treaty {}\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    );
    let _ = writeln!(out, "<header><h1>{}</h1>", escape(&title));
    out.push_str(
        "<p>Each article is quoted with what the quotation rests on (quoted from a cited source, a paraphrase, the parties' practice, or not encoded), followed by what the checker finds in it, why that matters and what would fix it. Each body is described with who convenes it, its quorum, how it decides, who can block it and how power is shared among its members. Findings on less than quoted text say so.</p>\n</header>\n",
    );
    // Contents.
    out.push_str("<nav><h2 class=\"first\">Contents</h2><ol>");
    for (i, f) in memo.files.iter().enumerate() {
        let _ = write!(out, "<li><a href=\"#f{i}\">{}</a></li>", escape(&f.title));
    }
    if !memo.plane.is_empty() {
        out.push_str("<li><a href=\"#plane\">Inclusiveness and capacity to act</a></li>");
    }
    out.push_str("</ol></nav>\n");
    let mut chart = 0usize;
    let mut next_id = || {
        chart += 1;
        format!("chart{chart}")
    };
    for (i, f) in memo.files.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section id=\"f{i}\">\n<h2>{}</h2>\n<p class=\"note\">File <span class=\"code\">{}</span>{}</p>",
            escape(&f.title),
            escape(&f.name),
            if f.facts.is_empty() {
                String::new()
            } else {
                format!("; {}", escape(&f.facts.join("; ")))
            }
        );
        for s in &f.sources {
            let _ = writeln!(out, "<p class=\"note\">Source: {}</p>", escape(s));
        }
        let (e, w, n) = f.counts;
        let _ = writeln!(
            out,
            "<p>The checker reports {}, {} and {}.</p>",
            counted(e, "error", "errors"),
            counted(w, "warning", "warnings"),
            counted(n, "note", "notes")
        );
        // Articles.
        out.push_str("<h3>The articles and what the checker finds in them</h3>\n");
        for a in &f.articles {
            let weak = if a.basis == "quoted" { "" } else { " weak" };
            let _ = write!(
                out,
                "<article>\n<h4>{}{}<span class=\"basis{weak}\">{}</span></h4>\n",
                escape(&capitalise(&a.citation)),
                a.title
                    .as_ref()
                    .map(|t| format!(": {}", escape(t)))
                    .unwrap_or_default(),
                escape(a.basis)
            );
            match &a.text {
                Some(text) => {
                    let _ = writeln!(out, "<blockquote><p>{}</p></blockquote>", escape(text));
                }
                None => out.push_str("<p class=\"note\">No text is quoted for this article.</p>\n"),
            }
            for note in &a.notes {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
            }
            for finding in &a.findings {
                finding_html(&mut out, finding);
            }
            out.push_str("</article>\n");
        }
        if !f.other_findings.is_empty() {
            out.push_str("<h4>Findings that cite no article</h4>\n");
            for finding in &f.other_findings {
                finding_html(&mut out, finding);
            }
        }
        // Bodies.
        if !f.bodies.is_empty() {
            out.push_str("<h3>The bodies: who convenes them, who can block them</h3>\n");
        }
        for b in &f.bodies {
            let _ = write!(
                out,
                "<section id=\"{}\">\n<h4>{}{}</h4>\n<dl class=\"facts\"><dt>Members</dt><dd>{}</dd><dt>Convened by</dt><dd>{}</dd><dt>Quorum</dt><dd>{}</dd></dl>\n",
                escape(&b.anchor),
                escape(&b.title),
                b.citation
                    .as_ref()
                    .map(|c| format!(" ({})", escape(c)))
                    .unwrap_or_default(),
                b.members,
                if b.convened_by.is_empty() {
                    "the text does not say".to_string()
                } else {
                    escape(&b.convened_by.join("; "))
                },
                escape(&b.quorum)
            );
            for d in &b.decisions {
                let _ = write!(
                    out,
                    "<div class=\"decision\" id=\"{}\">\n<h4>Decides {}{}</h4>\n<dl class=\"facts\">\
                     <dt>Rule</dt><dd>{}</dd><dt>Veto players</dt><dd>{}</dd>\
                     <dt>Smallest blocking coalition</dt><dd>{}</dd>\
                     <dt>Capacity to act</dt><dd>{}</dd><dt>Inclusiveness</dt><dd>{}</dd></dl>\n",
                    escape(&d.anchor),
                    escape(d.description.as_deref().unwrap_or(&d.kind)),
                    d.citation
                        .as_ref()
                        .map(|c| format!(" ({})", escape(c)))
                        .unwrap_or_default(),
                    escape(&d.rule),
                    escape(&d.vetoes),
                    escape(&d.blocking),
                    escape(&d.power_to_act),
                    escape(&d.inclusiveness)
                );
                if let Some(why) = &d.not_computed {
                    let _ = writeln!(
                        out,
                        "<p class=\"note\">The indices were not computed: {}.</p>",
                        escape(why)
                    );
                }
                if let Some(why) = &d.undefined {
                    let _ = writeln!(
                        out,
                        "<p class=\"note\">Undefined for this rule: {}.</p>",
                        escape(why)
                    );
                }
                if !d.power.is_empty() {
                    let shown = d.power.get(..super::MAX_BARS).unwrap_or(&d.power);
                    let title = format!(
                        "Power of the members of the {} over {}",
                        b.title,
                        d.description.as_deref().unwrap_or(&d.kind)
                    );
                    let more = if d.power.len() > shown.len() {
                        format!(
                            " The chart shows the {} largest of {} groups; the table lists all.",
                            shown.len(),
                            d.power.len()
                        )
                    } else {
                        String::new()
                    };
                    let desc = format!(
                        "Shapley–Shubik index and normalized Banzhaf index of each member (members with equal indices share a row); both add up to 1 over the members.{more}"
                    );
                    let _ = write!(
                        out,
                        "<figure>{}<figcaption>{}</figcaption>\n<details><summary>The indices as a table</summary>{}</details></figure>\n",
                        svg::bar_chart(&next_id(), &title, &desc, &SERIES, shown),
                        escape(&desc),
                        power_table(&d.power)
                    );
                }
                out.push_str("</div>\n");
            }
            out.push_str("</section>\n");
        }
        if let Some(g) = &f.graph {
            out.push_str("<h3>Procedures: what leads to what, who triggers it, who judges</h3>\n");
            let desc = "Dashed boxes are procedures, grey boxes bodies, rounded boxes the decisions a body takes; arrows show what leads to what. Each procedure says who may trigger it and who judges its condition.";
            let _ = write!(
                out,
                "<figure>{}<figcaption>{}</figcaption></figure>\n<ol class=\"steps\">",
                svg::graph(
                    &next_id(),
                    &format!("Procedures and bodies of {}", f.title),
                    desc,
                    &g.nodes,
                    &g.edges
                ),
                escape(desc)
            );
            for s in &g.sentences {
                let _ = write!(out, "<li>{}</li>", escape(s));
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</section>\n");
    }
    if !memo.plane.is_empty() {
        let dots: Vec<svg::Dot> = memo
            .plane
            .iter()
            .map(|p| svg::Dot {
                x: p.inclusiveness,
                log10_y: p.log10_capacity,
                key: p.key.clone(),
            })
            .collect();
        let _ = write!(
            out,
            "<section id=\"plane\">\n<h2>Inclusiveness and capacity to act</h2>\n<figure>{}<figcaption>{}</figcaption></figure>\n\
             <table><thead><tr><th>dot</th><th>instrument</th><th>body</th><th>decision</th><th>inclusiveness</th><th>capacity to act</th></tr></thead><tbody>",
            svg::plane(
                &next_id(),
                "Inclusiveness against capacity to act",
                PLANE_DESC,
                "inclusiveness: share of the parties bound that vote",
                "capacity to act (Coleman), log scale",
                &dots
            ),
            escape(PLANE_DESC)
        );
        for p in &memo.plane {
            let _ = write!(
                out,
                "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{:.1}%</td><td class=\"num\">{}</td></tr>",
                escape(&p.key),
                escape(&p.treaty),
                escape(&p.body),
                escape(&p.decision),
                p.inclusiveness * 100.0,
                svg::figure(p.capacity)
            );
        }
        out.push_str("</tbody></table>\n</section>\n");
    }
    let _ = write!(
        out,
        "<footer><p>Written by treaty {} from the files named above. Indices are exact fractions computed over every coalition of the members, shown rounded; the exact values are in <span class=\"code\">treaty analyze --format json</span>. Run <span class=\"code\">treaty explain CODE</span> for a rule's reasoning and sources.</p></footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    );
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn finding_html(out: &mut String, f: &super::FindingMemo) {
    let class = f.severity.as_str();
    let _ = write!(
        out,
        "<div class=\"finding {class}\"><p class=\"head\">{}: {} <span class=\"code\">[{}]</span></p>",
        super::severity_word(f.severity),
        escape(&f.message),
        escape(f.code)
    );
    if let Some(e) = f.explanation {
        let _ = write!(out, "<p><em>What this rule finds:</em> {}.</p>", escape(e));
    }
    if let Some(fix) = &f.fix {
        let _ = write!(out, "<p><em>What would fix it:</em> {}.</p>", escape(fix));
    }
    if let Some(b) = &f.basis {
        let _ = write!(out, "<p class=\"note\"><em>Basis:</em> {}.</p>", escape(b));
    }
    out.push_str("</div>\n");
}

fn power_table(rows: &[svg::Bar]) -> String {
    let mut out = String::from(
        "<table><thead><tr><th>members</th><th>Shapley–Shubik</th><th>Banzhaf (normalized)</th></tr></thead><tbody>",
    );
    for r in rows {
        let v = |i: usize| svg::figure(r.values.get(i).copied().unwrap_or(0.0));
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&r.label),
            v(0),
            v(1)
        );
    }
    out.push_str("</tbody></table>");
    out
}
