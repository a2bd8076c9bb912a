//! `starlint check`: find the inputs, resolve each one's settings, lint (or fix) them in
//! parallel, and print one report sorted by path, so the output is the same at any thread count.

use crate::args::{CheckArgs, ColorWhen, ConfigArgs, FailOn, Format};
use crate::cache::{self, Cache, Hit};
use crate::coverage;
use crate::fixing::{self, WriteError};
use crate::input::{self, Source};
use crate::output::human::{self, Fixed, HumanOptions};
use crate::output::{github, json, junit, plural, sarif, FileReport, Summary};
use crate::paths;
use crate::report::{self, EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS};
use crate::walk::{self, io_text, Input};
use rayon::prelude::*;
use starlint_lint::bank::{self, summarize, BankFile, FileSummary};
use starlint_lint::config::selector_is_known;
use starlint_lint::{lint, Applicability, Diagnostic, DocKind, Document, Settings, Severity};
use starlint_lsp::config::{self as profiles, Mode, Overrides, Profile, Resolver};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file (or stdin) to check, with everything decided before the parallel part.
pub(crate) struct Job {
    pub(crate) input: Input,
    /// The path as shown.
    pub(crate) display: String,
    /// The result cache's key (the absolute path); `None` for stdin.
    cache_key: Option<String>,
    pub(crate) profile: Arc<Profile>,
    pub(crate) kind: Option<DocKind>,
}

/// What `--fix` / `--diff` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Off,
    Write(Applicability),
    Diff(Applicability),
}

/// A line for stderr.
pub(crate) enum Message {
    Warning(String),
    Error(String),
}

/// What checking one job gave.
#[derive(Default)]
struct Outcome {
    report: Option<FileReport>,
    messages: Vec<Message>,
    /// A result to store in the cache: key, hash, result.
    fresh: Option<(String, String, Hit)>,
    /// Fixes applied (written, or shown with `--diff`).
    fixes: usize,
    diff: String,
    /// Stdin's fixed text, for stdout.
    fixed_stdin: Option<String>,
    /// The file's stories as the bank rules see them.
    summary: FileSummary,
    /// The hash its result is cached under (when the cache is in use).
    hash: Option<String>,
}

/// Everything the per-file outcomes add up to.
#[derive(Default)]
struct Gathered {
    reports: Vec<FileReport>,
    /// Per report, the file's bank summary and its result hash (when cached).
    summaries: Vec<FileSummary>,
    hashes: Vec<Option<String>>,
    messages: Vec<Message>,
    fixed: Fixed,
    diff: String,
    fixed_stdin: Option<String>,
}

/// What walking the paths and reading the configs had to say, as messages to print.
pub(crate) fn setup_messages(
    walk_warnings: Vec<String>,
    walk_errors: &[(String, String)],
    config_errors: &mut Vec<String>,
) -> Vec<Message> {
    let mut messages: Vec<Message> = walk_warnings.into_iter().map(Message::Warning).collect();
    messages.extend(
        walk_errors
            .iter()
            .map(|(path, message)| Message::Error(format!("{path}: {message}"))),
    );
    messages.extend(config_errors.drain(..).map(Message::Error));
    messages
}

/// Run `starlint check`; returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let Some(overrides) = overrides(args) else {
        return EXIT_ERROR;
    };
    let Some(cwd) = report::current_dir() else {
        return EXIT_ERROR;
    };
    let mode = config_mode(&cwd, &args.cfg);
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fix_mode = if args.diff {
        FixMode::Diff(min)
    } else if args.fix {
        FixMode::Write(min)
    } else {
        FixMode::Off
    };
    let mut resolver = Resolver::new(&cwd, mode.clone(), overrides);
    if !resolver.preload() {
        print_messages(resolver.errors.into_iter().map(Message::Error).collect());
        return EXIT_ERROR;
    }

    // `--stdin-filename` alone means stdin, as in ruff.
    let stdin_only = [PathBuf::from("-")];
    let paths = if args.paths.is_empty() && args.stdin_filename.is_some() {
        &stdin_only[..]
    } else {
        &args.paths[..]
    };
    let walked = walk::collect(paths);
    let jobs = plan(
        walked.inputs,
        args.stdin_filename.as_deref(),
        &cwd,
        &mut resolver,
    );
    let messages = setup_messages(walked.warnings, &walked.errors, &mut resolver.errors);

    let use_cache = !args.no_cache && fix_mode == FixMode::Off;
    let mut cache = use_cache.then(|| Cache::load(&profiles::project_root(&cwd, &mode)));
    // A directory is a bank: the bank rules read all of it (never a lone file or stdin).
    let is_bank = !matches!(fix_mode, FixMode::Diff(_)) && paths.iter().any(|p| p.is_dir());
    let outcomes: Vec<Outcome> = jobs
        .par_iter()
        .map(|job| {
            catch_unwind(AssertUnwindSafe(|| {
                check_one(job, fix_mode, cache.as_ref(), is_bank)
            }))
            .unwrap_or_else(|_| Outcome {
                messages: vec![Message::Error(format!(
                    "{}: internal error: {} (please report it)",
                    job.display,
                    crate::take_panic()
                ))],
                ..Outcome::default()
            })
        })
        .collect();
    let mut gathered = gather(outcomes, messages, cache.as_mut());
    if is_bank {
        let anchor = coverage::bank_anchor(&cwd, paths.first().map(PathBuf::as_path));
        match resolver
            .profile_for(&anchor)
            .map(|p| p.settings().cloned().map_err(|e| e.to_string()))
        {
            Some(Ok(settings)) => lint_bank(&mut gathered, &settings, cache.as_mut()),
            Some(Err(e)) => gathered.messages.push(Message::Error(e)),
            None => {}
        }
        gathered
            .messages
            .extend(resolver.errors.drain(..).map(Message::Error));
    }
    if let Some(cache) = cache {
        cache.save();
    }
    if let Some(base) = &args.changed_since {
        if let Err(e) = crate::changed::keep_changed_lines(&mut gathered.reports, base, &cwd) {
            gathered.messages.push(Message::Error(e));
        }
    }

    print_report(args, fix_mode, &gathered);
    let failed = print_messages(gathered.messages);
    if failed {
        EXIT_ERROR
    } else if let FixMode::Diff(_) = fix_mode {
        if gathered.diff.is_empty() {
            EXIT_OK
        } else {
            EXIT_PROBLEMS
        }
    } else if fails(&gathered.reports, args.fail_on) {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    }
}

/// Where configuration comes from, given `--no-config` and `--config FILE`.
pub(crate) fn config_mode(cwd: &Path, cfg: &ConfigArgs) -> Mode {
    if cfg.no_config {
        Mode::Disabled
    } else if let Some(path) = &cfg.config {
        Mode::Fixed(paths::absolute(cwd, path))
    } else {
        Mode::Discover
    }
}

/// Add up the outcomes (in path order) and record fresh results in the cache.
fn gather(
    outcomes: Vec<Outcome>,
    messages: Vec<Message>,
    mut cache: Option<&mut Cache>,
) -> Gathered {
    let mut g = Gathered {
        reports: Vec::with_capacity(outcomes.len()),
        messages,
        ..Gathered::default()
    };
    for outcome in outcomes {
        if let Some(cache) = cache.as_deref_mut() {
            if let Some((key, hash, hit)) = &outcome.fresh {
                cache.put(key, hash.clone(), hit);
            }
        }
        if outcome.fixes > 0 {
            g.fixed.fixes += outcome.fixes;
            g.fixed.files += 1;
        }
        g.diff.push_str(&outcome.diff);
        g.fixed_stdin = g.fixed_stdin.or(outcome.fixed_stdin);
        g.messages.extend(outcome.messages);
        if let Some(report) = outcome.report {
            g.reports.push(report);
            g.summaries.push(outcome.summary);
            g.hashes.push(outcome.hash);
        }
    }
    g
}

/// What of the bank's settings its result depends on: the options, the target and role, and
/// which bank rules are on at what severity.
fn bank_settings_key(settings: &Settings) -> String {
    let severities: Vec<String> = starlint_lint::registry::RULES
        .iter()
        .enumerate()
        .filter(|(_, r)| r.meta.family == starlint_lint::rule::Family::Bank)
        .map(|(i, r)| format!("{}={:?}", r.meta.code, settings.severity(i)))
        .collect();
    format!(
        "{}|{}|{}|{}",
        settings.fingerprint,
        settings.bank_target,
        settings.role_principles.join(","),
        severities.join(",")
    )
}

/// The bank rules (BANK001, BANK002) over every file checked, when a directory was given: their
/// diagnostics join the files' own. The bank's settings are those of the first path.
fn lint_bank(g: &mut Gathered, settings: &Settings, cache: Option<&mut Cache>) {
    // With every file's result cached, the bank's result is cached under their hashes.
    let key = g
        .reports
        .iter()
        .zip(&g.hashes)
        .map(|(report, hash)| Some((report.path.as_str(), hash.as_deref()?)))
        .collect::<Option<Vec<_>>>()
        .map(|files| cache::bank_key(&files, &bank_settings_key(settings)));
    let texts: Vec<&str> = g.reports.iter().map(|r| r.text.as_str()).collect();
    let reused = key
        .as_deref()
        .zip(cache.as_deref())
        .and_then(|(key, cache)| cache.bank(key, &texts));
    let found: Vec<(usize, Diagnostic)> = match reused {
        Some(found) => found,
        None => {
            let files: Vec<BankFile> = g
                .reports
                .iter()
                .zip(&g.summaries)
                .map(|(report, summary)| BankFile {
                    path: &report.path,
                    summary,
                })
                .collect();
            let (found, panicked) = bank::lint_bank(&files, settings);
            let found: Vec<(usize, Diagnostic)> =
                found.into_iter().map(|d| (d.file, d.diagnostic)).collect();
            if !panicked.is_empty() {
                g.messages.push(Message::Error(format!(
                    "internal error in rule {}: its diagnostics are missing (please report it)",
                    panicked.join(", ")
                )));
            } else if let (Some(key), Some(cache)) = (key, cache) {
                cache.put_bank(key, &found);
            }
            found
        }
    };
    let mut touched = Vec::new();
    for (file, d) in found {
        if let Some(report) = g.reports.get_mut(file) {
            report.diagnostics.push(d);
            touched.push(file);
        }
    }
    for i in touched {
        if let Some(report) = g.reports.get_mut(i) {
            report.diagnostics.sort_by(|a, b| {
                (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
            });
            report.diagnostics.dedup();
        }
    }
}

/// Print the report on stdout: the diff with `--diff`; else the diagnostics in the chosen
/// format (on stderr when stdout carries stdin's fixed text).
fn print_report(args: &CheckArgs, fix_mode: FixMode, g: &Gathered) {
    if let FixMode::Diff(_) = fix_mode {
        report::stdout(&g.diff, anstream::ColorChoice::Never);
        if !args.quiet {
            report::stderr(&format!(
                "Would apply {} in {}.\n",
                plural(g.fixed.fixes, "fix", "fixes"),
                plural(g.fixed.files, "file", "files")
            ));
        }
        return;
    }
    let summary = Summary::of(&g.reports);
    let to_stderr = g.fixed_stdin.is_some();
    if let Some(text) = &g.fixed_stdin {
        report::stdout(text, anstream::ColorChoice::Never);
    }
    let color = color_choice(args.color, to_stderr);
    let text = match args.format {
        Format::Json => json::render(&g.reports, &summary),
        Format::Sarif => sarif::render(&g.reports, &summary),
        Format::Github => github::render(&g.reports, &summary),
        Format::Junit => junit::render(&g.reports, &summary),
        Format::Human => {
            let options = HumanOptions {
                styled: !matches!(color, anstream::ColorChoice::Never),
                quiet: args.quiet,
                width: args.output_width.map(usize::from).or_else(|| {
                    // The terminal the report goes to, if it goes to one.
                    let size = if to_stderr {
                        terminal_size::terminal_size_of(std::io::stderr())
                    } else {
                        terminal_size::terminal_size_of(std::io::stdout())
                    };
                    size.map(|(w, _)| usize::from(w.0))
                }),
            };
            let fixed = matches!(fix_mode, FixMode::Write(_)).then_some(g.fixed);
            human::render(&g.reports, &summary, options, fixed)
        }
    };
    if to_stderr {
        report::stderr(&text);
    } else {
        report::stdout(&text, color);
    }
}

/// Print the stderr lines, each once. Returns whether any was an error.
pub(crate) fn print_messages(messages: Vec<Message>) -> bool {
    let mut failed = false;
    let mut printed = HashSet::new();
    for message in messages {
        // A broken principle file is found by every file that uses it: say it once.
        match message {
            Message::Warning(m) if printed.insert(m.clone()) => report::warning(&m),
            Message::Error(m) if printed.insert(m.clone()) => {
                failed = true;
                report::error(&m);
            }
            _ => {}
        }
    }
    failed
}

/// The command line's `--select` / `--ignore`, checked: an unknown rule is a usage error.
fn overrides(args: &CheckArgs) -> Option<Overrides> {
    let clean = |list: &[String], flag: &str| -> Option<Vec<String>> {
        let mut out = Vec::new();
        for selector in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if !selector_is_known(selector) {
                report::error(&format!(
                    "{flag}: unknown rule `{selector}` (see `starlint rules`)"
                ));
                return None;
            }
            out.push(selector.to_string());
        }
        Some(out)
    };
    Some(Overrides {
        select: clean(&args.select, "--select")?,
        ignore: clean(&args.ignore, "--ignore")?,
        client: None,
        set: args.set.id.clone(),
    })
}

/// Sort and de-duplicate the inputs, and settle each one's settings, kind and exclusion.
pub(crate) fn plan(
    inputs: Vec<Input>,
    stdin_name: Option<&Path>,
    cwd: &Path,
    resolver: &mut Resolver,
) -> Vec<Job> {
    let mut keyed: Vec<(String, PathBuf, Input)> = inputs
        .into_iter()
        .map(|input| match &input {
            Input::Stdin => {
                let name = stdin_name.map_or_else(|| "-".to_string(), paths::display);
                // Stdin's config is found from its name's directory (or the current one).
                let abs = paths::absolute(cwd, stdin_name.unwrap_or(Path::new("-")));
                (name, abs, input)
            }
            Input::File(path) => (paths::display(path), paths::absolute(cwd, path), input),
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut seen = HashSet::new();
    let mut jobs = Vec::with_capacity(keyed.len());
    for (display, abs, input) in keyed {
        let identity = match input {
            Input::Stdin => None,
            Input::File(_) => Some(abs.clone()),
        };
        if !seen.insert(identity.clone()) {
            continue;
        }
        let Some(profile) = resolver.profile_for(&abs) else {
            continue;
        };
        if profile.excludes(&abs) {
            continue;
        }
        jobs.push(Job {
            kind: profile.kind_for(&abs),
            cache_key: identity.map(|p| p.to_string_lossy().into_owned()),
            display,
            input,
            profile,
        });
    }
    jobs
}

fn check_one(job: &Job, fix_mode: FixMode, cache: Option<&Cache>, bank: bool) -> Outcome {
    let mut outcome = Outcome::default();
    let Some(source) = input::read_job(job, &mut outcome.messages) else {
        return outcome;
    };
    match fix_mode {
        FixMode::Off => lint_or_reuse(job, source, cache, bank, &mut outcome),
        FixMode::Diff(min) => diff(job, &source, min, &mut outcome),
        FixMode::Write(min) => {
            let text = fix_and_write(job, source, min, &mut outcome);
            lint_text(job, text, false, bank, &mut outcome);
        }
    }
    outcome
}

/// Take the result from the cache when it holds one for exactly this text and settings; else
/// lint, and hand the result to the cache.
fn lint_or_reuse(
    job: &Job,
    source: Source,
    cache: Option<&Cache>,
    bank: bool,
    outcome: &mut Outcome,
) {
    let hash = cache::result_hash(source.content_hash, job.profile.key, job.kind);
    let key = job.cache_key.as_deref().zip(cache);
    if key.is_some() {
        outcome.hash = Some(hash.clone());
    }
    if let Some((key, cache)) = key {
        if let Some(hit) = cache.get(key, &hash, &source.text) {
            outcome.report = Some(FileReport {
                path: job.display.clone(),
                text: source.text,
                kind: hit.kind,
                stories: hit.stories,
                diagnostics: hit.diagnostics,
            });
            outcome.summary = hit.summary;
            return;
        }
    }
    if let (Some(hit), Some((key, _))) = (
        lint_text(job, source.text, key.is_some(), bank, outcome),
        key,
    ) {
        outcome.fresh = Some((key.to_string(), hash, hit));
    }
}

/// `--diff`: the unified diff of the fixes; nothing is written, no diagnostics are shown.
fn diff(job: &Job, source: &Source, min: Applicability, outcome: &mut Outcome) {
    // Counted as a checked file; never printed.
    outcome.report = Some(FileReport {
        path: job.display.clone(),
        text: String::new(),
        kind: DocKind::Other,
        stories: 0,
        diagnostics: Vec::new(),
    });
    if source.lossy {
        return;
    }
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            outcome.messages.push(Message::Error(e.to_string()));
            return;
        }
    };
    let (new_text, applied) = fixing::fix(&source.text, settings, job.kind, &job.display, min);
    outcome.diff = fixing::unified_diff(&job.display, &source.text, &new_text);
    if !outcome.diff.is_empty() {
        outcome.fixes = applied;
    }
}

/// Fix a text and write it back; returns the text the file (or stdout) now holds.
fn fix_and_write(job: &Job, source: Source, min: Applicability, outcome: &mut Outcome) -> String {
    if source.lossy {
        outcome.messages.push(Message::Warning(format!(
            "{}: not valid UTF-8: not fixed (a rewrite would change its encoding)",
            job.display
        )));
        return source.text;
    }
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            outcome.messages.push(Message::Error(e.to_string()));
            return source.text;
        }
    };
    let (new_text, applied) = fixing::fix(&source.text, settings, job.kind, &job.display, min);
    match &job.input {
        Input::Stdin => {
            outcome.fixes = if new_text == source.text { 0 } else { applied };
            outcome.fixed_stdin = Some(new_text.clone());
            new_text
        }
        Input::File(_) if new_text == source.text => source.text,
        Input::File(path) => match fixing::write_atomic(path, &source.text, &new_text) {
            Ok(true) => {
                outcome.fixes = applied;
                new_text
            }
            // Another run wrote the same fixes first.
            Ok(false) => new_text,
            Err(WriteError::ReadOnly) => {
                outcome.messages.push(Message::Error(format!(
                    "{}: cannot write fix: permission denied (read-only file); not written",
                    job.display
                )));
                source.text
            }
            Err(WriteError::Changed) => {
                outcome.messages.push(Message::Error(format!(
                    "{}: changed on disk while being fixed; not written",
                    job.display
                )));
                source.text
            }
            Err(WriteError::Io(e)) => {
                outcome.messages.push(Message::Error(format!(
                    "{}: cannot write fix: {}",
                    job.display,
                    io_text(&e)
                )));
                source.text
            }
        },
    }
}

/// Lint a text into the outcome's report. Returns the result for the cache when `keep` is set
/// and no rule panicked. The bank summary is made when the bank or the cache will need it.
fn lint_text(
    job: &Job,
    text: String,
    keep: bool,
    bank: bool,
    outcome: &mut Outcome,
) -> Option<Hit> {
    let settings = match job.profile.settings() {
        Ok(settings) => settings,
        Err(e) => {
            outcome.messages.push(Message::Error(e.to_string()));
            return None;
        }
    };
    let (kind, stories, result, summary) = {
        let doc = Document::named(&text, settings, job.kind, Some(&job.display));
        let result = lint(&doc, settings);
        (
            doc.kind,
            doc.stories.len(),
            result,
            if keep || bank {
                summarize(&doc, settings)
            } else {
                FileSummary::default()
            },
        )
    };
    let clean_run = result.panicked.is_empty();
    if !clean_run {
        outcome.messages.push(Message::Error(format!(
            "{}: internal error in rule {}: its diagnostics are missing (please report it)",
            job.display,
            result.panicked.join(", ")
        )));
    }
    let hit = (keep && clean_run).then(|| Hit {
        kind,
        stories,
        diagnostics: result.diagnostics.clone(),
        summary: summary.clone(),
    });
    outcome.summary = summary;
    outcome.report = Some(FileReport {
        path: job.display.clone(),
        text,
        kind,
        stories,
        diagnostics: result.diagnostics,
    });
    hit
}

/// Is any diagnostic at or above `--fail-on`?
fn fails(reports: &[FileReport], fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return false,
    };
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity >= threshold)
}

/// Colours for the stream the report goes to.
fn color_choice(when: ColorWhen, stderr: bool) -> anstream::ColorChoice {
    match when {
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
        ColorWhen::Auto if stderr => anstream::AutoStream::choice(&std::io::stderr()),
        ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()),
    }
}
