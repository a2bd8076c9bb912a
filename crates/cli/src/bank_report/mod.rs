//! `starlint report` (the bank as one self-contained HTML page) and `starlint export` (practice
//! cards, a spreadsheet, a printable cheat sheet). Both read the bank exactly as `coverage`
//! does (the same walk, settings and [`Coverage`] table) and add what only a page needs: each
//! story's diagnostics, parts and spoken time.

pub mod args;
mod cheatsheet;
mod export;
mod html;
mod text;

use crate::args::ConfigArgs;
use crate::check::{self, Job, Message};
use crate::coverage::bank_anchor;
use crate::paths;
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk::{self, io_text};
use args::{ExportArgs, ExportFormat, ReportArgs};
use rayon::prelude::*;
use starlint_lint::bank::{lint_bank, rank_jd, summarize, BankFile, Coverage, FileSummary};
use starlint_lint::rules::star::story_too_long::spoken_seconds;
use starlint_lint::text::LineIndex;
use starlint_lint::{lint, Diagnostic, Document, Severity, Story};
use starlint_lsp::config::{Overrides, Resolver};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The bank with everything the page and the exports show.
pub(crate) struct Bank {
    pub coverage: Coverage,
    /// One per `coverage.stories`, in the same order.
    pub stories: Vec<StoryDetail>,
    /// Diagnostics outside every story (a PR/FAQ's, a file's front matter): counted, not listed.
    pub outside: usize,
    pub words_per_minute: usize,
}

/// What a story adds to its coverage row.
#[derive(Debug, Clone, Default)]
pub(crate) struct StoryDetail {
    pub diagnostics: Vec<Found>,
    /// Each part present, in story order, with its prose on one line (an unlabelled story: one
    /// part, `Story`, its answer).
    pub parts: Vec<(String, String)>,
    pub seconds: usize,
}

/// One diagnostic, placed.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub line: usize,
    pub column: usize,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
}

/// How a story stands: by its worst diagnostic (notes at `info` leave it clean).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum State {
    Clean,
    Warnings,
    Errors,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Clean => "clean",
            State::Warnings => "warnings",
            State::Errors => "errors",
        }
    }
}

impl StoryDetail {
    pub fn state(&self) -> State {
        self.diagnostics
            .iter()
            .map(|d| match d.severity {
                Severity::Error => State::Errors,
                Severity::Warning => State::Warnings,
                Severity::Info => State::Clean,
            })
            .max()
            .unwrap_or(State::Clean)
    }
}

/// The options `report` and `export` share.
pub(crate) struct Common<'a> {
    pub paths: &'a [PathBuf],
    pub jd: Option<&'a Path>,
    pub cfg: &'a ConfigArgs,
    /// `--set`: the value set in force.
    pub set: Option<&'a str>,
    pub output: Option<&'a Path>,
}

/// Run `starlint report`; returns the exit code.
pub fn run_report(args: &ReportArgs) -> u8 {
    let common = Common {
        paths: &args.paths,
        jd: args.jd.as_deref(),
        cfg: &args.cfg,
        set: args.set.id.as_deref(),
        output: args.output.as_deref(),
    };
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let page_dir = match args.output.as_deref() {
        Some(path) if path != Path::new("-") => paths::absolute(&cwd, path)
            .parent()
            .map_or_else(|| cwd.clone(), Path::to_path_buf),
        _ => cwd.clone(),
    };
    let links = html::Links { cwd, page_dir };
    run(&common, |bank| html::render(bank, &args.title, &links))
}

/// Run `starlint export`; returns the exit code.
pub fn run_export(args: &ExportArgs) -> u8 {
    let common = Common {
        paths: &args.paths,
        jd: args.jd.as_deref(),
        cfg: &args.cfg,
        set: args.set.id.as_deref(),
        output: args.output.as_deref(),
    };
    run(&common, |bank| match args.format {
        ExportFormat::Anki => export::anki(bank),
        ExportFormat::Csv => export::csv(bank),
        ExportFormat::Cheatsheet => cheatsheet::render(bank, &args.title),
    })
}

fn run(common: &Common, render: impl FnOnce(&Bank) -> String) -> u8 {
    let (bank, mut messages) = match collect(common) {
        Ok(found) => found,
        Err(messages) => {
            check::print_messages(messages);
            return EXIT_ERROR;
        }
    };
    let text = render(&bank);
    match common.output {
        None => report::stdout(&text, anstream::ColorChoice::Never),
        Some(path) if path == Path::new("-") => {
            report::stdout(&text, anstream::ColorChoice::Never);
        }
        Some(path) => {
            if let Err(e) = write_output(path, &text) {
                messages.push(Message::Error(format!(
                    "{}: cannot write: {}",
                    paths::display(path),
                    io_text(&e)
                )));
            }
        }
    }
    if check::print_messages(messages) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// Write the whole output at once (a temporary file renamed over the target): a reader never
/// sees half a page, and a failed run leaves the old page in place.
fn write_output(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One file read: its summary, its stories' details and where they lie, and its text (for
/// placing the bank rules' diagnostics).
#[derive(Default)]
struct FileRead {
    summary: FileSummary,
    stories: Placed,
    text: String,
    messages: Vec<Message>,
}

/// A file's stories, where they lie, and the diagnostics filed under them.
#[derive(Default)]
struct Placed {
    ranges: Vec<Range<usize>>,
    details: Vec<StoryDetail>,
    /// Diagnostics in no story.
    outside: usize,
}
/// Walk, configure and read the bank as `coverage` does. Errors that leave nothing to show
/// come back as `Err`; the rest are messages to print after the output.
fn collect(common: &Common) -> Result<(Bank, Vec<Message>), Vec<Message>> {
    let cwd = report::current_dir().ok_or_else(Vec::new)?;
    let mode = check::config_mode(&cwd, common.cfg);
    let overrides = Overrides {
        set: common.set.map(str::to_string),
        ..Overrides::default()
    };
    let mut resolver = Resolver::new(&cwd, mode, overrides);
    if !resolver.preload() {
        return Err(resolver.errors.into_iter().map(Message::Error).collect());
    }
    let anchor = bank_anchor(&cwd, common.paths.first().map(PathBuf::as_path));
    let bank_profile = resolver.profile_for(&anchor);
    let walked = walk::collect(common.paths);
    let jobs = check::plan(walked.inputs, None, &cwd, &mut resolver);
    let mut messages = check::setup_messages(walked.warnings, &walked.errors, &mut resolver.errors);
    let settings = match bank_profile.as_ref().map(|p| p.settings()) {
        Some(Ok(settings)) => settings,
        Some(Err(e)) => {
            messages.push(Message::Error(e.to_string()));
            return Err(messages);
        }
        None => return Err(messages),
    };
    let jd = match common.jd {
        None => None,
        Some(path) => match crate::coverage::read_text(path) {
            Ok(text) => Some((paths::display(path), rank_jd(settings.principles(), &text))),
            Err(e) => {
                messages.push(e);
                return Err(messages);
            }
        },
    };

    let mut reads: Vec<FileRead> = jobs.par_iter().map(read_one).collect();
    for read in &mut reads {
        messages.append(&mut read.messages);
    }
    let files: Vec<BankFile> = jobs
        .iter()
        .zip(&reads)
        .map(|(job, read)| BankFile {
            path: &job.display,
            summary: &read.summary,
        })
        .collect();
    let coverage = Coverage::build(&files, settings, jd);
    messages.extend(coverage.unknown_role_principles.iter().map(|name| {
        Message::Warning(format!(
            "[bank] role-principles: unknown principle `{name}`"
        ))
    }));
    // The bank rules (duplicates, coverage) belong to the stories they point at.
    let (found, panicked) = lint_bank(&files, settings);
    if !panicked.is_empty() {
        messages.push(Message::Error(format!(
            "internal error in rule {}: its diagnostics are missing (please report it)",
            panicked.join(", ")
        )));
    }
    // Each file's line index is built once, for its first bank diagnostic.
    let mut indexes: Vec<Option<LineIndex>> = vec![None; reads.len()];
    for d in found {
        if let (Some(read), Some(index)) = (reads.get_mut(d.file), indexes.get_mut(d.file)) {
            let lines = index.get_or_insert_with(|| LineIndex::new(&read.text));
            read.stories.place(&read.text, lines, &d.diagnostic);
        }
    }
    for read in &mut reads {
        for detail in &mut read.stories.details {
            detail
                .diagnostics
                .sort_by(|a, b| (a.line, a.column, a.code).cmp(&(b.line, b.column, b.code)));
        }
    }
    let outside = reads.iter().map(|r| r.stories.outside).sum();
    let stories = reads.into_iter().flat_map(|r| r.stories.details).collect();
    Ok((
        Bank {
            coverage,
            stories,
            outside,
            words_per_minute: settings.rules.words_per_minute,
        },
        messages,
    ))
}

/// Read, model and lint one file.
fn read_one(job: &Job) -> FileRead {
    let mut read = FileRead::default();
    let Some(source) = crate::input::read_job(job, &mut read.messages) else {
        return read;
    };
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            read.messages.push(Message::Error(e.to_string()));
            return read;
        }
    };
    {
        let doc = Document::named(&source.text, settings, job.kind, Some(&job.display));
        read.summary = summarize(&doc, settings);
        let wpm = settings.rules.words_per_minute;
        // `summarize` keeps every story of a STAR document, in order, and nothing otherwise.
        if !read.summary.stories.is_empty() {
            for (story, summary) in doc.stories.iter().zip(&read.summary.stories) {
                read.stories.ranges.push(story.range.clone());
                read.stories.details.push(StoryDetail {
                    diagnostics: Vec::new(),
                    parts: parts_of(&source.text, story),
                    seconds: spoken_seconds(summary.words, wpm),
                });
            }
        }
        let result = lint(&doc, settings);
        if !result.panicked.is_empty() {
            read.messages.push(Message::Error(format!(
                "{}: internal error in rule {}: its diagnostics are missing (please report it)",
                job.display,
                result.panicked.join(", ")
            )));
        }
        for d in &result.diagnostics {
            read.stories.place(&source.text, &doc.lines, d);
        }
    }
    read.text = source.text;
    read
}

/// Each part's prose on one line; an unlabelled story's answer as one part, `Story`.
fn parts_of(text: &str, story: &Story) -> Vec<(String, String)> {
    let join = |ranges: &[Range<usize>]| -> String {
        let prose: Vec<&str> = ranges.iter().filter_map(|r| text.get(r.clone())).collect();
        text::one_line(&prose.join(" "))
    };
    if story.is_unlabelled() {
        return vec![("Story".to_string(), join(&story.prose))];
    }
    story
        .parts
        .iter()
        .map(|p| (p.kind.name().to_string(), join(&p.prose)))
        .collect()
}

impl Placed {
    /// File a diagnostic under the story it falls in.
    fn place(&mut self, text: &str, lines: &LineIndex, d: &Diagnostic) {
        let at = d.range.start;
        // Stories come in text order: the last one starting at or before `at`, if it holds it.
        let story = self
            .ranges
            .partition_point(|r| r.start <= at)
            .checked_sub(1)
            .filter(|&i| {
                self.ranges
                    .get(i)
                    .is_some_and(|r| at < r.end || at == r.start)
            });
        let Some(detail) = story.and_then(|i| self.details.get_mut(i)) else {
            self.outside += 1;
            return;
        };
        let at = lines.line_col(text, at);
        detail.diagnostics.push(Found {
            line: at.line,
            column: at.column,
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
        });
    }
}
