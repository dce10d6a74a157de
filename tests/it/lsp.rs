//! `treaty lsp` driven over its standard input and output as an editor drives it.
use crate::common::lsp::{uri, utf16_position, Client};
use serde_json::{json, Value};
use std::path::Path;

const EST: &str = "treaties/est-2009.treaty";

fn initialize(client: &mut Client, encodings: Option<&[&str]>) -> Value {
    initialize_in(client, encodings, Path::new("."))
}

/// Initializes with `root` as the workspace folder.
fn initialize_in(client: &mut Client, encodings: Option<&[&str]>, root: &Path) -> Value {
    let mut capabilities = json!({
        "textDocument": { "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true } }
    });
    if let Some(encodings) = encodings {
        capabilities["general"] = json!({ "positionEncodings": encodings });
    }
    let root = uri(root);
    let result = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": root, "capabilities": capabilities }),
    );
    client.notify("initialized", json!({}));
    result
}

fn open(client: &mut Client, path: &str, text: &str) -> String {
    let uri = uri(Path::new(path));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "treaty", "version": 1, "text": text } }),
    );
    uri
}

fn position(text: &str, needle: &str) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in the text"));
    let (line, character) = utf16_position(text, offset);
    json!({ "line": line, "character": character })
}

fn with_code<'d>(diagnostics: &'d [Value], code: &str) -> Vec<&'d Value> {
    diagnostics.iter().filter(|d| d["code"] == code).collect()
}

/// The ranges `treaty check --format json` gives for `code`, converted here to UTF-16.
fn expected_ranges(text: &str, code: &str) -> Vec<Value> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(["check", EST, "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            let at = |key: &str| {
                let (line, character) =
                    utf16_position(text, d["span"][key].as_u64().unwrap() as usize);
                json!({ "line": line, "character": character })
            };
            json!({ "start": at("start"), "end": at("end") })
        })
        .collect()
}

#[test]
fn the_est_draft_in_an_editor() {
    let text = std::fs::read_to_string(EST).unwrap();
    let mut client = Client::start();
    let init = initialize(&mut client, None);
    // No encoding offered: the protocol's default, UTF-16.
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["serverInfo"]["name"], "treaty");
    let est = open(&mut client, EST, &text);

    // Diagnostics on open, with the ranges the command line gives, in UTF-16.
    let diagnostics = client.diagnostics(&est, 1);
    for code in ["single-party-veto", "quorum-boycott"] {
        let found: Vec<Value> = with_code(&diagnostics, code)
            .iter()
            .map(|d| d["range"].clone())
            .collect();
        assert_eq!(found.len(), 2, "{code}: {diagnostics:#?}");
        assert_eq!(found, expected_ranges(&text, code), "{code}");
    }
    let veto = with_code(&diagnostics, "single-party-veto")[0];
    assert_eq!(veto["severity"], 2);
    assert_eq!(veto["source"], "treaty");
    assert_eq!(
        veto["codeDescription"]["href"],
        "https://github.com/treaty-checker/treaty/blob/main/docs/rules/single-party-veto.md"
    );
    // Related information in other files: the baselines' `affirms` lines.
    let omitted = with_code(&diagnostics, "omitted-baseline-principle")[0];
    let related = omitted["relatedInformation"].as_array().unwrap();
    assert!(related.iter().any(|r| r["location"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("treaties/helsinki-1975.treaty")));
    // Every diagnostic links to its page.
    assert!(diagnostics.iter().all(|d| d["codeDescription"]["href"]
        .as_str()
        .unwrap()
        .ends_with(".md")));

    // An edit into a syntax error, and back.
    let consensus = "by consensus binding article 6.3";
    let start = position(&text, consensus);
    let mut end = start.clone();
    end["character"] = json!(start["character"].as_u64().unwrap() + 12);
    let edit = |client: &mut Client, version: i64, new_text: &str, range_end: &Value| {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": est, "version": version },
                "contentChanges": [{ "range": { "start": start, "end": range_end }, "text": new_text }]
            }),
        );
    };
    edit(&mut client, 2, "by concensus", &end);
    let broken = client.diagnostics(&est, 2);
    assert_eq!(with_code(&broken, "syntax-error").len(), 1, "{broken:#?}");
    assert!(with_code(&broken, "single-party-veto").is_empty());
    edit(&mut client, 3, "by consensus", &end);
    let fixed = client.diagnostics(&est, 3);
    assert_eq!(fixed.len(), diagnostics.len());
    assert_eq!(with_code(&fixed, "single-party-veto").len(), 2);

    // Formatting: the EST draft is already in `treaty fmt`'s layout, so no edit; a buffer
    // laid out badly gets one edit to the canonical text.
    let edits = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": est }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits, json!([]), "{edits}");
    assert_eq!(init["capabilities"]["documentFormattingProvider"], true);
    let untidy = open(
        &mut client,
        "treaties/untidy.treaty",
        "party   A \"Alpha\"\nparties A\n\n\n",
    );
    let edits = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": untidy }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(
        edits[0]["newText"], "party A \"Alpha\"\nparties A\n",
        "{edits}"
    );

    // Hover on the Conference body: the rule in words and who can block it.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": est }, "position": position(&text, "conference \"Conference of the Parties\"") }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    for needle in [
        "Conference of the Parties",
        "56 members",
        "38 must attend; a boycott by 19 stops it from meeting",
        "by consensus: adopted unless a member present objects",
        "veto players: every member (56)",
        "smallest blocking coalition: 1",
    ] {
        assert!(shown.contains(needle), "{needle}: {shown}");
    }

    // Definition of a name declared in an imported file.
    let class = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": est }, "position": position(&text, "osce_participating_states\n") }),
    );
    assert!(class["uri"]
        .as_str()
        .unwrap()
        .ends_with("treaties/parties/osce-participating-states.treaty"));

    // Definition of a party id: in the party list the draft imports, opened beside it.
    let list_path = "treaties/parties/osce-participating-states.treaty";
    let list_text = std::fs::read_to_string(list_path).unwrap();
    let list = open(&mut client, list_path, &list_text);
    client.diagnostics(&list, 1);
    let ru_use = list_text.find(", RU,").unwrap() + 2;
    let (line, character) = utf16_position(&list_text, ru_use);
    let ru = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": list }, "position": { "line": line, "character": character } }),
    );
    assert_eq!(ru["uri"], list);
    assert_eq!(
        ru["range"]["start"],
        position(&list_text, "party RU ")
            .as_object()
            .map(|p| {
                json!({ "line": p["line"], "character": p["character"].as_u64().unwrap() + 6 })
            })
            .unwrap()
    );

    // References to the Conference: its declaration and the procedures and readings that
    // name it.
    let refs = client.request(
        "textDocument/references",
        json!({
            "textDocument": { "uri": est },
            "position": position(&text, "conference \"Conference of the Parties\""),
            "context": { "includeDeclaration": true }
        }),
    );
    let lines: Vec<u64> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap())
        .collect();
    let line_of = |needle: &str| utf16_position(&text, text.find(needle).unwrap()).0;
    assert!(lines.contains(&line_of("body conference")), "{refs}");
    assert!(
        lines.contains(&line_of("leads to conference article 6")),
        "{refs}"
    );
    assert!(
        lines.contains(&line_of("body conference decides alliance_enlargement")),
        "{refs}"
    );

    // Code actions on the missing fallback: its fix and an allow comment.
    let fallback = with_code(&fixed, "no-deadlock-fallback")[0].clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": est },
            "range": fallback["range"],
            "context": { "diagnostics": [fallback] }
        }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"add `failing that \"...\"` for what follows a deadlock"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"allow `no-deadlock-fallback` on this clause"),
        "{titles:?}"
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("add `failing"))
        .unwrap();
    let edits = &add["edit"]["changes"][&est];
    assert_eq!(edits[0]["newText"], " failing that \"[...]\"");

    // Document symbols: the outline has the articles, bodies with decisions, norms, procedures.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": est } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for name in ["article 6.3", "conference", "due_regard", "consultations"] {
        assert!(names.contains(&name), "{name}: {names:?}");
    }

    // Completion offers keywords and the names the file can use.
    let items = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": est }, "position": { "line": 0, "character": 0 } }),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for label in [
        "decides",
        "consensus",
        "osce_participating_states",
        "indivisible_security",
        "RU",
    ] {
        assert!(labels.contains(&label), "{label}");
    }

    let times = client.check_times.clone();
    eprintln!("treaty lsp: checks of {EST} took {times:?} ms (this build)");
    client.shut_down();
}

#[test]
fn hover_definition_and_references_in_a_party_list_and_a_suppression() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-party-list");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let list = "party AA \"Alpha\"\nparty BB \"Beta\"\nparty CC \"Gamma\"\nclass club \"The club\" = AA, BB, CC\n";
    let draft = "import \"list.treaty\"\nparties club\nbody council \"Council\" {\n  # treaty: allow(single-party-veto)\n  decides d by consensus failing that \"a vote\"\n}\nbody court { members AA, BB, CC decides e by a majority of members }\n";
    std::fs::write(dir.join("list.treaty"), list).unwrap();
    std::fs::write(dir.join("draft.treaty"), draft).unwrap();
    let list_path = dir.join("list.treaty");
    let draft_path = dir.join("draft.treaty");
    let mut client = Client::start();
    initialize_in(&mut client, None, &dir);
    let list_uri = open(&mut client, list_path.to_str().unwrap(), list);
    let draft_uri = open(&mut client, draft_path.to_str().unwrap(), draft);
    assert!(client.diagnostics(&draft_uri, 1).is_empty());

    // A file in a subfolder may import from anywhere in the workspace folder (the test's
    // folder here), as `treaty check FOLDER` allows.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let deep = "import \"../list.treaty\"\nparties club\n";
    let deep_path = dir.join("sub/deep.treaty");
    std::fs::write(&deep_path, deep).unwrap();
    let deep_uri = open(&mut client, deep_path.to_str().unwrap(), deep);
    assert_eq!(client.diagnostics(&deep_uri, 1), Vec::<Value>::new());

    // A party id in the class goes to its declaration.
    let at = position(list, "BB, CC");
    let def = client.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": list_uri }, "position": at }),
    );
    assert_eq!(def["uri"], list_uri);
    assert_eq!(def["range"]["start"], position(list, "BB \"Beta\""));
    // Its uses, in the list and in the open draft that imports it.
    let refs = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": list_uri }, "position": at, "context": { "includeDeclaration": false } }),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, [list_uri.as_str(), draft_uri.as_str()], "{refs}");
    // Hover on a party: its declaration.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": draft_uri }, "position": position(draft, "AA, BB, CC decides") }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("party AA \"Alpha\""), "{shown}");
    // Hover on the code in a suppression: the rule's summary and page.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": draft_uri }, "position": position(draft, "single-party-veto)") }),
    );
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.contains("a body whose decisions any one party can block"),
        "{shown}"
    );
    assert!(shown.contains("docs/rules/single-party-veto.md"), "{shown}");

    // The unsaved list wins over the disk: the draft that imports it is checked again.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": list_uri, "version": 2 },
            "contentChanges": [{ "text": list.replace("party AA \"Alpha\"\n", "") }]
        }),
    );
    let draft_diags = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == draft_uri.as_str()
    });
    let codes: Vec<&str> = draft_diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"unknown-name"), "{draft_diags}");
    // The error in the imported list shows on the draft's import line, pointing at the list.
    let in_list = draft_diags["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().starts_with("in `"))
        .expect("the list's error on the draft");
    assert_eq!(in_list["range"]["start"]["line"], 0);
    assert_eq!(
        in_list["relatedInformation"][0]["location"]["uri"],
        list_uri
    );
    // Closing the list: the disk counts again.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": list_uri } }),
    );
    let draft_diags = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == draft_uri.as_str() && p["diagnostics"].as_array().is_some_and(|d| d.is_empty())
    });
    assert!(draft_diags["diagnostics"].as_array().unwrap().is_empty());

    // A misspelt name: "did you mean" as a code action; and removing an unused suppression.
    let typo = draft
        .replace("members AA, BB, CC", "members AA, BBB, CC")
        .replace(
            "# treaty: allow(single-party-veto)",
            "# treaty: allow(single-party-veto, no-such-rule)",
        );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": draft_uri, "version": 2 }, "contentChanges": [{ "text": typo }] }),
    );
    let typo_diags = client.diagnostics(&draft_uri, 2);
    let unknown = typo_diags
        .iter()
        .find(|d| d["code"] == "unknown-name" && d["message"].as_str().unwrap().contains("BBB"))
        .unwrap()
        .clone();
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": draft_uri }, "range": unknown["range"], "context": { "diagnostics": [unknown] } }),
    );
    let replace = &actions[0];
    assert_eq!(replace["title"], "replace with `BB`");
    assert_eq!(replace["edit"]["changes"][&draft_uri][0]["newText"], "BB");
    assert_eq!(
        replace["edit"]["changes"][&draft_uri][0]["range"],
        unknown["range"]
    );
    // The unknown name stops the lints; with the name fixed, the unused code is reported.
    let fixed_name = typo.replace("BBB", "BB");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": draft_uri, "version": 3 }, "contentChanges": [{ "text": fixed_name }] }),
    );
    let unused = client.diagnostics(&draft_uri, 3);
    let unused = unused
        .iter()
        .find(|d| d["code"] == "unused-suppression")
        .unwrap()
        .clone();
    assert_eq!(unused["tags"], json!([1]), "shown as unnecessary");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": draft_uri }, "range": unused["range"], "context": { "diagnostics": [unused] } }),
    );
    let remove = &actions[0];
    assert_eq!(
        remove["title"],
        "remove `no-such-rule` from the suppression"
    );
    assert_eq!(remove["isPreferred"], true);
    assert_eq!(remove["edit"]["changes"][&draft_uri][0]["newText"], "");
    // `source.fixAll` gives the whole text with every safe fix applied.
    let all = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": draft_uri }, "range": unused["range"], "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
    );
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["edit"]["changes"][&draft_uri][0]["newText"], draft);
    client.shut_down();
}

#[test]
fn positions_are_counted_in_the_encoding_negotiated() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("lsp-encoding");
    std::fs::create_dir_all(&dir).unwrap();
    // `é` is two bytes and one UTF-16 unit; `𝄞` four bytes, two UTF-16 units, one scalar.
    let text = "party A \"Alpha\"\nparty B \"Beta\"\nparties A, B\nbody c \"Conférence 𝄞\" { decides d by consensus failing that \"x\" }\n";
    let path = dir.join("draft.treaty");
    std::fs::write(&path, text).unwrap();
    let consensus = text.find("consensus").unwrap();
    let line_start = text[..consensus].rfind('\n').unwrap() + 1;
    let before = &text[line_start..consensus];
    for (offered, chosen, character) in [
        (vec!["utf-8", "utf-16"], "utf-8", before.len()),
        (vec!["utf-32", "utf-16"], "utf-32", before.chars().count()),
        (
            vec!["utf-16"],
            "utf-16",
            before.chars().map(char::len_utf16).sum(),
        ),
    ] {
        let mut client = Client::start();
        let init = initialize(&mut client, Some(&offered));
        assert_eq!(init["capabilities"]["positionEncoding"], chosen);
        let uri = open(&mut client, path.to_str().unwrap(), text);
        let diagnostics = client.diagnostics(&uri, 1);
        let veto = with_code(&diagnostics, "single-party-veto")[0];
        assert_eq!(veto["range"]["start"]["line"], 3);
        assert_eq!(
            veto["range"]["start"]["character"], character as u64,
            "{chosen}"
        );
        // A request's position is read in the same encoding: hover on the decision `d`.
        let d_at = before.rfind("d by").unwrap();
        let d_character = match chosen {
            "utf-8" => d_at,
            "utf-32" => before[..d_at].chars().count(),
            _ => before[..d_at].chars().map(char::len_utf16).sum(),
        };
        let hover = client.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": d_character } }),
        );
        assert!(
            hover["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("decides `d`"),
            "{chosen}: {hover}"
        );
        client.shut_down();
    }
}

/// Keystroke latency on the EST draft: 40 single-character edits, each answered by its
/// diagnostics. Prints the server's own check time and the round trip (edit sent to
/// diagnostics received). Timing depends on the build and the machine, so it only reports:
/// `cargo test --release --test it -- --ignored --nocapture lsp::keystroke`.
#[test]
#[ignore = "a measurement; run in release"]
fn keystroke_latency_on_the_est_draft() {
    let text = std::fs::read_to_string(EST).unwrap();
    let mut client = Client::start();
    initialize(&mut client, None);
    let est = open(&mut client, EST, &text);
    client.diagnostics(&est, 1);
    // Type and erase a character in the Conference's decision description, one edit at a
    // time, waiting for each edit's diagnostics.
    let at = position(&text, "decisions of the Conference\"");
    let mut round_trips = Vec::new();
    for version in 2..42i64 {
        let typing = version % 2 == 0;
        let end = if typing {
            at.clone()
        } else {
            json!({ "line": at["line"], "character": at["character"].as_u64().unwrap() + 1 })
        };
        let started = std::time::Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": est, "version": version },
                "contentChanges": [{ "range": { "start": at, "end": end }, "text": if typing { "x" } else { "" } }]
            }),
        );
        let diagnostics = client.diagnostics(&est, version);
        round_trips.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!diagnostics.is_empty());
    }
    let summary = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        format!(
            "median {:.1} ms, p90 {:.1} ms, max {:.1} ms over {}",
            v[v.len() / 2],
            v[v.len() * 9 / 10],
            v[v.len() - 1],
            v.len()
        )
    };
    let checks: Vec<f64> = client.check_times[1..].to_vec();
    eprintln!("check of {EST} on a keystroke: {}", summary(checks));
    eprintln!(
        "keystroke to diagnostics (round trip): {}",
        summary(round_trips)
    );
    client.shut_down();
}
