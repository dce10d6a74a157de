//! Scenario throughput: parse and play simple scenarios against the EST draft (57 Parties)
//! and report scenarios per second. Run with `cargo bench --bench run`.

use std::time::Instant;

const SCRIPT: &str = r#"
scenario "EST Art. 8: the attacker objects" {
  treaty "est-2009.treaty"
  attack by RU on EE
  convene extraordinary_conference by depositary on request of EE
  attend all
  vote collective_measures no RU
  expect rejected blocked by RU
}
"#;

fn main() {
    let report = treaty::check_paths(
        &[std::path::PathBuf::from("treaties/est-2009.treaty")],
        treaty::syntax::Limits::default(),
    );
    let Some(est) = report.treaties.first() else {
        println!("run: the EST draft did not load");
        return;
    };
    let runs = 20_000;
    let start = Instant::now();
    let mut passed = 0;
    for _ in 0..runs {
        let (scenarios, _) = treaty::scenario::parse(treaty::source::FileId(0), SCRIPT);
        for s in &scenarios {
            if treaty::scenario::run(s, est).status == treaty::scenario::Status::Pass {
                passed += 1;
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "run: {runs} scenarios (parse and play, 5 steps, 57 Parties), {passed} passed: {:.0} scenarios/s",
        runs as f64 / seconds
    );
}
