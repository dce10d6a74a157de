//! Times of the exact analysis (Banzhaf and Shapley–Shubik for every party, power to act,
//! minimal coalitions, smallest blocking coalition) at every real scale, with the method
//! chosen and what was left out within the default budget (10 s and 1 GiB per rule):
//!
//! - the EU Council's qualified majority with raw populations, and the UN General Assembly's
//!   two thirds of 193 (the corpus' own party lists);
//! - the IMF's Board of Governors (treaties/imf-articles.treaty, the 85% rule), in-process and
//!   as the whole `treaty analyze` process;
//! - an IMF-shaped generated body: 190 members, about 4.5 million votes, the 85% rule;
//! - random bodies of 40 and 200 members weighing up to a million each;
//! - bodies of 30 and 50 members under a rule over two measures.
//!
//! Run with `cargo bench --bench analyze` (`-- WORD` runs the cases whose name holds WORD);
//! on a shared machine, `nice` it. The generated bodies are deterministic (a fixed linear
//! congruential generator).

use std::process::Command;
use std::time::Instant;

/// The median of `runs` timings of `action`, in seconds.
fn median(runs: usize, mut action: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            action();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(runs / 2).copied().unwrap_or(f64::NAN)
}

fn shown(seconds: f64) -> String {
    if seconds < 1.0 {
        format!("{:.3} ms", seconds * 1e3)
    } else {
        format!("{seconds:.2} s")
    }
}

/// Analyses the first body of `text` (with `files` beside it) `runs` times and prints the
/// median, the method of each rule and what it left out.
fn case(name: &str, text: &str, files: &[(&str, &str)], runs: usize) {
    if !wanted(name) {
        return;
    }
    let report = treaty::check_source("bench/t.treaty", text, files);
    let Some(t) = report.treaties.first() else {
        println!("{name}: the treaty did not resolve");
        return;
    };
    let mut result = None;
    let seconds = median(runs, || {
        result = Some(treaty::analysis::analyze(t, "t.treaty", None, &[]));
    });
    let Some(body) = result.as_ref().and_then(|r| r.bodies.first()) else {
        println!("{name}: no body");
        return;
    };
    let rules: Vec<String> = body
        .decisions
        .iter()
        .map(|d| {
            let method = d.method.as_deref().unwrap_or("nothing");
            if d.not_computed.is_empty() {
                format!("{method}, everything")
            } else {
                let left: Vec<&str> = d.not_computed.iter().map(|m| m.what).collect();
                format!("{method}, not computed: {}", left.join(", "))
            }
        })
        .collect();
    println!(
        "analyze: {name} ({} members): median {} over {runs} runs [{}]",
        body.members,
        shown(seconds),
        rules.join("; ")
    );
    for d in &body.decisions {
        for missing in &d.not_computed {
            println!("    {}: {}", missing.what, missing.reason);
        }
    }
}

/// Whether the case is among those asked for on the command line (all, if none are).
fn wanted(name: &str) -> bool {
    let words: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    words.is_empty() || words.iter().any(|w| name.contains(w.as_str()))
}

/// A deterministic stream of numbers (the same 64-bit LCG as the analysis tests).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// A body whose members weigh `weights` (and `populations`, if given) deciding by `rule`.
fn body(weights: &[u64], populations: Option<&[u64]>, rule: &str) -> String {
    let mut text = String::new();
    for (i, w) in weights.iter().enumerate() {
        let population = populations
            .and_then(|p| p.get(i))
            .map(|p| format!(", population {p}"))
            .unwrap_or_default();
        text.push_str(&format!(
            "party P{i} \"State {i}\" with weight {w}{population}\n"
        ));
    }
    text.push_str(&format!(
        "parties all parties\nbody b {{ decides d by {rule} }}\n"
    ));
    text
}

fn corpus_case(name: &str, parties_file: &str, class: &str, rule: &str, runs: usize) {
    let parties = std::fs::read_to_string(parties_file).unwrap_or_default();
    let text =
        format!("import \"parties.treaty\"\nparties {class}\nbody b {{ decides d by {rule} }}\n");
    case(name, &text, &[("bench/parties.treaty", &parties)], runs);
}

fn main() {
    corpus_case(
        "EU Council qualified majority, raw populations",
        "treaties/parties/eu-member-states.treaty",
        "eu_member_states",
        "(at least 55% of members and at least 15 members and at least 65% of population of members) or fewer than 4 members against",
        21,
    );
    corpus_case(
        "UN General Assembly, two thirds",
        "treaties/parties/un-member-states.treaty",
        "un_member_states",
        "at least two thirds of members present",
        21,
    );
    corpus_case(
        "IMF Board of Governors, 85% of the votes (vote shares)",
        "treaties/parties/imf-members.treaty",
        "imf_members",
        "at least 85% of votes of members",
        5,
    );
    // The whole process on the corpus file: all four of its rules, JSON out.
    let name = "treaty analyze treaties/imf-articles.treaty (whole process, 4 rules)";
    if wanted(name) {
        let exe = env!("CARGO_BIN_EXE_treaty");
        let seconds = median(5, || {
            let _ = Command::new(exe)
                .args([
                    "analyze",
                    "treaties/imf-articles.treaty",
                    "--format",
                    "json",
                ])
                .output();
        });
        println!("analyze: {name}: median {} over 5 runs", shown(seconds));
    }
    // Shaped like the IMF: basic votes alike, quota votes falling with rank, about 4.5
    // million votes in all.
    let imf: Vec<u64> = (0..190u64)
        .map(|i| 1464 + 720_000 / (i + 1) + (i * 37) % 101)
        .collect();
    case(
        "IMF-shaped body, 4.5 million votes, 85%",
        &body(&imf, None, "at least 85% of weight of members"),
        &[],
        3,
    );
    let mut rng = Lcg(40);
    let forty: Vec<u64> = (0..40).map(|_| 1 + rng.below(1_000_000)).collect();
    case(
        "40 members, weights up to 10^6, 50%",
        &body(&forty, None, "at least 50% of weight of members"),
        &[],
        3,
    );
    let mut rng = Lcg(200);
    let two_hundred: Vec<u64> = (0..200).map(|_| 1 + rng.below(1_000_000)).collect();
    case(
        "200 members, weights up to 10^6, 50%",
        &body(&two_hundred, None, "at least 50% of weight of members"),
        &[],
        3,
    );
    for n in [30, 50] {
        let mut rng = Lcg(n);
        let weights: Vec<u64> = (0..n).map(|_| 1 + rng.below(1_000_000)).collect();
        let populations: Vec<u64> = (0..n).map(|_| 1 + rng.below(1_000_000)).collect();
        case(
            &format!("{n} members, two measures up to 10^6, 50% of each"),
            &body(
                &weights,
                Some(&populations),
                "at least 50% of weight of members and at least 50% of population of members",
            ),
            &[],
            3,
        );
    }
}
