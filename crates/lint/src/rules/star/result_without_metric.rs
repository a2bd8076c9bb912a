//! STAR004: a Result with no quantity in it.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Result part that holds no quantity: no number (digits or words such as
    /// `three`, `twelve`, `half`), percentage, amount of money, multiplier (`2x`), duration
    /// (`a week`), ratio, or before → after change (`from weeks to days`). A bare year
    /// (`in 2021`) or quarter (`Q3`, `next quarter`) is a date, not a result, and does not
    /// count; nor does a number that counts the means rather than the outcome ("two ways I
    /// checked it", "a second time", "one of the engineers"). The Result ends before a note
    /// written after it: a paragraph that opens with a label of its own (`Note: …`), a line in
    /// bold alone (`**Follow-up questions**`), a block quote or a question.
    ///
    /// ## Why it matters
    /// "It went well" is not a result. Interviewers (Amazon's above all) want to hear how much
    /// changed; a number is what makes the story believable and memorable.
    ///
    /// ## Example
    /// ```markdown
    /// **Result:** The launch went smoothly and the team was happy.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Result:** We launched on time; support tickets fell from 40 a week to 6.
    /// ```
    ///
    /// ## Options
    /// Number words and duration units: the `[metric]` lists in the word data.
    ///
    /// ## Fix safety
    /// No fix: only you know the number.
    pub static RULE = {
        code: "STAR004",
        name: "result-without-metric",
        family: Star,
        severity: Warning,
        fix: None,
        kinds: [Star],
        summary: "The Result part holds no number, percentage, amount, duration or change",
        check: check,
    }
}

/// `%`, `percent`, a currency sign before a digit, or a multiplier (`2x`, `3×`, `doubled`).
fn has_symbol(text: &str) -> bool {
    if text.contains('%') {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    const MULTIPLIERS: &[&str] = &[
        "percent",
        "twofold",
        "threefold",
        "tenfold",
        "halved",
        "doubled",
        "tripled",
    ];
    if words.iter().any(|w| MULTIPLIERS.contains(w))
        || words.windows(2).any(|p| p == ["per", "cent"])
    {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).any(|w| match w {
        [c, d] if "$€£¥₹".contains(*c) && d.is_ascii_digit() => true,
        [d, x] if d.is_ascii_digit() && (*x == '×' || (*x == 'x' || *x == 'X')) => true,
        _ => false,
    }) || chars
        .windows(3)
        .any(|w| matches!(w, [c, ' ', d] if "$€£¥₹".contains(*c) && d.is_ascii_digit()))
}

/// Runs of digits with the word before each (for telling years and quarters from amounts).
fn numbers(text: &str) -> Vec<(&str, &str, bool, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_digit() || *b == b',' || *b == b'.')
        {
            i += 1;
        }
        let num = text
            .get(start..i)
            .unwrap_or("")
            .trim_end_matches([',', '.']);
        let before_text = text.get(..start).unwrap_or("");
        let prefixed = before_text.ends_with(['Q', 'q', 'H', 'v', 'V']);
        let before = before_text.split_whitespace().next_back().unwrap_or("");
        let after = text
            .get(i..)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_matches(|c: char| !c.is_alphanumeric());
        out.push((num, before, prefixed, after));
    }
    out
}

/// Does this prose state a quantity?
pub fn has_quantity(text: &str, settings: &Settings) -> bool {
    if has_symbol(text) {
        return true;
    }
    const DATE_WORDS: &[&str] = &[
        "in", "since", "by", "during", "of", "until", "from", "early", "late", "mid", "summer",
        "spring", "fall", "autumn", "winter",
    ];
    for (n, before, prefixed, after) in numbers(text) {
        let before = before.to_ascii_lowercase();
        if incidental_noun(&after.to_ascii_lowercase()) {
            continue;
        }
        let is_year = n.len() == 4
            && (n.starts_with("19") || n.starts_with("20"))
            && (before.is_empty() || DATE_WORDS.contains(&before.as_str()));
        // `Q3`, `H2`, `v2` are names of periods and versions, not amounts.
        if !is_year && !prefixed {
            return true;
        }
    }
    let m = &settings.words;
    let tokens: Vec<(usize, &str)> = crate::words::tokens(text).collect();
    let lower_at = |i: usize| tokens.get(i).map(|(_, w)| w.to_lowercase());
    if m.number_words.find_words(&tokens).iter().any(|n| {
        let i = tokens
            .iter()
            .position(|(o, _)| *o == n.range.start)
            .unwrap_or(0);
        let word = lower_at(i).unwrap_or_default();
        let prev = i.checked_sub(1).and_then(lower_at).unwrap_or_default();
        let next = lower_at(i + 1).unwrap_or_default();
        counts_outcome(&word, &prev, &next)
    }) {
        return true;
    }
    // A duration with an article or count: `a week`, `per sprint`, `within an hour`.
    for d in m.duration_units.find_iter(text) {
        // `a second time`, `a second review`: an ordinal, not a duration.
        let unit = text.get(d.range.clone()).unwrap_or("").to_ascii_lowercase();
        let following = text
            .get(d.range.end..)
            .unwrap_or("")
            .split_whitespace()
            .next()
            .unwrap_or("");
        if unit == "second"
            && text.get(d.range.end..).is_some_and(|t| t.starts_with(' '))
            && following.chars().all(char::is_alphabetic)
            && !matches!(
                following.to_ascii_lowercase().as_str(),
                "and"
                    | "or"
                    | "of"
                    | "to"
                    | "in"
                    | "on"
                    | "for"
                    | "per"
                    | "with"
                    | "faster"
                    | "slower"
                    | "later"
                    | "earlier"
                    | "less"
                    | "more"
            )
        {
            continue;
        }
        let before = text.get(..d.range.start).unwrap_or("").trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(
            prev.as_str(),
            "a" | "an"
                | "single"
                | "per"
                | "each"
                | "every"
                | "few"
                | "couple"
                | "several"
                | "first"
                | "second"
                | "third"
                | "fourth"
                | "fifth"
                | "sixth"
                | "seventh"
                | "tenth"
        ) {
            return true;
        }
    }
    // `from weeks to days`.
    let lower = text.to_ascii_lowercase();
    if let Some(i) = lower.find("from ") {
        let rest = lower.get(i..).unwrap_or("");
        if let Some(j) = rest.find(" to ") {
            let (a, b) = (rest.get(..j).unwrap_or(""), rest.get(j..).unwrap_or(""));
            let b = b.get(..b.len().min(40)).unwrap_or(b);
            let timely =
                |s: &str| m.duration_units.is_match(s) || FREQUENCIES.iter().any(|f| s.contains(f));
            if timely(a) && timely(b) {
                return true;
            }
        }
    }
    false
}

/// Nouns that count the means of a story, not its outcome: "two ways I checked it", "three
/// options", "one of the engineers", "a second time".
fn incidental_noun(next: &str) -> bool {
    matches!(
        next,
        "way"
            | "ways"
            | "reason"
            | "reasons"
            | "thing"
            | "things"
            | "step"
            | "steps"
            | "option"
            | "options"
            | "approach"
            | "approaches"
            | "method"
            | "methods"
            | "question"
            | "questions"
            | "idea"
            | "ideas"
            | "round"
            | "rounds"
            | "attempt"
            | "attempts"
            | "time"
            | "point"
            | "points"
            | "side"
            | "sides"
            | "part"
            | "parts"
            | "angle"
            | "angles"
            | "lesson"
            | "lessons"
            | "takeaway"
            | "takeaways"
    )
}

/// Does a number word count an outcome? Not when it counts the means ("two ways"), is the
/// pronoun `one` ("the new one", "no one"), or is a `quarter` that names a period ("next
/// quarter", "that quarter").
fn counts_outcome(word: &str, prev: &str, next: &str) -> bool {
    if incidental_noun(next) {
        return false;
    }
    match word {
        "one" if matches!(next, "of" | "another" | "more") => false,
        "one" => !matches!(
            prev,
            "the"
                | "this"
                | "that"
                | "no"
                | "every"
                | "any"
                | "each"
                | "which"
                | "new"
                | "old"
                | "someone"
                | "anyone"
                | "only"
                | "other"
                | "right"
                | "wrong"
                | "last"
                | "first"
        ),
        "quarter" => matches!(prev, "a" | "one" | "three") || next == "of",
        _ => true,
    }
}

/// Frequencies that make `from monthly to weekly` a measured change.
const FREQUENCIES: &[&str] = &[
    "hourly",
    "daily",
    "nightly",
    "weekly",
    "fortnightly",
    "monthly",
    "quarterly",
    "yearly",
    "annually",
    "annual",
    "real-time",
    "realtime",
    "real time",
    "instant",
];

/// The Result's own prose: it ends before a note written after it, a paragraph that opens
/// with a label of its own (`Note: …`, `**Follow-up questions:**`), a line in bold alone, a
/// block quote, or a question ("What would you do differently?"). A Result's own bullets
/// (`- Latency: 900 ms → 120 ms`) are list items and stay in it.
fn result_prose(doc: &Document, prose: &[Range<usize>]) -> Vec<Range<usize>> {
    let first_block = prose.first().and_then(|r| doc.block_at(r.start));
    // A Result written as labelled lines (`Impact: …`, `Cost: …`) keeps all of them.
    let labelled = prose
        .first()
        .is_some_and(|r| has_label(doc.slice(r.clone()).trim()));
    let mut out = Vec::new();
    for r in prose {
        let block = doc.block_at(r.start);
        if block != first_block {
            if let Some(b) = block.and_then(|b| doc.blocks.get(b)) {
                let raw = doc.slice(b.content_start()..b.content_end());
                let note = is_note(raw, b.list_depth > 0, doc.slice(b.range.clone()));
                if note && !(labelled && has_label(raw.trim())) {
                    break;
                }
            }
        }
        out.push(r.clone());
    }
    out
}

/// Is a block (its content `raw`; `whole` with its markers) a note after a Result?
fn is_note(raw: &str, list_item: bool, whole: &str) -> bool {
    let t = raw.trim();
    let bare = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    if bare.trim_end_matches(['*', '_', ')', '"']).ends_with('?') {
        return true;
    }
    if list_item {
        return false;
    }
    if whole.trim_start().starts_with('>') {
        return true;
    }
    // A line in bold alone (`**Follow-up questions**`).
    if (t.starts_with("**") || t.starts_with("__")) && t.len() > 4 && !t.contains('\n') {
        let inner = t.get(2..t.len() - 2).unwrap_or("");
        if (t.ends_with("**") || t.ends_with("__")) && !inner.contains("**") {
            return true;
        }
    }
    has_label(bare)
}

/// Does a text open with a label of up to four words and a colon (`Note:`, `Follow-up
/// questions:`)?
fn has_label(text: &str) -> bool {
    let bare = text.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    bare.split_once(':').is_some_and(|(label, _)| {
        let label = label.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
        !label.is_empty()
            && label.split_whitespace().count() <= 4
            && label
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
            && label.chars().next().is_some_and(char::is_uppercase)
    })
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        let Some(result) = story.part(PartKind::Result) else {
            continue;
        };
        if result.prose.is_empty() {
            continue;
        }
        let text: String = result_prose(doc, &result.prose)
            .iter()
            .map(|r| doc.slice(r.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        // A Result that is only a slot to fill (`[Outcome, with a number]`, `TBD`) is a story
        // still to write: STYLE003 reports the placeholder, and there is no outcome to judge.
        if crate::prfaq::placeholder_only(&text) {
            continue;
        }
        if !has_quantity(&text, settings) {
            sink.report(
                result.label.clone(),
                "Result has no measurable outcome: add a number, percentage, amount, duration or before → after change",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_quantity;
    use crate::rules::test_util::check;
    use crate::settings::Settings;

    #[test]
    fn quantities() {
        let s = Settings::default();
        for yes in [
            "cut costs by 30%",
            "saved $40k",
            "three teams adopted it",
            "2x faster",
            "from weeks to days",
            "from monthly to weekly releases",
            "shipped in a week",
            "the pipeline was built in a single day",
            "from 40 to 6 minutes",
            "halved the backlog",
            "a quarter of the tickets closed",
            "half of the alerts stopped",
            "replies came within a second",
        ] {
            assert!(has_quantity(yes, &s), "{yes}");
        }
        for no in [
            "it went well",
            "in 2021 the team was happy",
            "we shipped in Q3",
            "people liked it a lot",
            "there were two ways I checked it",
            "I ran it a second time and it passed",
            "one of the engineers thanked me",
            "we planned the rest for next quarter",
        ] {
            assert!(!has_quantity(no, &s), "{no}");
        }
    }

    #[test]
    fn a_note_after_the_result_is_not_part_of_it() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** The team was happy.\n\nNote: the same 3 questions came up in 2 interviews.\n";
        assert_eq!(check("STAR004", src).len(), 1);
        let src = "## A\n\n**Situation:** x.\n\n**Result:** The team was happy.\n\n**Follow-up questions**\n\n- Why 3 services and not 5?\n";
        assert_eq!(check("STAR004", src).len(), 1);
        let bullets = "## A\n\n**Situation:** x.\n\n### Result\n\nImpact: the team was happy.\n\nCost: $400 a month less.\n";
        assert!(check("STAR004", bullets).is_empty());
    }

    #[test]
    fn reports_on_the_result_marker() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** Everyone was happy.\n";
        assert_eq!(check("STAR004", src).len(), 1);
    }
}
