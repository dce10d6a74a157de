use super::*;

/// Formats a treaty text, checks that formatting the result changes nothing, returns it.
fn fmt(text: &str) -> String {
    let out = match format_source(text) {
        Ok(out) => out,
        Err(d) => panic!("{text}\n{d:#?}"),
    };
    assert_eq!(
        format_source(&out).ok().as_deref(),
        Some(out.as_str()),
        "not idempotent:\n{out}"
    );
    out
}

fn fmt_scenario(text: &str) -> String {
    let out = match format_scenario(text) {
        Ok(out) => out,
        Err(d) => panic!("{text}\n{d:#?}"),
    };
    assert_eq!(
        format_scenario(&out).ok().as_deref(),
        Some(out.as_str()),
        "not idempotent:\n{out}"
    );
    out
}

#[test]
fn spacing_is_canonical() {
    assert_eq!(
        fmt("party   A\t\"Alpha\" with population 5 ,gdp 3\nclass c=A , B\n"),
        "party A \"Alpha\" with population 5, gdp 3\nclass c = A, B\n"
    );
    assert_eq!(
        fmt("body b{decides d by ( consensus or at least 2 / 3 of members ) and at least 55.5 % of votes cast}"),
        "body b {\n  decides d by (consensus or at least 2/3 of members) and at least 55.5% of votes cast\n}\n"
    );
    // Keywords split over lines are one clause again; words the grammar reads as two are two.
    assert_eq!(
        fmt("entry into\n   force after (X)\n ratifications\n"),
        "entry into force after (X) ratifications\n"
    );
    assert_eq!(
        fmt("body b { decides d by at least 2/3of members }\n"),
        "body b {\n  decides d by at least 2/3 of members\n}\n"
    );
}

#[test]
fn blocks_take_one_field_a_line_and_empty_blocks_close_at_once() {
    assert_eq!(
        fmt("norm n article 1 { each party shall \"act\" toward all other parties\nstandard \"due regard\" }\nwithdrawal {\n\n}\n"),
        "norm n article 1 {\n  each party shall \"act\"\n  toward all other parties\n  standard \"due regard\"\n}\nwithdrawal {}\n"
    );
}

#[test]
fn blank_lines_are_kept_up_to_one_and_never_at_block_edges() {
    assert_eq!(
        fmt("\n\nparty A \"a\"\n\n\n\nparty B \"b\"\nbody c {\n\n  members A, B\n\n\n  decides d by consensus\n\n}\n\n\n"),
        "party A \"a\"\n\nparty B \"b\"\nbody c {\n  members A, B\n\n  decides d by consensus\n}\n"
    );
}

#[test]
fn comments_stay_where_they_were() {
    let text = "\
# The file's heading.

# About A.
party A \"Alpha\"   # the first
body council {   # a council
    # who sits
  members A   # only A

    # why consensus
  decides d by # how:
       consensus
    # before the citation
    article 1
  # dangling at the end of the block
}
# the end
";
    assert_eq!(
        fmt(text),
        "\
# The file's heading.

# About A.
party A \"Alpha\"  # the first
body council {  # a council
  # who sits
  members A  # only A

  # why consensus
  decides d by  # how:
      consensus
      # before the citation
      article 1
  # dangling at the end of the block
}
# the end
"
    );
}

#[test]
fn articles_are_on_one_line_when_they_fit_and_a_part_a_line_when_not() {
    assert_eq!(
        fmt("article 5\n  says \"Short.\"\narticle 6 not encoded   \"no copy\""),
        "article 5 says \"Short.\"\narticle 6 not encoded \"no copy\"\n"
    );
    let long = "x".repeat(100);
    assert_eq!(
        fmt(&format!("article 5 titled \"T\" says \"{long}\" from \"F\"  # a note\npreamble says \"{long}\"\n")),
        format!("article 5\n  titled \"T\"\n  says \"{long}\"\n  from \"F\"  # a note\npreamble\n  says \"{long}\"\n")
    );
}

#[test]
fn long_lists_wrap_after_a_comma_and_strings_never_wrap() {
    let names: Vec<String> = (0..40).map(|i| format!("P{i:02}")).collect();
    let out = fmt(&format!(
        "class c \"Some parties\" = {} with P01 since 2000-01-01\n",
        names.join(", ")
    ));
    assert_eq!(
        out,
        "class c \"Some parties\" = P00, P01, P02, P03, P04, P05, P06, P07, P08, P09, P10, P11, P12, P13,\n    \
         P14, P15, P16, P17, P18, P19, P20, P21, P22, P23, P24, P25, P26, P27, P28, P29, P30, P31,\n    \
         P32, P33, P34, P35, P36, P37, P38, P39\n  with P01 since 2000-01-01\n"
    );
    assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
    let long = "y".repeat(120);
    assert_eq!(
        fmt(&format!("accession open to \"{long}\" article 10\n")),
        format!("accession open to \"{long}\" article 10\n")
    );
    // A list element that cannot fit on a line of its own stays where it is.
    assert_eq!(
        fmt(&format!("body b {{ decides d by consensus excluding the aggressor, the accused unverified \"{long}\" }}")),
        format!("body b {{\n  decides d by consensus excluding the aggressor, the accused unverified \"{long}\"\n}}\n")
    );
}

#[test]
fn strings_are_escaped_one_way_and_keep_their_value() {
    // (A raw line break cannot be in a string: a string is one line.)
    assert_eq!(
        fmt("party A \"tab\there, line\\nthere, \\\"quoted\\\"\"\n"),
        "party A \"tab\\there, line\\nthere, \\\"quoted\\\"\"\n"
    );
    // An escape the language does not know is the checker's error to report: left alone.
    assert_eq!(fmt("party A \"a \\q\"\n"), "party A \"a \\q\"\n");
}

#[test]
fn a_line_a_suppression_covers_keeps_exactly_its_tokens() {
    // The comment covers the whole block: it stays on one line.
    let one_line = "party A \"a\"\nparties A\nbody c   { decides d by consensus }  # treaty: allow(single-party-veto)\n";
    assert_eq!(
        fmt(one_line),
        "party A \"a\"\nparties A\nbody c { decides d by consensus }  # treaty: allow(single-party-veto)\n"
    );
    // It covers the second line of a clause only: the clause keeps that break.
    assert_eq!(
        fmt("body c {\n  decides d by\n    consensus   binding # treaty: allow(x)\n  members A\n}\n"),
        "body c {\n  decides d by\n      consensus binding  # treaty: allow(x)\n  members A\n}\n"
    );
    // On a line of its own it covers the next line: that line is kept too.
    assert_eq!(
        fmt(
            "body c {\n  # treaty: allow(x)\n  decides d by consensus\n  binding\n  members A\n}\n"
        ),
        "body c {\n  # treaty: allow(x)\n  decides d by consensus\n      binding\n  members A\n}\n"
    );
    // The usual case changes nothing but spacing.
    assert_eq!(
        fmt("body c {\n  decides   d by consensus  # treaty: allow(x)\n}\n"),
        "body c {\n  decides d by consensus  # treaty: allow(x)\n}\n"
    );
}

#[test]
fn the_checker_sees_the_same_suppressions_after_formatting() {
    let text = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\n\
                body c { decides d by consensus failing that \"x\" } # treaty: allow(single-party-veto)\n\
                body e {\n  members A, B\n  decides f by consensus failing that \"y\"\n    # treaty: allow(single-party-veto)\n}\n";
    let out = fmt(text);
    let findings = |t: &str| {
        crate::check_source("t.treaty", t, &[])
            .diagnostics
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(findings(text), findings(&out));
    assert!(findings(text)
        .iter()
        .any(|(c, _)| *c == "unused-suppression"));
    assert!(
        findings(text)
            .iter()
            .filter(|(c, _)| *c == "single-party-veto")
            .count()
            == 1
    );
}

#[test]
fn a_syntax_error_is_the_checkers_and_nothing_is_printed() {
    let Err(errors) = format_source("party A \"a\"\nbody {\n") else {
        panic!("formatted a syntax error");
    };
    let (_, expected) =
        crate::syntax::parse(FileId(0), "party A \"a\"\nbody {\n", &Limits::default());
    assert_eq!(errors, expected);
    assert_eq!(
        errors.first().map(|d| d.code.as_str()),
        Some("syntax-error")
    );
    let deep = format!(
        "body b {{ decides d by {}consensus{} }}",
        "(".repeat(40),
        ")".repeat(40)
    );
    assert_eq!(
        format_source(&deep)
            .err()
            .and_then(|e| e.first().map(|d| d.code.as_str())),
        Some("nesting-too-deep")
    );
    let Err(errors) = format_scenario("scenario \"s\" { vote }") else {
        panic!("formatted a syntax error");
    };
    assert_eq!(
        errors,
        crate::scenario::parse(FileId(0), "scenario \"s\" { vote }").1
    );
}

#[test]
fn scenarios_take_a_step_a_line() {
    assert_eq!(
        fmt_scenario("# A story.\nscenario   \"s\" { treaty \"t.treaty\" attend all   except A ,B\n vote d no A # objects\n\n\n expect rejected blocked by A }\n"),
        "# A story.\nscenario \"s\" {\n  treaty \"t.treaty\"\n  attend all except A, B\n  vote d no A  # objects\n\n  expect rejected blocked by A\n}\n"
    );
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n  \n"), "");
    assert_eq!(
        fmt("  # only a comment  \n\n\n# and another"),
        "# only a comment\n\n# and another\n"
    );
    assert_eq!(
        fmt("\u{FEFF}party A \"a\"\r\nparty B \"b\"\r\n"),
        "party A \"a\"\nparty B \"b\"\n"
    );
}

#[test]
fn a_part_a_suppression_covers_keeps_its_own_line() {
    // Short enough for one line, but the suppression covers the `not encoded` line alone.
    let text = "article 8\n  not encoded \"no copy\"  # treaty: allow(x)\narticle 9\n  not encoded \"no copy\"\n";
    assert_eq!(
        fmt(text),
        "article 8\n  not encoded \"no copy\"  # treaty: allow(x)\narticle 9 not encoded \"no copy\"\n"
    );
}
