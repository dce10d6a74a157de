//! Time of a full exact analysis (Banzhaf and Shapley–Shubik for every party, power to act,
//! smallest blocking coalition) of the EU Council's qualified majority with raw populations
//! and of the UN General Assembly's two-thirds rule over 193 members. Run with `cargo bench`.

use std::time::Instant;

fn analyze_median(name: &str, parties_file: &str, class: &str, rule: &str) {
    let parties = std::fs::read_to_string(parties_file).unwrap_or_default();
    let text =
        format!("import \"parties.treaty\"\nparties {class}\nbody b {{ decides d by {rule} }}\n");
    let report = treaty::check_source(
        "bench/t.treaty",
        &text,
        &[("bench/parties.treaty", &parties)],
    );
    let Some(t) = report.treaties.first() else {
        println!("{name}: the treaty did not resolve");
        return;
    };
    let runs = 21;
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..runs {
        let start = Instant::now();
        let r = treaty::analysis::analyze(t, "t.treaty", None, &[]);
        times.push(start.elapsed().as_secs_f64());
        result = Some(r);
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(runs / 2).copied().unwrap_or(f64::NAN);
    let members = result
        .as_ref()
        .and_then(|r| r.bodies.first())
        .map_or(0, |b| b.members);
    println!(
        "analyze: {name} ({members} members): median {:.3} ms over {runs} runs",
        median * 1e3
    );
}

fn main() {
    analyze_median(
        "EU Council qualified majority, raw populations",
        "treaties/parties/eu-member-states.treaty",
        "eu_member_states",
        "(at least 55% of members and at least 15 members and at least 65% of population of members) or fewer than 4 members against",
    );
    analyze_median(
        "UN General Assembly, two thirds",
        "treaties/parties/un-member-states.treaty",
        "un_member_states",
        "at least two thirds of members present",
    );
}
