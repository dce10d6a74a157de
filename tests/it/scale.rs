//! Inputs shaped to find what is not linear: many findings, many unknown names, a huge
//! unknown name, many unknown codes in `treaty.toml`, a body of thousands, a large valid
//! file. Each generator is run here at a small size and its result checked (not timed); the
//! ignored test writes the large sizes to a folder, to be timed by hand against the release
//! program:
//!
//! ```sh
//! TREATY_SCALE_DIR=/tmp/scale cargo test --test it -- --ignored scale::
//! cargo build --release
//! /usr/bin/time -v target/release/treaty check /tmp/scale/findings.treaty > /dev/null
//! ```
use std::fmt::Write as _;
use std::path::Path;
use treaty::diagnostic::codes;

const HEAD: &str = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n";

/// A procedure with `n` blank deadlines: `n` placeholder findings, one per line.
fn findings(n: usize) -> String {
    let mut text = format!("{HEAD}procedure p {{\n  initiated by any party\n");
    for i in 0..n {
        let _ = writeln!(
            text,
            "  deadline \"step {i:06} of the procedure\" within (X) days"
        );
    }
    text.push_str("}\n");
    text
}

/// `n` unknown names on one line, among `declared` declared parties.
fn unknown_names(n: usize, declared: usize) -> String {
    let mut text = String::new();
    for i in 0..declared {
        let _ = writeln!(text, "party p{i} \"P{i}\"");
    }
    text.push_str("party A \"Alpha\"\nparties all parties\nclass c = A");
    for i in 0..n {
        let _ = write!(text, ", q{i}");
    }
    text.push('\n');
    text
}

/// One unknown name `len` letters long, one letter away from a declared name.
fn huge_name(len: usize) -> String {
    let declared = "y".repeat(len);
    let misspelt = format!("{}x", "y".repeat(len.saturating_sub(1)));
    format!("party {declared} \"Y\"\nparties {declared}\nclass c = {misspelt}\n")
}

/// A `treaty.toml` naming `n` rules that do not exist.
fn unknown_codes(n: usize) -> String {
    let mut text = String::from("[lints]\n");
    for i in 0..n {
        let _ = writeln!(text, "no-such-rule-{i} = \"warn\"");
    }
    text
}

/// `n` members deciding by a simple majority.
fn majority(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = writeln!(text, "party p{i} \"P{i}\"");
    }
    text.push_str("parties all parties\nbody b { decides x by a majority of members }\n");
    text
}

/// A valid file of about `bytes` bytes: articles, each with a norm that cites it, and a
/// body that judges breaches (so that the file has no findings to print).
fn valid(bytes: usize) -> String {
    let mut text = format!(
        "{HEAD}party C \"Gamma\"\nparties C\nbody court {{ decides breaches by a majority of members }}\n"
    );
    let mut i = 0;
    while text.len() < bytes {
        let _ = write!(
            text,
            "article {i} says \"Each Party shall report its holdings of item {i} every year.\"\n\
             norm n{i} article {i} {{\n  each party shall \"report its holdings of item {i}\"\n  toward all other parties\n  breach judged by court\n}}\n"
        );
        i += 1;
    }
    text
}

fn check(text: &str) -> treaty::Report {
    treaty::check_source("t.treaty", text, &[])
}

#[test]
fn thousands_of_findings_each_located() {
    let n = 2000;
    let report = check(&findings(n));
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "placeholder")
        .collect();
    assert_eq!(found.len(), n);
    let plain = treaty::render::plain(&report.sources, &report.diagnostics);
    // The last blank is on the last deadline's line: line 5 + n - 1.
    assert!(
        plain.contains(&format!("t.treaty:{}:", 5 + n - 1)),
        "{}",
        &plain[plain.len() - 300..]
    );
    let human = treaty::render::human(&report.sources, &report.diagnostics, false);
    assert_eq!(human.matches("placeholder").count(), n);
}

#[test]
fn thousands_of_unknown_names_among_thousands_declared() {
    let report = check(&unknown_names(3000, 3000));
    let unknown = report
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::UNKNOWN_NAME)
        .count();
    assert_eq!(unknown, 3000);
}

#[test]
fn a_huge_unknown_name_is_reported_without_a_hint() {
    let report = check(&huge_name(100_000));
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.code == codes::UNKNOWN_NAME)
        .expect("the unknown name");
    assert!(!d.help.as_deref().unwrap_or("").contains("did you mean"));
    // A short misspelling still gets its hint.
    let report = check(&huge_name(5));
    let d = &report.diagnostics[0];
    assert!(
        d.help
            .as_deref()
            .unwrap_or("")
            .starts_with("did you mean `yyyyy`?"),
        "{d:?}"
    );
}

#[test]
fn thousands_of_unknown_codes_in_the_configuration() {
    let n = 3000;
    let mut ws = treaty::model::Workspace::new(treaty::syntax::Limits::default());
    ws.add_source("t/treaty.toml", unknown_codes(n));
    let (config, errors) = treaty::config::load(Path::new("t/treaty.toml"), &mut ws);
    assert!(config.levels.is_empty());
    assert_eq!(errors.len(), n);
    let json = treaty::render::json(&ws.sources, &errors, 0);
    assert!(
        json.contains(&format!("\"line\": {}", n + 1)),
        "the last code is on line {}",
        n + 1
    );
}

#[test]
fn a_majority_beyond_the_members_limit_is_not_computed() {
    let report = check(&majority(4097));
    let t = &report.treaties[0];
    let analysis = treaty::analysis::analyze(t, "t.treaty", None, &[]);
    let d = &analysis.bodies[0].decisions[0];
    assert!(!d.not_computed.is_empty());
    assert!(d
        .not_computed
        .iter()
        .all(|m| m.reason.contains("4097 members")));
}

#[test]
fn a_valid_file_has_no_findings() {
    let text = valid(200_000);
    let report = check(&text);
    assert!(
        report.diagnostics.is_empty(),
        "{:#?}",
        &report.diagnostics[..1]
    );
    assert!(report.treaties[0].norms.len() > 500);
}

/// Writes the inputs at the sizes that were slow, for timing by hand (see the top).
#[test]
#[ignore = "writes large files; run by hand with TREATY_SCALE_DIR set"]
fn write_large_inputs() {
    let Some(dir) = std::env::var_os("TREATY_SCALE_DIR") else {
        panic!("set TREATY_SCALE_DIR to the folder to write to");
    };
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir.join("config")).unwrap();
    let write = |name: &str, text: String| std::fs::write(dir.join(name), text).unwrap();
    write("findings.treaty", findings(10_000));
    write("unknown-names.treaty", unknown_names(20_000, 0));
    write(
        "unknown-among-declared.treaty",
        unknown_names(20_000, 20_000),
    );
    write("huge-name.treaty", huge_name(1_000_000));
    write("config/treaty.toml", unknown_codes(10_000));
    write("config/small.treaty", HEAD.to_string());
    write("majority-6000.treaty", majority(6_000));
    write("majority-4096.treaty", majority(4_096));
    let limit = treaty::syntax::Limits::default().max_file_bytes;
    write("valid-at-limit.treaty", valid(limit - 1000));
}
