//! `treaty report`: one self-contained HTML file, well-formed, with no network reference,
//! the expected charts, the same bytes on every run, and text from treaty files escaped; and
//! the EST's report rendered by a headless Chromium where one is installed.
use crate::common::treaty;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const EST: &str = "treaties/est-2009.treaty";

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("treaty-report-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn report(paths: &[&str], out: &Path) -> String {
    let mut args = vec!["report"];
    args.extend_from_slice(paths);
    let out_str = out.to_str().unwrap();
    args.extend_from_slice(&["-o", out_str]);
    let (stdout, code) = treaty(&args);
    assert_eq!(code, 0, "{stdout}");
    std::fs::read_to_string(out).unwrap()
}

/// A small well-formedness check: every tag closed in order, attributes quoted, only the
/// five XML entities and numeric references, no raw `<` or `&` in text.
fn check_well_formed(doc: &str) -> Result<usize, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut elements = 0;
    let mut rest = doc;
    let entity_ok = |s: &str| -> bool {
        let Some(end) = s.find(';') else { return false };
        let name = &s[1..end];
        matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
            || (name.starts_with("#x")
                && name.len() > 2
                && name[2..].chars().all(|c| c.is_ascii_hexdigit()))
            || (name.starts_with('#')
                && name.len() > 1
                && name[1..].chars().all(|c| c.is_ascii_digit()))
    };
    let check_text = |text: &str| -> Result<(), String> {
        for (i, _) in text.match_indices('&') {
            if !entity_ok(&text[i..]) {
                return Err(format!(
                    "bare `&` in {:?}",
                    &text[i..(i + 20).min(text.len())]
                ));
            }
        }
        if text.contains('>') && text.contains("<") {
            return Err("raw markup in text".into());
        }
        Ok(())
    };
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt])?;
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unclosed comment")?;
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with("<!DOCTYPE") || rest.starts_with("<?") {
            let end = rest.find('>').ok_or("unclosed declaration")?;
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("`</{name}>` closes nothing"))?;
            if open != name.trim() {
                return Err(format!("`</{name}>` closes `<{open}>`"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad tag name in `<{tag}>`"));
        }
        // Attributes: name="value", values with no raw `<` or `"`.
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs
                .find("=\"")
                .ok_or(format!("unquoted attribute in `<{tag}>`"))?;
            let attr = attrs[..eq].trim();
            if attr.is_empty() || attr.contains(char::is_whitespace) {
                return Err(format!("bad attribute `{attr}` in `<{name}>`"));
            }
            let value_end = attrs[eq + 2..]
                .find('"')
                .ok_or("unclosed attribute value")?;
            let value = &attrs[eq + 2..eq + 2 + value_end];
            if value.contains('<') {
                return Err(format!("`<` in attribute {attr} of `<{name}>`"));
            }
            check_text(value)?;
            attrs = attrs[eq + 2 + value_end + 1..].trim_start();
        }
        elements += 1;
        if !self_closing {
            // The style element's CSS is text; skip to its end tag.
            if name == "style" {
                let end = rest.find("</style>").ok_or("unclosed style")?;
                rest = &rest[end..];
            }
            stack.push(name);
        }
    }
    check_text(rest)?;
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    Ok(elements)
}

#[test]
fn the_checker_of_well_formedness_catches_broken_markup() {
    assert!(check_well_formed("<p>a &amp; b</p>").is_ok());
    assert!(check_well_formed("<p>a & b</p>").is_err());
    assert!(check_well_formed("<p><b>x</p></b>").is_err());
    assert!(check_well_formed("<p class=x>x</p>").is_err());
    assert!(check_well_formed("<p>").is_err());
}

/// Every `src` and `href` in the document: none may reach the network.
fn references(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" src=\"", " href=\"", " xlink:href=\""] {
        for (i, _) in doc.match_indices(attr) {
            let start = i + attr.len();
            let end = doc[start..].find('"').unwrap();
            out.push(doc[start..start + end].to_string());
        }
    }
    out
}

/// Issue 14's acceptance: a self-contained file with the power charts, the procedure graph
/// and the inclusiveness–capacity chart.
#[test]
fn est_report_is_self_contained_well_formed_and_stable() {
    let dir = temp_dir("est");
    let (a, b) = (dir.join("a.html"), dir.join("b.html"));
    let doc = report(&[EST], &a);
    assert_eq!(
        doc,
        report(&[EST], &b),
        "the same input gives the same bytes"
    );
    std::fs::remove_dir_all(&dir).ok();
    check_well_formed(&doc).unwrap();
    for r in references(&doc) {
        assert!(r.starts_with('#'), "a reference that leaves the file: {r}");
    }
    let lower = doc.to_lowercase();
    for banned in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(http",
        "@font-face",
    ] {
        assert!(!lower.contains(banned), "{banned}");
    }
    // Three power charts (one per decision rule: the two Conferences' and the ratifications
    // that bring the treaty into force), the procedure graph, the plane.
    assert_eq!(doc.matches("<svg").count(), 5);
    assert_eq!(doc.matches("<title id=").count(), 5);
    assert_eq!(doc.matches("<desc id=").count(), 5);
    for expected in [
        "Power of the members of the Conference of the Parties",
        "Procedures and bodies of European Security Treaty (draft)",
        "Inclusiveness against capacity to act",
        "capacity to act (Coleman), log scale",
        "every member (56): any one of them can block it",
        "19 members staying away stop it meeting",
        "Decisions of the Conference shall be taken by consensus",
        "What would fix it:",
        "triggered by: the attacked party",
        "judged by: the initiating party",
    ] {
        assert!(doc.contains(expected), "{expected}");
    }
    // Each article's basis.
    for basis in [">quoted<", ">paraphrase<", ">not encoded<"] {
        assert!(doc.contains(basis), "{basis}");
    }
}

#[test]
fn a_report_over_several_files_places_every_body_on_the_plane() {
    let dir = temp_dir("several");
    let out = dir.join("r.html");
    let doc = report(
        &[
            EST,
            "treaties/what-if/est-2009-four-fifths.treaty",
            "treaties/un-charter.treaty",
        ],
        &out,
    );
    std::fs::remove_dir_all(&dir).ok();
    check_well_formed(&doc).unwrap();
    // Classes name the blocking coalition: one of the five permanent members.
    assert!(
        doc.contains("1 of the 5 permanent members of the Security Council"),
        "class terms"
    );
    for i in 0..3 {
        assert!(doc.contains(&format!("<section id=\"f{i}\">")));
    }
    assert!(!doc.contains("<section id=\"f3\">"));
    let (json, _) = treaty(&[
        "analyze",
        EST,
        "treaties/un-charter.treaty",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let decisions: usize = json["reports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["bodies"].as_array().unwrap())
        .map(|b| b["decisions"].as_array().unwrap().len())
        .sum();
    // The what-if adds the EST's three decision rules again (its two Conferences' and its
    // entry into force); one graph per file, one plane.
    assert_eq!(doc.matches("<svg").count(), decisions + 3 + 3 + 1);
}

#[test]
fn text_from_a_treaty_file_is_escaped() {
    let dir = temp_dir("escape");
    let file = dir.join("evil.treaty");
    std::fs::write(
        &file,
        "treaty \"<script>alert('x')</script> & co\" { date 2020-01-01 }\nparty A \"A <b>&amp;\"\nparty B \"B\\\" onload=\\\"x\"\nparties A, B\narticle 1 says \"</blockquote><img src=http://example.com/x.png>\"\nbody council \"<svg onload=alert(1)>\" article 1 {\n  decides measures \"]]> <!--\" by consensus article 1\n}\n",
    )
    .unwrap();
    let out = dir.join("r.html");
    let doc = report(&[file.to_str().unwrap()], &out);
    let md_out = dir.join("r.md");
    let (_, code) = treaty(&[
        "report",
        file.to_str().unwrap(),
        "--format",
        "markdown",
        "-o",
        md_out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let md = std::fs::read_to_string(&md_out).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    check_well_formed(&doc).unwrap();
    assert!(!doc.contains("<script"));
    assert!(!doc.contains("<img"));
    assert!(!doc.contains("<svg onload"));
    assert!(!doc.contains("<!--"));
    assert!(references(&doc).iter().all(|r| r.starts_with('#')));
    assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
}

#[test]
fn markdown_has_the_same_content_as_tables() {
    let (md, code) = treaty(&["report", EST, "--format", "markdown"]);
    assert_eq!(code, 0);
    assert!(!md.contains("<svg"));
    assert!(md.contains("| members | Shapley–Shubik | Banzhaf (normalized) |"));
    assert!(md.contains("## Inclusiveness and capacity to act"));
    insta::assert_snapshot!("report_est_markdown", md);
}

#[test]
fn input_errors_exit_2_and_write_nothing() {
    let dir = temp_dir("errors");
    let out = dir.join("r.html");
    let (_, code) = treaty(&[
        "report",
        "tests/fixtures/errors/syntax-error.treaty",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs a command, killed after `limit`; its stdout and whether it ended in time with 0.
fn run_with_limit(cmd: &mut Command, limit: Duration) -> Option<Vec<u8>> {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).ok();
        buf
    });
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                let out = reader.join().ok()?;
                return status.success().then_some(out);
            }
            Ok(None) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(100)),
            _ => {
                child.kill().ok();
                child.wait().ok();
                return None;
            }
        }
    }
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn headless(browser: &str, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1000,1400",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    cmd
}

/// The EST's report opens from a file in a real browser, draws something, and its DOM holds
/// the charts and the text.
#[test]
fn est_report_renders_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED est_report_renders_in_headless_chromium: no `chromium` on this machine \
             (apt-get install chromium; .ci/run installs it)"
        );
        return;
    };
    let dir = temp_dir("chromium");
    let html = dir.join("est.html");
    report(&[EST], &html);
    let html = html.canonicalize().unwrap();
    let url = format!("file://{}", html.display());
    let limit = Duration::from_secs(120);
    let shot = |target: &str, name: &str| -> u64 {
        let png = dir.join(name);
        let mut cmd = headless(browser, &dir.join(format!("profile-{name}")));
        cmd.arg(format!("--screenshot={}", png.display()))
            .arg(target);
        run_with_limit(&mut cmd, limit).expect("chromium takes a screenshot");
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        bytes.len() as u64
    };
    // A blank page compresses to almost nothing; a rendered memo does not.
    let blank = shot("about:blank", "blank.png");
    let page = shot(&url, "est.png");
    assert!(
        page > 8 * blank.max(1) && page > 20_000,
        "blank {blank} bytes, report {page} bytes"
    );
    let mut cmd = headless(browser, &dir.join("profile-dom"));
    cmd.arg("--dump-dom").arg(&url);
    let dom = run_with_limit(&mut cmd, limit).expect("chromium dumps the DOM");
    let dom = String::from_utf8_lossy(&dom);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(dom.matches("<svg").count(), 5, "{dom}");
    for expected in [
        "European Security Treaty (draft)",
        "Conference of the Parties",
        "Inclusiveness against capacity to act",
        "every member (56): any one of them can block it",
    ] {
        assert!(dom.contains(expected), "{expected}");
    }
}

#[test]
fn a_report_on_the_whole_corpus_is_well_formed_and_stays_offline() {
    let dir = temp_dir("corpus");
    let out = dir.join("r.html");
    let doc = report(&["treaties"], &out);
    std::fs::remove_dir_all(&dir).ok();
    let elements = check_well_formed(&doc).unwrap();
    assert!(elements > 1000, "{elements}");
    assert!(references(&doc).iter().all(|r| r.starts_with('#')));
    assert!(!doc.to_lowercase().contains("<script"));
}
