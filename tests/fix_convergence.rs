//! Fixes converge in one run: fixing a text to its fixpoint, safe fixes or unsafe ones too, and
//! fixing the result again changes nothing; a CRLF text stays CRLF. Over every fixture and
//! example (as written and with CRLF endings) and over generated story banks.
#![allow(clippy::indexing_slicing)] // Indices taken modulo the length of constant tables.

use proptest::prelude::*;
use starlint_lint::fix::fix_text;
use starlint_lint::{Applicability, Settings};
use starlint_tests::repo_root;
use std::path::{Path, PathBuf};

const LEVELS: [Applicability; 2] = [Applicability::Safe, Applicability::Unsafe];

fn markdown_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            markdown_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|x| x == "md" || x == "markdown" || x == "txt")
        {
            out.push(path);
        }
    }
}

fn to_crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Why fixing `text` at `min` is not a one-run fixpoint, if it is not.
fn not_converging(text: &str, name: &str, min: Applicability) -> Option<String> {
    let settings = Settings::default();
    let once = fix_text(text, &settings, None, Some(name), min);
    if !once.converged {
        return Some(format!("no fixpoint after {} rounds", once.rounds));
    }
    let twice = fix_text(&once.text, &settings, None, Some(name), min);
    if twice.text != once.text {
        return Some(format!(
            "a second run applied {} more fixes:\n--- first run\n{}\n--- second run\n{}",
            twice.applied, once.text, twice.text
        ));
    }
    let crlf = text.contains('\n') && text.matches('\n').count() == text.matches("\r\n").count();
    if crlf && once.text.matches('\n').count() != once.text.matches("\r\n").count() {
        return Some(format!("a CRLF text got a bare LF: {:?}", once.text));
    }
    None
}

#[test]
fn every_fixture_and_example_converges_in_one_run() {
    let root = repo_root();
    let mut files = Vec::new();
    markdown_under(&root.join("fixtures"), &mut files);
    markdown_under(&root.join("examples"), &mut files);
    files.sort();
    assert!(files.len() > 100, "fixtures not found: {}", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        for text in [text.clone(), to_crlf(&text)] {
            for min in LEVELS {
                if let Some(why) = not_converging(&text, name, min) {
                    failures.push(format!("{} ({min:?}): {why}", path.display()));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// One generated story: a title, the parts it has (in the order given), and how it marks them.
#[derive(Debug, Clone)]
struct GenStory {
    title: usize,
    style: usize,
    parts: Vec<(usize, usize)>,
    tags: Option<usize>,
}

const TITLES: &[&str] = &[
    "Rebuilding the release pipeline",
    "The migration that slipped",
    "Owning the on-call rota",
    "A customer escalation",
];
/// Situation, Task, Action, Result, Learning.
const PARTS: &[&str] = &["Situation", "Task", "Action", "Result", "Learning"];
const SENTENCES: &[&str] = &[
    "Releases took two days and failed one time in three.",
    "We rewrote the importer and I think it was very much faster.",
    "I owned the tooling and had one quarter to fix it.",
    "I split the pipeline into stages and added canary checks.",
    "Builds fell from 40 to 9 minutes, saving 30 engineer hours a month.",
    "The launch failed because I missed a dependency.",
    "I would usually ask the team first.",
    "I learned to write the rollback plan before the change.",
    "",
];
const TAGS: &[&str] = &[
    "Leadership Principles: Ownership, Dive Deep",
    "LPs: Custmer Obsesion",
    "Tags: #ownership",
];

fn render(stories: &[GenStory], crlf: bool) -> String {
    let mut out = String::from("# Story bank\n\n");
    for s in stories {
        out.push_str(&format!("## {}\n\n", TITLES[s.title % TITLES.len()]));
        if let Some(t) = s.tags {
            out.push_str(&format!("{}\n\n", TAGS[t % TAGS.len()]));
        }
        for &(part, sentence) in &s.parts {
            let name = PARTS[part % PARTS.len()];
            let text = SENTENCES[sentence % SENTENCES.len()];
            let block = match s.style % 4 {
                0 => format!("**{name}:** {text}\n\n"),
                1 => format!("### {name}\n\n{text}\n\n"),
                2 => format!("- {}: {text}\n", &name[..1]),
                _ => format!("{name}: {text}\n\n"),
            };
            out.push_str(&block);
        }
        out.push('\n');
    }
    if crlf {
        to_crlf(&out)
    } else {
        out
    }
}

fn story_strategy() -> impl Strategy<Value = GenStory> {
    (
        0usize..8,
        0usize..4,
        prop::collection::vec((0usize..5, 0usize..9), 0..6),
        prop::option::of(0usize..3),
    )
        .prop_map(|(title, style, parts, tags)| GenStory {
            title,
            style,
            parts,
            tags,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Banks of stories with parts missing, repeated or out of order, in four marker styles.
    #[test]
    fn generated_story_banks_converge_in_one_run(
        stories in prop::collection::vec(story_strategy(), 1..5),
        crlf in any::<bool>(),
        unsafe_fixes in any::<bool>(),
    ) {
        let text = render(&stories, crlf);
        let min = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
        if let Some(why) = not_converging(&text, "stories.md", min) {
            prop_assert!(false, "{why}\n--- input\n{text}");
        }
    }
}

/// The case that once took two runs: after a complete story (so the bank uses Tasks), one
/// story lacks its Task, the next both its Situation and its Task (two markers that go in at
/// one place).
#[test]
fn two_missing_parts_at_one_place_land_in_one_run() {
    let stories = [
        GenStory {
            title: 2,
            style: 0,
            parts: vec![(0, 0), (1, 2), (2, 3), (3, 4)],
            tags: None,
        },
        GenStory {
            title: 0,
            style: 0,
            parts: vec![(0, 0), (2, 3), (3, 4)],
            tags: None,
        },
        GenStory {
            title: 1,
            style: 0,
            parts: vec![(2, 3), (3, 4)],
            tags: None,
        },
    ];
    for crlf in [false, true] {
        let text = render(&stories, crlf);
        assert_eq!(
            not_converging(&text, "stories.md", Applicability::Unsafe),
            None
        );
        let fixed = fix_text(
            &text,
            &Settings::default(),
            None,
            None,
            Applicability::Unsafe,
        );
        assert_eq!(fixed.text.matches("**Task:**").count(), 3, "{}", fixed.text);
        assert_eq!(fixed.text.matches("**Situation:**").count(), 3);
    }
}
