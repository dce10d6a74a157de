//! Whatever the input, checking never panics: every prefix of a real treaty, and a few
//! hostile shapes.
use treaty::check_source;

#[test]
fn every_prefix_of_the_est_draft() {
    let text = std::fs::read_to_string("treaties/est-2009.treaty").unwrap();
    let cuts: Vec<usize> = (0..text.len())
        .step_by(13)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    for cut in cuts {
        let report = check_source("est.treaty", &text[..cut], &[]);
        // Whatever it says, each diagnostic points inside the text.
        for d in &report.diagnostics {
            assert!(d.span.end as usize <= cut, "{cut}: {d:?}");
        }
    }
}

#[test]
fn hostile_shapes() {
    let deep = format!(
        "body b {{ decides x by {}consensus{} }}",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let many_ors = format!(
        "party A \"A\"\nparties A\nbody b {{ decides x by {} }}",
        vec!["consensus"; 5000].join(" or ")
    );
    let huge_numbers = "party A \"A\" with weight 340282366920938463463374607431768211455\nparty B \"B\" with weight 340282366920938463463374607431768211455\nparties A, B\nbody b { quorum at least 99999999999999999999999 members decides x by at least 18446744073709551615 weighted votes decides y by at least 99999999999999999999999999999999999999/100000000000000000000000000000000000000 of weight of members }";
    for text in [
        "",
        "\"",
        "treaty",
        "treaty \"\" {",
        "party \u{0} \"\"",
        "article 1 says \"\\",
        "# only a comment",
        "\u{feff}party A \"A\"",
        &deep,
        &many_ors,
        huge_numbers,
    ] {
        let _ = check_source("x.treaty", text, &[]);
    }
}

#[test]
fn every_prefix_of_a_scenario_script() {
    let est = treaty::check_paths(
        &[std::path::PathBuf::from("treaties/est-2009.treaty")],
        treaty::syntax::Limits::default(),
    );
    let model = &est.treaties[0];
    let text = std::fs::read_to_string("examples/est-art8-attacker-objects.scenario").unwrap();
    for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
        let (scenarios, diags) = treaty::scenario::parse(treaty::source::FileId(0), &text[..cut]);
        for d in &diags {
            assert!(d.span.end as usize <= cut, "{cut}: {d:?}");
        }
        for s in &scenarios {
            let _ = treaty::scenario::run(s, model);
        }
    }
}
