//! Exit codes, one-line messages on stderr, and writing whole outputs to stdout.

use std::io::Write;

pub const EXIT_OK: u8 = 0;
pub const EXIT_PROBLEMS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// `starlint: error: …` on stderr.
pub fn error(message: &str) {
    line("error", message);
}

/// `starlint: warning: …` on stderr.
pub fn warning(message: &str) {
    line("warning", message);
}

fn line(level: &str, message: &str) {
    // A message is one line whatever it quotes.
    let message = message.replace(['\n', '\r'], " ");
    let mut err = std::io::stderr().lock();
    // Nothing sensible is left to do when stderr itself is gone.
    let _ = writeln!(err, "starlint: {level}: {}", message.trim_end());
}

/// Write a whole output to stdout. The renderers already emit colour codes only when `color`
/// allows them, so the text goes out as it is: scanning megabytes of JSON for escape codes to
/// strip cost more than the rest of a cached run. A closed pipe (`starlint check | head`) is
/// not an error.
pub fn stdout(text: &str, color: anstream::ColorChoice) {
    let _ = color;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Write a whole output to stderr, plain.
pub fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}

/// The current directory, or `None` after reporting why it cannot be read (exit 2 follows).
pub fn current_dir() -> Option<std::path::PathBuf> {
    match std::env::current_dir() {
        Ok(cwd) => Some(cwd),
        Err(e) => {
            error(&format!(
                "cannot read the current directory: {}",
                crate::walk::io_text(&e)
            ));
            None
        }
    }
}
