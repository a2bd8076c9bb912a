//! Fixture tests: each rule's fixture in, every diagnostic and fix out (insta snapshots),
//! plus assertions that make the fixtures' intent checkable: a story titled `fires: …` must
//! get the rule, one titled `silent: …` must not; clean fixtures give nothing with every rule
//! on; non-story files give nothing at all; and the fix invariants hold on every fixture.

use starlint_lint::fix::{apply_fixes, fix_text};
use starlint_lint::registry::{self, RULES};
use starlint_lint::rule::{Check, Family, FixKind};
use starlint_lint::{lint, Applicability, Diagnostic, DocKind, Document, Settings};
use starlint_tests::{fixtures, repo_root};
use std::path::Path;

fn read(path: &Path) -> String {
    // As the CLI reads files: UTF-8, else Windows-1252.
    let bytes = std::fs::read(path).unwrap_or_default();
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::WINDOWS_1252
            .decode(e.as_bytes())
            .0
            .into_owned(),
    }
}

/// Settings with only `code` on (all rules when `None`).
fn settings_for(code: Option<&str>) -> Settings {
    let mut s = Settings::default();
    for (i, r) in RULES.iter().enumerate() {
        let on = code.is_none_or(|c| c == r.meta.code);
        s.set_severity(i, on.then_some(r.meta.severity));
    }
    s
}

fn name_of(path: &Path) -> String {
    path.strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Render diagnostics the way a reviewer reads them: place, rule, message, the source line
/// underlined, and each fix as the lines it changes.
fn render(text: &str, doc: &Document, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let s = doc.lines.line_col(text, d.range.start);
        let e = doc.lines.line_col(text, d.range.end);
        out.push_str(&format!(
            "{}:{}-{}:{} {} {} [{}] {}\n",
            s.line,
            s.column,
            e.line,
            e.column,
            d.code,
            d.severity.as_str(),
            d.story.as_deref().unwrap_or("-"),
            d.message
        ));
        let line_range = doc.lines.line_range(text, s.line - 1);
        let line = text.get(line_range.clone()).unwrap_or("");
        out.push_str(&format!("    | {line}\n"));
        let width = if e.line == s.line {
            (e.column - s.column).max(1)
        } else {
            line.chars().count().saturating_sub(s.column - 1).max(1)
        };
        out.push_str(&format!(
            "    | {}{}\n",
            " ".repeat(s.column - 1),
            "^".repeat(width)
        ));
        if let Some(fix) = &d.fix {
            out.push_str(&format!(
                "    fix ({}): {}\n",
                fix.applicability().as_str(),
                fix.message()
            ));
            let (fixed, _) = apply_fixes(text, std::slice::from_ref(d), Applicability::DisplayOnly);
            for l in changed_lines(text, &fixed) {
                out.push_str(&format!("      {l}\n"));
            }
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}

/// The lines that differ between two texts, as `-`/`+` lines.
fn changed_lines(before: &str, after: &str) -> Vec<String> {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let a_mid = a
        .get(prefix..a.len().saturating_sub(suffix).max(prefix))
        .unwrap_or(&[]);
    let b_mid = b
        .get(prefix..b.len().saturating_sub(suffix).max(prefix))
        .unwrap_or(&[]);
    a_mid
        .iter()
        .map(|l| format!("- {l}"))
        .chain(b_mid.iter().map(|l| format!("+ {l}")))
        .collect()
}

/// The fixture directories of the rules that read one document, from the registry: a family's
/// rules each have `fixtures/<family>/<CODE>.md` (the PR/FAQ rules a directory each, below).
fn document_rule_families() -> Vec<&'static str> {
    let mut dirs: Vec<&'static str> = RULES
        .iter()
        .filter(|r| matches!(r.check, Check::Document(_) | Check::Suppressions(_)))
        .filter(|r| r.meta.family != Family::Prfaq)
        .map(|r| r.meta.family.as_str())
        .collect();
    dirs.dedup();
    dirs
}

#[test]
fn every_document_rule_has_its_fixture() {
    for rule in RULES
        .iter()
        .filter(|r| matches!(r.check, Check::Document(_) | Check::Suppressions(_)))
    {
        let m = &rule.meta;
        let path = if m.family == Family::Prfaq {
            repo_root().join("fixtures/prfaq").join(m.code)
        } else {
            repo_root()
                .join("fixtures")
                .join(m.family.as_str())
                .join(format!("{}.md", m.code))
        };
        assert!(
            path.exists(),
            "{} has no fixture at {}",
            m.code,
            path.display()
        );
    }
}

#[test]
fn rule_fixtures_fire_where_they_say_and_match_snapshots() {
    let mut checked = 0;
    for dir in document_rule_families() {
        for path in fixtures(dir) {
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            assert!(
                registry::find(&code).is_some_and(|r| r.meta.family.as_str() == dir),
                "{} is not named after a rule of its family",
                name_of(&path)
            );
            let text = read(&path);
            // Suppression rules judge the other rules' output, so those run too.
            let judges_suppressions =
                registry::find(&code).is_some_and(|r| matches!(r.check, Check::Suppressions(_)));
            let settings = settings_for(if judges_suppressions {
                None
            } else {
                Some(&code)
            });
            let doc = Document::new(&text, &settings, None);
            let mut result = lint(&doc, &settings);
            result.diagnostics.retain(|d| d.code == code);
            assert!(
                result.panicked.is_empty(),
                "{}: rules panicked: {:?}",
                name_of(&path),
                result.panicked
            );
            // Intent: `fires:` stories get the rule, `silent:` stories do not.
            let mut intents = 0;
            for story in &doc.stories {
                let title = story.title.to_lowercase();
                let fired = result
                    .diagnostics
                    .iter()
                    .any(|d| d.code == code && story.range.contains(&d.range.start));
                if title.starts_with("fires") {
                    intents += 1;
                    assert!(
                        fired,
                        "{}: story {:?} should fire {code}",
                        name_of(&path),
                        story.title
                    );
                } else if title.starts_with("silent") {
                    intents += 1;
                    assert!(
                        !fired,
                        "{}: story {:?} should be silent for {code}:\n{}",
                        name_of(&path),
                        story.title,
                        render(&text, &doc, &result.diagnostics)
                    );
                }
            }
            if !judges_suppressions {
                assert!(
                    intents >= 2,
                    "{}: needs `fires:` and `silent:` stories",
                    name_of(&path)
                );
            }
            insta::assert_snapshot!(
                format!("{dir}__{code}"),
                render(&text, &doc, &result.diagnostics)
            );
            checked += 1;
        }
    }
    assert!(checked >= 19, "only {checked} rule fixtures found");
}

/// The PR/FAQ rules (from the registry), each with a fixture directory `fixtures/prfaq/<code>/`.
fn prfaq_codes() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| r.meta.family == Family::Prfaq)
        .map(|r| r.meta.code)
        .collect()
}

/// Each PR/FAQ rule's directory holds `fires-*.md` files, which must get the rule, and
/// `silent-*.md` files, which must not; all are read as PR/FAQs. One snapshot per rule.
#[test]
fn prfaq_fixtures_fire_where_they_say_and_match_snapshots() {
    for code in prfaq_codes() {
        let dir = format!("prfaq/{code}");
        let settings = settings_for(Some(code));
        let files = fixtures(&dir);
        let name = |p: &Path| {
            p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string()
        };
        let fires = files
            .iter()
            .filter(|p| name(p).starts_with("fires-"))
            .count();
        let silent = files
            .iter()
            .filter(|p| name(p).starts_with("silent-"))
            .count();
        assert!(
            fires >= 2 && silent >= 2 && fires + silent == files.len(),
            "{dir}: needs `fires-*.md` and `silent-*.md` files only (found {fires} and {silent})"
        );
        let mut snapshot = String::new();
        for path in &files {
            let text = read(path);
            let doc = Document::new(&text, &settings, None);
            assert_eq!(
                doc.kind,
                DocKind::Prfaq,
                "{} is not read as a PR/FAQ",
                name_of(path)
            );
            let mut result = lint(&doc, &settings);
            assert!(
                result.panicked.is_empty(),
                "{}: {:?}",
                name_of(path),
                result.panicked
            );
            result.diagnostics.retain(|d| d.code == code);
            let rendered = render(&text, &doc, &result.diagnostics);
            if name(path).starts_with("fires-") {
                assert!(
                    !result.diagnostics.is_empty(),
                    "{} should fire {code}",
                    name_of(path)
                );
            } else {
                assert!(
                    result.diagnostics.is_empty(),
                    "{} should be silent for {code}:\n{rendered}",
                    name_of(path)
                );
            }
            snapshot.push_str(&format!("== {} ==\n{rendered}\n", name(path)));
        }
        insta::assert_snapshot!(format!("prfaq__{code}"), snapshot);
    }
}

/// Every file in `fixtures/<dir>` is read as `kind` and gives nothing with every rule on.
fn assert_clean(dir: &str, kind: DocKind, at_least: usize) {
    let settings = settings_for(None);
    let files = fixtures(dir);
    assert!(files.len() >= at_least, "{dir}: only {} files", files.len());
    for path in files {
        let text = read(&path);
        let doc = Document::new(&text, &settings, None);
        assert_eq!(doc.kind, kind, "{} is not read as {kind:?}", name_of(&path));
        if kind == DocKind::Star {
            assert!(!doc.stories.is_empty(), "{}", name_of(&path));
        }
        let result = lint(&doc, &settings);
        assert!(
            result.diagnostics.is_empty(),
            "{}:\n{}",
            name_of(&path),
            render(&text, &doc, &result.diagnostics)
        );
    }
}

#[test]
fn clean_prfaqs_give_nothing_with_every_rule_on() {
    assert_clean("clean-prfaq", DocKind::Prfaq, 3);
}

#[test]
fn clean_fixtures_give_nothing_with_every_rule_on() {
    assert_clean("clean", DocKind::Star, 10);
}

/// Press-release drafts whose file name says what they are (`*press-release.md`), read with
/// that name as the CLI and the server read them: `prfaq-*` files are PR/FAQs (every diagnostic
/// snapshotted, for review), `other-*` files are look-alikes and get nothing.
#[test]
fn named_press_release_drafts_are_read_by_their_file_name() {
    let settings = settings_for(None);
    let mut snapshot = String::new();
    for path in fixtures("named") {
        let text = read(&path);
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let doc = Document::named(&text, &settings, None, Some(file.as_str()));
        let result = lint(&doc, &settings);
        let rendered = render(&text, &doc, &result.diagnostics);
        if let Some(rest) = file.strip_prefix("release-") {
            // A file that says it is a press release alone is not told to add an FAQ.
            assert_eq!(doc.kind, DocKind::Prfaq, "{file} is not read as a PR/FAQ");
            assert!(rest.ends_with("press-release.md"), "{file}");
            assert!(
                !rendered.contains("has no FAQ"),
                "{file} is a press release alone:\n{rendered}"
            );
            snapshot.push_str(&format!("== {file} ==\n{rendered}\n"));
        } else if file.starts_with("prfaq-") {
            assert_eq!(doc.kind, DocKind::Prfaq, "{file} is not read as a PR/FAQ");
            let unnamed = Document::new(&text, &settings, None);
            assert_ne!(unnamed.kind, DocKind::Star, "{file} without its name");
            snapshot.push_str(&format!("== {file} ==\n{rendered}\n"));
        } else {
            assert!(
                file.starts_with("other-"),
                "{file}: prfaq-*, release-* or other-*"
            );
            assert_eq!(doc.kind, DocKind::Other, "{file}");
            assert!(result.diagnostics.is_empty(), "{file}:\n{rendered}");
        }
    }
    insta::assert_snapshot!("named_press_release_drafts", snapshot);
}

#[test]
fn files_that_are_not_stories_get_nothing_at_all() {
    let settings = settings_for(None);
    for path in fixtures("other") {
        let text = read(&path);
        // Read as the CLI reads it: the file name is evidence too (`how-to-write-a-prfaq.md`).
        let name = name_of(&path);
        let doc = Document::named(&text, &settings, None, Some(&name));
        assert_eq!(doc.kind, DocKind::Other, "{}", name_of(&path));
        assert!(
            lint(&doc, &settings).diagnostics.is_empty(),
            "{}",
            name_of(&path)
        );
    }
}

#[test]
fn unicode_fixtures_snapshot_with_every_rule() {
    let settings = settings_for(None);
    for path in fixtures("unicode") {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = read(&path);
        let doc = Document::new(&text, &settings, None);
        assert_eq!(doc.kind, DocKind::Star, "{}", name_of(&path));
        let result = lint(&doc, &settings);
        for d in &result.diagnostics {
            assert!(
                text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end),
                "{}: {d:?}",
                name_of(&path)
            );
        }
        insta::assert_snapshot!(
            format!("unicode__{name}"),
            render(&text, &doc, &result.diagnostics)
        );
    }
}

/// Every fixture, every rule on: fixes converge, leave their rule quiet, are idempotent, and a
/// rule that declares no fix never offers one.
#[test]
fn fix_invariants_hold_on_every_fixture() {
    let settings = settings_for(None);
    let mut all = Vec::new();
    let mut dirs = document_rule_families();
    dirs.extend(["clean", "unicode", "other", "named", "clean-prfaq"]);
    for dir in dirs {
        all.extend(fixtures(dir));
    }
    for code in prfaq_codes() {
        all.extend(fixtures(&format!("prfaq/{code}")));
    }
    let mut examples: Vec<_> = std::fs::read_dir(repo_root().join("examples"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    examples.sort();
    all.extend(examples);
    for path in all {
        let text = read(&path);
        let doc = Document::new(&text, &settings, None);
        let result = lint(&doc, &settings);
        for d in &result.diagnostics {
            let declared = registry::find(d.code).map(|r| r.meta.fix);
            match (&d.fix, declared) {
                (Some(_), Some(FixKind::None)) => panic!(
                    "{}: {} offers a fix but declares none",
                    name_of(&path),
                    d.code
                ),
                (Some(f), Some(FixKind::Safe)) => {
                    assert_eq!(f.applicability(), Applicability::Safe, "{}", d.code)
                }
                (Some(f), Some(FixKind::Unsafe)) => {
                    assert_eq!(f.applicability(), Applicability::Unsafe, "{}", d.code)
                }
                _ => {}
            }
            if let Some(f) = &d.fix {
                let mut last = 0;
                for e in f.edits() {
                    assert!(
                        e.range.start >= last
                            && e.range.start <= e.range.end
                            && e.range.end <= text.len(),
                        "{}: bad edits {f:?}",
                        name_of(&path)
                    );
                    last = e.range.end;
                }
            }
        }
        // Converges, and a second pass finds nothing more to do.
        let fixed = fix_text(&text, &settings, None, None, Applicability::Unsafe);
        assert!(
            fixed.converged,
            "{}: fixes did not converge",
            name_of(&path)
        );
        let again = fix_text(&fixed.text, &settings, None, None, Applicability::Unsafe);
        assert_eq!(
            again.applied,
            0,
            "{}: fixing twice changed the text again",
            name_of(&path)
        );
        // Fixed text never re-reports a fixable diagnostic of a rule whose fixes were applied.
        let fixed_doc = Document::new(&fixed.text, &settings, None);
        let left = lint(&fixed_doc, &settings);
        let fixable_left: Vec<_> = left
            .diagnostics
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability() >= Applicability::Unsafe)
            })
            .collect();
        assert!(
            fixable_left.is_empty(),
            "{}: fixable diagnostics remain after fixing: {fixable_left:?}",
            name_of(&path)
        );
    }
}

/// Every file of `fixtures/<dir>` read as one bank: the files' names, texts and the bank
/// diagnostics.
fn lint_bank_dir(
    dir: &str,
    settings: &Settings,
) -> (
    Vec<String>,
    Vec<String>,
    Vec<starlint_lint::bank::BankDiagnostic>,
) {
    let files = fixtures(dir);
    let texts: Vec<String> = files.iter().map(|p| read(p)).collect();
    let names: Vec<String> = files.iter().map(|p| name_of(p)).collect();
    let summaries: Vec<_> = texts
        .iter()
        .map(|t| starlint_lint::bank::summarize(&Document::new(t, settings, None), settings))
        .collect();
    let bank: Vec<starlint_lint::bank::BankFile> = names
        .iter()
        .zip(&summaries)
        .map(|(path, summary)| starlint_lint::bank::BankFile { path, summary })
        .collect();
    let (found, panicked) = starlint_lint::bank::lint_bank(&bank, settings);
    assert!(panicked.is_empty(), "{panicked:?}");
    (names, texts, found)
}

/// The bank fixtures read as one bank: summaries, then BANK001 (for the principles a role
/// names) and BANK002, every diagnostic with its place and the story it points back to.
#[test]
fn bank_fixtures_report_duplicates_and_thin_principles() {
    let options: starlint_lint::config::Options = toml::from_str(
        "select = [\"BANK\"]\n[bank]\nrole-principles = [\"Ownership\", \"Earn Trust\", \"Frugality\", \"Bias for Action\"]\n",
    )
    .unwrap();
    let settings = starlint_lint::config::settings_from(&options, None).unwrap();
    let (names, texts, found) = lint_bank_dir("bank", &settings);
    assert!(names.len() >= 3, "only {} bank fixtures", names.len());

    let place = |file: usize, offset: usize| {
        let text = &texts[file];
        let lc = starlint_lint::text::LineIndex::new(text).line_col(text, offset);
        format!("{}:{}:{}", names[file], lc.line, lc.column)
    };
    let mut snapshot = String::new();
    for d in &found {
        snapshot.push_str(&format!(
            "{} {} {}\n",
            place(d.file, d.diagnostic.range.start),
            d.diagnostic.code,
            d.diagnostic.message
        ));
        if let Some(r) = &d.related {
            snapshot.push_str(&format!(
                "    {}: {}\n",
                place(r.file, r.range.start),
                r.message
            ));
        }
    }
    // The copies in b-reused.md are caught; the two answers under one question and the
    // suppressed retelling in c-questions.md are not.
    let dupes: Vec<(&str, Option<&str>)> = found
        .iter()
        .filter(|d| d.diagnostic.code == "BANK002")
        .map(|d| (names[d.file].as_str(), d.diagnostic.story.as_deref()))
        .collect();
    assert_eq!(
        dupes,
        [
            (
                "fixtures/bank/b-reused.md",
                Some("Queue fix for the finance close")
            ),
            (
                "fixtures/bank/b-reused.md",
                Some("Rewriting the hiring loop")
            ),
        ]
    );
    assert_eq!(
        found
            .iter()
            .filter(|d| d.diagnostic.code == "BANK001")
            .count(),
        3,
        "{snapshot}"
    );
    insta::assert_snapshot!("bank__fixtures", snapshot);
}

/// The clean stories, read together, are a bank without duplicates.
#[test]
fn clean_fixtures_as_one_bank_have_no_duplicates() {
    let (_, _, found) = lint_bank_dir("clean", &settings_for(Some("BANK002")));
    assert!(found.is_empty(), "{found:?}");
}

/// Job postings we wrote, each with the principles a careful reader would pick first: the
/// ranking leads with them, and the whole ranking with its evidence phrases is snapshotted.
#[test]
fn job_postings_rank_the_principles_a_reader_would_pick() {
    let expected: &[(&str, &[&str])] = &[
        (
            "data-scientist.md",
            &["Dive Deep", "Are Right, A Lot", "Learn and Be Curious"],
        ),
        (
            "engineering-manager.md",
            &[
                "Hire and Develop the Best",
                "Earn Trust",
                "Strive to be Earth's Best Employer",
            ],
        ),
        (
            "founding-engineer.md",
            &["Bias for Action", "Invent and Simplify", "Think Big"],
        ),
    ];
    let settings = Settings::default();
    let set = settings.principles();
    let files = fixtures("jd");
    assert_eq!(files.len(), expected.len());
    let mut snapshot = String::new();
    for (path, (name, top)) in files.iter().zip(expected) {
        assert!(name_of(path).ends_with(name), "{}", name_of(path));
        let ranked = starlint_lint::bank::rank_jd(set, &read(path));
        let names: Vec<&str> = ranked.iter().map(|s| set.name(s.principle)).collect();
        assert_eq!(&names[..top.len()], *top, "{name}: {names:?}");
        snapshot.push_str(&format!("{name}\n"));
        for s in &ranked {
            snapshot.push_str(&format!(
                "  {} {}: {}\n",
                s.score,
                set.name(s.principle),
                s.phrases.join(", ")
            ));
        }
    }
    insta::assert_snapshot!("jd__rankings", snapshot);
}
