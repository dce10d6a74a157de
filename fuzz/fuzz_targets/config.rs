//! `treaty.toml` on arbitrary bytes: read through the workspace as the checker reads it, and
//! applied to findings of every rule.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use treaty::diagnostic::Diagnostic;
use treaty::model::Workspace;
use treaty::source::Span;
use treaty::syntax::Limits;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut ws = Workspace::new(Limits::default());
    ws.add_source("t/treaty.toml", text.as_str());
    let (config, errors) = treaty::config::load(Path::new("t/treaty.toml"), &mut ws);
    for e in &errors {
        assert!((e.span.end as usize) <= text.len(), "{e:?}");
        assert!(e.span.start <= e.span.end, "{e:?}");
    }
    for rule in treaty::rules::ALL {
        let mut d = Diagnostic::new(*rule, rule.severity, Span::default(), "finding");
        let _ = config.apply(&mut d);
    }
    let _ = treaty::render::json(&ws.sources, &errors, 0);
    let _ = treaty::render::human(&ws.sources, &errors, false);
});
