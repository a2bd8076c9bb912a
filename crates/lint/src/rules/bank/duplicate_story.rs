//! BANK002: a story told twice in the bank, under the same title or in near-identical words.

use crate::bank::{BankFile, BankSink, Related};
use crate::settings::Settings;
use std::collections::HashMap;

crate::declare_rule! {
    /// ## What it does
    /// Reports a story of the bank that has the same title as an earlier one (another
    /// heading, or another file), or whose wording mostly repeats an earlier story's: at least
    /// 80% of the five-word phrases of the shorter one appear in the other. The later story
    /// (by path, then position) is reported, pointing at the first. It reads a set of files (a
    /// directory given to `check`, or the editor's workspace), never one file alone.
    ///
    /// ## Why it matters
    /// A copied story drifts: one copy gets the new numbers, the other keeps the old ones, and
    /// the coverage table counts one story twice. Two stories with one title are hard to tell
    /// apart when you rehearse.
    ///
    /// ## Example
    /// `stories/ownership.md` and `bank.md` both hold "## The on-call handover". Use instead:
    /// keep one copy and tag it with every principle it shows.
    ///
    /// ## Options
    /// None. Stories shorter than about 40 words are compared by title only.
    ///
    /// ## Fix safety
    /// No fix: you choose which copy to keep.
    pub static RULE = {
        code: "BANK002",
        name: "duplicate-story",
        family: Bank,
        severity: Warning,
        fix: None,
        kinds: [],
        summary: "Two stories share a title, or their text is near-identical",
        bank: check_bank,
    }
}

/// Sampled shingles a story needs before its wording is compared (about 40 words).
const MIN_SHINGLES: usize = 5;
/// Share of the shorter story's sampled shingles the other must hold.
const NEAR_IDENTICAL: f64 = 0.8;
/// A shingle found in more stories than this is boilerplate (a template line): not evidence.
const COMMON: usize = 32;

fn check_bank(files: &[BankFile], settings: &Settings, sink: &mut BankSink) {
    // Every story in bank order: (file, story index).
    let stories: Vec<(usize, usize)> = files
        .iter()
        .enumerate()
        .flat_map(|(f, file)| (0..file.summary.stories.len()).map(move |s| (f, s)))
        .collect();
    let story = |(f, s): (usize, usize)| files.get(f).and_then(|file| file.summary.stories.get(s));
    let mut titles: HashMap<String, (usize, usize)> = HashMap::new();
    let copies = near_identical(&stories, story);
    for (n, &(f, s)) in stories.iter().enumerate() {
        let Some(this) = story((f, s)) else {
            continue;
        };
        // Report this story as a retelling of story `(of, os)`; `why` gets the first one's
        // title and place.
        let report = |sink: &mut BankSink,
                      (of, os): (usize, usize),
                      why: &dyn Fn(&str, &str, usize) -> String| {
            let (Some(first), Some(file)) = (story((of, os)), files.get(of)) else {
                return false;
            };
            sink.report(
                files,
                f,
                Some(s),
                this.range.clone(),
                why(&first.title, file.path, first.line),
                Some(Related {
                    file: of,
                    range: first.range.clone(),
                    message: "first told here".to_string(),
                }),
            );
            true
        };
        let mut reported = false;
        let key = title_key(&this.title, settings);
        if this.named && !key.is_empty() {
            match titles.get(&key) {
                // Two stories under one heading (alternative answers to one question) share
                // their title's place: not a duplicate title.
                Some(&(of, os))
                    if !(of == f && story((of, os)).is_some_and(|o| o.range == this.range)) =>
                {
                    reported = report(sink, (of, os), &|_, path, line| {
                        format!(
                            "Duplicate story: `{}` is also the title of the story at {path}:{line}",
                            this.title
                        )
                    });
                }
                Some(_) => {}
                None => {
                    titles.insert(key, (f, s));
                }
            }
        }

        if let Some(&(other, share)) = copies.get(&n).filter(|_| !reported) {
            if let Some(&first) = stories.get(other) {
                report(sink, first, &|title, path, line| {
                    format!(
                        "Near-identical story: {:.0}% of its wording repeats `{title}` at {path}:{line}",
                        (share * 100.0).min(100.0)
                    )
                });
            }
        }
    }
}

/// For each story whose wording mostly repeats an earlier one: that earlier story (the one
/// sharing the highest share, the first on ties) and the share. Equal hashes are found by one
/// sort of every (hash, story) pair, so the cost grows with the bank's size, not its square.
fn near_identical<'a>(
    stories: &[(usize, usize)],
    story: impl Fn((usize, usize)) -> Option<&'a crate::bank::StorySummary>,
) -> HashMap<usize, (usize, f64)> {
    let prints: Vec<&[u32]> = stories
        .iter()
        .map(|&k| story(k).map_or(&[][..], |s| s.fingerprint.as_slice()))
        .collect();
    // Hash in the high half, story in the low half: one sort of plain integers.
    let mut all: Vec<u64> = Vec::new();
    for (n, p) in prints.iter().enumerate() {
        let Ok(story) = u32::try_from(n) else {
            break;
        };
        if p.len() >= MIN_SHINGLES {
            all.extend(p.iter().map(|&h| (u64::from(h) << 32) | u64::from(story)));
        }
    }
    all.sort_unstable();
    let story_of = |x: u64| (x & 0xffff_ffff) as usize;
    // Shingles shared per (earlier, later) pair of stories; a group is sorted by story.
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for group in all.chunk_by(|a, b| a >> 32 == b >> 32) {
        if group.len() < 2 || group.len() > COMMON {
            continue;
        }
        for (i, &a) in group.iter().enumerate() {
            for &b in group.iter().skip(i + 1) {
                let (a, b) = (story_of(a), story_of(b));
                if a != b {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
    }
    let mut best: HashMap<usize, (usize, f64)> = HashMap::new();
    for ((earlier, later), count) in shared {
        let smaller = prints
            .get(earlier)
            .zip(prints.get(later))
            .map_or(1, |(a, b)| a.len().min(b.len()).max(1));
        let share = count as f64 / smaller as f64;
        if share < NEAR_IDENTICAL {
            continue;
        }
        let better = best
            .get(&later)
            .is_none_or(|&(other, s)| share > s || (share == s && earlier < other));
        if better {
            best.insert(later, (earlier, share));
        }
    }
    best
}

/// Words of a title that say what kind of heading it is, not which story it is.
const GENERIC: &[&str] = &[
    "a",
    "an",
    "the",
    "story",
    "stories",
    "question",
    "questions",
    "q",
    "example",
    "examples",
    "answer",
    "answers",
    "project",
    "projects",
    "scenario",
    "sample",
    "response",
    "draft",
    "star",
    "behavioral",
    "behavioural",
    "untitled",
    "notes",
    "my",
];

/// A title compared without case, punctuation or leading numbering: `## 3. The Handover!` and
/// `### the handover` are one title. Empty when the title cannot tell stories apart: a label
/// with a number (`Question 2`), a lone generic word (`Projects`), or a principle's name (a
/// `## 1. Customer Obsession` heading groups stories; it does not name one).
fn title_key(title: &str, settings: &Settings) -> String {
    let mut words: Vec<String> = crate::text::words(title)
        .map(|(_, w)| w.to_lowercase())
        .collect();
    if words.len() > 1
        && words
            .first()
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
    {
        words.remove(0);
    }
    let key = words.join(" ");
    let telling = words
        .iter()
        .filter(|w| !GENERIC.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .count();
    if telling == 0 || settings.principles().lookup(&key).is_some() {
        return String::new();
    }
    key
}

#[cfg(test)]
mod tests {
    use crate::bank::{lint_bank, summarize, BankFile, FileSummary};
    use crate::{Document, Settings};

    fn summary(src: &str) -> FileSummary {
        let settings = Settings::default();
        summarize(&Document::new(src, &settings, None), &settings)
    }

    fn messages(files: &[(&str, &FileSummary)]) -> Vec<String> {
        let files: Vec<BankFile> = files
            .iter()
            .map(|(path, summary)| BankFile { path, summary })
            .collect();
        lint_bank(&files, &Settings::default())
            .0
            .iter()
            .map(|d| format!("{} {}", files[d.file].path, d.diagnostic.message))
            .collect()
    }

    const LONG: &str = "The nightly billing export failed three times a week because the \
        upstream queue filled before midnight. Nobody owned the alert, so it was muted. I \
        traced the producer, found a retry loop that doubled every message, and removed it \
        after a design review with the payments team.";

    fn story(title: &str, body: &str) -> String {
        format!("## {title}\n\n**Situation:** {body}\n\n**Result:** Failures fell to zero in 4 weeks.\n")
    }

    #[test]
    fn same_title_in_two_files_is_reported_on_the_later_one() {
        let a = summary(&story("The billing export", "It broke."));
        let b = summary(&story(
            "3. The Billing Export!",
            "Different words entirely here.",
        ));
        assert_eq!(
            messages(&[("a.md", &a), ("b.md", &b)]),
            ["b.md Duplicate story: `3. The Billing Export!` is also the title of the story at a.md:1"]
        );
    }

    #[test]
    fn copied_wording_under_another_title_is_reported() {
        let a = summary(&story("Billing export", LONG));
        let edited = LONG.replace("three times", "twice");
        let b = summary(&format!("# Bank\n\n{}", story("Queue fix", &edited)));
        let found = messages(&[("a.md", &a), ("b.md", &b)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("b.md Near-identical story:")
                && found[0].ends_with("`Billing export` at a.md:1"),
            "{found:?}"
        );
    }

    #[test]
    fn different_stories_and_made_up_titles_stay_silent() {
        let a = summary(&story("Billing export", LONG));
        let b = summary(&story(
            "Hiring plan",
            "Our team had two open roles for six months and candidates dropped out after the \
             take-home exercise. I replaced it with a paired session, rewrote the rubric with \
             two senior engineers and ran calibration sessions for every interviewer.",
        ));
        // No heading: both titles are made up from the line number.
        let c = summary("**Situation:** It broke.\n\n**Result:** 5 minutes.\n");
        let d = summary("**Situation:** It failed.\n\n**Result:** 9 minutes.\n");
        assert!(messages(&[("a.md", &a), ("b.md", &b), ("c.md", &c), ("d.md", &d)]).is_empty());
    }

    #[test]
    fn labels_numbers_and_principle_headings_are_not_titles() {
        let settings = Settings::default();
        for title in [
            "Question 2",
            "Projects",
            "1. Customer Obsession",
            "Dive deep",
            "Story",
        ] {
            assert_eq!(super::title_key(title, &settings), "", "{title}");
        }
        assert_eq!(
            super::title_key("3. The Handover!", &settings),
            "the handover"
        );
        assert_eq!(
            super::title_key("Story 2: Hiring", &settings),
            "story 2 hiring"
        );
    }

    #[test]
    fn alternative_answers_under_one_question_share_a_title() {
        let src =
            "## Tell me about a time you failed\n\n**Situation:** One.\n\n**Result:** 1%.\n\n\
                   **Situation:** Two.\n\n**Result:** 2%.\n";
        let s = summary(src);
        assert_eq!(s.stories.len(), 2, "{s:?}");
        assert!(messages(&[("a.md", &s)]).is_empty());
    }

    #[test]
    fn a_suppression_at_the_title_silences_it() {
        let a = summary(&story("The billing export", "It broke."));
        let b = summary(&format!(
            "<!-- starlint-disable-next-line BANK002 -->\n{}",
            story("The billing export", "It broke.")
        ));
        assert!(messages(&[("a.md", &a), ("b.md", &b)]).is_empty());
    }
}
