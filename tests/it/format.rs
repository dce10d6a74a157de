//! `treaty fmt` on every treaty and scenario in the repository (the corpus, the examples and
//! the test fixtures): formatting twice gives what formatting once gives; the syntax tree,
//! the Model, the scenario scripts and their results, and the diagnostics are the same
//! before and after; every comment survives, in order; a file with a syntax error gets the
//! checker's error back and no text.
use std::path::{Path, PathBuf};
use treaty::format::{format, Language};
use treaty::source::FileId;
use treaty::syntax::{scan, Limits, TokenKind};

const FOLDERS: [&str; 3] = ["treaties", "examples", "tests/fixtures"];

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            files_under(&path, out);
        } else if meta.is_file() {
            out.push(path);
        }
    }
}

/// Every `.treaty` and `.scenario` file under `root`'s folders, with its language.
fn corpus(root: &Path) -> Vec<(PathBuf, Language)> {
    let mut all = Vec::new();
    for folder in FOLDERS {
        files_under(&root.join(folder), &mut all);
    }
    all.into_iter()
        .filter_map(|p| Language::of_path(&p).map(|l| (p, l)))
        // A file that is not UTF-8 is not text to format (the catalogue's `io-error` cases).
        .filter(|(p, _)| std::fs::read_to_string(p).is_ok())
        .collect()
}

/// Debug output with every span and the given roots taken out.
fn without_spans(debug: &str, roots: &[&Path]) -> String {
    let span = regex_lite::Regex::new(
        r"Span \{\s*file: FileId\(\s*\d+,?\s*\),?\s*start: \d+,?\s*end: \d+,?\s*\}",
    )
    .unwrap();
    let mut out = span.replace_all(debug, "Span").into_owned();
    for root in roots {
        out = out.replace(&*root.to_string_lossy(), "<root>");
    }
    out
}

/// Where two long texts first differ, for a readable failure.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let at = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(8);
    format!(
        "--- before (from line {})\n{}\n--- after\n{}",
        from + 1,
        a[from..(at + 3).min(a.len())].join("\n"),
        b[from..(at + 3).min(b.len())].join("\n")
    )
}

fn comments(text: &str) -> Vec<String> {
    scan(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Comment)
        .map(|t| t.text(text).trim_end().to_string())
        .collect()
}

/// The syntax tree (or the scripts) and the parser's diagnostics, spans taken out.
fn parsed(text: &str, language: Language) -> (String, Vec<(String, String)>) {
    let (tree, diagnostics) = match language {
        Language::Treaty => {
            let (file, d) = treaty::syntax::parse(FileId(0), text, &Limits::default());
            (format!("{:#?}{:#?}", file.items, file.suppressions), d)
        }
        Language::Scenario => {
            let (scripts, d) = treaty::scenario::parse(FileId(0), text);
            (format!("{scripts:#?}"), d)
        }
    };
    let diagnostics = diagnostics
        .into_iter()
        .map(|d| (d.code.to_string(), d.message))
        .collect();
    (without_spans(&tree, &[]), diagnostics)
}

#[test]
fn every_file_formats_once_for_all_and_means_what_it_meant() {
    let files = corpus(Path::new("."));
    assert!(
        files.len() >= 80,
        "the corpus is missing files: {}",
        files.len()
    );
    let mut formatted = 0;
    for (path, language) in files {
        let name = path.display();
        let text = std::fs::read_to_string(&path).unwrap();
        let out = match format(FileId(0), &text, language) {
            Ok(out) => out,
            Err(errors) => {
                // An error fixture: the error is the checker's own.
                let (_, expected) = parsed(&text, language);
                let got: Vec<_> = errors
                    .iter()
                    .map(|d| (d.code.to_string(), d.message.clone()))
                    .collect();
                assert!(!got.is_empty(), "{name}");
                assert_eq!(got, expected, "{name}: not the checker's syntax error");
                continue;
            }
        };
        formatted += 1;
        let again = format(FileId(0), &out, language).unwrap();
        assert!(
            again == out,
            "{name}: formatting twice differs from once:\n{out}"
        );
        let (before, after) = (parsed(&text, language), parsed(&out, language));
        assert!(
            before.0 == after.0,
            "{name}: formatting changed the syntax tree\n{}",
            first_difference(&before.0, &after.0)
        );
        assert_eq!(
            before.1, after.1,
            "{name}: the parser's diagnostics changed"
        );
        assert_eq!(
            comments(&text),
            comments(&out),
            "{name}: comments lost or moved"
        );
        assert!(out.ends_with('\n') || out.is_empty(), "{name}");
    }
    assert!(formatted >= 70, "only {formatted} files formatted");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    let mut files = Vec::new();
    files_under(from, &mut files);
    for file in files {
        let target = to.join(file.strip_prefix(from).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, &target).unwrap();
    }
}

/// The Model of every treaty and the result of every example scenario, with their
/// diagnostics, as read under `root` (an absolute path).
fn meaning_under(root: &Path) -> Vec<String> {
    let roots = [root];
    let mut out = Vec::new();
    for (path, language) in corpus(root) {
        if language != Language::Treaty {
            continue;
        }
        let report = treaty::check_paths(std::slice::from_ref(&path), Limits::default());
        let diagnostics: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {} {}",
                    report.sources.name(d.span.file),
                    d.severity,
                    d.code,
                    d.message
                )
            })
            .collect();
        let models = format!("{:#?}", report.treaties);
        out.push(without_spans(
            &format!(
                "{}\n{models}\n{diagnostics:#?}",
                path.strip_prefix(root).unwrap().display()
            ),
            &roots,
        ));
    }
    let run = treaty::scenario::run_paths(&[root.join("examples")], None, Limits::default());
    out.push(without_spans(
        &format!("{:#?}\n{:#?}", run.results, run.diagnostics),
        &roots,
    ));
    // Some names are shown relative to the working folder.
    if let Ok(cwd) = std::env::current_dir().and_then(std::fs::canonicalize) {
        if let Ok(relative) = root.strip_prefix(&cwd) {
            let prefix = format!("{}/", relative.display());
            if prefix != "/" {
                for o in &mut out {
                    *o = o.replace(&prefix, "");
                }
            }
        }
    }
    out
}

#[test]
fn the_models_diagnostics_and_scenario_results_are_the_same_after_formatting() {
    // Two copies side by side, one formatted, so that the names the checker prints are
    // alike wherever the target folder is (inside the repository or not).
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let original = tmp.join(format!("fmt-original-{}", std::process::id()));
    let copy = tmp.join(format!("fmt-corpus-{}", std::process::id()));
    for root in [&original, &copy] {
        let _ = std::fs::remove_dir_all(root);
        for folder in FOLDERS {
            copy_tree(Path::new(folder), &root.join(folder));
        }
    }
    let mut changed = 0;
    for (path, language) in corpus(&copy) {
        let text = std::fs::read_to_string(&path).unwrap();
        if let Ok(out) = format(FileId(0), &text, language) {
            if out != text {
                changed += 1;
                std::fs::write(&path, out).unwrap();
            }
        }
    }
    // The fixtures are not all formatted, so this test has something to compare.
    assert!(changed > 0);
    let before = meaning_under(&std::fs::canonicalize(&original).unwrap());
    let after = meaning_under(&std::fs::canonicalize(&copy).unwrap());
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert!(
            b == a,
            "formatting changed what a file means:\n{}",
            first_difference(b, a)
        );
    }
    let _ = std::fs::remove_dir_all(&copy);
    let _ = std::fs::remove_dir_all(&original);
}

/// The layout is the formatter's alone: a file's tokens laid out at random (each gap a space
/// or a line break) format to what the same tokens one a line format to.
#[test]
fn the_layout_does_not_depend_on_the_layout_written() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut coin = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed & 1 == 0
    };
    for (path, language) in corpus(Path::new(".")) {
        let text = std::fs::read_to_string(&path).unwrap();
        if format(FileId(0), &text, language).is_err() {
            continue;
        }
        let tokens: Vec<&str> = scan(&text)
            .iter()
            .filter(|t| t.kind != TokenKind::Comment)
            .map(|t| t.text(&text))
            .collect();
        let mut one_a_line = String::new();
        for pair in tokens.windows(2) {
            one_a_line.push_str(pair[0]);
            if pair[0] != "(" && pair[1] != ")" {
                one_a_line.push('\n');
            }
        }
        one_a_line.push_str(tokens.last().unwrap_or(&""));
        let reference = format(FileId(0), &one_a_line, language).unwrap();
        for _ in 0..3 {
            let mut shuffled = String::new();
            for pair in tokens.windows(2) {
                shuffled.push_str(pair[0]);
                // `(X)` is one token to the grammar: nothing may come between its parts.
                if pair[0] != "(" && pair[1] != ")" {
                    shuffled.push_str(if coin() { " " } else { "\n   " });
                }
            }
            shuffled.push_str(tokens.last().unwrap_or(&""));
            let out = format(FileId(0), &shuffled, language).unwrap();
            assert!(
                out == reference,
                "{}: the layout depends on the input's\n{}",
                path.display(),
                first_difference(&reference, &out)
            );
        }
    }
}

/// Whatever the input, formatting never panics, and what it formats it formats for good.
#[test]
fn every_prefix_formats_or_is_refused() {
    for (path, language, step) in [
        ("treaties/est-2009.treaty", Language::Treaty, 97),
        (
            "treaties/parties/osce-participating-states.treaty",
            Language::Treaty,
            47,
        ),
        (
            "examples/est-art8-attacker-objects.scenario",
            Language::Scenario,
            5,
        ),
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        for cut in (0..text.len())
            .step_by(step)
            .filter(|&i| text.is_char_boundary(i))
        {
            if let Ok(out) = format(FileId(0), &text[..cut], language) {
                assert_eq!(
                    format(FileId(0), &out, language).ok().as_deref(),
                    Some(out.as_str()),
                    "{path} cut at {cut}"
                );
            }
        }
    }
    let deep = format!(
        "body b {{ decides x by {}consensus{} }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let wide = format!(
        "party A \"A\"\nparties A\nbody b {{ decides x by {} }}",
        vec!["(consensus)"; 3000].join(" or ")
    );
    for text in [
        "",
        "\"",
        "treaty \"\" {",
        "article 1 says \"\\",
        "# only a comment",
        "\u{feff}party A \"A\"",
        "within [N # not a comment] days",
        &deep,
        &wide,
    ] {
        for language in [Language::Treaty, Language::Scenario] {
            if let Ok(out) = format(FileId(0), text, language) {
                assert_eq!(format(FileId(0), &out, language).unwrap(), out);
            }
        }
    }
}

/// Comments anywhere between tokens, suppressions among them: every file still formats,
/// for good, with its comments in order. `TREATY_FMT_ROUNDS=100` tries harder.
#[test]
fn comments_anywhere_are_kept_in_order() {
    let rounds: usize = std::env::var("TREATY_FMT_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2);
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut roll = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for (path, language) in corpus(Path::new(".")) {
        let text = std::fs::read_to_string(&path).unwrap();
        if format(FileId(0), &text, language).is_err() || text.len() > 12_000 {
            continue;
        }
        let tokens = scan(&text);
        for round in 0..rounds {
            let mut noisy = String::new();
            let mut last = 0;
            for (i, t) in tokens.iter().enumerate() {
                noisy.push_str(&text[last..t.end]);
                last = t.end;
                let inside_blank =
                    t.text(&text) == "(" || tokens.get(i + 1).is_some_and(|n| n.text(&text) == ")");
                if t.kind == TokenKind::Comment || inside_blank || roll(9) != 0 {
                    continue;
                }
                let comment = match roll(4) {
                    0 => " # treaty: allow(single-party-veto)\n",
                    1 => "\n  # own line\n",
                    2 => "   # trailing\n",
                    _ => "\n\n# after a blank line\n\n",
                };
                noisy.push_str(comment);
            }
            noisy.push_str(&text[last..]);
            let out = match format(FileId(0), &noisy, language) {
                Ok(out) => out,
                Err(e) => panic!("{} round {round}: {e:#?}\n{noisy}", path.display()),
            };
            assert_eq!(
                format(FileId(0), &out, language).unwrap(),
                out,
                "{} round {round}: not idempotent",
                path.display()
            );
            assert_eq!(comments(&noisy), comments(&out), "{}", path.display());
        }
    }
}
