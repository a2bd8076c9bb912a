//! What the bank needs to know of one file's stories, without its text: titles, principles,
//! parts, length, a sampled fingerprint of the wording, and which bank rules the file's
//! suppression comments turn off. Small and serializable, so the CLI can cache it beside a
//! file's diagnostics and the server can keep one per workspace file.

use crate::document::{DocKind, Document, Story};
use crate::linter;
use crate::markers::PartKind;
use crate::registry::RULES;
use crate::rule::Family;
use crate::rules::part_words;
use crate::settings::Settings;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Words per shingle of the fingerprint.
const SHINGLE: usize = 5;
/// One shingle hash in this many is kept: an unbiased sample of the set, an eighth the size.
const SAMPLE: u64 = 8;

/// One story of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    pub title: String,
    /// The title was written (a heading or a question), not made up from a line number.
    pub named: bool,
    /// 1-based line of the title.
    pub line: usize,
    /// Byte range of the title, where story-level bank diagnostics point.
    pub range: Range<usize>,
    /// Canonical names of the known principles it is tagged with, in tag order.
    pub principles: Vec<String>,
    /// Names of the parts present, in story order, each once.
    pub parts: Vec<String>,
    /// Words in Situation, Task, Action and Result.
    pub words: usize,
    /// Sorted, distinct 32-bit hashes of a sample of the story's five-word shingles (stored
    /// as one hex string: a bank's cache holds thousands of these).
    #[serde(with = "hex_u32s")]
    pub fingerprint: Vec<u32>,
    /// Bank rule codes a suppression comment turns off at the title.
    pub suppressed: Vec<String>,
    /// The story's content words and the principles its words show, for matching it to the
    /// loop's questions (BANK003); kept only when `[bank] questions` names a loop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shown: Vec<String>,
}

/// The stories of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    pub stories: Vec<StorySummary>,
    /// Bank rule codes turned off for the whole file.
    pub suppressed: Vec<String>,
}

/// Summarise a parsed document for the bank (empty for anything but a STAR document).
pub fn summarize(doc: &Document, settings: &Settings) -> FileSummary {
    if doc.kind != DocKind::Star || doc.stories.is_empty() {
        return FileSummary::default();
    }
    let bank_codes: Vec<&'static str> = RULES
        .iter()
        .filter(|r| r.meta.family == Family::Bank)
        .map(|r| r.meta.code)
        .collect();
    let matching = !settings.loop_questions.is_empty();
    let stories = doc
        .stories
        .iter()
        .map(|story| StorySummary {
            keywords: if matching {
                crate::coach::profile::keywords(doc, story)
            } else {
                Vec::new()
            },
            shown: if matching {
                let set = settings.principles();
                crate::rules::lp::evidence_counts(doc, story, set)
                    .iter()
                    .enumerate()
                    .filter(|(_, &c)| c > 0)
                    .map(|(i, _)| set.name(i).to_string())
                    .collect()
            } else {
                Vec::new()
            },
            title: story.title.clone(),
            named: story.named,
            line: doc.lines.line_of(story.title_range.start) + 1,
            range: story.title_range.clone(),
            principles: story
                .principles()
                .into_iter()
                .map(|p| settings.principles().name(p).to_string())
                .collect(),
            parts: part_names(story),
            words: part_words(doc, story, &PartKind::CORE),
            fingerprint: fingerprint(doc, story),
            suppressed: bank_codes
                .iter()
                .filter(|code| linter::is_suppressed(doc, code, story.title_range.clone()))
                .map(|code| code.to_string())
                .collect(),
        })
        .collect();
    FileSummary {
        stories,
        suppressed: bank_codes
            .iter()
            .filter(|code| linter::file_disabled(doc, code))
            .map(|code| code.to_string())
            .collect(),
    }
}

fn part_names(story: &Story) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in &story.parts {
        let name = part.kind.name();
        if !parts.iter().any(|p| p == name) {
            parts.push(name.to_string());
        }
    }
    parts
}

/// Hashes of the story's five-word shingles (lowercased, across all its parts), sampled.
fn fingerprint(doc: &Document, story: &Story) -> Vec<u32> {
    let kinds: Vec<PartKind> = story.parts.iter().map(|p| p.kind).collect();
    let mut hashes: Vec<u32> = Vec::new();
    let mut all: Vec<u64> = Vec::new();
    // The document's shared word table: the prose is not tokenised again.
    for range in story.prose_of(&kinds) {
        all.extend(doc.words_in(range).iter().map(|(_, w)| word_hash(w)));
    }
    for window in all.windows(SHINGLE) {
        let h = window
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |acc, w| mix(acc ^ w));
        // The low bits choose the sample, the high bits are kept.
        if h % SAMPLE == 0 {
            hashes.push((h >> 32) as u32);
        }
    }
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// `Vec<u32>` as one string of 8 hex digits per value.
mod hex_u32s {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(values: &[u32], serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(values.len() * 8);
        for v in values {
            out.push_str(&format!("{v:08x}"));
        }
        serializer.serialize_str(&out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.len() % 8 != 0 {
            return Err(serde::de::Error::custom(
                "fingerprint: not 8 hex digits per value",
            ));
        }
        (0..text.len() / 8)
            .map(|i| {
                text.get(i * 8..i * 8 + 8)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .ok_or_else(|| serde::de::Error::custom("fingerprint: bad hex"))
            })
            .collect()
    }
}

/// FNV-1a over the lowercased word: stable across runs and builds (the CLI caches it).
fn word_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// A 64-bit finaliser (splitmix64), so neighbouring shingles spread over the sample.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(src: &str) -> FileSummary {
        let settings = Settings::default();
        let doc = Document::new(src, &settings, None);
        summarize(&doc, &settings)
    }

    #[test]
    fn reads_titles_principles_parts_and_words() {
        let s = summary(
            "# Notes\n\n## Fixing the build\n\nLeadership Principles: Ownership, dive deep\n\n\
             **Situation:** The build broke.\n\n**Action:** I fixed it.\n\n**Result:** It ran in 5 minutes.\n",
        );
        assert_eq!(s.stories.len(), 1, "{s:?}");
        let story = &s.stories[0];
        assert_eq!(story.title, "Fixing the build");
        assert!(story.named);
        assert_eq!(story.line, 3);
        assert_eq!(story.principles, ["Ownership", "Dive Deep"]);
        assert_eq!(story.parts, ["Situation", "Action", "Result"]);
        assert_eq!(story.words, 11);
        assert!(story.suppressed.is_empty() && s.suppressed.is_empty());
    }

    #[test]
    fn same_wording_same_fingerprint_whatever_the_case() {
        let body = "the nightly export job failed every night because the queue filled up \
                    before midnight and nobody owned the alert so I traced the producer";
        let a = summary(&format!(
            "## A\n\n**Situation:** {body}.\n\n**Result:** done.\n"
        ));
        let b = summary(&format!(
            "## B\n\n**Situation:** {}.\n\n**Result:** done.\n",
            body.to_uppercase()
        ));
        assert!(!a.stories[0].fingerprint.is_empty());
        assert_eq!(a.stories[0].fingerprint, b.stories[0].fingerprint);
    }

    #[test]
    fn suppressions_of_bank_rules_are_recorded() {
        let s = summary(
            "<!-- starlint-disable-file BANK001 -->\n\n<!-- starlint-disable-next-line duplicate-story -->\n## A\n\n**Situation:** x.\n\n**Result:** y.\n",
        );
        assert_eq!(s.suppressed, ["BANK001"]);
        assert_eq!(s.stories[0].suppressed, ["BANK001", "BANK002"]);
    }

    #[test]
    fn a_summary_round_trips_through_json() {
        let s = summary("## A\n\n**Situation:** the nightly export job failed every night because the queue filled up before midnight and nobody owned the alert so I traced the producer.\n\n**Result:** done.\n");
        assert!(!s.stories[0].fingerprint.is_empty());
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains("\"fingerprint\":\""), "{json}");
        assert_eq!(serde_json::from_str::<FileSummary>(&json).unwrap(), s);
        let broken = json.replacen("\"fingerprint\":\"", "\"fingerprint\":\"zz", 1);
        assert!(serde_json::from_str::<FileSummary>(&broken).is_err());
    }

    #[test]
    fn nothing_for_other_documents() {
        assert!(summary("Just a note.\n").stories.is_empty());
    }
}
