//! Stories told without part labels: a question (a heading, a bold or numbered line, a list
//! item naming a principle) followed by an answer that tells one past event in the first
//! person. They are stories, with no parts: rules that need parts skip them, rules that read
//! the whole text read [`Story::prose`], and STAR010 says once that labelling the parts lets
//! starlint check their structure.

use super::prompt::{
    asks_in_so_many_words, indicator, inline_answer, names_a_principle, names_a_topic, nests,
    question, story_heading, strip_numbering,
};
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
    // Questions under `## Likely follow-ups` probe the story above; they ask for no new one.
    let follow_up =
        crate::parse::in_sections(cx.blocks, cx.text, crate::words::is_follow_up_heading);
    for (i, &(bi, asks_for_story)) in questions.iter().enumerate() {
        if !asks_for_story || follow_up.get(bi).copied().unwrap_or(false) {
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
        let asked = asks_in_so_many_words(title)
            || names_a_principle(cx, title)
            || (block.is_heading() && names_a_topic(cx, title));
        let slot = asked && placeholder(cx.slice(answer.clone()));
        let plainly = asks_in_so_many_words(title) || indicator(cx, bi) || story_heading(title);
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
            // `## Likely follow-ups` after the answer: probes of it, not part of it.
            || (b.is_heading()
                && crate::words::is_follow_up_heading(cx.slice(b.content_start()..b.content_end())))
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
    lines.peek().is_some()
        && lines.all(|l| {
            // `[Add a story about a problem you solved]`: an instruction in brackets, left to fill.
            re.is_match(l.trim()) || crate::prfaq::placeholder_only(l)
        })
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
