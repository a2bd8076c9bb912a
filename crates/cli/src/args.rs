//! The command line, declared with clap derive: subcommands and their options.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Lint STAR interview stories and working-backwards PR/FAQs like a compiler.
#[derive(Debug, Parser)]
#[command(name = "starlint", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Check(CheckArgs),
    /// List every rule: code, name, default severity, fix, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation page (`explain grade`: the grade formula and probes).
    Explain(ExplainArgs),
    /// The story bank's principle coverage: stories per principle against the target; with
    /// `--jd`, the principles a job description emphasises and which of them the bank covers.
    Coverage(CoverageArgs),
    /// The story bank as one self-contained HTML page: principles × stories, and every story's
    /// parts, spoken time and diagnostics.
    Report(crate::bank_report::args::ReportArgs),
    /// The story bank for practice: Anki cards, a CSV, or a one-page printable cheat sheet.
    Export(crate::bank_report::args::ExportArgs),
    /// Print (or write with `-o`) a skeleton story or PR/FAQ to fill in.
    New(NewArgs),
    /// Rank the bank's stories for an interview question, each with why: the principles the
    /// question points to, the words it shares with the story, the story's open problems.
    Match(MatchArgs),
    /// The follow-up questions an interviewer will ask about each story, and its grade.
    Probe(ProbeArgs),
    /// Run the language server on stdio.
    Lsp,
    /// Show what starlint reads in a file: `debug model FILE`.
    Debug(DebugArgs),
}

/// `--set`, shared by every command that reads principles.
#[derive(Debug, Clone, Default, Args)]
pub struct SetArg {
    /// The value set in force (over the config's `[principles]` and the bank's evidence).
    #[arg(long = "set", value_name = "SET", value_parser = clap::builder::PossibleValuesParser::new(starlint_lint::value_sets::IDS))]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
pub struct DebugArgs {
    #[command(subcommand)]
    pub what: DebugWhat,
}

#[derive(Debug, Subcommand)]
pub enum DebugWhat {
    /// The document model of FILE: its kind with the evidence that decided it, the value set in
    /// force, the stories with their parts and tags, and the PR/FAQ parts found.
    Model(ModelArgs),
}

/// Which configuration a command reads: the discovered `starlint.toml`, a given file, or none.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Use this configuration file instead of discovering `starlint.toml` per file.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore every configuration file: default settings.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Args)]
pub struct ModelArgs {
    /// The file to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads stdin. Directories are walked honouring
    /// `.gitignore` and yield `*.md` / `*.markdown`; files named here are always checked.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Rules to run (codes, names or prefixes such as `STAR`; comma-separated or repeated).
    /// Replaces the configuration's `select` and `ignore`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,

    /// Rules to turn off (codes, names or prefixes), on top of the configuration's `ignore`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,

    /// Print diagnostics only: no summary line, nothing at all when clean.
    #[arg(long, short)]
    pub quiet: bool,

    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,

    /// When to use colours in human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Width of human output in columns: a longer source line is cut around its span and the
    /// underline capped. Default: the terminal's width; no limit when not printing to one.
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    pub output_width: Option<u16>,

    /// Neither read nor write the result cache (`.starlint_cache/`).
    #[arg(long)]
    pub no_cache: bool,

    /// The name of the text read from stdin: shown in output, and used to find its configuration.
    /// Alone (no PATH), it means `-`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,

    /// Apply safe fixes in place, then report what remains. Stdin's fixed text goes to stdout
    /// (the report then goes to stderr).
    #[arg(long)]
    pub fix: bool,

    /// With --fix or --diff: apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them (exit 1 when there are any).
    #[arg(long)]
    pub diff: bool,

    /// Report only diagnostics on lines changed since this git revision (`git diff REF`: the
    /// working tree against REF; a file git does not track counts as changed throughout). The
    /// exit status follows what is reported.
    #[arg(long, value_name = "REF", conflicts_with_all = ["fix", "diff"])]
    pub changed_since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML, one test suite per file.
    Junit,
}

/// `starlint rules` formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// Files and directories holding the bank (default: the current directory). Directories
    /// are walked as `check` walks them.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,

    /// A job description (Markdown or plain text): rank the principles it emphasises.
    #[arg(long, value_name = "FILE")]
    pub jd: Option<PathBuf>,

    /// Interview questions (one per line, or a posting): map each to the bank's best story and
    /// list those no story answers well.
    #[arg(long, value_name = "FILE")]
    pub questions: Option<PathBuf>,

    #[command(flatten)]
    pub set: SetArg,

    /// When to use colours in human output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    #[command(flatten)]
    pub cfg: ConfigArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code or name (case-insensitive), e.g. `STAR004` or `result-without-metric`; or
    /// `grade` for the readiness grade's formula and the probe table.
    #[arg(value_name = "RULE")]
    pub rule: String,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(subcommand)]
    pub kind: NewKind,
}

#[derive(Debug, Subcommand)]
pub enum NewKind {
    /// A STAR story: title, principle tag line, the four parts and a Learning.
    Story(NewStoryArgs),
    /// A working-backwards PR/FAQ: press release, external and internal FAQ.
    Prfaq(NewPrfaqArgs),
}

#[derive(Debug, Args)]
pub struct NewStoryArgs {
    /// Tag the story with this principle (a name or alias; repeat for more).
    #[arg(long = "principle", short = 'p', value_name = "PRINCIPLE")]
    pub principles: Vec<String>,

    #[command(flatten)]
    pub set: SetArg,

    /// The UK Civil Service Success Profiles level (1–6) the answer aims for (with the
    /// `civil-service` set; default: `[principles] level`).
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(1..=6))]
    pub level: Option<u8>,

    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewPrfaqArgs {
    #[command(flatten)]
    pub common: NewCommon,
}

#[derive(Debug, Args)]
pub struct NewCommon {
    /// The document's title (the words may be given unquoted).
    #[arg(value_name = "TITLE")]
    pub title: Vec<String>,

    /// Write the skeleton to this file instead of stdout (never over an existing file).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// The interview question, in quotes.
    #[arg(value_name = "QUESTION")]
    pub question: String,

    /// Files and directories holding the bank (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// How many stories to list.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 5)]
    pub limit: usize,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,
}

#[derive(Debug, Args)]
pub struct ProbeArgs {
    /// Files and directories holding the stories (default: the current directory).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,

    #[command(flatten)]
    pub cfg: ConfigArgs,

    #[command(flatten)]
    pub set: SetArg,
}
