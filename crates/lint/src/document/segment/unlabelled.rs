//! Stories told without part labels: a question (a heading, a bold or numbered line, a list
//! item naming a principle) followed by an answer that tells one past event in the first
//! person. They are stories, with no parts: rules that need parts skip them, rules that read
//! the whole text read [`Story::prose`], and STAR010 says once that labelling the parts lets
//! starlint check their structure.

use super::story::{clean_title, heading_text_range, section_end};
use super::style::{LabelCase, LabelForm, MarkerStyle};
use super::Builder;
use crate::document::Story;
use crate::parse::{Block, BlockKind};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// Add the unlabelled stories of the text to `stories` (which holds the labelled ones), in
/// document order.
pub(crate) fn find(cx: &Builder, stories: &mut Vec<Story>) {
    // Every question ends the answer before it; only some ask for a story.
    let questions: Vec<(usize, bool)> = (0..cx.blocks.len())
        .filter_map(|bi| question(cx, bi).map(|story| (bi, story)))
        .collect();
    let mut found = Vec::new();
    for (i, &(bi, asks_for_story)) in questions.iter().enumerate() {
        if !asks_for_story {
            continue;
        }
        let next_prompt = questions.get(i + 1).map(|q| q.0);
        let Some(answer) = answer_of(cx, bi, next_prompt) else {
            continue;
        };
        let Some(block) = cx.block(bi) else {
            continue;
        };
        let range = block.range.start..answer.end;
        if stories
            .iter()
            .any(|s| s.range.start < range.end && range.start < s.range.end)
        {
            continue;
        }
        let title = cx
            .block(bi)
            .map_or("", |b| cx.slice(b.content_start()..b.content_end()));
        // An answer that is only a placeholder (`- Example: TBD`) to a prompt that plainly asks
        // for a story (a principle, `Tell me about a time…`) is a story slot still to fill.
        let asked = asks_in_so_many_words(title) || names_a_principle(cx, title);
        let slot = asked && placeholder(cx.slice(answer.clone()));
        let plainly = asks_in_so_many_words(title) || indicator(cx, bi);
        if !slot && !tells_a_past_event(cx, answer.clone(), plainly) {
            continue;
        }
        found.push(make(cx, bi, range));
    }
    if found.is_empty() {
        return;
    }
    stories.extend(found);
    stories.sort_by_key(|s| s.range.start);
}

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
fn inline_answer(cx: &Builder, bi: usize) -> Option<usize> {
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
fn names_a_topic(cx: &Builder, t: &str) -> bool {
    let t = strip_numbering(t).trim_end_matches(['.', ':', '?', ' ']);
    cx.settings
        .words
        .lists
        .story_topic
        .words
        .iter()
        .any(|w| w.eq_ignore_ascii_case(t))
}

/// `### Story 2 — The billing export`, `## Example 1: …`: a heading that says a story follows.
fn story_heading(t: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)^(?:my\s+)?(?:story|example)\s*(?:#?\d+\b|[—–:-])").unwrap()
    });
    re.is_match(strip_numbering(t))
}

/// Is block `bi` a bold line (or stacked bold lines) in a principle's section: the behaviour
/// the next answer is evidence of, which asks for a story as plainly as `Tell me about…`?
fn indicator(cx: &Builder, bi: usize) -> bool {
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
fn nests(cx: &Builder, bi: usize) -> bool {
    let depth = cx.block(bi).map_or(0, |b| b.list_depth);
    cx.block(bi + 1).is_some_and(|n| n.list_depth > depth)
}

/// Does `t` name a principle of the set in force, or a value of any bundled set (a Civil
/// Service behaviour heading asks for a story whichever set the bank is checked against)?
fn names_a_principle(cx: &Builder, t: &str) -> bool {
    let t = strip_numbering(t);
    crate::tags::principle_heading(cx.settings.principles(), t).is_some()
        || crate::value_sets::sets()
            .any(|(_, set)| crate::tags::principle_heading(set, t).is_some())
}

/// `1. `, `A. `, `Q3: ` and emphasis before a prompt's words.
fn strip_numbering(t: &str) -> &str {
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
            Some(r) if r.starts_with([':', '.', ')', '-']) => {
                t.get(t.len() - r.len() + 1..).unwrap_or(t).trim_start()
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
fn asks_for_a_story(t: &str) -> bool {
    let t = strip_numbering(t);
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.contains("would you") || lower.starts_with("if ") || lower.contains("how would") {
        return false;
    }
    // `Describe your process for…` asks for an example too; the answer's tense decides.
    if behavioural_re().is_match(&lower) || lower.starts_with("describe your ") {
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
    behavioural_re().is_match(&strip_numbering(title).to_lowercase())
}

fn behavioural_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"^(?:tell (?:me|us) about (?:a |an |the |how |when |your (?:biggest|greatest|proudest|most|hardest|toughest|worst|best|last|first|favou?rite) )|describe (?:a|an|the) (?:time|situation|moment|occasion|project)|give (?:me |us )?(?:a|an) example|talk about a time|share (?:a|an) (?:example|time|story)|walk (?:me|us) through a time|a time (?:when|you|that))").unwrap()
    })
}

/// The answer to the prompt in block `bi`: the blocks after it up to the next prompt, the end
/// of a heading prompt's section, or (for a line prompt) the next heading or thematic break.
fn answer_of(cx: &Builder, bi: usize, next_prompt: Option<usize>) -> Option<Range<usize>> {
    let block = cx.block(bi)?;
    let mut end = match block.heading_level() {
        Some(_) => section_end(cx, bi),
        None => cx.text.len(),
    };
    let depth = block.list_depth;
    let nested_answer = block.heading_level().is_none() && nests(cx, bi);
    let start = match inline_answer(cx, bi) {
        Some(start) => start,
        None => cx.block(bi + 1)?.range.start,
    };
    for (i, b) in cx.blocks.iter().enumerate().skip(bi + 1) {
        if b.range.start >= end {
            break;
        }
        let stop = Some(i) == next_prompt
            || (block.heading_level().is_none()
                && matches!(b.kind, BlockKind::Heading(_) | BlockKind::ThematicBreak))
            || (block.heading_level().is_some() && b.kind == BlockKind::ThematicBreak)
            || (nested_answer && b.list_depth <= depth);
        if stop {
            end = b.range.start;
            break;
        }
    }
    (start < end).then_some(start..end)
}

/// Is an answer only a placeholder for a story to come (`TBD`, `- Example: TODO`, `…`), or
/// empty slots to fill (`- Story 1:` / `- Story 2:`)?
fn placeholder(answer: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)^[\s*+\->_]*(?:(?:example|story|answer|notes?)[\s*_]*\d*[\s*_]*:[\s*_]*)?(?:tbd|tba|todo|to do|to be (?:added|written|filled(?: in)?)|coming soon|\.\.\.|…)?[\s*_.!]*$").unwrap()
    });
    let mut lines = answer.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek().is_some() && lines.all(|l| re.is_match(l.trim()))
}

/// Does the prose of `range` tell one past event in the first person? Enough words, "I" more
/// than "you", and past-tense verbs throughout.
///
/// A list item that opens with a past-tense verb ("Raised it with my manager") is a sentence
/// whose subject is the author. An answer to a question that asks for a story in so many words
/// (`Tell me about a time…`) may be notes: fewer words and verbs do.
fn tells_a_past_event(cx: &Builder, range: Range<usize>, asked: bool) -> bool {
    let first = cx.blocks.partition_point(|b| b.range.end <= range.start);
    let mut words = 0usize;
    let (mut me, mut you, mut past) = (0usize, 0usize, 0usize);
    // List items that open with an instruction (`- prepare a problem you solved`): advice.
    let (mut items, mut advice) = (0usize, 0usize);
    for b in cx.blocks.get(first..).unwrap_or(&[]) {
        if b.range.start >= range.end {
            break;
        }
        if !matches!(b.kind, BlockKind::Paragraph) {
            continue;
        }
        if b.list_depth > 0 {
            let lead = cx
                .slice(b.content_start()..b.content_end())
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("");
            if lead.starts_with(|c: char| c.is_uppercase()) && is_past(&lead.to_ascii_lowercase()) {
                me += 1;
            }
            items += 1;
            if ADVICE_VERBS.contains(&lead.to_ascii_lowercase().as_str()) {
                advice += 1;
            }
        }
        for seg in &b.segments {
            for w in cx
                .slice(seg.clone())
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            {
                if w.is_empty() {
                    continue;
                }
                words += 1;
                match w {
                    "I" | "I'm" | "I’m" | "I've" | "I’ve" | "I'd" | "I’d" | "my" | "My" | "me" => {
                        me += 1
                    }
                    _ => {}
                }
                let lower = w.to_ascii_lowercase();
                if lower == "you" || lower == "your" {
                    you += 1;
                }
                if is_past(&lower) {
                    past += 1;
                }
            }
        }
    }
    if items >= 2 && advice * 2 >= items {
        return false;
    }
    if asked {
        return words >= 25 && me >= you && past >= 2 && past * 40 >= words;
    }
    words >= 40 && me >= 2 && me > you && past >= 4 && past * 40 >= words
}

/// Verbs that open a tip (`prepare…`, `have metrics`, `avoid blame`), not an account.
const ADVICE_VERBS: &[&str] = &[
    "prepare",
    "have",
    "use",
    "be",
    "show",
    "keep",
    "make",
    "avoid",
    "focus",
    "mention",
    "talk",
    "explain",
    "describe",
    "give",
    "think",
    "practice",
    "practise",
    "pick",
    "choose",
    "highlight",
    "emphasize",
    "emphasise",
    "include",
    "start",
    "end",
    "quantify",
    "remember",
    "don't",
    "do",
    "try",
    "ask",
    "stay",
    "prefer",
    "add",
    "write",
    "tell",
];

/// A past-tense verb: a regular `-ed` form, or a common irregular one.
pub(crate) fn is_past(w: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "was",
        "were",
        "had",
        "did",
        "made",
        "took",
        "led",
        "built",
        "wrote",
        "found",
        "got",
        "went",
        "saw",
        "told",
        "gave",
        "ran",
        "chose",
        "began",
        "brought",
        "bought",
        "felt",
        "knew",
        "met",
        "paid",
        "said",
        "sent",
        "spent",
        "thought",
        "won",
        "kept",
        "left",
        "lost",
        "became",
        "caught",
        "drove",
        "grew",
        "held",
        "heard",
        "meant",
        "sold",
        "spoke",
        "stood",
        "taught",
        "understood",
        "came",
        "fell",
        "broke",
        "dealt",
        "struck",
        "wasn't",
        "didn't",
        "couldn't",
        "weren't",
        "hadn't",
    ];
    (w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed")) || IRREGULAR.contains(&w)
}

fn make(cx: &Builder, bi: usize, range: Range<usize>) -> Story {
    let block: Option<&Block> = cx.block(bi);
    let heading = block.and_then(Block::heading_level).map(|_| bi);
    let title_range = match (heading, block) {
        (Some(_), Some(b)) => heading_text_range(cx.text, b),
        // A question with its answer below it in one paragraph: the first line.
        (None, Some(b)) if inline_answer(cx, bi).is_some() => {
            let start = b.content_start();
            let first = cx.slice(start..b.content_end()).find('\n').unwrap_or(0);
            start..start + first
        }
        // Stacked prompt lines: the last one is the prompt this answer answers.
        (None, Some(b)) => {
            let (start, end) = (b.content_start(), b.content_end());
            let last = cx
                .slice(start..end)
                .trim_end()
                .rfind('\n')
                .map_or(0, |i| i + 1);
            start + last..end
        }
        _ => range.start..range.start,
    };
    let title = clean_title(strip_numbering(cx.slice(title_range.clone())));
    let mut story = Story {
        title,
        named: true,
        title_range,
        heading,
        range,
        parts: Vec::new(),
        tags: Vec::new(),
        // A new marker in an unlabelled story is written the common way.
        style: MarkerStyle {
            heading_level: None,
            before: "**".to_string(),
            after: ":**".to_string(),
            letter: false,
            case: LabelCase::Title,
            form: LabelForm::Word,
        },
        prose: Vec::new(),
    };
    story.tags = crate::tags::story_tags(
        cx.text,
        cx.blocks,
        &cx.headings,
        &cx.parents,
        &story,
        cx.settings,
    );
    story
}
