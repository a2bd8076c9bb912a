//! The `starlint` binary: `check` (lint and fix), `rules`, `explain`, `coverage`, `report`,
//! `export`, `new`, `match` and `probe`.
//!
//! Only this crate prints. Exit codes: 0 = nothing at or above `--fail-on`, 1 = something,
//! 2 = a usage, configuration, I/O or internal error. A panic never reaches the user as a
//! backtrace: the panic hook is silent and every panic becomes a one-line error.

mod args;
mod bank_report;
mod cache;
mod changed;
mod check;
mod coach;
mod coverage;
mod debug;
mod docs;
mod fixing;
mod input;
mod new;
mod output;
mod paths;
mod report;
mod rules_cmd;
mod walk;

use clap::Parser;
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::process::ExitCode;

thread_local! {
    /// The message of the last panic on this thread (the hook records it instead of printing).
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_text(info.payload());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{location}")));
    }));
    let cli = args::Cli::parse();
    let code = catch_unwind(AssertUnwindSafe(|| match cli.command {
        args::Command::Check(args) => check::run(&args),
        args::Command::Rules(args) => rules_cmd::rules(&args),
        args::Command::Explain(args) => rules_cmd::explain(&args),
        args::Command::Coverage(args) => coverage::run(&args),
        args::Command::Report(args) => bank_report::run_report(&args),
        args::Command::Export(args) => bank_report::run_export(&args),
        args::Command::New(args) => new::run(&args),
        args::Command::Match(args) => coach::run_match(&args),
        args::Command::Probe(args) => coach::run_probe(&args),
        args::Command::Debug(args) => debug::run(&args),
        args::Command::Lsp => match starlint_lsp::run_stdio() {
            Ok(true) => 0,
            // `exit` without `shutdown`, or the client went away: 1, as the spec says.
            Ok(false) => 1,
            Err(e) => {
                report::error(&format!("cannot start the language server: {e}"));
                report::EXIT_ERROR
            }
        },
    }));
    match code {
        Ok(code) => ExitCode::from(code),
        Err(_) => {
            report::error(&format!(
                "internal error: {} (please report it)",
                take_panic()
            ));
            ExitCode::from(report::EXIT_ERROR)
        }
    }
}

/// The last panic's message on this thread, for an error line.
pub fn take_panic() -> String {
    LAST_PANIC
        .with(|p| p.borrow_mut().take())
        .unwrap_or_else(|| "a panic".to_string())
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}
