//! The clause-file pipeline on arbitrary bytes: parse, resolve, lint, and render in every
//! format. A byte 0xFF (never in UTF-8) splits the input into the checked file and a second
//! file beside it, `b.treaty`, that the first may import or name as a baseline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treaty::render;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&b| b == 0xFF);
    let main = String::from_utf8_lossy(parts.next().unwrap_or(&[])).into_owned();
    let other = String::from_utf8_lossy(parts.next().unwrap_or(&[])).into_owned();
    let report = treaty::check_source("t/a.treaty", &main, &[("t/b.treaty", &other)]);
    for d in &report.diagnostics {
        let file = report.sources.get(d.span.file).expect("every span names a loaded file");
        assert!(d.span.start <= d.span.end, "{d:?}");
        assert!((d.span.end as usize) <= file.text.len(), "{d:?}");
        for l in &d.labels {
            let f = report.sources.get(l.span.file).expect("every label names a loaded file");
            assert!((l.span.end as usize) <= f.text.len(), "{d:?}");
        }
    }
    let files = report.treaties.len();
    let _ = render::human(&report.sources, &report.diagnostics, false);
    let _ = render::plain(&report.sources, &report.diagnostics);
    let _ = render::github(&report.sources, &report.diagnostics);
    let json = render::json(&report.sources, &report.diagnostics, files);
    assert!(json.starts_with('{'), "{json}");
    let _ = render::sarif(&report.sources, &report.diagnostics);
});
