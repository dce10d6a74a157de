//! The command line (contract): `treaty check | analyze | run | fmt | diff | report | explain |
//! rules | schema | lsp`. Results go to stdout, errors about the invocation to stderr; exit 0
//! clean, 1 findings, 2 bad input.

mod fmt;

use crate::basis::Basis;
use crate::diagnostic::{InputError, Severity};
use crate::render::{self, Format};
use crate::rules;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "treaty",
    version,
    about = "Check treaty texts: who can block what, who judges, and what a draft drops"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse, resolve and lint clause files or folders of them.
    Check {
        /// `.treaty` files, or folders to search for them; `-` reads the file named by
        /// `--stdin-filename` from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// With `-` among the paths: the path of the file whose text comes on standard input
        /// (an editor's unsaved buffer). Its imports, baselines and `treaty.toml` are found
        /// relative to this path on disk; the input shadows that one file.
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
        /// Apply the safe fixes to the files checked (never to imports or baselines outside
        /// them), report on standard error what changed, then report what remains.
        #[arg(long)]
        fix: bool,
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Exit 1 when a finding at or above this severity is reported.
        #[arg(long, value_enum, default_value_t = LevelArg::Warning)]
        fail_level: LevelArg,
        /// Colour in human output.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        /// Report only these rules (comma-separated codes).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        select: Vec<String>,
        /// Do not report these rules (comma-separated codes).
        #[arg(long, value_delimiter = ',', value_name = "CODES")]
        ignore: Vec<String>,
        /// Report only findings resting on at least this basis: `text` keeps the findings
        /// that rest on quoted treaty text alone (for a memo that must not overstate);
        /// `practice`, `unverified` and `incomplete` (the default: all) admit weaker ground.
        #[arg(long, value_enum, default_value_t = BasisArg::Incomplete)]
        basis: BasisArg,
    },
    /// Exact power and blocking analysis of every body's decision rules.
    Analyze {
        /// `.treaty` files, or folders to search for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only the body with this id.
        #[arg(long)]
        body: Option<String>,
        /// A party whose vote does not count, for the rules that exclude a role (the accused,
        /// the aggressor, the parties to the dispute). Repeat for several.
        #[arg(long = "excluding", value_name = "PARTY")]
        excluding: Vec<String>,
        /// Seconds each decision rule's analysis may take; past it, the report says what was
        /// not computed and why.
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_seconds)]
        budget: f64,
        /// Mebibytes of working memory each decision rule's analysis may use.
        #[arg(long, value_name = "MIB", default_value_t = 1024)]
        memory_budget: u64,
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Run scenario scripts against the treaties they name; a test runner.
    Run {
        /// `.scenario` files, or folders to search for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Only scenarios whose name matches this regular expression.
        #[arg(long)]
        filter: Option<String>,
        /// Print every scenario's trace, not only failures'.
        #[arg(long)]
        trace: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
    /// Rewrite `.treaty` and `.scenario` files in the one canonical layout, comments kept.
    Fmt {
        /// Files, or folders to search for `.treaty` and `.scenario` files; `-` formats
        /// standard input to standard output.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write nothing: list the files that would change, with a diff, and exit 1 if any
        /// would.
        #[arg(long)]
        check: bool,
        /// With `-`: the file the text comes from; its extension says whether it is a
        /// treaty (the default) or a scenario.
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
    },
    /// What a new version of a draft changes: findings, vetoes, power, principles, articles.
    ///
    /// Both files are read within the folder that contains them both, so that a what-if
    /// version in a subfolder may import what the original imports.
    Diff {
        /// The earlier version.
        old: PathBuf,
        /// The later version.
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Exit 1 when the new version brings a finding at or above this severity (one
        /// added, or one whose severity rose to it).
        #[arg(long, value_enum, default_value_t = LevelArg::Warning)]
        fail_level: LevelArg,
    },
    /// A self-contained memo with charts, for a delegation to read and print: each article
    /// quoted with its findings, each body with who can block it and a chart of its members'
    /// power, the procedures as a graph, and the bodies on the plane of inclusiveness against
    /// capacity to act.
    ///
    /// The files are read within the folder that contains every path named.
    Report {
        /// `.treaty` files, or folders to search for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the memo to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
    },
    /// Print a rule's (or an error code's) documentation.
    Explain { code: String },
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Write every code's documentation page into this folder (`docs/rules` in the
        /// repository, where every diagnostic's `url` points) instead of listing.
        #[arg(long, value_name = "DIR")]
        write_docs: Option<PathBuf>,
    },
    /// A language server over standard input and output (diagnostics, hover, definitions,
    /// references, symbols, code actions, completion), for editors.
    Lsp,
    /// Print the JSON Schema of `check --format json` (or of `analyze` or `run`).
    Schema {
        #[arg(value_enum, default_value_t = SchemaOf::Check)]
        of: SchemaOf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Human,
    Plain,
    Json,
    Github,
    Sarif,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SchemaOf {
    Check,
    Analyze,
    Run,
    Diff,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReportFormat {
    Html,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LevelArg {
    Info,
    Warning,
    Error,
}

impl LevelArg {
    fn severity(self) -> Severity {
        match self {
            LevelArg::Info => Severity::Info,
            LevelArg::Warning => Severity::Warning,
            LevelArg::Error => Severity::Error,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum BasisArg {
    Text,
    Practice,
    Unverified,
    Incomplete,
}

impl BasisArg {
    fn basis(self) -> Basis {
        match self {
            BasisArg::Text => Basis::Text,
            BasisArg::Practice => Basis::Practice,
            BasisArg::Unverified => Basis::Unverified,
            BasisArg::Incomplete => Basis::Incomplete,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

pub fn main() -> ExitCode {
    let (text, code) = run_args(std::env::args_os());
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}

/// Runs the program on `args` (its name first, as `std::env::args_os` gives them) and
/// returns what it prints on stdout and its exit code; what it says about the invocation
/// goes to stderr. `main` is this and a write; the output-contract tests call it in-process.
pub fn run_args<I, T>(args: I) -> (String, u8)
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => run(cli.command),
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            (String::new(), code)
        }
    }
}

/// Runs a command and returns what it prints and its exit code.
fn run(command: Command) -> (String, u8) {
    match command {
        Command::Check {
            paths,
            stdin_filename,
            fix,
            format,
            fail_level,
            color,
            select,
            ignore,
            basis,
        } => {
            let selection = crate::rules::Selection { select, ignore };
            if let Some(code) = selection.unknown_code() {
                eprintln!("error: no rule `{code}`; `treaty rules` lists them");
                return (String::new(), 2);
            }
            let format = match format {
                FormatArg::Human => Format::Human,
                FormatArg::Plain => Format::Plain,
                FormatArg::Json => Format::Json,
                FormatArg::Github => Format::Github,
                FormatArg::Sarif => Format::Sarif,
            };
            let fail = fail_level.severity();
            let color = match color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let input = match Input::read(paths, stdin_filename, fix) {
                Ok(input) => input,
                Err(message) => {
                    eprintln!("error: {message}");
                    return (String::new(), 2);
                }
            };
            if fix {
                fix_files(&input, &selection);
            }
            check(&input, format, fail, color, &selection, basis.basis())
        }
        Command::Analyze {
            paths,
            body,
            excluding,
            format,
            budget,
            memory_budget,
        } => {
            let budget = crate::analysis::Budget {
                time: std::time::Duration::from_secs_f64(budget),
                memory: usize::try_from(memory_budget.saturating_mul(1 << 20))
                    .unwrap_or(usize::MAX),
            };
            analyze(&paths, body.as_deref(), &excluding, &budget, format)
        }
        Command::Run {
            paths,
            filter,
            trace,
            format,
        } => run_scenarios(&paths, filter.as_deref(), trace, format),
        Command::Diff {
            old,
            new,
            format,
            fail_level,
        } => diff(&old, &new, format, fail_level.severity()),
        Command::Report {
            paths,
            output,
            format,
        } => report(&paths, output.as_deref(), format),
        Command::Fmt {
            paths,
            check,
            stdin_filename,
        } => fmt::fmt(&paths, check, stdin_filename.as_deref()),
        Command::Explain { code } => explain(&code),
        Command::Lsp => match crate::lsp::run() {
            Ok(true) => (String::new(), 0),
            Ok(false) => (String::new(), 1),
            Err(err) => {
                eprintln!("error: the language server stopped: {err}");
                (String::new(), 2)
            }
        },
        Command::Rules {
            write_docs: Some(dir),
            ..
        } => match crate::docs::write(&dir) {
            Ok(names) => {
                eprintln!("wrote {} pages to {}", names.len(), dir.display());
                (String::new(), 0)
            }
            Err(err) => {
                eprintln!(
                    "error: cannot write the pages to `{}`: {err}",
                    dir.display()
                );
                (String::new(), 2)
            }
        },
        Command::Rules { format, .. } => (list_rules(format), 0),
        Command::Schema { of } => (
            match of {
                SchemaOf::Check => render::schema(),
                SchemaOf::Analyze => render::analysis_schema(),
                SchemaOf::Run => render::run_schema(),
                SchemaOf::Diff => render::diff_schema(),
            }
            .to_string(),
            0,
        ),
    }
}

/// What `check` reads: the paths named, with the standard input standing for one file.
struct Input {
    paths: Vec<PathBuf>,
    /// The file `-` stands for, and the bytes read for it.
    stdin: Option<(PathBuf, Vec<u8>)>,
}

impl Input {
    fn read(
        paths: Vec<PathBuf>,
        stdin_filename: Option<PathBuf>,
        fix: bool,
    ) -> Result<Input, String> {
        let dashes = paths.iter().filter(|p| p.as_os_str() == "-").count();
        let stdin_path = match (dashes, stdin_filename) {
            (0, None) => return Ok(Input { paths, stdin: None }),
            (0, Some(_)) => return Err(
                "--stdin-filename names the file read from standard input: add `-` to the paths"
                    .into(),
            ),
            (1, Some(path)) => path,
            (1, None) => return Err(
                "`-` reads standard input: name the file it stands for with --stdin-filename PATH"
                    .into(),
            ),
            _ => return Err("`-` may be given once".into()),
        };
        if fix {
            return Err("--fix writes files and cannot fix standard input; an editor applies fixes as code actions".into());
        }
        // Capped like a file: one byte past the limit is enough to refuse it.
        let limit = crate::syntax::Limits::default().max_file_bytes as u64;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), limit + 1),
            &mut bytes,
        )
        .map_err(|err| format!("cannot read standard input: {err}"))?;
        let paths = paths
            .into_iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    stdin_path.clone()
                } else {
                    p
                }
            })
            .collect();
        Ok(Input {
            paths,
            stdin: Some((stdin_path, bytes)),
        })
    }

    fn check(&self) -> crate::check::Report {
        crate::check::check_paths_with(
            &self.paths,
            crate::syntax::Limits::default(),
            self.stdin.clone(),
        )
    }
}

/// Applies the safe fixes of the reported findings to the files checked, in rounds (a fix
/// that overlaps another waits for the next round, on the text the first left), and says
/// on standard error what changed.
fn fix_files(input: &Input, selection: &crate::rules::Selection) {
    const ROUNDS: usize = 8;
    let mut fixed: std::collections::BTreeMap<String, Vec<&'static str>> = Default::default();
    for _ in 0..ROUNDS {
        let mut report = input.check();
        report
            .diagnostics
            .retain(|d| selection.keeps(d.code.as_str()));
        let changes = crate::fix::safe_changes(&report);
        if changes.is_empty() {
            break;
        }
        for change in changes {
            if let Err(err) = std::fs::write(&change.path, &change.text) {
                eprintln!("error: cannot write `{}`: {err}", change.name);
                return;
            }
            fixed.entry(change.name).or_default().extend(change.codes);
        }
    }
    for (name, codes) in &fixed {
        let n = codes.len();
        let mut counted: std::collections::BTreeMap<&str, usize> = Default::default();
        for code in codes {
            *counted.entry(code).or_default() += 1;
        }
        let list: Vec<String> = counted
            .iter()
            .map(|(code, k)| {
                if *k == 1 {
                    code.to_string()
                } else {
                    format!("{code} ×{k}")
                }
            })
            .collect();
        eprintln!(
            "fixed {n} finding{} in {name}: {}",
            if n == 1 { "" } else { "s" },
            list.join(", ")
        );
    }
    if fixed.is_empty() {
        eprintln!("no safe fix to apply");
    }
}

fn check(
    input: &Input,
    format: Format,
    fail: Severity,
    color: bool,
    selection: &crate::rules::Selection,
    weakest: Basis,
) -> (String, u8) {
    let mut report = input.check();
    report
        .diagnostics
        .retain(|d| selection.keeps(d.code.as_str()));
    let before = report.diagnostics.len();
    report
        .diagnostics
        .retain(|d| d.basis().is_none_or(|b| b <= weakest));
    let hidden = before - report.diagnostics.len();
    let summary = |diagnostics: &[crate::diagnostic::Diagnostic], files: usize| {
        let mut line = render::summary(diagnostics, files);
        if hidden > 0 {
            let s = if hidden == 1 { "" } else { "s" };
            line.push_str(&format!(
                " ({hidden} finding{s} resting on less than {} not shown)",
                weakest.phrase()
            ));
        }
        line
    };
    let files = report.treaties.len();
    let text = match format {
        Format::Human => {
            let mut out = render::human(&report.sources, &report.diagnostics, color);
            out.push_str(&summary(&report.diagnostics, files));
            out.push('\n');
            out
        }
        Format::Plain => {
            let mut out = render::plain(&report.sources, &report.diagnostics);
            out.push_str(&summary(&report.diagnostics, files));
            out.push('\n');
            out
        }
        Format::Json => render::json(&report.sources, &report.diagnostics, files),
        Format::Github => render::github(&report.sources, &report.diagnostics),
        Format::Sarif => render::sarif(&report.sources, &report.diagnostics),
    };
    let code = if report.diagnostics.iter().any(|d| d.code.is_input_error()) {
        2
    } else if report.diagnostics.iter().any(|d| d.severity >= fail) {
        1
    } else {
        0
    };
    (text, code)
}

/// Analyses the files given if they resolve without errors; input errors exit 2, printed as
/// plain lines on stderr, or in JSON mode as diagnostics in the JSON on stdout.
fn analyze(
    paths: &[PathBuf],
    body: Option<&str>,
    excluding: &[String],
    budget: &crate::analysis::Budget,
    format: ListFormat,
) -> (String, u8) {
    let report = crate::check::resolve_paths(paths, crate::syntax::Limits::default());
    let errors = report.input_errors();
    if !errors.is_empty() {
        return match format {
            ListFormat::Human => {
                eprint!("{}", render::plain(&report.sources, &errors));
                (String::new(), 2)
            }
            ListFormat::Json => (render::analysis_json(&[], &report.sources, &errors), 2),
        };
    }
    let mut reports = Vec::new();
    for t in &report.treaties {
        let mut excluded = Vec::new();
        for id in excluding {
            match t.parties.iter().position(|p| p.id == *id) {
                Some(i) => excluded.push(crate::model::PartyId(i as u32)),
                None => {
                    eprintln!("error: no party `{id}` in {}", report.sources.name(t.file));
                    return (String::new(), 2);
                }
            }
        }
        let analysis = crate::analysis::analyze_within(
            t,
            report.sources.name(t.file),
            body,
            &excluded,
            budget,
        );
        if !analysis.bodies.is_empty() {
            reports.push(analysis);
        }
    }
    if let Some(id) = body {
        if reports.is_empty() {
            eprintln!("error: no body `{id}` in the files given");
            return (String::new(), 2);
        }
    }
    let text = match format {
        ListFormat::Human => render::analysis_human(&reports),
        ListFormat::Json => render::analysis_json(&reports, &report.sources, &[]),
    };
    (text, 0)
}

/// Exit 0 when the new version brings no finding at or above `fail`, 1 when it does, 2 when
/// either file has an error in its input (reported as `check` reports it, as JSON in JSON
/// mode, on stderr otherwise).
fn diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: DiffFormat,
    fail: Severity,
) -> (String, u8) {
    for path in [old, new] {
        if path.is_dir() {
            eprintln!(
                "error: `{}` is a folder; `treaty diff` compares two files",
                path.display()
            );
            return (String::new(), 2);
        }
    }
    let paths = [old.to_path_buf(), new.to_path_buf()];
    let limits = crate::syntax::Limits::default();
    let (report, findings) = match crate::check::common_root(&paths) {
        Some(root) => crate::check::check_within(&root, &paths, limits),
        None => crate::check::check_apart(&paths, limits),
    };
    let errors = report.input_errors();
    let (Some(t_old), Some(t_new), Some(f_old), Some(f_new), true) = (
        report.treaties.first(),
        report.treaties.get(1),
        findings.first(),
        findings.get(1),
        errors.is_empty(),
    ) else {
        return match format {
            DiffFormat::Json => (
                render::json(&report.sources, &errors, report.treaties.len()),
                2,
            ),
            DiffFormat::Human | DiffFormat::Markdown => {
                eprint!("{}", render::human(&report.sources, &errors, false));
                (String::new(), 2)
            }
        };
    };
    let name = |t: &crate::model::Treaty| report.sources.name(t.file).to_string();
    let (n_old, n_new) = (name(t_old), name(t_new));
    let a_old = crate::analysis::analyze(t_old, &n_old, None, &[]);
    let a_new = crate::analysis::analyze(t_new, &n_new, None, &[]);
    let side = |file, treaty, findings, analysis| crate::diff::Side {
        file,
        treaty,
        findings,
        analysis,
    };
    let diff = crate::diff::diff(
        &report.sources,
        side(&n_old, t_old, f_old, &a_old),
        side(&n_new, t_new, f_new, &a_new),
    );
    let text = match format {
        DiffFormat::Human => render::diff_human(&diff),
        DiffFormat::Json => render::diff_json(&diff),
        DiffFormat::Markdown => render::diff_markdown(&diff),
    };
    (text, u8::from(diff.introduces(fail)))
}

/// Writes the memo; exit 0 once written (findings do not fail a report), 2 on an error in
/// the input (reported on stderr, and nothing written) or when the file cannot be written.
fn report(
    paths: &[PathBuf],
    output: Option<&std::path::Path>,
    format: ReportFormat,
) -> (String, u8) {
    let limits = crate::syntax::Limits::default();
    let (report, findings) = match crate::check::common_root(paths) {
        Some(root) => crate::check::check_within(&root, paths, limits),
        None => crate::check::check_apart(paths, limits),
    };
    let errors = report.input_errors();
    if !errors.is_empty() {
        eprint!("{}", render::human(&report.sources, &errors, false));
        return (String::new(), 2);
    }
    if report.treaties.is_empty() {
        eprintln!("error: no `.treaty` files in the paths given");
        return (String::new(), 2);
    }
    let analyses: Vec<crate::analysis::Report> = report
        .treaties
        .iter()
        .map(|t| crate::analysis::analyze(t, report.sources.name(t.file), None, &[]))
        .collect();
    let inputs: Vec<render::report::FileInput<'_>> = report
        .treaties
        .iter()
        .zip(&findings)
        .zip(&analyses)
        .map(|((treaty, findings), analysis)| render::report::FileInput {
            name: report.sources.name(treaty.file),
            treaty,
            findings,
            analysis,
        })
        .collect();
    let memo = render::report::gather(&inputs);
    let text = match format {
        ReportFormat::Html => render::report::report_html(&memo),
        ReportFormat::Markdown => render::report::report_markdown(&memo),
    };
    match output {
        None => (text, 0),
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                (String::new(), 0)
            }
            Err(err) => {
                eprintln!("error: cannot write `{}`: {err}", path.display());
                (String::new(), 2)
            }
        },
    }
}

/// A positive number of seconds, at most a day.
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(format!(
            "`{text}` is not a number of seconds between 0 and 86400"
        )),
    }
}

/// Exit 0 when every scenario passes, 1 on a failed expectation, 2 on an error in a script
/// or in a treaty it names.
fn run_scenarios(
    paths: &[PathBuf],
    filter: Option<&str>,
    trace: bool,
    format: ListFormat,
) -> (String, u8) {
    let filter = match filter.map(regex_lite::Regex::new).transpose() {
        Ok(f) => f,
        Err(err) => {
            eprintln!("error: --filter is not a regular expression: {err}");
            return (String::new(), 2);
        }
    };
    let report =
        crate::scenario::run_paths(paths, filter.as_ref(), crate::syntax::Limits::default());
    let text = match format {
        ListFormat::Human => render::run_human(&report, trace),
        ListFormat::Json => render::run_json(&report),
    };
    use crate::scenario::Status;
    let code = if !report.diagnostics.is_empty() || report.count(Status::Error) > 0 {
        2
    } else if report.count(Status::Fail) > 0 {
        1
    } else {
        0
    };
    (text, code)
}

fn explain(code: &str) -> (String, u8) {
    if let Some(rule) = rules::find(code) {
        return (
            format!(
                "# {} ({}, default {})\n\n{}\n\n{}",
                rule.code,
                rule.summary,
                rule.severity,
                crate::docs::url(rule.code),
                rule.documentation()
            ),
            0,
        );
    }
    if let Some(description) = InputError::from_code(code).map(InputError::meaning) {
        return (
            format!(
                "# {code} (error in the input)\n\n{}\n\n{description}.\n",
                crate::docs::url(code)
            ),
            0,
        );
    }
    let known: Vec<&str> = rules::ALL
        .iter()
        .map(|r| r.code)
        .chain(InputError::ALL.iter().map(|e| e.as_str()))
        .collect();
    eprintln!(
        "error: no rule or error code `{code}`\nknown codes: {}",
        known.join(", ")
    );
    (String::new(), 2)
}

fn list_rules(format: ListFormat) -> String {
    match format {
        ListFormat::Human => {
            let width = rules::ALL.iter().map(|r| r.code.len()).max().unwrap_or(0);
            let mut out = String::new();
            for rule in rules::ALL {
                out.push_str(&format!(
                    "{:width$}  {:7}  {}\n",
                    rule.code,
                    rule.severity.as_str(),
                    rule.summary
                ));
            }
            out
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::ALL
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "severity": r.severity.as_str(),
                        "summary": r.summary,
                        "documentation": r.documentation(),
                        "url": crate::docs::url(r.code),
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&serde_json::json!({
                "version": render::JSON_VERSION,
                "rules": list,
            }))
            .unwrap_or_default();
            text.push('\n');
            text
        }
    }
}
