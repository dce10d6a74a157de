//! The command line (contract): `treaty check | explain | rules | schema`. Results go to
//! stdout, errors about the invocation to stderr; exit 0 clean, 1 findings, 2 bad input.

use crate::basis::Basis;
use crate::check::check_paths;
use crate::diagnostic::{codes, Severity};
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
        /// `.treaty` files, or folders to search for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    /// Print a rule's (or an error code's) documentation.
    Explain { code: String },
    /// List every rule.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
    },
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let (text, code) = run(cli.command);
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(text.as_bytes()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}

/// Runs a command and returns what it prints and its exit code.
fn run(command: Command) -> (String, u8) {
    match command {
        Command::Check {
            paths,
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
            let fail = match fail_level {
                LevelArg::Info => Severity::Info,
                LevelArg::Warning => Severity::Warning,
                LevelArg::Error => Severity::Error,
            };
            let color = match color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            check(&paths, format, fail, color, &selection, basis.basis())
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
        Command::Explain { code } => explain(&code),
        Command::Rules { format } => (list_rules(format), 0),
        Command::Schema { of } => (
            match of {
                SchemaOf::Check => render::schema(),
                SchemaOf::Analyze => render::analysis_schema(),
                SchemaOf::Run => render::run_schema(),
            }
            .to_string(),
            0,
        ),
    }
}

fn check(
    paths: &[PathBuf],
    format: Format,
    fail: Severity,
    color: bool,
    selection: &crate::rules::Selection,
    weakest: Basis,
) -> (String, u8) {
    let mut report = check_paths(paths, crate::syntax::Limits::default());
    report.diagnostics.retain(|d| selection.keeps(d.code));
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
    let code = if report
        .diagnostics
        .iter()
        .any(|d| codes::is_input_error(d.code))
    {
        2
    } else if report.diagnostics.iter().any(|d| d.severity >= fail) {
        1
    } else {
        0
    };
    (text, code)
}

/// Analyses the files given if they resolve without errors; input errors go to stderr
/// (exit 2).
fn analyze(
    paths: &[PathBuf],
    body: Option<&str>,
    excluding: &[String],
    budget: &crate::analysis::Budget,
    format: ListFormat,
) -> (String, u8) {
    let report = crate::check::resolve_paths(paths, crate::syntax::Limits::default());
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| codes::is_input_error(d.code))
        .cloned()
        .collect();
    if !errors.is_empty() {
        eprint!("{}", render::plain(&report.sources, &errors));
        return (String::new(), 2);
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
        ListFormat::Json => render::analysis_json(&reports),
    };
    (text, 0)
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
                "# {} ({}, default {})\n\n{}",
                rule.code,
                rule.summary,
                rule.severity,
                rule.documentation()
            ),
            0,
        );
    }
    if let Some(description) = codes::describe(code) {
        return (
            format!("# {code} (error in the input)\n\n{description}.\n"),
            0,
        );
    }
    let known: Vec<&str> = rules::ALL
        .iter()
        .map(|r| r.code)
        .chain(codes::ALL.iter().map(|(c, _)| *c))
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
