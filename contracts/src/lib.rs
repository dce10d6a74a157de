//! Nothing but tests: see `tests/schemas.rs` and this package's `Cargo.toml`.
