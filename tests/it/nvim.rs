//! End to end with a real editor: Neovim's built-in LSP client starts `treaty lsp` for the
//! EST draft (configured by `tests/fixtures/nvim/init.lua`), waits for the diagnostics and
//! writes them to a file this test reads. Skipped, saying so, where `nvim` is not installed
//! (`.ci/run` installs it where apt can).
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EST: &str = "treaties/est-2009.treaty";

#[test]
fn neovim_shows_the_diagnostics_of_the_est_draft() {
    let version = Command::new("nvim").arg("--version").output().ok();
    let Some(version) = version.filter(|o| o.status.success()) else {
        eprintln!(
            "SKIPPED neovim_shows_the_diagnostics_of_the_est_draft: `nvim` is not installed \
             (apt-get install neovim; .ci/run does it where apt is available)"
        );
        return;
    };
    eprintln!(
        "{}",
        String::from_utf8_lossy(&version.stdout)
            .lines()
            .next()
            .unwrap_or("")
    );
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("nvim-diagnostics.json");
    let _ = std::fs::remove_file(&out);
    let mut child = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "--noplugin", "-u"])
        .arg("tests/fixtures/nvim/init.lua")
        .arg(EST)
        .env("TREATY_BIN", env!("CARGO_BIN_EXE_treaty"))
        .env("TREATY_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "nvim exited with {status}");
    let seen: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        seen["arrived"], true,
        "no diagnostics reached Neovim {}",
        seen["nvim"]
    );
    let mut got: Vec<(u64, u64, String)> = seen["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // What `treaty check` reports, as Neovim's 0-based lines and byte columns.
    let text = std::fs::read_to_string(EST).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(["check", EST, "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&check.stdout).unwrap();
    let mut want: Vec<(u64, u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = d["span"]["start"].as_u64().unwrap() as usize;
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            (
                d["span"]["line"].as_u64().unwrap() - 1,
                (start - line_start) as u64,
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "Neovim {}", seen["nvim"]);
    assert!(got.iter().any(|(_, _, c)| c == "single-party-veto"));
    assert!(got.iter().any(|(_, _, c)| c == "quorum-boycott"));
    for d in seen["diagnostics"].as_array().unwrap() {
        assert_eq!(d["source"], "treaty");
        assert!(d["href"].as_str().unwrap().contains("/docs/rules/"), "{d}");
    }
}
