//! Every rule in the catalogue has a fixture it fires on and a corrected one it is silent
//! on, under `tests/fixtures/rules/<code>/`. The findings on `fires.treaty` are snapshotted.
use std::path::PathBuf;
use treaty::render;
use treaty::syntax::Limits;

#[test]
fn each_rule_fires_and_stays_silent_on_the_corrected_clause() {
    for rule in treaty::rules::ALL {
        let dir = PathBuf::from("tests/fixtures/rules").join(rule.code);
        for (file, should_fire) in [("fires.treaty", true), ("silent.treaty", false)] {
            let path = dir.join(file);
            assert!(path.is_file(), "{} has no {}", rule.code, path.display());
            let report = treaty::check_paths(std::slice::from_ref(&path), Limits::default());
            let input_errors: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code.is_input_error())
                .collect();
            assert!(
                input_errors.is_empty(),
                "{}: {input_errors:#?}",
                path.display()
            );
            let found: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.code)
                .collect();
            assert_eq!(
                !found.is_empty(),
                should_fire,
                "{}: {found:#?}",
                path.display()
            );
            if should_fire {
                let plain = render::plain(&report.sources, &report.diagnostics);
                insta::assert_snapshot!(format!("rule__{}", rule.code), plain);
            }
        }
    }
}

/// An amendment rule is a decision of the parties: the veto lint names each State whose
/// ratification it requires, and says that doing nothing blocks.
#[test]
fn an_amendment_rule_is_seen_by_the_veto_lint() {
    let dir = PathBuf::from("tests/fixtures/rules/single-party-veto");
    let fires = treaty::check_paths(&[dir.join("fires-amendment.treaty")], Limits::default());
    let plain = render::plain(&fires.sources, &fires.diagnostics);
    assert!(
        plain.contains("each of Alpha and Beta can hold amendments of the treaty back alone, by not ratifying them"),
        "{plain}"
    );
    insta::assert_snapshot!("rule__single-party-veto__amendment", plain);
    let silent = treaty::check_paths(&[dir.join("silent-amendment.treaty")], Limits::default());
    assert!(
        silent
            .diagnostics
            .iter()
            .all(|d| d.code != "single-party-veto"),
        "{:#?}",
        silent.diagnostics
    );
}
