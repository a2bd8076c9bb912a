//! `starlint coverage`: the story bank's principle coverage. Walks and configures files exactly
//! as `check` does, collects every STAR story, and prints stories per principle against the
//! target; with `--jd`, first the principles a job description emphasises (with the phrases
//! that matched) and the bank's coverage of them.
//!
//! The bank's principle set, target and `role_principles` come from the configuration that
//! applies to the first PATH (or the current directory); each file is still parsed with its own
//! settings.

use crate::args::{CoverageArgs, RulesFormat};
use crate::check::{self, Job, Message};
use crate::output::plural;
use crate::paths;
use crate::profiles::{Overrides, Resolver};
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk::{self, io_text};
use rayon::prelude::*;
use serde::Serialize;
use starlint_lint::bank::{rank_jd, JdScore};
use starlint_lint::principles::PrincipleSet;
use starlint_lint::rules::part_words;
use starlint_lint::{DocKind, Document, PartKind, Settings};
use std::path::{Path, PathBuf};

/// The parts whose words count as the story's length.
const STAR_PARTS: [PartKind; 4] = [
    PartKind::Situation,
    PartKind::Task,
    PartKind::Action,
    PartKind::Result,
];

/// One story of the bank.
#[derive(Debug, Serialize)]
struct StoryRow {
    path: String,
    /// 1-based line of the story's title.
    line: usize,
    title: String,
    /// Canonical names of the principles it is tagged with, in tag order.
    principles: Vec<String>,
    /// Names of the parts present, in story order.
    parts: Vec<&'static str>,
    /// Words in Situation, Task, Action and Result.
    words: usize,
}

/// One principle's line of the table.
#[derive(Debug)]
struct Row {
    name: String,
    /// Indices into the stories.
    stories: Vec<usize>,
    target: usize,
    /// `false` for principles outside `[bank] role_principles` when that is set.
    required: bool,
}

impl Row {
    fn below(&self) -> bool {
        self.required && self.stories.len() < self.target
    }
}

/// A group of rows under one heading.
struct Section {
    heading: &'static str,
    rows: Vec<Row>,
}

/// Everything the outputs show.
struct Bank {
    files: usize,
    stories: Vec<StoryRow>,
    sections: Vec<Section>,
    untagged: Vec<usize>,
    over_tagged: Vec<usize>,
    max_principles: usize,
    target: usize,
    /// The job description's path and its ranking.
    jd: Option<(String, Vec<JdRow>)>,
}

/// One principle a job description emphasises.
struct JdRow {
    name: String,
    score: usize,
    phrases: Vec<String>,
}

#[derive(Serialize)]
struct JsonOutput<'a> {
    stories: &'a [StoryRow],
    principles: Vec<JsonPrinciple<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    jd: Option<Vec<JsonJd<'a>>>,
}

#[derive(Serialize)]
struct JsonPrinciple<'a> {
    name: &'a str,
    stories: &'a [usize],
    /// 0 for a principle the role does not require.
    target: usize,
}

#[derive(Serialize)]
struct JsonJd<'a> {
    name: &'a str,
    score: usize,
    phrases: &'a [String],
}

/// Run `starlint coverage`; returns the exit code.
pub fn run(args: &CoverageArgs) -> u8 {
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let mode = check::config_mode(&cwd, args.no_config, args.config.as_deref());
    let mut resolver = Resolver::new(&cwd, mode, Overrides::default());
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

    let per_file: Vec<(Vec<StoryRow>, Vec<Message>)> = jobs.par_iter().map(stories_of).collect();
    let mut stories = Vec::new();
    for (rows, file_messages) in per_file {
        stories.extend(rows);
        messages.extend(file_messages);
    }
    let bank = build(jobs.len(), stories, settings, jd, &mut messages);
    let text = match args.format {
        RulesFormat::Json => render_json(&bank),
        RulesFormat::Human => render_human(&bank),
    };
    report::stdout(&text, anstream::ColorChoice::Never);
    if check::print_messages(messages) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

/// A file path whose configuration is the bank's: inside the first PATH when it is a directory,
/// the file itself otherwise, or inside the current directory.
fn bank_anchor(cwd: &Path, first: Option<&Path>) -> PathBuf {
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

/// The STAR stories of one file.
fn stories_of(job: &Job) -> (Vec<StoryRow>, Vec<Message>) {
    let mut messages = Vec::new();
    let Some(source) = check::read(job, &mut messages) else {
        return (Vec::new(), messages);
    };
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            messages.push(Message::Error(e.to_string()));
            return (Vec::new(), messages);
        }
    };
    let doc = Document::new(&source.text, settings, job.kind);
    if doc.kind != DocKind::Star {
        return (Vec::new(), messages);
    }
    let rows = doc
        .stories
        .iter()
        .map(|story| {
            let mut parts: Vec<&'static str> = Vec::new();
            for part in &story.parts {
                let name = part.kind.name();
                if !parts.contains(&name) {
                    parts.push(name);
                }
            }
            StoryRow {
                path: job.display.clone(),
                line: doc.lines.line_of(story.title_range.start) + 1,
                title: story.title.clone(),
                principles: story
                    .principles()
                    .into_iter()
                    .map(|p| settings.principles().name(p).to_string())
                    .collect(),
                parts,
                words: part_words(&doc, story, &STAR_PARTS),
            }
        })
        .collect();
    (rows, messages)
}

/// Group the stories by principle and order the principles: those the role requires (when
/// `[bank] role_principles` is set), then those the job description emphasises, best first,
/// then the rest in the principle file's order.
fn build(
    files: usize,
    stories: Vec<StoryRow>,
    settings: &Settings,
    jd: Option<(String, Vec<JdScore>)>,
    messages: &mut Vec<Message>,
) -> Bank {
    let set: &PrincipleSet = settings.principles();
    let target = settings.bank_target;
    let mut by_principle: Vec<Vec<usize>> = vec![Vec::new(); set.len()];
    let mut untagged = Vec::new();
    let mut over_tagged = Vec::new();
    let max_principles = settings.rules.max_principles;
    for (i, story) in stories.iter().enumerate() {
        if story.principles.is_empty() {
            untagged.push(i);
        }
        if story.principles.len() > max_principles {
            over_tagged.push(i);
        }
        let mut seen = Vec::new();
        for name in &story.principles {
            if let Some(p) = set.lookup(name) {
                if !seen.contains(&p) {
                    seen.push(p);
                    if let Some(list) = by_principle.get_mut(p) {
                        list.push(i);
                    }
                }
            }
        }
    }

    let mut role = Vec::new();
    for name in &settings.role_principles {
        match set.lookup(name) {
            Some(p) if !role.contains(&p) => role.push(p),
            Some(_) => {}
            None => messages.push(Message::Warning(format!(
                "[bank] role_principles: unknown principle `{name}`"
            ))),
        }
    }
    let pinned = !role.is_empty();
    let emphasised: Vec<usize> = jd
        .as_ref()
        .map(|(_, ranked)| {
            ranked
                .iter()
                .map(|s| s.principle)
                .filter(|p| !role.contains(p))
                .collect()
        })
        .unwrap_or_default();
    let rest: Vec<usize> = (0..set.len())
        .filter(|p| !role.contains(p) && !emphasised.contains(p))
        .collect();
    let row = |p: usize, required: bool| Row {
        name: set.name(p).to_string(),
        stories: by_principle.get(p).cloned().unwrap_or_default(),
        target,
        required,
    };
    let mut sections = Vec::new();
    if pinned {
        sections.push(Section {
            heading: "Required by the role",
            rows: role.iter().map(|&p| row(p, true)).collect(),
        });
    }
    if !emphasised.is_empty() {
        sections.push(Section {
            heading: "Emphasised by the job description",
            rows: emphasised.iter().map(|&p| row(p, !pinned)).collect(),
        });
    }
    let heading = if pinned {
        "Not required by the role"
    } else if !emphasised.is_empty() {
        "Other principles"
    } else {
        "Principles"
    };
    sections.push(Section {
        heading,
        rows: rest.iter().map(|&p| row(p, !pinned)).collect(),
    });
    sections.retain(|s| !s.rows.is_empty());

    Bank {
        files,
        stories,
        sections,
        untagged,
        over_tagged,
        max_principles,
        target,
        jd: jd.map(|(path, ranked)| {
            let rows = ranked
                .into_iter()
                .map(|s| JdRow {
                    name: set.name(s.principle).to_string(),
                    score: s.score,
                    phrases: s.phrases,
                })
                .collect();
            (path, rows)
        }),
    }
}

fn render_json(bank: &Bank) -> String {
    let output = JsonOutput {
        stories: &bank.stories,
        principles: bank
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| JsonPrinciple {
                name: &r.name,
                stories: &r.stories,
                target: if r.required { r.target } else { 0 },
            })
            .collect(),
        jd: bank.jd.as_ref().map(|(_, ranked)| {
            ranked
                .iter()
                .map(|j| JsonJd {
                    name: &j.name,
                    score: j.score,
                    phrases: &j.phrases,
                })
                .collect()
        }),
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}

/// The readable table.
fn render_human(bank: &Bank) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let width = bank
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let located = |i: usize| -> String {
        bank.stories.get(i).map_or_else(String::new, |s| {
            format!("{}  ({}:{})", s.title, s.path, s.line)
        })
    };

    if let Some((path, ranked)) = &bank.jd {
        let _ = writeln!(out, "Job description {path}: principles it emphasises");
        if ranked.is_empty() {
            let _ = writeln!(out, "  (no principle's phrases found)");
        }
        for (n, j) in ranked.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {:>2}. {:<width$}  {:>2}  {}",
                n + 1,
                j.name,
                j.score,
                j.phrases.join(", ")
            );
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(
        out,
        "Story bank: {} in {}; target {} per principle",
        plural(bank.stories.len(), "story", "stories"),
        plural(bank.files, "file", "files"),
        bank.target
    );
    for section in &bank.sections {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", section.heading);
        for row in &section.rows {
            let count = row.stories.len();
            let (mark, tally, note) = if !row.required {
                ("[  ]", count.to_string(), "  not required".to_string())
            } else if row.below() {
                let missing = row.target.saturating_sub(count);
                (
                    "[!!]",
                    format!("{count}/{}", row.target),
                    format!("  below target: needs {missing} more"),
                )
            } else {
                ("[ok]", format!("{count}/{}", row.target), String::new())
            };
            let _ = writeln!(out, "{mark} {:<width$}  {tally:>5}{note}", row.name);
            for &i in &row.stories {
                let _ = writeln!(out, "       - {}", located(i));
            }
        }
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "Stories with no principle ({}):", bank.untagged.len());
    for &i in &bank.untagged {
        let _ = writeln!(out, "       - {}", located(i));
    }
    let _ = writeln!(
        out,
        "Stories with more than {} principles ({}):",
        bank.max_principles,
        bank.over_tagged.len()
    );
    for &i in &bank.over_tagged {
        let _ = writeln!(out, "       - {}", located(i));
    }

    let required: Vec<&Row> = bank
        .sections
        .iter()
        .flat_map(|s| &s.rows)
        .filter(|r| r.required)
        .collect();
    let below: Vec<&str> = required
        .iter()
        .filter(|r| r.below())
        .map(|r| r.name.as_str())
        .collect();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{} of {} below target.",
        below.len(),
        plural(required.len(), "principle", "principles")
    );
    if let Some((_, ranked)) = &bank.jd {
        let need: Vec<&str> = ranked
            .iter()
            .filter(|j| {
                required
                    .iter()
                    .any(|r| r.name == j.name && r.stories.len() < r.target)
            })
            .map(|j| j.name.as_str())
            .collect();
        if need.is_empty() {
            let _ = writeln!(
                out,
                "The bank covers every principle the job description emphasises."
            );
        } else {
            let _ = writeln!(
                out,
                "Needs a story for the job description: {}.",
                need.join(", ")
            );
        }
    }
    out
}
