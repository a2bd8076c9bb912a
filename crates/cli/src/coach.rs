//! `starlint match` and `starlint probe`, and the readiness grade and question plan that
//! `coverage` prints. Files are walked and configured exactly as `check` does; each is parsed
//! once and linted with only the rules the grade and the probes read, and its stories are
//! reduced to the engine's story profiles.

use crate::args::{ConfigArgs, MatchArgs, ProbeArgs, RulesFormat};
use crate::check::{self, Job, Message};
use crate::report::{self, EXIT_ERROR, EXIT_OK};
use crate::walk;
use rayon::prelude::*;
use starlint_lint::bank::{summarize, FileSummary};
use starlint_lint::coach::{self, data, Grade, Plan, StoryProfile};
use starlint_lint::{registry, Document, Settings};
use starlint_lsp::config::{Overrides, Resolver};
use std::path::PathBuf;

/// What one file gives the coach.
pub(crate) struct FileCoach {
    pub(crate) summary: FileSummary,
    pub(crate) profiles: Vec<StoryProfile>,
}

/// The bank as the coach reads it: its settings, and each file's stories.
pub(crate) struct Bank {
    pub(crate) settings: Settings,
    pub(crate) files: Vec<(String, FileCoach)>,
    pub(crate) messages: Vec<Message>,
}

impl Bank {
    /// Every story with its file's path, in walk order.
    pub(crate) fn stories(&self) -> Vec<(&str, &StoryProfile)> {
        self.files
            .iter()
            .flat_map(|(path, f)| f.profiles.iter().map(move |p| (path.as_str(), p)))
            .collect()
    }
}

/// Walk, configure and read the bank. `Err` carries the messages to print (exit 2).
/// `with_words`: keep each story's words, for matching it to questions.
pub(crate) fn read_bank(
    paths: &[PathBuf],
    cfg: &ConfigArgs,
    set: Option<String>,
    with_words: bool,
) -> Result<Bank, Vec<Message>> {
    let Some(cwd) = report::current_dir() else {
        return Err(Vec::new());
    };
    let mode = check::config_mode(&cwd, cfg);
    let overrides = Overrides {
        set,
        ..Overrides::default()
    };
    let mut resolver = Resolver::new(&cwd, mode, overrides);
    if !resolver.preload() {
        return Err(resolver.errors.into_iter().map(Message::Error).collect());
    }
    let anchor = crate::coverage::bank_anchor(&cwd, paths.first().map(PathBuf::as_path));
    let bank_profile = resolver.profile_for(&anchor);
    let walked = walk::collect(paths);
    let jobs = check::plan(walked.inputs, None, &cwd, &mut resolver);
    let mut messages = check::setup_messages(walked.warnings, &walked.errors, &mut resolver.errors);
    let settings = match bank_profile.as_ref().map(|p| p.settings()) {
        Some(Ok(settings)) => settings.clone(),
        Some(Err(e)) => {
            messages.push(Message::Error(e.to_string()));
            return Err(messages);
        }
        None => return Err(messages),
    };
    let per_file: Vec<(FileCoach, Vec<Message>)> = jobs
        .par_iter()
        .map(|job| read_file(job, with_words))
        .collect();
    let mut files = Vec::with_capacity(per_file.len());
    for (job, (file, file_messages)) in jobs.iter().zip(per_file) {
        messages.extend(file_messages);
        files.push((job.display.clone(), file));
    }
    Ok(Bank {
        settings,
        files,
        messages,
    })
}

/// Settings that run only the rules the grade and the probes read (those the configuration
/// has on): the coach needs no other diagnostic, and skipping them keeps `coverage` fast.
fn graded_only(settings: &Settings) -> Settings {
    let mut out = settings.clone();
    let graded = data::graded_rules();
    for index in 0..registry::RULES.len() {
        if graded.binary_search(&index).is_err() {
            out.set_severity(index, None);
        }
    }
    out
}

/// Parse one file once: its bank summary and its story profiles.
pub(crate) fn read_file(job: &Job, with_words: bool) -> (FileCoach, Vec<Message>) {
    let mut messages = Vec::new();
    let empty = || FileCoach {
        summary: FileSummary::default(),
        profiles: Vec::new(),
    };
    let Some(source) = crate::input::read_job(job, &mut messages) else {
        return (empty(), messages);
    };
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            messages.push(Message::Error(e.to_string()));
            return (empty(), messages);
        }
    };
    let doc = Document::named(&source.text, settings, job.kind, Some(&job.display));
    let summary = summarize(&doc, settings);
    if doc.stories.is_empty() {
        return (
            FileCoach {
                summary,
                profiles: Vec::new(),
            },
            messages,
        );
    }
    let graded = graded_only(settings);
    let result = starlint_lint::lint(&doc, &graded);
    let profiles = coach::profiles(&doc, &result.diagnostics, settings, with_words);
    (FileCoach { summary, profiles }, messages)
}

/// Run `starlint match`.
pub fn run_match(args: &MatchArgs) -> u8 {
    let bank = match read_bank(&args.paths, &args.cfg, args.set.id.clone(), true) {
        Ok(bank) => bank,
        Err(messages) => {
            check::print_messages(messages);
            return EXIT_ERROR;
        }
    };
    let stories = bank.stories();
    let profiles: Vec<&StoryProfile> = stories.iter().map(|(_, p)| *p).collect();
    let question = coach::question_principles(&args.question, &bank.settings);
    let ranked = coach::rank(&question, &profiles);
    let shown: Vec<_> = ranked.into_iter().take(args.limit.max(1)).collect();
    let text = match args.format {
        RulesFormat::Json => {
            let matches: Vec<serde_json::Value> = shown
                .iter()
                .filter_map(|m| {
                    let (path, story) = stories.get(m.story)?;
                    Some(serde_json::json!({
                        "path": path,
                        "line": story.line,
                        "title": story.title,
                        "score": m.score,
                        "principles": m.principles,
                        "shared": m.shared,
                        "problems": m.problems,
                    }))
                })
                .collect();
            json_text(&serde_json::json!({ "question": question, "matches": matches }))
        }
        RulesFormat::Human => {
            let mut out = format!("Question: {}\n", question.text);
            if question.principles.is_empty() {
                out.push_str("Points to: no principle of the active set\n");
            } else {
                let names: Vec<String> = question
                    .principles
                    .iter()
                    .map(|p| format!("{} ({})", p.principle, p.why.join("; ")))
                    .collect();
                out.push_str(&format!("Points to: {}\n", names.join(", ")));
            }
            if shown.is_empty() {
                out.push_str("\nNo story in the bank.\n");
            }
            for (rank, m) in shown.iter().enumerate() {
                let Some((path, story)) = stories.get(m.story) else {
                    continue;
                };
                out.push_str(&format!(
                    "\n{}. {}  {}:{}  score {}\n",
                    rank + 1,
                    story.title,
                    path,
                    story.line,
                    m.score
                ));
                out.push_str(&format!(
                    "   principles: {}\n",
                    list_or(&m.principles, "none of the question's")
                ));
                out.push_str(&format!(
                    "   shared words: {}\n",
                    list_or(&m.shared, "none")
                ));
                out.push_str(&format!(
                    "   open problems: {}\n",
                    list_or(&m.problems, "none")
                ));
            }
            out
        }
    };
    report::stdout(&text, anstream::ColorChoice::Never);
    finish(bank.messages)
}

/// Run `starlint probe`.
pub fn run_probe(args: &ProbeArgs) -> u8 {
    let bank = match read_bank(&args.paths, &args.cfg, args.set.id.clone(), false) {
        Ok(bank) => bank,
        Err(messages) => {
            check::print_messages(messages);
            return EXIT_ERROR;
        }
    };
    let stories = bank.stories();
    let text = match args.format {
        RulesFormat::Json => {
            let rows: Vec<serde_json::Value> = stories
                .iter()
                .map(|(path, story)| {
                    let grade = coach::grade(story);
                    serde_json::json!({
                        "path": path,
                        "line": story.line,
                        "title": story.title,
                        "grade": grade.score,
                        "lens": grade.lens(),
                        "probes": coach::probes(story, &bank.settings),
                    })
                })
                .collect();
            json_text(&serde_json::json!({ "stories": rows }))
        }
        RulesFormat::Human => {
            let mut out = String::new();
            for (path, story) in &stories {
                let grade = coach::grade(story);
                out.push_str(&format!(
                    "{path}:{} {}  ({})\n",
                    story.line,
                    story.title,
                    grade.lens()
                ));
                let probes = coach::probes(story, &bank.settings);
                if probes.is_empty() {
                    out.push_str("  nothing left open\n");
                }
                for p in probes {
                    out.push_str(&format!("  - {}  ({})\n", p.ask, p.why));
                }
                out.push('\n');
            }
            if stories.is_empty() {
                out.push_str("No story found.\n");
            }
            out
        }
    };
    report::stdout(&text, anstream::ColorChoice::Never);
    finish(bank.messages)
}

fn finish(messages: Vec<Message>) -> u8 {
    if check::print_messages(messages) {
        EXIT_ERROR
    } else {
        EXIT_OK
    }
}

fn list_or(items: &[String], none: &str) -> String {
    if items.is_empty() {
        none.to_string()
    } else {
        items.join(", ")
    }
}

fn json_text(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The readiness section of `coverage`: the bank's grade distribution, the weakest stories
/// with what raises each most, and the principles whose best story is weak.
pub(crate) fn readiness(
    stories: &[(&str, &StoryProfile)],
    grades: &[Grade],
    settings: &Settings,
) -> (String, serde_json::Value) {
    let names: Vec<&str> = settings
        .principles()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    let graded: Vec<(&StoryProfile, &Grade)> =
        stories.iter().map(|(_, s)| *s).zip(grades).collect();
    let bank = coach::bank_grades(&graded, &names);
    let mut order: Vec<usize> = (0..grades.len()).collect();
    order.sort_by_key(|&i| grades.get(i).map_or(0, |g| g.score));
    let mut out = String::from("\nReadiness (0-100; `starlint explain grade`)\n");
    let bands: Vec<String> = bank
        .bands
        .iter()
        .map(|(b, n)| format!("{b}: {n}"))
        .collect();
    out.push_str(&format!(
        "  {} stories, mean {} · {}\n",
        bank.stories,
        bank.mean,
        bands.join(" · ")
    ));
    let weakest: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| grades.get(i).is_some_and(|g| g.score < 90))
        .take(10)
        .collect();
    if !weakest.is_empty() {
        out.push_str("  weakest stories, what raises each most first:\n");
    }
    for i in weakest {
        let (Some((path, story)), Some(grade)) = (stories.get(i), grades.get(i)) else {
            continue;
        };
        let raises: Vec<String> = grade
            .losses
            .iter()
            .take(3)
            .map(|l| format!("{} (+{})", l.fix, l.points))
            .collect();
        out.push_str(&format!(
            "    {:>3}  {}:{} {} — {}\n",
            grade.score,
            path,
            story.line,
            story.title,
            raises.join("; ")
        ));
    }
    if !bank.weak_principles.is_empty() {
        let weak: Vec<String> = bank
            .weak_principles
            .iter()
            .map(|(p, best)| match best {
                Some(b) => format!("{p} ({b})"),
                None => format!("{p} (no story)"),
            })
            .collect();
        out.push_str(&format!(
            "  principles whose best story is weak: {}\n",
            weak.join(", ")
        ));
    }
    let rows: Vec<serde_json::Value> = stories
        .iter()
        .zip(grades)
        .map(|((path, story), grade)| {
            serde_json::json!({
                "path": path,
                "line": story.line,
                "title": story.title,
                "grade": grade.score,
                "losses": grade.losses,
            })
        })
        .collect();
    (out, serde_json::json!({ "bank": bank, "stories": rows }))
}

/// The question plan of `coverage --questions`.
pub(crate) fn questions_section(
    plan: &Plan,
    stories: &[(&str, &StoryProfile)],
) -> (String, serde_json::Value) {
    let mut out = String::from("\nQuestions and their best stories\n");
    let title = |i: usize| {
        stories.get(i).map_or(String::new(), |(p, s)| {
            format!("{} ({p}:{})", s.title, s.line)
        })
    };
    for a in &plan.answers {
        let mark = if a.well { "  " } else { "! " };
        let best = a.best.as_ref().map_or("no story".to_string(), |m| {
            format!("{} · score {}", title(m.story), m.score)
        });
        out.push_str(&format!("{mark}{}\n    → {best}\n", a.question.text));
    }
    let unanswered: Vec<&str> = plan
        .answers
        .iter()
        .filter(|a| !a.well)
        .map(|a| a.question.text.as_str())
        .collect();
    if !unanswered.is_empty() {
        out.push_str(&format!(
            "  {} question(s) no story answers well (marked !)\n",
            unanswered.len()
        ));
    }
    for o in &plan.overused {
        out.push_str(&format!(
            "  warning: {} is the best answer to questions of {} principles ({}); interviewers compare notes, so plan at most {} per story\n",
            title(o.story),
            o.principles.len(),
            o.principles.join(", "),
            plan.max_principles
        ));
    }
    let answers: Vec<serde_json::Value> = plan
        .answers
        .iter()
        .map(|a| {
            serde_json::json!({
                "question": a.question.text,
                "principles": a.question.principles,
                "best": a.best.as_ref().and_then(|m| stories.get(m.story).map(|(p, s)| serde_json::json!({"path": p, "line": s.line, "title": s.title, "score": m.score}))),
                "well": a.well,
            })
        })
        .collect();
    let overused: Vec<serde_json::Value> = plan
        .overused
        .iter()
        .map(|o| serde_json::json!({"story": title(o.story), "principles": o.principles, "questions": o.questions}))
        .collect();
    (
        out,
        serde_json::json!({"answers": answers, "unanswered": unanswered, "overused": overused, "max_principles_per_story": plan.max_principles}),
    )
}
