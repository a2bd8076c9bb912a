//! The options of `starlint report` and `starlint export` (kept beside the commands).

use crate::args::{ConfigArgs, SetArg};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files and directories holding the bank (default: the current directory), walked as
    /// `check` walks them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the page to this file (default: stdout; `-` is stdout too).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A job description (Markdown or plain text): the principles it emphasises come first and
    /// are marked.
    #[arg(long, value_name = "FILE")]
    pub jd: Option<PathBuf>,

    /// The page's title.
    #[arg(long, value_name = "TEXT", default_value = "Story bank")]
    pub title: String,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Files and directories holding the bank (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// Write to this file (default: stdout; `-` is stdout too).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// A job description: the cheat sheet keeps the principles it emphasises (and the role's),
    /// in its order.
    #[arg(long, value_name = "FILE")]
    pub jd: Option<PathBuf>,

    /// The cheat sheet's title.
    #[arg(long, value_name = "TEXT", default_value = "Interview cheat sheet")]
    pub title: String,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Tab-separated cards Anki imports: front (title and principles), back (S/T/A/R in
    /// short), tags.
    Anki,
    /// One row per story: title, path, line, principles, parts, words, seconds, problems.
    Csv,
    /// A one-page printable HTML sheet: principles, their stories, one line each.
    Cheatsheet,
}
