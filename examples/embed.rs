//! Embedding the checker, as an editor would: check a clause held in memory, print the
//! findings as the JSON an editor reads, then ask the decision core what a conference
//! decides when one party objects.
//!
//! Run with `cargo run --example embed`.

use treaty::decision::{decide, Vote};

const DRAFT: &str = r#"
party A "Alpha"
party B "Beta"
party C "Gamma"
party D "Delta"
parties all parties

article 6 says "Decisions of the Conference shall be taken by consensus."

body conference "Conference of the Parties" article 6 {
  quorum at least two thirds of members article 6
  decides decisions by consensus binding article 6
}
"#;

fn main() {
    let report = treaty::check_source("draft.treaty", DRAFT, &[]);
    print!(
        "{}",
        treaty::render::json(&report.sources, &report.diagnostics, report.treaties.len())
    );

    let Some(treaty) = report.treaties.first() else {
        return;
    };
    let Some(conference) = treaty.bodies.first() else {
        return;
    };
    let Some(rule) = conference.decisions.first() else {
        return;
    };
    // Alpha, Beta and Gamma in favour; Delta objects.
    let votes = [Vote::Yes, Vote::Yes, Vote::Yes, Vote::No];
    let decision = decide(conference, rule, &votes, &[]);
    let blockers = treaty.party_names(&decision.blocked_by);
    println!(
        "{}: {} (blocked by {})",
        conference.display_name(),
        decision.outcome.as_str(),
        blockers.join(", ")
    );
}
