//! PRFAQ006: an acronym used without being spelled out on first use.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

crate::declare_rule! {
    /// ## What it does
    /// Reports an all-capital acronym of two or more letters (`ODR`, `SKU`, `EC2`) whose first
    /// use is not spelled out. Either form defines it: the words, then the acronym in
    /// parentheses (`Order Defect Rate (ODR)`), or the acronym, then the words in parentheses
    /// (`ODR (order defect rate)`). The letters of the acronym must appear, in order, in the
    /// words. Each acronym is reported once, at its first use.
    ///
    /// Not checked: headings (the headline and the FAQ questions; spell the acronym out in the
    /// text under them), the dateline, text in code, template instructions, acronyms every
    /// reader knows (`US`, `FAQ`, `API`, `CEO`, `VP`… the configurable common list), and words
    /// written in capitals for emphasis (`NOT`, `README`).
    ///
    /// ## Why it matters
    /// A PR/FAQ is read by people outside the team. An undefined acronym makes them stop,
    /// guess, or skip; Amazon's writing guidance is to spell out every acronym on first use.
    ///
    /// ## Example
    /// ```markdown
    /// Sellers with a high ODR lose the Buy Box.
    /// ```
    /// Use instead:
    /// ```markdown
    /// Sellers with a high Order Defect Rate (ODR) lose the Buy Box.
    /// ```
    ///
    /// ## Options
    /// `[rules.undefined-acronym]`: `words` (replace the common list) or `extend-words`
    /// (add your team's well-known acronyms).
    ///
    /// ## Fix safety
    /// No fix: only you know what the letters stand for.
    pub static RULE = {
        code: "PRFAQ006",
        name: "undefined-acronym",
        family: Prfaq,
        severity: Warning,
        fix: None,
        kinds: [Prfaq],
        summary: "An acronym is used without being spelled out on first use",
        check: check,
    }
}

/// Acronyms longer than this are words in capitals, not acronyms.
const MAX_LETTERS: usize = 5;

struct Use {
    range: Range<usize>,
    defines: bool,
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let Some(pr) = &doc.prfaq else {
        return;
    };
    let common: HashSet<&str> = settings
        .rules
        .common_acronyms
        .iter()
        .map(String::as_str)
        .chain(
            settings
                .words
                .lists
                .acronym
                .emphasis
                .iter()
                .map(String::as_str),
        )
        .collect();
    // Text that is never a use: the dateline and the FAQ questions.
    let mut skip: Vec<Range<usize>> = pr.dateline.iter().cloned().collect();
    skip.extend(pr.entries().map(|e| e.question.clone()));
    let mut order: Vec<String> = Vec::new();
    let mut uses: HashMap<String, Vec<Use>> = HashMap::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.is_heading() || pr.is_template(i) {
            continue;
        }
        let words: Vec<(usize, &str)> = doc
            .block_prose(i)
            .iter()
            .flat_map(|r| doc.words_in(r.clone()).iter().copied())
            .collect();
        for (k, &(at, word)) in words.iter().enumerate() {
            let Some(key) = acronym_key(word) else {
                continue;
            };
            if common.contains(word) || common.contains(key.as_str()) {
                continue;
            }
            if skip.iter().any(|r| r.contains(&at)) || shouting(doc, at) || bracketed(doc, at) {
                continue;
            }
            let defines =
                defined_before(doc, &words, k, &key) || defined_after(doc, &words, k, &key);
            if !uses.contains_key(&key) {
                order.push(key.clone());
            }
            uses.entry(key).or_default().push(Use {
                range: at..at + word.len(),
                defines,
            });
        }
    }
    for key in order {
        let Some(list) = uses.get(&key) else {
            continue;
        };
        let Some(first) = list.first() else {
            continue;
        };
        if first.defines {
            continue;
        }
        let message = match list.iter().find(|u| u.defines) {
            Some(later) => {
                let line = doc.lines.line_of(later.range.start) + 1;
                format!("`{key}` is used before it is spelled out (on line {line}): spell it out here, on first use")
            }
            None => format!(
                "`{key}` is not spelled out: write the words in full on first use, as in `Words In Full ({key})`"
            ),
        };
        sink.report(first.range.clone(), message);
    }
}

/// The acronym a word is (`ODR`, `SKUs` → `SKU`, `EC2`, `ODR's` → `ODR`), if it is one.
fn acronym_key(word: &str) -> Option<String> {
    let w = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    let w = match w.strip_suffix('s') {
        Some(stem) if stem.chars().all(|c| c.is_ascii_uppercase()) => stem,
        _ => w,
    };
    let letters = w.chars().take_while(char::is_ascii_uppercase).count();
    let rest = w.get(letters..)?;
    let ok = (2..=MAX_LETTERS).contains(&letters)
        && rest.chars().all(|c| c.is_ascii_digit())
        && rest.len() <= 3;
    ok.then(|| w.to_string())
}

/// Is the word at `at` part of a line written in capitals (`FOR IMMEDIATE RELEASE`)?
fn shouting(doc: &Document, at: usize) -> bool {
    let text = doc.text;
    let start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let end = text
        .get(at..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| at + i);
    let line = text.get(start..end).unwrap_or("");
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 3 && words.iter().all(|w| !w.chars().any(char::is_lowercase))
}

/// Is the word at `at` inside a `{FIELD_NAME}` or `[!NOTE]` placeholder or marker?
fn bracketed(doc: &Document, at: usize) -> bool {
    let text = doc.text;
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    let before = text.get(line_start..at).unwrap_or("");
    let Some(open) = before.rfind(['{', '[']) else {
        return false;
    };
    let close = if before.get(open..).is_some_and(|t| t.starts_with('{')) {
        '}'
    } else {
        ']'
    };
    let inside_before = before.get(open + 1..).unwrap_or("");
    let after = text.get(at..).unwrap_or("");
    let Some(end) = after.find(close) else {
        return false;
    };
    let inside_after = after.get(..end).unwrap_or("");
    let field = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | ' ' | '!'))
    };
    !inside_after.contains('\n') && field(inside_before) && field(inside_after)
}

/// Letters of `key`, lowercased (digits dropped).
fn letters(key: &str) -> Vec<char> {
    key.chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Do the words spell the acronym: the first word starts with its first letter, and its
/// letters appear in order in the words?
fn spells(words: &[&str], key: &str) -> bool {
    let wanted = letters(key);
    let Some(first) = words.first().and_then(|w| w.chars().next()) else {
        return false;
    };
    if wanted.first() != Some(&first.to_ascii_lowercase()) {
        return false;
    }
    let joined: String = words.concat().to_lowercase();
    let mut it = joined.chars();
    wanted.iter().all(|c| it.any(|j| j == *c))
}

/// `Order Defect Rate (ODR)`: the word is in parentheses right after words that spell it.
/// A brand may lead inside them: `Key Management Service (AWS KMS)`.
fn defined_before(doc: &Document, words: &[(usize, &str)], k: usize, key: &str) -> bool {
    let Some(&(at, word)) = words.get(k) else {
        return false;
    };
    let close = doc
        .text
        .get(at + word.len()..)
        .is_some_and(|t| t.starts_with(')'));
    if !close {
        return false;
    }
    // The opening parenthesis: right before the word, or before one or two words of a brand.
    let window = doc
        .text
        .get(crate::text::floor_char_boundary(doc.text, at.saturating_sub(24))..at)
        .unwrap_or("");
    let Some(open_rel) = window.rfind('(') else {
        return false;
    };
    let between = window.get(open_rel + 1..).unwrap_or("");
    if between.split_whitespace().count() > 2 || between.contains(['.', ',', ')']) {
        return false;
    }
    let open = at - (window.len() - open_rel);
    let first_inside = words.partition_point(|&(o, _)| o < open).min(k);
    let span = letters(key).len() + 3;
    (1..=span.min(first_inside)).any(|n| {
        let Some(before) = words.get(first_inside - n..first_inside) else {
            return false;
        };
        let list: Vec<&str> = before.iter().map(|&(_, w)| w).collect();
        spells(&list, key)
    })
}

/// `ODR (order defect rate)` or `ODR stands for …`.
fn defined_after(doc: &Document, words: &[(usize, &str)], k: usize, key: &str) -> bool {
    let Some(&(at, word)) = words.get(k) else {
        return false;
    };
    let end = at + word.len();
    let after = doc.text.get(end..).unwrap_or("");
    let next: Vec<&str> = words.iter().skip(k + 1).take(2).map(|&(_, w)| w).collect();
    if next.len() == 2
        && next
            .first()
            .is_some_and(|w| w.eq_ignore_ascii_case("stands"))
        && next.get(1).is_some_and(|w| w.eq_ignore_ascii_case("for"))
    {
        return true;
    }
    let trimmed = after.trim_start_matches([' ', '\t']);
    if !trimmed.starts_with('(') {
        return false;
    }
    let open = end + (after.len() - trimmed.len());
    let Some(close) = trimmed.find(')').map(|c| open + c) else {
        return false;
    };
    let inside: Vec<&str> = words
        .iter()
        .skip(k + 1)
        .take_while(|&&(o, _)| o < close)
        .filter(|&&(o, _)| o > open)
        .map(|&(_, w)| w)
        .collect();
    spells(&inside, key)
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    fn prfaq(body: &str) -> String {
        format!("# Ferrow adds ODR alerts for sellers\n\nPORTLAND, OR — May 4, 2027 — {body}\n\n## FAQ\n\n### Does it track the ODR?\n\nYes.\n")
    }

    #[test]
    fn first_use_must_be_spelled_out() {
        let found = check(
            "PRFAQ006",
            &prfaq("Sellers with a high ODR lose sales. The Order Defect Rate (ODR) is shown daily. Each SKU gets an alert."),
        );
        assert_eq!(
            found,
            [
                "3:50 PRFAQ006 `ODR` is used before it is spelled out (on line 3): spell it out here, on first use",
                "3:115 PRFAQ006 `SKU` is not spelled out: write the words in full on first use, as in `Words In Full (SKU)`",
            ]
        );
    }

    #[test]
    fn definitions_common_words_and_capitals_are_silent() {
        for body in [
            "The Order Defect Rate (ODR) is shown daily, and the ODR drops.",
            "The ODR (order defect rate) is shown daily.",
            "Amazon Elastic Compute Cloud (EC2) hosts it. Our API and the CEO are happy in the US.",
            "Keys live in Key Management Service (AWS KMS), and KMS logs each use.",
            "It does NOT email you. Point of sale (POS) systems and POSs work.\n\nFOR IMMEDIATE RELEASE",
            "Written by {AUTHOR_NAME} for [TEAM NAME].\n\n> [!CAUTION]\n> Test it first.",
        ] {
            assert_eq!(check("PRFAQ006", &prfaq(body)), Vec::<String>::new(), "{body}");
        }
    }
}
