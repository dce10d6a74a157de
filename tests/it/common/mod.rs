//! Shared by the integration tests that run the program.

use std::process::Command;

/// Runs the `treaty` binary; returns its stdout and exit code.
pub fn treaty(args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_treaty"))
        .args(args)
        .output()
        .expect("the treaty binary runs");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

/// Runs `command` with its output going to files under `out` (a pipe no one reads yet
/// would block a child that prints megabytes), killing it after `limit`; returns what it
/// wrote to stdout and stderr and how it ended. `what` names the run in the panic message.
pub fn run_within(
    command: &mut Command,
    out: &std::path::Path,
    limit: std::time::Duration,
    what: &str,
) -> (Vec<u8>, Vec<u8>, std::process::ExitStatus) {
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::fs::create_dir_all(out).expect("the output folder");
    let (stdout_path, stderr_path) = (out.join(format!("{n}.out")), out.join(format!("{n}.err")));
    command
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).expect("a file for stdout"))
        .stderr(std::fs::File::create(&stderr_path).expect("a file for stderr"));
    let mut child = command.spawn().expect("the program starts");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the child's status") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{what}` ran longer than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let stdout = std::fs::read(&stdout_path).expect("stdout");
    let stderr = std::fs::read(&stderr_path).expect("stderr");
    let _ = std::fs::remove_file(stdout_path);
    let _ = std::fs::remove_file(stderr_path);
    (stdout, stderr, status)
}

/// Fills `dir` with 10,001 empty `.treaty` files, `f00000.treaty` to `f10000.treaty`: one
/// over the limit of files a run reads. Hard links to one file, because creating 10,001
/// inodes takes seconds on some file systems (7 s on the CI machine) and a link does not.
pub fn ten_thousand_and_one_files(dir: &std::path::Path) {
    let first = dir.join("f00000.treaty");
    std::fs::write(&first, "").expect("an empty file");
    for i in 1..=10_000 {
        std::fs::hard_link(&first, dir.join(format!("f{i:05}.treaty"))).expect("a link");
    }
}

pub mod lsp;
