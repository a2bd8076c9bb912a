//! Prompts: the blocks that ask for a story, which stories told without labels answer. A
//! question heading or line (`Tell me about a time…`, `Conflict?`, `[FAILURE] …`, `🔥 3. …`),
//! a heading that names a principle, a competency or a behavioural topic (`## Dive Deep`,
//! `### Team Conflict`, `### Story 2 — …`), a bold behaviour indicator under such a heading,
//! a list item naming a principle with the story in its sub-items, and a question on a
//! paragraph's first line with its answer below. Each says whether it asks for a story.

use super::story::heading_text_range;
use super::unlabelled::is_past;
use super::Builder;
use crate::parse::BlockKind;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// Is block `bi` a question (a heading or a line that asks something, or a list item that
/// names a principle and holds the story in its sub-items)? `Some(true)` when it asks for a
/// story, `Some(false)` when it asks something else (it still ends the answer before it).
pub(crate) fn question(cx: &Builder, bi: usize) -> Option<bool> {
    let b = cx.block(bi)?;
    let t = match b.kind {
        BlockKind::Heading(_) if !cx.marker_heading.get(bi).copied().unwrap_or(false) => {
            let t = cx.slice(heading_text_range(cx.text, b));
            // A heading that names a principle (`## Dive Deep`) asks for a story of it; the
            // answer's tense decides whether one is told.
            if names_a_principle(cx, t) || story_heading(t) || names_a_topic(cx, t) {
                return Some(true);
            }
            t
        }
        BlockKind::Paragraph => {
            let t = cx.slice(b.content_start()..b.content_end()).trim();
            // `**Deal with conflict calmly**` under `## Working Together`: a bold line in a
            // principle's section names what the next answer shows (several may be stacked).
            if indicator(cx, bi) || inline_answer(cx, bi).is_some() {
                return Some(true);
            }
            if t.contains('\n') || t.len() > 300 {
                return None;
            }
            if b.list_depth > 0 && names_a_principle(cx, t) && nests(cx, bi) {
                return Some(true);
            }
            t
        }
        _ => return None,
    };
    let asks = asks_for_a_story(t);
    (asks || strip_numbering(t).ends_with('?')).then_some(asks)
}

/// Is block `bi` a question line that opens the next answer in a question-and-answer file: a
/// bold question (`**3. How did you…?**`), a numbered one (`4. Tell me about…`) or a `Q:` line?
/// (A plain question inside a story is the story's own.)
pub(crate) fn next_question(cx: &Builder, bi: usize) -> bool {
    let Some(b) = cx.block(bi) else {
        return false;
    };
    if b.kind != BlockKind::Paragraph || question(cx, bi).is_none() {
        return false;
    }
    let t = cx.slice(b.content_start()..b.content_end()).trim();
    let line_start = super::recognise::line_start_of(cx.text, b.content_start());
    let prefix = cx.slice(line_start..b.content_start());
    let bold =
        (t.starts_with("**") && t.ends_with("**")) || (t.starts_with("__") && t.ends_with("__"));
    let numbered = prefix
        .trim()
        .trim_end_matches(['.', ')'])
        .chars()
        .any(|c| c.is_ascii_digit())
        || t.trim_start_matches(['*', '_'])
            .starts_with(|c: char| c.is_ascii_digit());
    let q = t.trim_start_matches(['*', '_']);
    bold || numbered || q.starts_with("Q:") || q.starts_with("Q.") || q.starts_with("Question")
}

/// `What is your greatest accomplishment?` or `Tell me about a time…` on the first line of a
/// paragraph whose next lines answer it (plain-text files, hard-wrapped answers): where the
/// answer starts.
pub(super) fn inline_answer(cx: &Builder, bi: usize) -> Option<usize> {
    let b = cx.block(bi)?;
    if b.kind != BlockKind::Paragraph {
        return None;
    }
    let content = b.content_start()..b.content_end();
    let t = cx.slice(content.clone());
    let (first, rest) = t.split_once('\n')?;
    let asks = first.trim().len() <= 200
        && (asks_in_so_many_words(first)
            || (first.trim().trim_end_matches(['*', '_']).ends_with('?')
                && asks_for_a_story(first)));
    (asks && rest.split_whitespace().count() >= 25).then(|| content.start + first.len() + 1)
}

/// `### Team Conflict`, `## Failure`: a heading that is only a behavioural topic.
pub(super) fn names_a_topic(cx: &Builder, t: &str) -> bool {
    let t = strip_numbering(t).trim_end_matches(['.', ':', '?', ' ']);
    cx.settings
        .words
        .lists
        .story_topic
        .words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(t))
}

/// `### Story 2 — The billing export`, `## Example 1: …`, `#### SEV Case 3: …`: a heading that
/// says a story follows.
pub(super) fn story_heading(t: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)^(?:[a-z]+\s+)?(?:story|example|case)\s*(?:#?\d+\b|[—–:-])").unwrap()
    });
    re.is_match(strip_numbering(t))
}

/// Is block `bi` a bold line (or stacked bold lines) in a principle's section: the behaviour
/// the next answer is evidence of, which asks for a story as plainly as `Tell me about…`?
pub(super) fn indicator(cx: &Builder, bi: usize) -> bool {
    cx.block(bi).is_some_and(|b| {
        b.kind == BlockKind::Paragraph
            && b.list_depth == 0
            && wholly_bold(cx.slice(b.content_start()..b.content_end()).trim())
            && under_a_principle(cx, bi)
    })
}

/// Is every line of `t` one bold phrase (`**…**` or `__…__`) of at most 300 bytes?
fn wholly_bold(t: &str) -> bool {
    t.lines().all(|l| {
        let l = l.trim();
        l.len() <= 300
            && ["**", "__"].iter().any(|m| {
                l.len() > 2 * m.len()
                    && l.starts_with(m)
                    && l.ends_with(m)
                    && !l[m.len()..l.len() - m.len()].contains(m)
            })
    })
}

/// Does the nearest heading above block `bi` name a principle or value?
fn under_a_principle(cx: &Builder, bi: usize) -> bool {
    let before = cx.headings.partition_point(|&h| h < bi);
    before
        .checked_sub(1)
        .and_then(|i| cx.headings.get(i))
        .and_then(|&h| cx.block(h))
        .is_some_and(|h| names_a_principle(cx, cx.slice(heading_text_range(cx.text, h))))
}

/// Does the block after `bi` sit deeper in the list than `bi`?
pub(super) fn nests(cx: &Builder, bi: usize) -> bool {
    let depth = cx.block(bi).map_or(0, |b| b.list_depth);
    cx.block(bi + 1).is_some_and(|n| n.list_depth > depth)
}

/// Does `t` name a principle of the set in force, or a value of any bundled set (a Civil
/// Service behaviour heading asks for a story whichever set the bank is checked against)?
pub(super) fn names_a_principle(cx: &Builder, t: &str) -> bool {
    let named = crate::tags::HeadingName::of(strip_numbering(t));
    named.principle_in(cx.settings.principles()).is_some()
        || crate::value_sets::sets().any(|(_, set)| named.principle_in(set).is_some())
}

/// `1. `, `A. `, `Q3: ` and emphasis before a prompt's words.
pub(super) fn strip_numbering(t: &str) -> &str {
    // Emphasis, heading marks and symbols (`🔥 3. Tell me about…`) before the words.
    let t = t.trim().trim_start_matches(|c: char| {
        matches!(c, '*' | '_' | '#') || c.is_whitespace() || !(c.is_ascii() || c.is_alphanumeric())
    });
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')', ':', ' ']);
    // `Q: …`, `Q3. …`, `Question 2: …`: the question's own label.
    let t = {
        let lower = t.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("question")
            .or_else(|| lower.strip_prefix('q'))
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' '));
        match rest {
            Some(r) if r.starts_with([':', '.', ')', '-', '—', '–']) => {
                let sep = r.chars().next().map_or(1, char::len_utf8);
                t.get(t.len() - r.len() + sep..).unwrap_or(t).trim_start()
            }
            _ => t,
        }
    };
    // `[CONFLICT] Tell me about…`: a category tag before the question.
    let t = match t.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((tag, rest)) if tag.len() <= 30 && !tag.contains('[') => rest.trim_start(),
        _ => t,
    };
    t.trim_start_matches(['*', '_', '"', '“', ' '])
        .trim_end_matches(['*', '_', '"', '”', ' ', ':'])
}

/// A question, or words that ask for a story (`Tell me about a time…`, `Describe a
/// situation where…`). Questions that ask what the candidate *would* do ask for no story.
pub(super) fn asks_for_a_story(t: &str) -> bool {
    let t = strip_numbering(t);
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.contains("would you") || lower.starts_with("if ") || lower.contains("how would") {
        return false;
    }
    // `Describe your process for…` asks for an example too; the answer's tense decides.
    if BEHAVIOURAL.is_match(&lower) || lower.starts_with("describe your ") {
        return true;
    }
    if !t.ends_with('?') {
        return false;
    }
    // `Conflict?`, `Under pressure?`, `Mistake and how to handle?`: a topic asked as a question
    // is a story prompt. A question word asks about opinions, plans or habits (`Why this
    // company?`, `What are your strengths?`) unless it asks about the past.
    const ASKS_NOW: &[&str] = &[
        "why", "what", "what's", "whats", "where", "who", "which", "when", "do", "does", "are",
        "is", "can", "could", "should", "will",
    ];
    // `We have all had to work with people who… How do you deal with them?`: the question is
    // the last sentence; what comes before sets it up.
    let lower = match lower.trim_end_matches('?').rfind(['.', '?', '!']) {
        Some(at) => lower.get(at + 1..).unwrap_or(&lower).trim().to_string(),
        None => lower,
    };
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let habit = first == "how" && matches!(words.next(), Some("do" | "does" | "can" | "should"));
    asks_about_the_past(&lower) || !(ASKS_NOW.contains(&first) || habit)
}

/// A question about something that happened (`How did you…?`, `What has been your proudest
/// project?`, `A time you failed?`), not about motives or plans (`Why this company?`, `What
/// will you bring?`).
fn asks_about_the_past(lower: &str) -> bool {
    const PAST: &[&str] = &[
        "did",
        "have",
        "has",
        "had",
        "you've",
        "ever",
        "time",
        "example",
        "project",
        "accomplishment",
        "achievement",
    ];
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            PAST.contains(&w)
                || w.starts_with("achievement")
                || w.starts_with("accomplishment")
                || is_past(w)
        })
}

/// Does a title ask, in so many words, for a story (`Tell me about a time…`)? "Tell me about
/// yourself" or "…about your background" asks for a pitch, not for one past event.
pub fn asks_in_so_many_words(title: &str) -> bool {
    BEHAVIOURAL.is_match(&strip_numbering(title).to_lowercase())
}

static BEHAVIOURAL: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^(?:tell (?:me|us) about (?:a |an |the |how |when |your (?:biggest|greatest|proudest|most|hardest|toughest|worst|best|last|first|favou?rite) )|describe (?:a|an|the) (?:time|situation|moment|occasion|project)|give (?:me |us )?(?:a|an) example|talk about a time|share (?:a|an) (?:example|time|story)|walk (?:me|us) through a time|a time (?:when|you|that))").unwrap()
});
