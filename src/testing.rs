//! What the unit tests share: checking a clause file held in memory that must be free of
//! errors in the input, so that a broken fixture fails loudly rather than silently.

use crate::check::{check_source, Report};
use crate::model::Treaty;

/// Checks `text` as `t/draft.treaty` (with `extra` files beside it); panics on any error in
/// the input itself.
pub fn checked(text: &str, extra: &[(&str, &str)]) -> Report {
    let report = check_source("t/draft.treaty", text, extra);
    let errors = report.input_errors();
    assert!(errors.is_empty(), "fixture has errors: {errors:#?}\n{text}");
    report
}

/// The Model of `text`, which must be free of errors.
pub fn resolved(text: &str) -> Treaty {
    checked(text, &[])
        .treaties
        .into_iter()
        .next()
        .expect("a checked file yields its Model")
}
