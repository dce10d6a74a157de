//! The committed documentation pages (`docs/rules/`, where every diagnostic's `url` points)
//! are what the source generates. When this fails, regenerate them:
//! `cargo run -- rules --write-docs docs/rules`.
const REGENERATE: &str = "the pages in docs/rules are stale: run `cargo run -- rules --write-docs docs/rules` and commit the result";

#[test]
fn committed_pages_are_current() {
    let pages = treaty::docs::pages();
    for (name, text) in &pages {
        let path = std::path::Path::new(treaty::docs::FOLDER).join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == *text, "{}: {REGENERATE}", path.display());
    }
    for entry in std::fs::read_dir(treaty::docs::FOLDER).expect("docs/rules exists") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            pages.iter().any(|(n, _)| *n == name),
            "docs/rules/{name} documents no code: {REGENERATE}"
        );
    }
}

#[test]
fn every_diagnostic_of_the_corpus_links_to_a_committed_page() {
    let report = treaty::check_paths(
        &[std::path::PathBuf::from("treaties")],
        treaty::syntax::Limits::default(),
    );
    assert!(!report.diagnostics.is_empty());
    let prefix = format!("{}/blob/main/", env!("CARGO_PKG_REPOSITORY"));
    for d in &report.diagnostics {
        let url = d.url();
        let page = url.strip_prefix(&prefix).expect("under the repository");
        assert!(std::path::Path::new(page).is_file(), "{url}");
    }
}
