//! Datelines: `SEATTLE, WA — March 3, 2027 —` and the usual variants, placeholders included.

use super::*;
use std::sync::LazyLock;

pub(super) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // Place: capitalised words (or a placeholder), optional `, ST` / `, State`. Then a dash,
    // a comma or an opening parenthesis; the date (month name with day and/or year, a
    // day-month-year, an ISO date, or a placeholder), optionally inside parentheses, or a
    // wire service `(BUSINESS WIRE)` before it; then a closing dash. Place names use Latin
    // letters with accents (`Zürich`, `São Paulo`): a full Unicode letter class would cost
    // milliseconds to compile on every run.
    let pattern = [
        r"^[\s*_>]*",
        r"(?:\[[^\]\n]{1,40}\]|[A-Z][A-Za-z\x{C0}-\x{24F}.'’-]*(?:[ \t]+[A-Z][A-Za-z\x{C0}-\x{24F}.'’-]*){0,4})",
        r"(?:[ \t]*,[ \t]*(?:\[[^\]\n]{1,30}\]|[A-Z][A-Za-z\x{C0}-\x{24F}.]*(?:[ \t]+[A-Z][A-Za-z\x{C0}-\x{24F}.]*){0,2}))?",
        r"[\s*_]*(?:[—–]|-{1,2}|,|\()[\s*_]*",
        r"(?:\(?[A-Z][A-Za-z ]{2,30}\)?[\s*_]*(?:[—–]|-{1,2})[\s*_]*)?",
        r"\(?[\s*_]*(?:",
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+(?:[0-9]{1,2}(?:st|nd|rd|th)?,?[ \t]*)?(?:[0-9]{4})?",
        r"|[0-9]{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?[ \t]+[0-9]{4}",
        r"|[0-9]{4}-[0-9]{2}-[0-9]{2}",
        r"|\[[^\]\n]{1,40}\]",
        r"|\{[A-Z_]{1,30}\}",
        r")[\s*_]*\)?[\s*_]*(?:[—–:]|-{1,2}|\n|$)",
    ]
    .concat();
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(&pattern).unwrap()
});

/// The dateline at the start of `s`, as a range in `s`.
pub fn dateline_at(s: &str) -> Option<Range<usize>> {
    // A dateline still to be written: one fill-in for place and date, then the dash
    // (`**[City, Date]** —`).
    if let Some(m) = PLACEHOLDER_DATELINE.find(s) {
        let found = m.as_str();
        let lead = found.len() - found.trim_start_matches([' ', '\t', '*', '_', '>']).len();
        return Some(m.start() + lead..m.end());
    }
    let m = DATELINE.find(s)?;
    // A month name alone (`May —`) is no date: a digit or a placeholder must be there.
    let found = m.as_str();
    if !found.chars().any(|c| c.is_ascii_digit()) && !found.contains(['[', '{']) {
        return None;
    }
    let lead = found.len() - found.trim_start_matches([' ', '\t', '*', '_', '>']).len();
    Some(m.start() + lead..m.end())
}

/// The dateline opening a paragraph, even written as code (`` `BOSTON, MA — [DATE] —` ``),
/// as a range in `content`.
pub(super) fn dateline_in_block(content: &str) -> Option<Range<usize>> {
    if let Some(d) = dateline_at(content) {
        return Some(d);
    }
    let lead = content.len() - content.trim_start_matches([' ', '\t', '*', '_']).len();
    // A template's label before it: `Intro Paragraph: London, England - [Date] – …`.
    if let Some((_, after)) = template_label(content, 3) {
        if let Some(d) = content.get(after..).and_then(dateline_at) {
            return Some(after + d.start..after + d.end);
        }
    }
    let inner = content.get(lead..)?.strip_prefix('`')?;
    let close = inner.find('`')?;
    let code = inner.get(..close)?;
    dateline_at(code).map(|d| lead + 1 + d.start..lead + 1 + d.end)
}

static PLACEHOLDER_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"^[\s*_>]*\[[^\]\n]{1,40}\][\s*_]*(?:—|–|--)").unwrap()
});
