//! Throughput of `treaty check` end to end (parse, resolve, lint) on a large generated clause
//! file. Run with `cargo bench`; prints MB/s. No timing is asserted anywhere: tests stay
//! deterministic, and this harness is where speed is measured.

use std::fmt::Write as _;
use std::time::Instant;

/// A treaty of `parties` parties with `articles` articles, each with a body, a norm and a
/// procedure, in the shape of the bundled EST encoding.
fn generate(parties: usize, articles: usize) -> String {
    let mut t = String::new();
    t.push_str("treaty \"Generated benchmark treaty\" {\n  date 2026-01-01\n  status draft\n}\n\n");
    t.push_str("principle indivisible_security \"indivisible security\"\n");
    for i in 0..parties {
        let _ = writeln!(
            t,
            "party P{i} \"State number {i}\" with population {}, joined 2001-01-01",
            1_000_000 + i * 7919
        );
    }
    t.push_str("parties all parties\nclass founders = P0, P1, P2, P3, P4\n\n");
    for a in 1..=articles {
        let _ = writeln!(
            t,
            "article {a} titled \"Article {a}\" says \"Each Party shall, with due regard to the security interests of all other Parties, refrain from measures affecting significantly the security of any other Party, and shall report to the Conference within thirty days.\"\n  from \"generated\"\n"
        );
        let _ = writeln!(
            t,
            "norm duty_{a} article {a} {{\n  each party shall not \"take measures affecting significantly the security of another Party\"\n  toward all other parties\n  when \"a measure might affect security\" judged by the requesting party\n  standard \"affecting significantly\"\n  within 30 days\n}}\n"
        );
        let _ = writeln!(
            t,
            "procedure consult_{a} \"Consultations {a}\" article {a} {{\n  initiated by any party article {a}\n  when \"a threat exists\" judged by the initiating party\n  deadline \"first meeting\" within (X) days\n  leads to council_{a}\n}}\n"
        );
        let _ = writeln!(
            t,
            "body council_{a} \"Council {a}\" article {a} {{\n  members all parties\n  quorum at least two thirds of members\n  decides measures by at least 55% of members and at least 65% of population of members article {a}\n  decides statements by consensus excluding the accused party article {a}\n}}\n"
        );
    }
    t.push_str("affirms indivisible_security article 1\nentry into force after 25 ratifications article 1\n");
    t
}

fn main() {
    let runs = 5;
    for (parties, articles) in [(57, 200), (193, 2_000)] {
        let text = generate(parties, articles);
        let mb = text.len() as f64 / 1e6;
        let mut times = Vec::new();
        let mut findings = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let report = treaty::check_source("bench.treaty", &text, &[]);
            times.push(start.elapsed().as_secs_f64());
            findings = report.diagnostics.len();
        }
        times.sort_by(f64::total_cmp);
        let parse_start = Instant::now();
        let _ = treaty::syntax::parse(
            treaty::source::FileId(0),
            &text,
            &treaty::syntax::Limits::default(),
        );
        let parse = parse_start.elapsed().as_secs_f64();
        let median = times.get(runs / 2).copied().unwrap_or(f64::NAN);
        println!(
            "check: {parties} parties, {articles} articles, {mb:.2} MB, {findings} findings: median {:.1} ms over {runs} runs = {:.1} MB/s (parsing alone {:.1} ms = {:.1} MB/s)",
            median * 1e3,
            mb / median,
            parse * 1e3,
            mb / parse
        );
    }
}
