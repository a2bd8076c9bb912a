//! PRFAQ006: an acronym used without being spelled out on first use.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// `[rules.undefined-acronym]` in `starlint.toml`. The rule's doc page lists these, generated
/// from here.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct AcronymOptions {
    /// Replace the bundled list of acronyms every reader knows (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to that list (your team's well-known acronyms).
    pub extend_words: Vec<String>,
    /// Who reads the PR/FAQ. `technical`: engineers, who know technical acronyms (`TLS`,
    /// `JWT`, `HSM`, `TTL`…) and acronyms the document also writes as code.
    pub audience: Audience,
}

/// Who reads the PR/FAQ.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Readers outside engineering: spell out everything not on the common list.
    #[default]
    General,
    /// Engineers: technical acronyms (`TLS`, `JWT`, `HSM`…) and acronyms the document also
    /// writes as code are known.
    Technical,
}

crate::declare_rule! {
    /// ## What it does
    /// Reports an all-capital acronym of two or more letters (`ODR`, `SKU`, `EC2`) whose first
    /// use is not spelled out. Either form defines it: the words, then the acronym in
    /// parentheses (`Order Defect Rate (ODR)`), or the acronym, then the words in parentheses
    /// (`ODR (order defect rate)`). The letters of the acronym must appear, in order, in the
    /// words. Each acronym is reported once, at its first use.
    ///
    /// Spelling the words out nearby also defines it, without parentheses: "the order defect
    /// rate … a high ODR", when the words' initials are the acronym's letters, in the same
    /// paragraph or the one before or after.
    ///
    /// Not checked: headings (the headline and the FAQ questions; spell the acronym out in the
    /// text under them), the dateline, text in code, template instructions, acronyms every
    /// reader knows (`US`, `FAQ`, `API`, `URL`, `DB`, `PIN`, `CEO`… the configurable common
    /// list), brand and organisation names (`IBM`, `NASA`, an acronym leading a product name
    /// as in `AWS Lambda`), names of algorithms and standards (`AES`, `SHA256`, `ISO 27001`,
    /// `RFC 9110`, `AGPL-3.0`: an acronym with a number is a name), code identifiers (`Pkg::Mod::Type`,
    /// `MAX_SIZE`, `config.DB`), words written in capitals for emphasis (`NOT`, `README`), and a
    /// vendor's product names in a document that names the vendor (`ECR`, `SNS`, `CDK` where
    /// `AWS` is named; the vendors and their products are data in the word lists).
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
        options: AcronymOptions,
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
        .chain(
            (settings.rules.acronym_audience == Audience::Technical)
                .then_some(&settings.words.lists.acronym.technical)
                .into_iter()
                .flatten()
                .map(String::as_str),
        )
        .chain(vendor_products(doc, settings))
        .collect();
    let technical = settings.rules.acronym_audience == Audience::Technical;
    // Text that is never a use: the dateline and the FAQ questions.
    let mut skip: Vec<Range<usize>> = pr.dateline.iter().cloned().collect();
    skip.extend(pr.entries().map(|e| e.question.clone()));
    let mut order: Vec<String> = Vec::new();
    let mut uses: HashMap<String, Vec<Use>> = HashMap::new();
    let mut names: HashSet<String> = HashSet::new();
    // Headings are not checked, but a heading can show that an acronym is a name
    // (`# CDK Watch and Hotswap`).
    for (i, block) in doc.blocks.iter().enumerate() {
        if !block.is_heading() {
            continue;
        }
        let r = crate::prfaq::heading_text_range(doc, i);
        let words = doc.words_in(r);
        for (k, &(_, word)) in words.iter().enumerate() {
            if let Some(key) = acronym_key(word) {
                // `# WWWN (What's Working, What's Not)`: a title that spells it out defines it.
                if named_thing(doc, words, k, &key)
                    || after_brand(doc, words, k, &common)
                    || defined_after(doc, words, k, &key)
                    || defined_before(doc, words, k, &key)
                {
                    names.insert(key);
                }
            }
        }
    }
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
            // Once written as a name (`SAM Accelerate`, `Amazon ECS`, `SHA256`), always a name.
            if named_thing(doc, &words, k, &key) || after_brand(doc, &words, k, &common) {
                names.insert(key);
                continue;
            }
            if skip.iter().any(|r| r.contains(&at))
                || shouting(doc, at)
                || bracketed(doc, at)
                || identifier(doc, at, word)
                || names.contains(&key)
                || (technical && written_as_code(doc, word))
            {
                continue;
            }
            let defines = defined_before(doc, &words, k, &key)
                || defined_after(doc, &words, k, &key)
                || spelled_out_nearby(doc, i, at, &key);
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
        if names.contains(&key) {
            continue;
        }
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

/// The product acronyms of every vendor the document names (`ECR` in a document about AWS).
fn vendor_products<'s>(doc: &Document, settings: &'s Settings) -> Vec<&'s str> {
    let text = doc.text;
    settings
        .words
        .lists
        .acronym
        .vendor
        .iter()
        .filter(move |v| v.names.iter().any(|n| names_whole_word(text, n)))
        .flat_map(|v| v.products.iter().map(String::as_str))
        .collect()
}

/// `name` occurs in `text` with no letter or digit either side.
fn names_whole_word(text: &str, name: &str) -> bool {
    text.match_indices(name).any(|(at, _)| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + name.len()..).and_then(|t| t.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
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
    // A template's label (`Title: HARBOUR DATA ANNOUNCES …`) is not part of the shouting.
    let line = crate::prfaq::template_label(line, 2)
        .and_then(|(_, after)| line.get(after..))
        .unwrap_or(line);
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let capitals = words
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    // Nearly all capitals: a headline written in capitals, placeholders and all.
    words.len() >= 3 && capitals * 10 >= words.len() * 9
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
        s.chars().all(|c| {
            c.is_ascii_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '_' | ' ' | '!' | ',' | '|' | '/' | '-')
        })
    };
    !inside_after.contains('\n') && field(inside_before) && field(inside_after)
}

/// Part of a code identifier: `Pkg::Mod::Type`, `MAX_SIZE`, `config.DB`, `src/API`.
fn identifier(doc: &Document, at: usize, word: &str) -> bool {
    let before = doc.text.get(..at).unwrap_or("");
    let after = doc.text.get(at + word.len()..).unwrap_or("");
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    before.ends_with("::")
        || after.starts_with("::")
        || before.ends_with('_')
        || after.starts_with('_')
        || (before.ends_with(['.', '/']) && glued(before.chars().rev().nth(1)))
        || (after.starts_with(['.', '/']) && glued(after.chars().nth(1)))
}

/// A name rather than an abbreviation to decode: an acronym with a number (`SHA256`, `EC2`,
/// `ISO 27001`, `RFC 9110`, `DEF 14A`), or one leading a product name (`AWS Lambda`, `IBM Cloud`).
fn named_thing(doc: &Document, words: &[(usize, &str)], k: usize, key: &str) -> bool {
    if key.chars().any(|c| c.is_ascii_digit()) {
        return true;
    }
    // A version or edition after a hyphen: `AGPL-3.0`, `AS-02`.
    if let Some(&(at, word)) = words.get(k) {
        let after = doc.text.get(at + word.len()..).unwrap_or("");
        if after
            .strip_prefix('-')
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == 'v'))
        {
            return true;
        }
    }
    let Some(&(at, word)) = words.get(k) else {
        return false;
    };
    let Some(&(next_at, next)) = words.get(k + 1) else {
        return false;
    };
    let gap = doc.text.get(at + word.len()..next_at).unwrap_or("");
    if gap != " " {
        return false;
    }
    // `ISO 27001`, `RFC 9110`, a form code `DEF 14A`.
    let number = next.starts_with(|c: char| c.is_ascii_digit())
        && next
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':');
    let product = next.chars().next().is_some_and(char::is_uppercase)
        && next.chars().skip(1).any(char::is_lowercase);
    number || product
}

/// An acronym after a brand, in the middle of a sentence: `Amazon ECS`, `AWS IAM`.
fn after_brand(doc: &Document, words: &[(usize, &str)], k: usize, common: &HashSet<&str>) -> bool {
    let Some(&(at, _)) = words.get(k) else {
        return false;
    };
    let Some(&(prev_at, prev)) = k.checked_sub(1).and_then(|p| words.get(p)) else {
        return false;
    };
    let gap = doc.text.get(prev_at + prev.len()..at).unwrap_or("");
    let known_brand = common.contains(prev) && prev.chars().all(|c| c.is_ascii_uppercase());
    // A capitalised word that is not a sentence's first word nor a determiner (`The`).
    let determiner = JOINERS
        .iter()
        .chain(&[
            "this", "that", "these", "our", "your", "its", "their", "each", "every",
        ])
        .any(|d| prev.eq_ignore_ascii_case(d));
    let proper_name = prev.chars().next().is_some_and(char::is_uppercase)
        && prev.len() > 1
        && prev.chars().skip(1).all(char::is_lowercase)
        && !determiner
        && !sentence_start(doc, prev_at);
    gap == " " && (known_brand || proper_name)
}

/// Does a sentence start at `at` (after `.`, `!`, `?`, at a line's start or a list item's)?
fn sentence_start(doc: &Document, at: usize) -> bool {
    let before = doc
        .text
        .get(..at)
        .unwrap_or("")
        .trim_end_matches(|c: char| {
            matches!(
                c,
                ' ' | '\t' | '*' | '_' | '`' | '"' | '“' | '(' | '>' | '-' | '#' | '–' | '—'
            )
        });
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
}

/// Does the document write this acronym as code somewhere (`` `KLV` ``, a code block)?
fn written_as_code(doc: &Document, word: &str) -> bool {
    doc.text.contains(&format!("`{word}`"))
        || doc.blocks.iter().any(|b| {
            b.kind == crate::parse::BlockKind::Code && doc.slice(b.range.clone()).contains(word)
        })
}

/// Small words skipped when reading initials (`Bill of Materials` → BOM, `Bill Materials`).
const JOINERS: &[&str] = &["of", "and", "the", "for", "to", "a", "an", "in", "on", "&"];

/// Are the acronym's words spelled out, initial by initial, before `at` in block `i` or in
/// the prose block before it ("the order defect rate … a high ODR")?
fn spelled_out_nearby(doc: &Document, i: usize, at: usize, key: &str) -> bool {
    let wanted = letters(key);
    if wanted.len() < 2 {
        return false;
    }
    let previous = (0..i)
        .rev()
        .find(|&p| !doc.block_prose(p).is_empty())
        .unwrap_or(i);
    (previous..=i).any(|bi| {
        let words: Vec<&str> = doc
            .block_prose(bi)
            .iter()
            .flat_map(|r| doc.words_in(r.clone()).iter())
            .filter(|&&(o, _)| o < at)
            .flat_map(|&(_, w)| w.split('-'))
            .filter(|w| !w.is_empty())
            .collect();
        (0..words.len()).any(|start| initials_spell(words.get(start..).unwrap_or(&[]), &wanted))
    })
}

/// Do the words from the first on have `wanted` as initials (joiners may be skipped)?
fn initials_spell(words: &[&str], wanted: &[char]) -> bool {
    let mut letters = wanted.iter();
    let Some(mut want) = letters.next() else {
        return true;
    };
    for (n, w) in words.iter().enumerate() {
        let initial = w.chars().next().map(|c| c.to_ascii_lowercase());
        if initial == Some(*want) && !(w.chars().all(char::is_uppercase) && w.len() > 1) {
            match letters.next() {
                Some(next) => want = next,
                None => return true,
            }
        } else if n == 0 || !JOINERS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    false
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

/// `ODR (order defect rate)`, `XBRL (structured financial data)` or `ODR stands for …`.
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
    // `XBRL (structured financial data)`: a gloss of a few plain words explains it too.
    let gloss = inside.len() >= 2
        && inside.iter().all(|w| acronym_key(w).is_none())
        && inside
            .iter()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()));
    spells(&inside, key) || gloss
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

    #[test]
    fn names_identifiers_standards_and_nearby_words_are_not_undefined() {
        for body in [
            "Each order counts toward the order defect rate. Sellers with a high ODR lose sales.",
            "It calls `Ledger::Sync::Run` and Ledger::API::Client with MAX_ODR set.",
            "Keys use AES and SHA256 and meet ISO 27001 and RFC 9110. It stores the PIN in the DB.",
            "It runs on IBM Cloud and AWS Lambda, and NASA uses it.",
        ] {
            assert_eq!(
                check("PRFAQ006", &prfaq(body)),
                Vec::<String>::new(),
                "{body}"
            );
        }
    }

    #[test]
    fn a_technical_audience_knows_more() {
        let body =
            "Tokens are JWTs signed by an HSM. Each KLV packet is read. The KLV reader is `KLV`.";
        assert_eq!(check("PRFAQ006", &prfaq(body)).len(), 3);
        let options: crate::config::Options =
            toml::from_str("[rules.undefined-acronym]\naudience = \"technical\"\n").unwrap();
        let settings = crate::settings::Settings::build(
            &options,
            crate::principles::PrincipleSet::default_set(),
            crate::words::WordLists::bundled(),
        );
        let src = prfaq(body);
        let doc = crate::document::Document::new(&src, &settings, None);
        let found: Vec<_> = crate::lint(&doc, &settings)
            .diagnostics
            .into_iter()
            .filter(|d| d.code == "PRFAQ006")
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }
}
