//! CLI tests: real runs of the `starlint` binary on temporary directories.
// Test code: a failed unwrap or index is a failed test, which is what we want.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

mod changed;
mod check;
mod coverage;
mod formats;
mod new;
