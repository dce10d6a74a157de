//! `treaty diff` output: human (grouped by article), Markdown (the same, for a memo or a pull
//! request) and versioned JSON with its schema.

use super::analysis::show;
use crate::diff::{BodyDiff, Change, DecisionDiff, Diff, Finding, Number, PartyChange, Status};
use crate::wording::{and_list, and_list_capped, counted};
use std::fmt::Write as _;

/// The whole diff as one JSON document (`"version": 1`), with a trailing newline.
pub fn diff_json(diff: &Diff) -> String {
    let mut text = serde_json::to_string_pretty(diff).unwrap_or_default();
    text.push('\n');
    text
}

/// One thing that changed, under the article it is about.
enum Item<'a> {
    Reworded(&'a crate::diff::ArticleChange),
    Restated(&'a crate::diff::ArticleChange),
    ArticleAdded(&'a crate::diff::ArticleInfo),
    ArticleRemoved(&'a crate::diff::ArticleInfo),
    Body(&'a BodyDiff),
    Decision(&'a BodyDiff, &'a DecisionDiff),
    Added(&'a Finding),
    Removed(&'a Finding),
    Changed(&'a crate::diff::Changed),
}

/// Everything that changed, grouped by article: the articles in reading order, then
/// citations the files do not declare, then what cites no article.
fn groups(diff: &Diff) -> Vec<(Option<String>, Vec<Item<'_>>)> {
    let mut groups: Vec<(Option<String>, Vec<Item<'_>>)> = diff
        .article_order
        .iter()
        .map(|c| (Some(c.clone()), Vec::new()))
        .collect();
    let mut put = |citation: Option<&String>, item| {
        match groups.iter_mut().find(|(c, _)| c.as_ref() == citation) {
            Some((_, items)) => items.push(item),
            None => groups.push((citation.cloned(), vec![item])),
        };
    };
    let a = &diff.articles;
    for x in &a.reworded {
        put(Some(&x.citation), Item::Reworded(x));
    }
    for x in &a.status_changed {
        put(Some(&x.citation), Item::Restated(x));
    }
    for x in &a.added {
        put(Some(&x.citation), Item::ArticleAdded(x));
    }
    for x in &a.removed {
        put(Some(&x.citation), Item::ArticleRemoved(x));
    }
    for b in &diff.bodies {
        let body_level = b.status != Status::Changed
            || b.members.is_some()
            || !b.members_added.is_empty()
            || !b.members_removed.is_empty()
            || b.quorum_attendance.is_some()
            || b.smallest_boycott.is_some();
        if body_level {
            let cite = if b.quorum_attendance.is_some() || b.smallest_boycott.is_some() {
                b.quorum_citation.as_ref().or(b.citation.as_ref())
            } else {
                b.citation.as_ref()
            };
            put(cite, Item::Body(b));
        }
        if b.status == Status::Changed {
            for d in &b.decisions {
                put(d.citation.as_ref(), Item::Decision(b, d));
            }
        }
    }
    let f = &diff.findings;
    for x in &f.removed {
        put(x.citation.as_ref(), Item::Removed(x));
    }
    for x in &f.changed {
        put(x.citation.as_ref(), Item::Changed(x));
    }
    for x in &f.added {
        put(x.citation.as_ref(), Item::Added(x));
    }
    groups.retain(|(_, items)| !items.is_empty());
    // What cites no article goes last.
    groups.sort_by_key(|(c, _)| c.is_none());
    groups
}

/// The words around a change: `…taken by`, `consensus`, `a majority of four fifths`, `and
/// shall…`, so that a reworded article shows what was reworded.
fn changed_words(old: &str, new: &str) -> (String, String, String, String) {
    const CONTEXT: usize = 6;
    let o: Vec<&str> = old.split_whitespace().collect();
    let n: Vec<&str> = new.split_whitespace().collect();
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let max_suffix = o.len().min(n.len()) - prefix;
    let suffix = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let join = |words: &[&str]| words.join(" ");
    let before_start = prefix.saturating_sub(CONTEXT);
    let mut before = join(o.get(before_start..prefix).unwrap_or_default());
    if before_start > 0 {
        before = format!("…{before}");
    }
    let old_mid = join(o.get(prefix..o.len() - suffix).unwrap_or_default());
    let new_mid = join(n.get(prefix..n.len() - suffix).unwrap_or_default());
    let after_end = (o.len() - suffix + CONTEXT).min(o.len());
    let mut after = join(o.get(o.len() - suffix..after_end).unwrap_or_default());
    if after_end < o.len() {
        after.push('…');
    }
    (before, old_mid, new_mid, after)
}

fn basis_of(f: &Finding) -> &'static str {
    f.basis.as_ref().map_or("", |b| b.status.as_str())
}

fn opt(n: Option<usize>) -> String {
    n.map_or_else(|| "none".to_string(), |n| n.to_string())
}

fn num(n: &Number) -> String {
    show(n.value)
}

fn maybe_num(n: &Option<Number>) -> String {
    n.as_ref().map_or_else(|| "not computed".to_string(), num)
}

/// An index that is computed whenever its party's are, absent only where it has no value.
fn defined_num(n: &Option<Number>) -> String {
    n.as_ref().map_or_else(|| "undefined".to_string(), num)
}

fn vetoes(ids: &[String], members: usize, diff: &Diff) -> String {
    if ids.is_empty() {
        "none".into()
    } else if ids.len() == members {
        format!("every member ({members})")
    } else {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| diff.names.get(id).map_or(id.as_str(), String::as_str))
            .collect();
        and_list_capped(&names, 8)
    }
}

/// Parties whose indices changed alike, so that 56 equal members make one line.
fn party_groups(parties: &[PartyChange]) -> Vec<Vec<&PartyChange>> {
    let mut groups: Vec<Vec<&PartyChange>> = Vec::new();
    for p in parties {
        let same = |q: &&PartyChange| {
            q.banzhaf == p.banzhaf
                && q.banzhaf_normalized == p.banzhaf_normalized
                && q.shapley_shubik == p.shapley_shubik
                && q.veto == p.veto
        };
        match groups.iter_mut().find(|g| g.first().is_some_and(same)) {
            Some(g) => g.push(p),
            None => groups.push(vec![p]),
        }
    }
    groups
}

fn who(group: &[&PartyChange], members: usize) -> String {
    if group.len() == members && members > 1 {
        return format!("each of the {members} members");
    }
    let names: Vec<&str> = group.iter().map(|p| p.name.as_str()).collect();
    if names.len() == 1 {
        and_list(&names)
    } else {
        format!("each of {}", and_list_capped(&names, 6))
    }
}

fn arrow<T: std::fmt::Display>(c: &Change<T>) -> String {
    format!("{} → {}", c.old, c.new)
}

/// The lines of one item, without indentation or list marks.
fn lines(item: &Item<'_>, diff: &Diff) -> Vec<String> {
    let quote = |s: &str| format!("\"{s}\"");
    match item {
        Item::Reworded(x) => {
            let (before, old, new, after) = changed_words(
                x.old.text.as_deref().unwrap_or_default(),
                x.new.text.as_deref().unwrap_or_default(),
            );
            let mut out = vec!["text reworded".to_string()];
            out.push(format!(
                "  was: {}",
                quote(
                    [before.as_str(), &format!("[{old}]"), &after]
                        .join(" ")
                        .trim()
                )
            ));
            out.push(format!(
                "  now: {}",
                quote(
                    [before.as_str(), &format!("[{new}]"), &after]
                        .join(" ")
                        .trim()
                )
            ));
            if x.old.status != x.new.status {
                out.push(format!("  basis: {} → {}", x.old.status, x.new.status));
            }
            if let Some(note) = x
                .new
                .note
                .as_ref()
                .filter(|n| x.old.note.as_ref() != Some(*n))
            {
                out.push(format!("  note: {note}"));
            }
            out
        }
        Item::Restated(x) => {
            let mut out = vec![format!("basis: {} → {}", x.old.status, x.new.status)];
            if let Some(note) = &x.new.note {
                out.push(format!("  note: {note}"));
            }
            out
        }
        Item::ArticleAdded(x) => vec![format!("new article ({})", x.status)],
        Item::ArticleRemoved(x) => vec![format!("article removed (was {})", x.status)],
        Item::Body(b) => {
            let mut out = Vec::new();
            match b.status {
                Status::Added => out.push(format!("body {} ({}) added", b.title, b.body)),
                Status::Removed => out.push(format!("body {} ({}) removed", b.title, b.body)),
                Status::Changed => {
                    out.push(b.title.clone());
                    if let Some(m) = &b.members {
                        out.push(format!("  members: {}", arrow(m)));
                    }
                    if !b.members_added.is_empty() {
                        out.push(format!(
                            "  joins: {}",
                            and_list_capped(&b.members_added, 12)
                        ));
                    }
                    if !b.members_removed.is_empty() {
                        out.push(format!(
                            "  leaves: {}",
                            and_list_capped(&b.members_removed, 12)
                        ));
                    }
                    if let Some(q) = &b.quorum_attendance {
                        out.push(format!(
                            "  quorum: {} → {} must attend",
                            opt(q.old),
                            opt(q.new)
                        ));
                    }
                    if let Some(q) = &b.smallest_boycott {
                        out.push(format!(
                            "  smallest boycott that stops it meeting: {} → {}",
                            opt(q.old),
                            opt(q.new)
                        ));
                    }
                }
            }
            out
        }
        Item::Decision(b, d) => decision_lines(b, d, diff),
        Item::Added(f) => vec![finding_line("added", f)],
        Item::Removed(f) => vec![finding_line("removed", f)],
        Item::Changed(c) => {
            let mut out = vec![format!(
                "changed {}[{}] {}",
                c.new.severity, c.code, c.new.message
            )];
            for what in &c.changes {
                match *what {
                    "message" => out.push(format!("  was: {}", c.old.message)),
                    "severity" => out.push(format!(
                        "  severity: {} → {}",
                        c.old.severity, c.new.severity
                    )),
                    "basis" => {
                        if basis_of(&c.old) != basis_of(&c.new) {
                            out.push(format!(
                                "  basis: {} → {}",
                                basis_of(&c.old),
                                basis_of(&c.new)
                            ));
                        }
                        let caveats = |f: &Finding| {
                            f.basis
                                .as_ref()
                                .map(|b| b.caveats.clone())
                                .unwrap_or_default()
                        };
                        let old = caveats(&c.old);
                        for caveat in caveats(&c.new).iter().filter(|x| !old.contains(x)) {
                            out.push(format!("  new caveat: {caveat}"));
                        }
                    }
                    "citation" => out.push(format!(
                        "  citation: {} → {}",
                        c.old.citation.as_deref().unwrap_or("none"),
                        c.new.citation.as_deref().unwrap_or("none")
                    )),
                    _ => {}
                }
            }
            out
        }
    }
}

fn finding_line(what: &str, f: &Finding) -> String {
    let basis = match basis_of(f) {
        "" | "text" => String::new(),
        b => format!(" [{b}]"),
    };
    format!("{what} {}[{}] {}{basis}", f.severity, f.code, f.message)
}

fn decision_lines(b: &BodyDiff, d: &DecisionDiff, diff: &Diff) -> Vec<String> {
    let head = format!("{}, decisions on `{}`", b.title, d.kind);
    match d.status {
        Status::Added => {
            let rule = d.rule.as_ref().map_or("", |r| r.new.as_str());
            return vec![format!("{head}: new, by {rule}")];
        }
        Status::Removed => return vec![format!("{head}: no longer taken")],
        Status::Changed => {}
    }
    let mut out = vec![head];
    if let Some(r) = &d.rule {
        out.push(format!("  rule: {}", arrow(r)));
    }
    if let Some(r) = &d.excluded_roles {
        let list = |v: &[String]| {
            if v.is_empty() {
                "none".to_string()
            } else {
                and_list(v)
            }
        };
        out.push(format!(
            "  not voting in their own case: {} → {}",
            list(&r.old),
            list(&r.new)
        ));
    }
    if let Some(v) = &d.veto_players {
        out.push(format!(
            "  veto players: {} → {}",
            vetoes(&v.old, b.sizes.0, diff),
            vetoes(&v.new, b.sizes.1, diff)
        ));
    }
    if let Some(c) = &d.smallest_blocking_coalition {
        out.push(format!(
            "  smallest blocking coalition: {} → {}",
            opt(c.old),
            opt(c.new)
        ));
    }
    if let Some(c) = &d.power_to_act {
        out.push(format!(
            "  power to act (Coleman): {} → {}",
            maybe_num(&c.old),
            maybe_num(&c.new)
        ));
    }
    if let Some(c) = &d.inclusiveness {
        out.push(format!(
            "  inclusiveness: {} → {}",
            num(&c.old),
            num(&c.new)
        ));
    }
    if let Some(c) = &d.not_computed {
        out.push(format!(
            "  not computed: {} → {}",
            c.old.as_deref().unwrap_or("computed"),
            c.new.as_deref().unwrap_or("computed")
        ));
    }
    for group in party_groups(&d.parties) {
        let Some(p) = group.first() else { continue };
        let veto = p
            .veto
            .as_ref()
            .map(|v| {
                if v.new {
                    "; now holds a veto"
                } else {
                    "; no longer holds a veto"
                }
            })
            .unwrap_or("");
        out.push(format!(
            "  {}: Shapley–Shubik {} → {}, Banzhaf {} → {} (normalized {} → {}){veto}",
            who(&group, b.sizes.1),
            maybe_num(&p.shapley_shubik.old),
            maybe_num(&p.shapley_shubik.new),
            num(&p.banzhaf.old),
            num(&p.banzhaf.new),
            defined_num(&p.banzhaf_normalized.old),
            defined_num(&p.banzhaf_normalized.new),
        ));
    }
    out
}

fn summary_line(diff: &Diff) -> String {
    let s = &diff.summary;
    let mut parts = vec![
        format!(
            "findings: {} added, {} removed, {} changed, {} unchanged",
            s.findings_added, s.findings_removed, s.findings_changed, s.findings_unchanged
        ),
        format!(
            "articles: {} added, {} removed, {} reworded",
            s.articles_added, s.articles_removed, s.articles_reworded
        ),
        format!(
            "principles: {} added, {} dropped",
            s.principles_added, s.principles_dropped
        ),
    ];
    parts.push(counted(s.bodies_changed, "body changed", "bodies changed"));
    parts.join("; ")
}

fn principle_lines(diff: &Diff) -> Vec<String> {
    let cite = |c: &Option<String>| c.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
    let mut out = Vec::new();
    for p in &diff.principles.added {
        out.push(format!("affirms `{}`{}", p.principle, cite(&p.citation)));
    }
    for p in &diff.principles.dropped {
        out.push(format!(
            "no longer affirms `{}`{}",
            p.principle,
            cite(&p.citation)
        ));
    }
    out
}

fn title_of(v: &crate::diff::Version) -> String {
    match &v.title {
        Some(t) => format!("{} ({t})", v.file),
        None => v.file.clone(),
    }
}

/// Text for people, grouped by article.
pub fn diff_human(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "old: {}", title_of(&diff.old));
    let _ = writeln!(out, "new: {}", title_of(&diff.new));
    for (citation, items) in groups(diff) {
        let _ = writeln!(
            out,
            "\n{}",
            citation.as_deref().unwrap_or("not cited to an article")
        );
        for item in &items {
            for (i, line) in lines(item, diff).iter().enumerate() {
                let mark = if i == 0 { "- " } else { "  " };
                let _ = writeln!(out, "  {mark}{line}");
            }
        }
    }
    let principles = principle_lines(diff);
    if !principles.is_empty() {
        let _ = writeln!(out, "\nprinciples");
        for p in principles {
            let _ = writeln!(out, "  - {p}");
        }
    }
    let _ = writeln!(out, "\n{}", summary_line(diff));
    out
}

/// Markdown, for a memo or a pull request: a section per article.
pub fn diff_markdown(diff: &Diff) -> String {
    let esc = super::markdown_escape;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# What changes from `{}` to `{}`\n",
        diff.old.file, diff.new.file
    );
    if let (Some(o), Some(n)) = (&diff.old.title, &diff.new.title) {
        let _ = writeln!(out, "- old: {}\n- new: {}", esc(o), esc(n));
    }
    for (citation, items) in groups(diff) {
        let _ = writeln!(
            out,
            "\n## {}\n",
            esc(citation.as_deref().unwrap_or("Not cited to an article"))
        );
        for item in &items {
            for (i, line) in lines(item, diff).iter().enumerate() {
                if i == 0 {
                    let _ = writeln!(out, "- {}", esc(line));
                } else {
                    let _ = writeln!(out, "  - {}", esc(line.trim_start()));
                }
            }
        }
    }
    let principles = principle_lines(diff);
    if !principles.is_empty() {
        let _ = writeln!(out, "\n## Principles\n");
        for p in principles {
            let _ = writeln!(out, "- {}", esc(&p));
        }
    }
    let _ = writeln!(out, "\n## Summary\n\n{}", esc(&summary_line(diff)));
    out
}

/// The JSON Schema (draft 2020-12) of [`diff_json`]'s output.
pub fn diff_schema() -> &'static str {
    DIFF_SCHEMA
}

const DIFF_SCHEMA: &str = concat!(
    r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://github.com/treaty-checker/treaty/schema/diff-v1.json",
  "title": "treaty diff --format json",
  "description": "What a new version of a treaty changes: findings matched by rule and by anchor (the article cited and the clause), never by line; articles by citation; principles by name; bodies by id and decision rules by kind. When either version has an error in its input (exit 2), nothing is compared and the document lists the errors, as `treaty check --format json` does.",
  "oneOf": [{ "$ref": "#/$defs/diff" }, { "$ref": "#/$defs/input_errors" }],
  "$defs": {
    "diff": {
      "type": "object",
      "required": ["version", "old", "new", "findings", "articles", "principles", "bodies", "summary"],
      "additionalProperties": false,
      "properties": {
        "version": { "const": 1 },
        "old": { "$ref": "#/$defs/version" },
        "new": { "$ref": "#/$defs/version" },
        "findings": {
          "type": "object",
          "required": ["added", "removed", "changed", "unchanged"],
          "additionalProperties": false,
          "properties": {
            "added": { "type": "array", "items": { "$ref": "#/$defs/finding" } },
            "removed": { "type": "array", "items": { "$ref": "#/$defs/finding" } },
            "changed": { "type": "array", "items": { "$ref": "#/$defs/changed" } },
            "unchanged": { "type": "integer", "minimum": 0 }
          }
        },
        "articles": {
          "type": "object",
          "required": ["added", "removed", "reworded", "status_changed"],
          "additionalProperties": false,
          "properties": {
            "added": { "type": "array", "items": { "$ref": "#/$defs/article" } },
            "removed": { "type": "array", "items": { "$ref": "#/$defs/article" } },
            "reworded": { "type": "array", "items": { "$ref": "#/$defs/article_change" } },
            "status_changed": { "type": "array", "items": { "$ref": "#/$defs/article_change" } }
          }
        },
        "principles": {
          "type": "object",
          "required": ["added", "dropped"],
          "additionalProperties": false,
          "properties": {
            "added": { "type": "array", "items": { "$ref": "#/$defs/principle" } },
            "dropped": { "type": "array", "items": { "$ref": "#/$defs/principle" } }
          }
        },
        "bodies": { "type": "array", "items": { "$ref": "#/$defs/body" } },
        "summary": {
          "type": "object",
          "additionalProperties": false,
          "required": ["findings_added", "findings_removed", "findings_changed", "findings_unchanged", "articles_added", "articles_removed", "articles_reworded", "principles_added", "principles_dropped", "bodies_changed"],
          "properties": {
            "findings_added": { "type": "integer", "minimum": 0 },
            "findings_removed": { "type": "integer", "minimum": 0 },
            "findings_changed": { "type": "integer", "minimum": 0 },
            "findings_unchanged": { "type": "integer", "minimum": 0 },
            "articles_added": { "type": "integer", "minimum": 0 },
            "articles_removed": { "type": "integer", "minimum": 0 },
            "articles_reworded": { "type": "integer", "minimum": 0 },
            "principles_added": { "type": "integer", "minimum": 0 },
            "principles_dropped": { "type": "integer", "minimum": 0 },
            "bodies_changed": { "type": "integer", "minimum": 0 }
          }
        }
      }
    },
    "input_errors": {
      "type": "object",
      "required": ["version", "diagnostics", "summary"],
      "additionalProperties": false,
      "properties": {
        "version": { "const": 1 },
        "diagnostics": { "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/diagnostic" } },
        "summary": "##,
    check_summary_schema!(),
    r##"
      }
    },
"##,
    diagnostic_schema_defs!(),
    r##",
    "version": {
      "type": "object",
      "required": ["file"],
      "additionalProperties": false,
      "properties": { "file": { "type": "string" }, "title": { "type": "string" } }
    },
    "finding": {
      "type": "object",
      "description": "A finding of one version; line and column are in that version's file.",
      "required": ["code", "severity", "message", "subject", "line", "column"],
      "additionalProperties": false,
      "properties": {
        "code": { "type": "string", "pattern": "^[a-z][a-z0-9-]*$" },
        "severity": { "enum": ["error", "warning", "info"] },
        "message": { "type": "string" },
        "citation": { "type": "string" },
        "subject": { "type": "string", "description": "The clause the finding is about, e.g. \"body conference, decision decisions\"; empty when it sits on no clause." },
        "line": { "type": "integer", "minimum": 1 },
        "column": { "type": "integer", "minimum": 1 },
        "help": { "type": "string" },
        "basis": { "$ref": "#/$defs/basis" }
      }
    },
    "changed": {
      "type": "object",
      "required": ["code", "subject", "changes", "old", "new"],
      "additionalProperties": false,
      "properties": {
        "code": { "type": "string" },
        "citation": { "type": "string" },
        "subject": { "type": "string" },
        "changes": { "type": "array", "items": { "enum": ["message", "severity", "basis", "citation", "help"] } },
        "old": { "$ref": "#/$defs/finding" },
        "new": { "$ref": "#/$defs/finding" }
      }
    },
    "article": {
      "type": "object",
      "required": ["citation", "status"],
      "additionalProperties": false,
      "properties": {
        "citation": { "type": "string" },
        "title": { "type": "string" },
        "text": { "type": "string" },
        "status": { "enum": ["quoted", "paraphrase", "practice", "not encoded"] },
        "note": { "type": "string" }
      }
    },
    "article_change": {
      "type": "object",
      "required": ["citation", "old", "new"],
      "additionalProperties": false,
      "properties": {
        "citation": { "type": "string" },
        "old": { "$ref": "#/$defs/article" },
        "new": { "$ref": "#/$defs/article" }
      }
    },
    "principle": {
      "type": "object",
      "required": ["principle"],
      "additionalProperties": false,
      "properties": { "principle": { "type": "string" }, "citation": { "type": "string" } }
    },
    "fraction": {
      "type": "object",
      "required": ["exact", "value"],
      "additionalProperties": false,
      "properties": {
        "exact": { "type": "string", "pattern": "^[0-9]+/[0-9]+$" },
        "value": { "type": "number" }
      }
    },
    "count_change": {
      "type": "object",
      "required": ["old", "new"],
      "additionalProperties": false,
      "properties": {
        "old": { "type": ["integer", "null"], "minimum": 0 },
        "new": { "type": ["integer", "null"], "minimum": 0 }
      }
    },
    "fraction_change": {
      "type": "object",
      "required": ["old", "new"],
      "additionalProperties": false,
      "properties": { "old": { "$ref": "#/$defs/fraction" }, "new": { "$ref": "#/$defs/fraction" } }
    },
    "maybe_fraction_change": {
      "type": "object",
      "description": "A fraction is null where it was not computed within the budget, or where it has no value (a share of nothing).",
      "required": ["old", "new"],
      "additionalProperties": false,
      "properties": {
        "old": { "oneOf": [{ "$ref": "#/$defs/fraction" }, { "type": "null" }] },
        "new": { "oneOf": [{ "$ref": "#/$defs/fraction" }, { "type": "null" }] }
      }
    },
    "string_change": {
      "type": "object",
      "required": ["old", "new"],
      "additionalProperties": false,
      "properties": { "old": { "type": ["string", "null"] }, "new": { "type": ["string", "null"] } }
    },
    "body": {
      "type": "object",
      "required": ["body", "title", "status", "decisions"],
      "additionalProperties": false,
      "properties": {
        "body": { "type": "string" },
        "title": { "type": "string" },
        "status": { "enum": ["added", "removed", "changed"] },
        "citation": { "type": "string" },
        "members": { "$ref": "#/$defs/count_change" },
        "members_added": { "type": "array", "items": { "type": "string" } },
        "members_removed": { "type": "array", "items": { "type": "string" } },
        "quorum_citation": { "type": "string" },
        "quorum_attendance": { "$ref": "#/$defs/count_change" },
        "smallest_boycott": { "$ref": "#/$defs/count_change" },
        "decisions": { "type": "array", "items": { "$ref": "#/$defs/decision" } }
      }
    },
    "decision": {
      "type": "object",
      "required": ["kind", "status"],
      "additionalProperties": false,
      "properties": {
        "kind": { "type": "string" },
        "status": { "enum": ["added", "removed", "changed"] },
        "citation": { "type": "string" },
        "rule": { "$ref": "#/$defs/string_change" },
        "excluded_roles": {
          "type": "object",
          "required": ["old", "new"],
          "additionalProperties": false,
          "properties": {
            "old": { "type": "array", "items": { "type": "string" } },
            "new": { "type": "array", "items": { "type": "string" } }
          }
        },
        "veto_players": {
          "type": "object",
          "description": "Party ids, as treaty analyze gives them.",
          "required": ["old", "new", "added", "removed"],
          "additionalProperties": false,
          "properties": {
            "old": { "type": "array", "items": { "type": "string" } },
            "new": { "type": "array", "items": { "type": "string" } },
            "added": { "type": "array", "items": { "type": "string" } },
            "removed": { "type": "array", "items": { "type": "string" } }
          }
        },
        "smallest_blocking_coalition": { "$ref": "#/$defs/count_change" },
        "power_to_act": { "$ref": "#/$defs/maybe_fraction_change" },
        "inclusiveness": { "$ref": "#/$defs/fraction_change" },
        "not_computed": { "$ref": "#/$defs/string_change" },
        "parties": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["party", "name", "banzhaf", "banzhaf_normalized", "shapley_shubik"],
            "additionalProperties": false,
            "properties": {
              "party": { "type": "string" },
              "name": { "type": "string" },
              "veto": {
                "type": "object",
                "required": ["old", "new"],
                "additionalProperties": false,
                "properties": { "old": { "type": "boolean" }, "new": { "type": "boolean" } }
              },
              "banzhaf": { "$ref": "#/$defs/fraction_change" },
              "banzhaf_normalized": { "$ref": "#/$defs/maybe_fraction_change" },
              "shapley_shubik": { "$ref": "#/$defs/maybe_fraction_change" }
            }
          }
        }
      }
    }
  }
}
"##
);
