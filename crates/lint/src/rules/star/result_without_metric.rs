//! STAR004: a Result with no quantity in it.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a Result part that holds no quantity: no number (digits or words such as
    /// `three`, `twelve`, `half`), percentage, amount of money, multiplier (`2x`), duration
    /// (`a week`), ratio, or before → after change (`from weeks to days`). A bare year
    /// (`in 2021`) or quarter (`Q3`) is a date, not a result, and does not count.
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
fn numbers(text: &str) -> Vec<(&str, &str, bool)> {
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
        out.push((num, before, prefixed));
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
    for (n, before, prefixed) in numbers(text) {
        let before = before.to_ascii_lowercase();
        let is_year = n.len() == 4
            && (n.starts_with("19") || n.starts_with("20"))
            && (before.is_empty() || DATE_WORDS.contains(&before.as_str()));
        // `Q3`, `H2`, `v2` are names of periods and versions, not amounts.
        if !is_year && !prefixed {
            return true;
        }
    }
    let m = &settings.words;
    if m.number_words.is_match(text) {
        return true;
    }
    // A duration with an article or count: `a week`, `per sprint`, `within an hour`.
    for d in m.duration_units.find_iter(text) {
        let before = text.get(..d.range.start).unwrap_or("").trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if matches!(
            prev.as_str(),
            "a" | "an"
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

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    for story in &doc.stories {
        let Some(result) = story.part(PartKind::Result) else {
            continue;
        };
        if result.prose.is_empty() {
            continue;
        }
        let text: String = result
            .prose
            .iter()
            .map(|r| doc.slice(r.clone()))
            .collect::<Vec<_>>()
            .join(" ");
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
            "from 40 to 6 minutes",
            "halved the backlog",
        ] {
            assert!(has_quantity(yes, &s), "{yes}");
        }
        for no in [
            "it went well",
            "in 2021 the team was happy",
            "we shipped in Q3",
            "people liked it a lot",
        ] {
            assert!(!has_quantity(no, &s), "{no}");
        }
    }

    #[test]
    fn reports_on_the_result_marker() {
        let src = "## A\n\n**Situation:** x.\n\n**Result:** Everyone was happy.\n";
        assert_eq!(check("STAR004", src).len(), 1);
    }
}
