//! The documentation pages of the codes: one Markdown page per lint, generated from the
//! rule's doc comment (as ruff generates its rule pages), and one per error in the input,
//! with an index. `treaty rules --write-docs docs/rules` writes them; a test fails when the
//! committed pages are stale. Every diagnostic links to its page ([`url`]): JSON `url`,
//! SARIF `helpUri`, LSP `codeDescription.href`.

use crate::diagnostic::InputError;
use crate::rules::{self, LintRule};

/// Where the pages live in the repository.
pub const FOLDER: &str = "docs/rules";

/// The stable address of a code's page: the repository (Cargo.toml `repository`), branch
/// `main`, `docs/rules/<code>.md`.
pub fn url(code: &str) -> String {
    format!(
        "{}/blob/main/{FOLDER}/{code}.md",
        env!("CARGO_PKG_REPOSITORY").trim_end_matches('/')
    )
}

/// Every page as (file name, Markdown): one per lint, one per input-error code, and
/// `README.md`, the index.
pub fn pages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = rules::ALL
        .iter()
        .map(|r| (format!("{}.md", r.code), rule_page(r)))
        .collect();
    out.extend(
        InputError::ALL
            .iter()
            .map(|e| (format!("{e}.md"), error_page(e.as_str(), e.meaning()))),
    );
    out.push(("README.md".to_string(), index()));
    out.sort();
    out
}

const GENERATED: &str =
    "<!-- Generated from the source by `cargo run -- rules --write-docs docs/rules`; do not edit. -->\n\n";

fn rule_page(rule: &LintRule) -> String {
    let mut page = format!(
        "{GENERATED}# `{}`\n\n{}.\n\nA lint. Default severity: **{}**. Silence it on one clause with `# treaty: allow({})`, or set its level in `treaty.toml` (`{} = \"allow\" | \"warn\" | \"deny\"` under `[lints]`).\n",
        rule.code,
        capitalized(rule.summary),
        rule.severity,
        rule.code,
        rule.code
    );
    if let Some(fix) = rule.fix {
        page.push_str(&format!("\n**Fix:** {fix}\n"));
    }
    page.push('\n');
    page.push_str(rule.documentation().trim_end());
    page.push('\n');
    page
}

fn error_page(code: &str, meaning: &str) -> String {
    let mut page = format!(
        "{GENERATED}# `{code}`\n\n{}.\n\nAn error in the input, not a finding: the file cannot be checked as written. \
         `treaty check` reports it with the place and a help line, exits with status 2, and \
         runs no lint on a file until its errors are fixed. It cannot be silenced or set to \
         another level.\n",
        capitalized(meaning)
    );
    if let Some(fix) = error_fix(code) {
        page.push_str(&format!("\n**Fix:** {fix}\n"));
    }
    page
}

/// The fixes that errors in the input carry.
fn error_fix(code: &str) -> Option<&'static str> {
    (code == InputError::UnknownName.as_str()).then_some(
        "unsafe: when a declared name is close to the unknown one, replace it with that name \
         (\"did you mean\"); a guess, so never applied by `treaty check --fix`.",
    )
}

fn index() -> String {
    let mut page = format!(
        "{GENERATED}# Codes\n\nEvery diagnostic of `treaty` has a code and links to its page here.\n\n## Lints\n\n| code | default | finds |\n|---|---|---|\n"
    );
    for r in rules::ALL {
        page.push_str(&format!(
            "| [`{}`]({}.md) | {} | {} |\n",
            r.code,
            r.code,
            r.severity,
            r.summary.replace('|', "\\|")
        ));
    }
    page.push_str("\n## Errors in the input\n\n| code | means |\n|---|---|\n");
    for e in InputError::ALL {
        page.push_str(&format!(
            "| [`{e}`]({e}.md) | {} |\n",
            e.meaning().replace('|', "\\|")
        ));
    }
    page
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Writes every page into `dir` (created if missing) and removes the `.md` pages there that
/// no code has any longer. Returns the names written.
pub fn write(dir: &std::path::Path) -> std::io::Result<Vec<String>> {
    std::fs::create_dir_all(dir)?;
    let pages = pages();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let stale = path.extension().is_some_and(|e| e == "md")
            && path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !pages.iter().any(|(name, _)| name == n));
        if stale {
            std::fs::remove_file(&path)?;
        }
    }
    for (name, text) in &pages {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(pages.into_iter().map(|(name, _)| name).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_page_and_a_url_under_the_repository() {
        let pages = pages();
        for code in rules::ALL
            .iter()
            .map(|r| r.code)
            .chain(InputError::ALL.iter().map(|e| e.as_str()))
        {
            assert!(
                pages.iter().any(|(n, _)| *n == format!("{code}.md")),
                "{code}"
            );
            assert!(
                url(code).starts_with("https://github.com/"),
                "{}",
                url(code)
            );
            assert!(url(code).ends_with(&format!("/blob/main/docs/rules/{code}.md")));
        }
    }
}
