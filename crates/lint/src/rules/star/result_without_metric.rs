//! STAR004: a Result with no quantity in it.

use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::settings::Settings;
use regex::Regex;
use std::sync::OnceLock;

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

fn digits_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)(?P<before>\b\w+\s+)?(?P<q>\bQ[1-4]\b)?(?P<num>\d[\d,.]*)").unwrap()
    })
}

fn symbol_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?i)%|\bpercent\b|\bper\s?cent\b|[$€£¥₹]\s?\d|\b\d+(\.\d+)?\s?[x×]\b|\b(twofold|threefold|tenfold|halved|doubled|tripled)\b").unwrap()
    })
}

/// Does this prose state a quantity?
pub fn has_quantity(text: &str, settings: &Settings) -> bool {
    if symbol_re().is_match(text) {
        return true;
    }
    for c in digits_re().captures_iter(text) {
        let Some(num) = c.name("num") else { continue };
        let n = num.as_str().trim_end_matches([',', '.']);
        let before = c
            .name("before")
            .map_or("", |m| m.as_str().trim())
            .to_ascii_lowercase();
        let is_year = n.len() == 4
            && (n.starts_with("19") || n.starts_with("20"))
            && (before.is_empty()
                || matches!(
                    before.as_str(),
                    "in" | "since"
                        | "by"
                        | "during"
                        | "of"
                        | "until"
                        | "from"
                        | "early"
                        | "late"
                        | "mid"
                        | "summer"
                        | "spring"
                        | "fall"
                        | "autumn"
                        | "winter"
                ));
        let is_quarter = c.name("q").is_some()
            || text
                .get(..num.start())
                .is_some_and(|t| t.ends_with(['Q', 'q', 'H', 'v', 'V']));
        if !is_year && !is_quarter {
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
