//! Charts as plain SVG text: bars, boxes with arrows, and dots on a plane. A memo needs no
//! more, and writing them here keeps the output deterministic (coordinates printed to one
//! decimal), self-contained (no script, no font or style from the network) and readable in
//! print: grey scale, patterns as well as shades, and every mark labelled in words. Each chart
//! carries a `<title>` and a `<desc>` for screen readers; the memo gives a table beside it.

use std::fmt::Write as _;

/// Text safe in XML and HTML, in content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const FONT: &str = "font-family=\"sans-serif\"";
/// Approximate width of a character of the 11px sans-serif text, for layout.
const CHAR_WIDTH: f64 = 6.2;

fn open(out: &mut String, id: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, class: &str, content: &str) {
    let _ = write!(
        out,
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" class=\"{class}\" {FONT}>{}</text>",
        escape(content)
    );
}

/// Cuts a label to `max` characters, with an ellipsis.
pub fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_string();
    }
    let mut out: String = label.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Splits text into lines of at most `width` characters, at spaces.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&clip(word, width));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The smallest of 1, 2, 2.5, 5 times a power of ten at or above `x`, for an axis's end.
fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let scale = 10f64.powf(x.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * scale >= x * (1.0 - 1e-12) {
            return step * scale;
        }
    }
    10.0 * scale
}

/// Three significant digits, without a trailing exponent for ordinary shares.
pub fn figure(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.abs() < 1e-3 {
        format!("{x:.2e}")
    } else {
        format!("{x:.3}")
    }
}

/// One row of a bar chart: a label and one value per series.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub values: Vec<f64>,
}

/// Horizontal bars, one group per row, one bar per series; the first series solid dark
/// grey, the second light grey with diagonal hatching, so they differ in print too.
pub fn bar_chart(id: &str, title: &str, desc: &str, series: &[&str], rows: &[Bar]) -> String {
    const LABEL_CHARS: usize = 56;
    const BAR_H: f64 = 11.0;
    const PLOT_W: f64 = 300.0;
    let label_w = rows
        .iter()
        .map(|r| clip(&r.label, LABEL_CHARS).chars().count())
        .max()
        .unwrap_or(10) as f64
        * CHAR_WIDTH
        + 12.0;
    let top = 34.0;
    let row_h = BAR_H * series.len() as f64 + 10.0;
    let width = label_w + PLOT_W + 70.0;
    let height = top + row_h * rows.len() as f64 + 28.0;
    let max = nice_ceiling(
        rows.iter()
            .flat_map(|r| r.values.iter().copied())
            .fold(0.0, f64::max),
    );
    let mut out = String::new();
    open(&mut out, id, width, height, title, desc);
    let _ = write!(
        out,
        "<defs><pattern id=\"{id}-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"#d9d9d9\"/>\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#555\" stroke-width=\"1.2\"/></pattern></defs>"
    );
    let fill = |i: usize| match i {
        0 => "#333".to_string(),
        _ => format!("url(#{id}-hatch)"),
    };
    // Legend.
    let mut x = label_w;
    for (i, name) in series.iter().enumerate() {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"8\" width=\"14\" height=\"10\" fill=\"{}\" stroke=\"#000\" stroke-width=\"0.5\"/>",
            fill(i)
        );
        text(&mut out, x + 18.0, 17.0, "start", "legend", name);
        x += 18.0 + name.chars().count() as f64 * CHAR_WIDTH + 18.0;
    }
    // Grid: 0, half and the end of the axis.
    let bottom = top + row_h * rows.len() as f64;
    for k in 0..=2 {
        let v = max * f64::from(k) / 2.0;
        let gx = label_w + PLOT_W * f64::from(k) / 2.0;
        let _ = write!(
            out,
            "<line x1=\"{gx:.1}\" y1=\"{:.1}\" x2=\"{gx:.1}\" y2=\"{bottom:.1}\" stroke=\"#999\" stroke-width=\"0.5\" stroke-dasharray=\"2 2\"/>",
            top - 4.0
        );
        text(&mut out, gx, bottom + 14.0, "middle", "tick", &figure(v));
    }
    for (r, row) in rows.iter().enumerate() {
        let y0 = top + row_h * r as f64;
        let _ = write!(out, "<g><title>{}</title>", escape(&row.label));
        text(
            &mut out,
            label_w - 8.0,
            y0 + row_h / 2.0 + 1.0,
            "end",
            "label",
            &clip(&row.label, LABEL_CHARS),
        );
        for (i, v) in row.values.iter().enumerate() {
            let w = if max > 0.0 { PLOT_W * v / max } else { 0.0 };
            let y = y0 + 4.0 + BAR_H * i as f64;
            let _ = write!(
                out,
                "<rect x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\" stroke=\"#000\" stroke-width=\"0.5\"/>",
                BAR_H - 1.0,
                fill(i)
            );
            text(
                &mut out,
                label_w + w + 4.0,
                y + BAR_H - 2.5,
                "start",
                "value",
                &figure(*v),
            );
        }
        out.push_str("</g>");
    }
    let _ = write!(
        out,
        "<line x1=\"{label_w:.1}\" y1=\"{:.1}\" x2=\"{label_w:.1}\" y2=\"{bottom:.1}\" stroke=\"#000\"/>",
        top - 4.0
    );
    out.push_str("</svg>");
    out
}

/// A dot on the inclusiveness–capacity plane.
#[derive(Debug, Clone)]
pub struct Dot {
    /// Inclusiveness, from 0 to 1.
    pub x: f64,
    /// log10 of the capacity to act; `None` when nothing passes (capacity zero).
    pub log10_y: Option<f64>,
    /// The key shown beside the dot: `1`, `2`...
    pub key: String,
}

/// Dots on a plane: x linear from 0 to 1 (shown as percentages), y on a log scale from the
/// lowest decade needed up to 1. Dots at the same place share one mark and list their keys.
pub fn plane(
    id: &str,
    title: &str,
    desc: &str,
    x_label: &str,
    y_label: &str,
    dots: &[Dot],
) -> String {
    let (left, right, top, bottom) = (78.0, 30.0, 20.0, 52.0);
    let (plot_w, plot_h) = (520.0, 300.0);
    let (width, height) = (left + plot_w + right, top + plot_h + bottom);
    let needed = -dots
        .iter()
        .filter_map(|d| d.log10_y)
        .fold(0.0f64, f64::min)
        .floor()
        .min(-1.0);
    // At most eight decades labelled; the axis ends on a labelled one.
    let step = (needed / 8.0).ceil().max(1.0);
    let lowest = -(needed / step).ceil() * step;
    // Nothing passes: drawn below the axis's lowest decade, on a line of its own.
    let has_zero = dots.iter().any(|d| d.log10_y.is_none());
    let y_of = |v: Option<f64>| match v {
        Some(v) => top + plot_h * (v / lowest).clamp(0.0, 1.0) * if has_zero { 0.92 } else { 1.0 },
        None => top + plot_h,
    };
    let x_of = |v: f64| left + plot_w * v.clamp(0.0, 1.0);
    let mut out = String::new();
    open(&mut out, id, width, height, title, desc);
    let _ = write!(
        out,
        "<rect x=\"{left:.1}\" y=\"{top:.1}\" width=\"{plot_w:.1}\" height=\"{plot_h:.1}\" fill=\"none\" stroke=\"#000\"/>"
    );
    for k in 0..=4 {
        let v = f64::from(k) / 4.0;
        let gx = x_of(v);
        let _ = write!(
            out,
            "<line x1=\"{gx:.1}\" y1=\"{top:.1}\" x2=\"{gx:.1}\" y2=\"{:.1}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>",
            top + plot_h
        );
        text(
            &mut out,
            gx,
            top + plot_h + 15.0,
            "middle",
            "tick",
            &format!("{}%", k * 25),
        );
    }
    let mut e = 0.0;
    while e >= lowest {
        let gy = y_of(Some(e));
        let _ = write!(
            out,
            "<line x1=\"{left:.1}\" y1=\"{gy:.1}\" x2=\"{:.1}\" y2=\"{gy:.1}\" stroke=\"#bbb\" stroke-width=\"0.5\"/>",
            left + plot_w
        );
        let label = if e == 0.0 {
            "1".to_string()
        } else {
            format!("1e{e:.0}")
        };
        text(&mut out, left - 6.0, gy + 4.0, "end", "tick", &label);
        e -= step;
    }
    if has_zero {
        text(
            &mut out,
            left - 6.0,
            top + plot_h + 4.0,
            "end",
            "tick",
            "never",
        );
    }
    text(
        &mut out,
        left + plot_w / 2.0,
        height - 12.0,
        "middle",
        "axis",
        x_label,
    );
    let _ = write!(
        out,
        "<text x=\"16\" y=\"{:.1}\" text-anchor=\"middle\" class=\"axis\" {FONT} transform=\"rotate(-90 16 {:.1})\">{}</text>",
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        escape(y_label)
    );
    // One mark per place, listing every key there.
    let mut places: Vec<((i64, i64), Vec<&str>)> = Vec::new();
    for d in dots {
        let at = (
            (x_of(d.x) * 10.0).round() as i64,
            (y_of(d.log10_y) * 10.0).round() as i64,
        );
        match places.iter_mut().find(|(p, _)| *p == at) {
            Some((_, keys)) => keys.push(&d.key),
            None => places.push((at, vec![&d.key])),
        }
    }
    // Each label takes the first of eight places around its dot that no earlier label holds.
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    for ((px, py), keys) in &places {
        let (x, y) = (*px as f64 / 10.0, *py as f64 / 10.0);
        let label = keys.join(", ");
        let _ = write!(
            out,
            "<g><title>{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#222\" stroke=\"#fff\" stroke-width=\"1\"/>",
            escape(&label)
        );
        let w = label.chars().count() as f64 * CHAR_WIDTH + 2.0;
        let fits_right = x + 8.0 + w <= left + plot_w + right;
        let mut spots = Vec::new();
        for dy in [-6.0, 12.0, -18.0, 24.0] {
            if fits_right {
                spots.push((x + 8.0, y + dy, "start"));
            }
            spots.push((x - 8.0, y + dy, "end"));
        }
        let box_of = |(lx, ly, anchor): (f64, f64, &str)| {
            let x0 = if anchor == "start" { lx } else { lx - w };
            (x0, ly - 10.0, x0 + w, ly + 2.0)
        };
        let overlaps = |a: (f64, f64, f64, f64), b: &(f64, f64, f64, f64)| {
            a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
        };
        let spot = spots
            .iter()
            .copied()
            .find(|s| !taken.iter().any(|t| overlaps(box_of(*s), t)))
            .or_else(|| spots.first().copied())
            .unwrap_or((x + 8.0, y - 6.0, "start"));
        taken.push(box_of(spot));
        text(&mut out, spot.0, spot.1, spot.2, "key", &label);
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// What a box in a procedure graph stands for; each has its own shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Procedure,
    Body,
    Decision,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// The first `heading` lines are the heading, in bold.
    pub lines: Vec<String>,
    pub heading: usize,
    /// Its column, from the left.
    pub column: usize,
}

/// Boxes in columns, with arrows from each `(from, to)` node index to the next.
pub fn graph(
    id: &str,
    title: &str,
    desc: &str,
    nodes: &[Node],
    edges: &[(usize, usize)],
) -> String {
    const BOX_W: f64 = 250.0;
    const GAP_X: f64 = 56.0;
    const LINE_H: f64 = 14.0;
    const GAP_Y: f64 = 14.0;
    let top = 40.0;
    let columns = nodes.iter().map(|n| n.column + 1).max().unwrap_or(1);
    let mut next_y = vec![top; columns];
    let mut boxes: Vec<(f64, f64, f64)> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let h = LINE_H * n.lines.len() as f64 + 10.0;
        let col_y = next_y.get(n.column).copied().unwrap_or(top);
        let x = 10.0 + (BOX_W + GAP_X) * n.column as f64;
        boxes.push((x, col_y, h));
        if let Some(slot) = next_y.get_mut(n.column) {
            *slot = col_y + h + GAP_Y;
        }
    }
    let width = 20.0 + (BOX_W + GAP_X) * columns as f64 - GAP_X;
    let height = next_y.iter().copied().fold(top, f64::max) + 6.0;
    let mut out = String::new();
    open(&mut out, id, width, height, title, desc);
    let _ = write!(
        out,
        "<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\" fill=\"#000\"/></marker></defs>"
    );
    // Legend: the three shapes.
    let legend = [
        (NodeKind::Procedure, "procedure"),
        (NodeKind::Body, "body"),
        (NodeKind::Decision, "decision"),
    ];
    let mut lx = 10.0;
    for (kind, name) in legend {
        shape(&mut out, kind, lx, 8.0, 22.0, 14.0);
        text(&mut out, lx + 28.0, 19.0, "start", "legend", name);
        lx += 28.0 + name.len() as f64 * CHAR_WIDTH + 20.0;
    }
    for &(from, to) in edges {
        let (Some(&(fx, fy, fh)), Some(&(tx, ty, th))) = (boxes.get(from), boxes.get(to)) else {
            continue;
        };
        let (x1, y1) = (fx + BOX_W, fy + fh / 2.0);
        let (x2, y2) = (tx, ty + th / 2.0);
        let bend = ((x2 - x1).abs() / 2.0).max(30.0);
        let _ = write!(
            out,
            "<path d=\"M{x1:.1} {y1:.1} C{:.1} {y1:.1} {:.1} {y2:.1} {x2:.1} {y2:.1}\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\" marker-end=\"url(#{id}-arrow)\"/>",
            x1 + bend,
            x2 - bend
        );
    }
    for (n, &(x, y, h)) in nodes.iter().zip(&boxes) {
        out.push_str("<g>");
        shape(&mut out, n.kind, x, y, BOX_W, h);
        for (i, line) in n.lines.iter().enumerate() {
            let class = if i < n.heading.max(1) {
                "node-head"
            } else {
                "node-line"
            };
            text(
                &mut out,
                x + 8.0,
                y + 16.0 + LINE_H * i as f64,
                "start",
                class,
                line,
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

fn shape(out: &mut String, kind: NodeKind, x: f64, y: f64, w: f64, h: f64) {
    let _ = match kind {
        NodeKind::Procedure => write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"5 3\"/>"
        ),
        NodeKind::Body => write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" fill=\"#e6e6e6\" stroke=\"#000\" stroke-width=\"2\"/>"
        ),
        NodeKind::Decision => write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"10\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1\"/>"
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_a_treaty_file_cannot_break_out_of_the_chart() {
        let evil = "</text><script>alert(1)</script> & \"quoted\" 'single'";
        let bars = [Bar {
            label: evil.into(),
            values: vec![0.5, 0.25],
        }];
        let svg = bar_chart("c1", evil, evil, &["a<b", "c&d"], &bars);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;/text&gt;&lt;script&gt;"));
        assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    }

    #[test]
    fn axes_end_at_round_numbers() {
        assert_eq!(nice_ceiling(0.017857), 0.02);
        assert_eq!(nice_ceiling(0.2), 0.2);
        assert_eq!(nice_ceiling(0.21), 0.25);
        assert_eq!(nice_ceiling(0.7), 1.0);
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
    }
}
