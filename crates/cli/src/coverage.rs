//! `starlint coverage`: the story bank's principle coverage. Walks and configures files exactly
//! as `check` does, collects every STAR story, and prints stories per principle against the
//! target; with `--jd`, first the principles a job description emphasises (with the phrases
//! that matched) and the bank's coverage of them.
//!
//! The bank's principle set, target and `role_principles` come from the configuration that
//! applies to the first PATH (or the current directory); each file is still parsed with its own
//! settings.

use crate::args::{ColorWhen, CoverageArgs, RulesFormat};
use crate::check::{self, Job, Message};
use crate::paths;
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk::{self, io_text};
use rayon::prelude::*;
use starlint_lint::bank::{rank_jd, summarize, BankFile, Coverage, FileSummary, Paint};
use starlint_lint::Document;
use starlint_lsp::config::{Overrides, Resolver};
use std::path::{Path, PathBuf};

/// Run `starlint coverage`; returns the exit code.
pub fn run(args: &CoverageArgs) -> u8 {
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let mode = check::config_mode(&cwd, args.no_config, args.config.as_deref());
    let overrides = Overrides {
        set: args.set.clone(),
        ..Overrides::default()
    };
    let mut resolver = Resolver::new(&cwd, mode, overrides);
    if !resolver.preload() {
        check::print_messages(resolver.errors.into_iter().map(Message::Error).collect());
        return EXIT_ERROR;
    }

    // The bank's own settings: those of the first path's configuration.
    let anchor = bank_anchor(&cwd, args.paths.first().map(PathBuf::as_path));
    let bank_profile = resolver.profile_for(&anchor);
    let walked = walk::collect(&args.paths);
    let jobs = check::plan(walked.inputs, None, &cwd, &mut resolver);
    let mut messages = check::setup_messages(walked.warnings, &walked.errors, &mut resolver.errors);

    let settings = match bank_profile.as_ref().map(|p| p.settings()) {
        Some(Ok(settings)) => settings,
        Some(Err(e)) => {
            messages.push(Message::Error(e.to_string()));
            check::print_messages(messages);
            return EXIT_ERROR;
        }
        None => {
            check::print_messages(messages);
            return EXIT_ERROR;
        }
    };

    let jd = match &args.jd {
        None => None,
        Some(path) => match crate::input::read_file(path) {
            Ok(source) => Some((
                paths::display(path),
                rank_jd(settings.principles(), &source.text),
            )),
            Err(e) => {
                messages.push(Message::Error(format!(
                    "{}: cannot read: {}",
                    paths::display(path),
                    io_text(&e)
                )));
                check::print_messages(messages);
                return EXIT_ERROR;
            }
        },
    };

    let per_file: Vec<(FileSummary, Vec<Message>)> = jobs.par_iter().map(summary_of).collect();
    let mut summaries = Vec::with_capacity(per_file.len());
    for (summary, file_messages) in per_file {
        summaries.push(summary);
        messages.extend(file_messages);
    }
    let files: Vec<BankFile> = jobs
        .iter()
        .zip(&summaries)
        .map(|(job, summary)| BankFile {
            path: &job.display,
            summary,
        })
        .collect();
    let coverage = Coverage::build(&files, settings, jd);
    messages.extend(coverage.unknown_role_principles.iter().map(|name| {
        Message::Warning(format!(
            "[bank] role-principles: unknown principle `{name}`"
        ))
    }));
    let color = match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()),
    };
    let text = match args.format {
        RulesFormat::Json => {
            let mut text = serde_json::to_string_pretty(&coverage.to_json()).unwrap_or_default();
            text.push('\n');
            text
        }
        RulesFormat::Human => {
            let paint = if color == anstream::ColorChoice::Never {
                Paint::plain()
            } else {
                Paint::colored()
            };
            coverage.render_text(paint)
        }
    };
    report::stdout(&text, color);
    if check::print_messages(messages) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// A file path whose configuration is the bank's: inside the first PATH when it is a directory,
/// the file itself otherwise, or inside the current directory.
pub(crate) fn bank_anchor(cwd: &Path, first: Option<&Path>) -> PathBuf {
    match first {
        Some(path) if path != Path::new("-") => {
            let abs = paths::absolute(cwd, path);
            if abs.is_dir() {
                abs.join("starlint-coverage.md")
            } else {
                abs
            }
        }
        _ => cwd.join("starlint-coverage.md"),
    }
}

/// The bank summary of one file.
fn summary_of(job: &Job) -> (FileSummary, Vec<Message>) {
    let mut messages = Vec::new();
    let Some(source) = check::read(job, &mut messages) else {
        return (FileSummary::default(), messages);
    };
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            messages.push(Message::Error(e.to_string()));
            return (FileSummary::default(), messages);
        }
    };
    let doc = Document::named(&source.text, settings, job.kind, Some(&job.display));
    (summarize(&doc, settings), messages)
}
