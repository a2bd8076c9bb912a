//! `starlint coverage`: the story bank's principle coverage. Walks and configures files exactly
//! as `check` does, collects every STAR story, and prints stories per principle against the
//! target; with `--jd`, first the principles a job description emphasises (with the phrases
//! that matched) and the bank's coverage of them.
//!
//! The bank's principle set, target and `role_principles` come from the configuration that
//! applies to the first PATH (or the current directory); each file is still parsed with its own
//! settings.

use crate::args::{ColorWhen, CoverageArgs, RulesFormat};
use crate::check::{self, Message};
use crate::paths;
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk::io_text;
use starlint_lint::bank::{rank_jd, BankFile, Coverage};
use starlint_lint::coach::{self, read_questions};
use starlint_lsp::coverage_text::{coverage_text, Paint};
use std::path::{Path, PathBuf};

/// Run `starlint coverage`; returns the exit code.
pub fn run(args: &CoverageArgs) -> u8 {
    let mut bank = match crate::coach::read_bank(
        &args.paths,
        &args.cfg,
        args.set.id.clone(),
        args.questions.is_some(),
    ) {
        Ok(bank) => bank,
        Err(messages) => {
            check::print_messages(messages);
            return EXIT_ERROR;
        }
    };
    let mut messages = std::mem::take(&mut bank.messages);
    let settings = &bank.settings;
    let jd = match &args.jd {
        None => None,
        Some(path) => match read_text(path) {
            Ok(text) => Some((paths::display(path), rank_jd(settings.principles(), &text))),
            Err(message) => {
                messages.push(message);
                check::print_messages(messages);
                return EXIT_ERROR;
            }
        },
    };
    let questions = match &args.questions {
        None => None,
        Some(path) => match read_text(path) {
            Ok(text) => Some(read_questions(&text)),
            Err(message) => {
                messages.push(message);
                check::print_messages(messages);
                return EXIT_ERROR;
            }
        },
    };
    let files: Vec<BankFile> = bank
        .files
        .iter()
        .map(|(path, file)| BankFile {
            path,
            summary: &file.summary,
        })
        .collect();
    let coverage = Coverage::build(&files, settings, jd);
    messages.extend(coverage.unknown_role_principles.iter().map(|name| {
        Message::Warning(format!(
            "[bank] role-principles: unknown principle `{name}`"
        ))
    }));
    let stories = bank.stories();
    let grades: Vec<_> = stories.iter().map(|(_, s)| coach::grade(s)).collect();
    let (readiness_text, readiness_json) = crate::coach::readiness(&stories, &grades, settings);
    let profiles: Vec<&coach::StoryProfile> = stories.iter().map(|(_, p)| *p).collect();
    let plan = questions
        .as_ref()
        .map(|q| crate::coach::questions_section(&coach::plan(q, &profiles, settings), &stories));
    let color = match args.color {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()),
    };
    let text = match args.format {
        RulesFormat::Json => {
            let mut json = coverage.to_json();
            if let Some(object) = json.as_object_mut() {
                object.insert("readiness".to_string(), readiness_json);
                if let Some((_, plan_json)) = plan {
                    object.insert("questions".to_string(), plan_json);
                }
            }
            let mut text = serde_json::to_string_pretty(&json).unwrap_or_default();
            text.push('\n');
            text
        }
        RulesFormat::Human => {
            let paint = if color == anstream::ColorChoice::Never {
                Paint::plain()
            } else {
                Paint::colored()
            };
            let mut text = coverage_text(&coverage, paint);
            text.push_str(&readiness_text);
            if let Some((plan_text, _)) = plan {
                text.push_str(&plan_text);
            }
            text
        }
    };
    report::stdout(&text, color);
    if check::print_messages(messages) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// A job description or question list, or the one-line error naming it.
pub(crate) fn read_text(path: &Path) -> Result<String, Message> {
    let limit = starlint_lint::config::FileOptions::default().max_size_bytes();
    match crate::input::read_file(path, limit) {
        Ok(crate::input::Read::Text(source)) => Ok(source.text),
        Ok(crate::input::Read::TooLarge(size)) => Err(Message::Error(format!(
            "{}: {}",
            paths::display(path),
            starlint_lint::config::too_large(size, limit.unwrap_or_default())
        ))),
        Err(e) => Err(Message::Error(format!(
            "{}: cannot read: {}",
            paths::display(path),
            io_text(&e)
        ))),
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
