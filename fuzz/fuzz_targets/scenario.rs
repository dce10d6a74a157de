//! The scenario parser and runner on arbitrary bytes, against real treaties held in memory
//! (the first byte picks which); the results are rendered as `treaty run` renders them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty::model::Treaty;
use treaty::scenario::{RunReport, ScenarioResult};
use treaty::source::FileId;

const PRINCIPLES: &str = include_str!("../../treaties/principles.treaty");
const OSCE: &str = include_str!("../../treaties/parties/osce-participating-states.treaty");
const NATO: &str = include_str!("../../treaties/parties/nato-members.treaty");

/// The treaties the examples run against, resolved once.
fn models() -> Vec<Treaty> {
    let sets: [(&str, &str, &[(&str, &str)]); 4] = [
        (
            "treaties/est-2009.treaty",
            include_str!("../../treaties/est-2009.treaty"),
            &[
                ("treaties/principles.treaty", PRINCIPLES),
                ("treaties/parties/osce-participating-states.treaty", OSCE),
                ("treaties/helsinki-1975.treaty", include_str!("../../treaties/helsinki-1975.treaty")),
                ("treaties/paris-1990.treaty", include_str!("../../treaties/paris-1990.treaty")),
                ("treaties/istanbul-1999.treaty", include_str!("../../treaties/istanbul-1999.treaty")),
            ],
        ),
        (
            "treaties/north-atlantic-1949.treaty",
            include_str!("../../treaties/north-atlantic-1949.treaty"),
            &[
                ("treaties/principles.treaty", PRINCIPLES),
                ("treaties/parties/nato-members.treaty", NATO),
            ],
        ),
        (
            "treaties/osce-decision-rules.treaty",
            include_str!("../../treaties/osce-decision-rules.treaty"),
            &[("treaties/parties/osce-participating-states.treaty", OSCE)],
        ),
        (
            "treaties/un-charter.treaty",
            include_str!("../../treaties/un-charter.treaty"),
            &[],
        ),
    ];
    sets.iter()
        .filter_map(|(name, text, extra)| {
            treaty::check_source(name, text, extra).treaties.into_iter().next()
        })
        .collect()
}

thread_local! {
    // Shared, as the runner shares them: a result keeps the treaty its trace names.
    static MODELS: Vec<std::sync::Arc<Treaty>> =
        models().into_iter().map(std::sync::Arc::new).collect();
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest).into_owned();
    let (scenarios, diagnostics) = treaty::scenario::parse(FileId(0), &text);
    for d in &diagnostics {
        assert!((d.span.end as usize) <= text.len(), "{d:?}");
    }
    MODELS.with(|models| {
        let Some(model) = models.get(pick as usize % models.len().max(1)) else {
            return;
        };
        let mut report = RunReport::default();
        report.sources.add("s.scenario", "s.scenario", &text);
        for s in &scenarios {
            let outcome = treaty::scenario::run(s, model);
            report.results.push(ScenarioResult {
                file: FileId(0),
                span: s.span,
                outcome,
                treaty: Some(std::sync::Arc::clone(model)),
            });
        }
        report.diagnostics = diagnostics;
        let _ = treaty::render::run_human(&report, true);
        let _ = treaty::render::run_json(&report);
    });
});
