//! Word lists (weasel words, hedges, metric words…) and the one matcher they all use:
//! aho-corasick, case-insensitive, whole words, typographic apostrophes folded.

use serde::Deserialize;
use std::collections::HashMap;
use std::ops::Range;

/// The bundled word lists.
pub const DEFAULT_WORDS_TOML: &str = include_str!("../data/words.toml");

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WordLists {
    pub weasel: WeaselLists,
    pub hedge: PhraseList,
    pub hypothetical: PhraseList,
    pub we: WordList,
    pub metric: MetricLists,
    pub acronym: AcronymList,
    pub placeholder: PlaceholderList,
    /// Behavioural topics a heading can name to ask for a story (`### Team Conflict`).
    #[serde(default)]
    pub story_topic: WordList,
    /// Words of a heading over follow-up questions to a story (`## Likely follow-ups`).
    #[serde(default)]
    pub follow_up: WordList,
    /// Headings that name only an answer's form (`### Quick Talking Points (STAR)`).
    #[serde(default)]
    pub form_heading: WordList,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WeaselLists {
    pub phrases: Vec<String>,
    pub quantity_words: Vec<String>,
    /// Weasel words that claim a change on their own (`significantly`).
    #[serde(default)]
    pub change_words: Vec<String>,
    /// Stems that make a sentence a claim of outcome (`reduc`, `faster`).
    #[serde(default)]
    pub outcome_words: Vec<String>,
    /// Intensifiers (`very`), vague only before a measurable word.
    #[serde(default)]
    pub intensifiers: Vec<String>,
    /// Measurable qualities an intensifier can size (`fast`, `happy`).
    #[serde(default)]
    pub measurable_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct PhraseList {
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct WordList {
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct MetricLists {
    pub number_words: Vec<String>,
    pub duration_units: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct AcronymList {
    pub common: Vec<String>,
    /// English words written in capitals for emphasis (`NOT`, `README`): never acronyms.
    #[serde(default)]
    pub emphasis: Vec<String>,
    /// Acronyms a technical reader knows (`audience = "technical"`).
    #[serde(default)]
    pub technical: Vec<String>,
    /// Vendors' product acronyms, names in a document that names the vendor.
    #[serde(default)]
    pub vendor: Vec<Vendor>,
}

/// A vendor, the names that show a document is about it, and its products' acronyms.
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Vendor {
    pub names: Vec<String>,
    pub products: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct PlaceholderList {
    pub tokens: Vec<String>,
}

impl WordLists {
    pub fn bundled() -> Self {
        toml::from_str(DEFAULT_WORDS_TOML).unwrap_or_default()
    }
}

/// Does a heading name only the form an answer takes (`### Quick Talking Points (STAR)`,
/// `## ✅ Strong Answer`), not the story? Read from the bundled `[form_heading]` list.
pub fn is_form_heading(heading: &str) -> bool {
    static WORDS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| WordLists::bundled().form_heading.words);
    let without_note = heading.split('(').next().unwrap_or(heading);
    let t = without_note
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    !t.is_empty() && WORDS.contains(&t)
}

/// Does a heading open a section of follow-up questions to the story above it
/// (`## Deep follow-ups`, `### Probes`)? Read from the bundled `[follow_up]` list.
pub fn is_follow_up_heading(heading: &str) -> bool {
    static MATCHER: std::sync::LazyLock<PhraseMatcher> =
        std::sync::LazyLock::new(|| PhraseMatcher::new(&WordLists::bundled().follow_up.words));
    MATCHER.is_match(heading)
}

/// Finds whole-word, case-insensitive occurrences of a list of phrases.
///
/// Text is split into words once and each phrase is looked up by its first word in a hash
/// table: building costs next to nothing (start-up time is part of every run of the CLI), word
/// boundaries come from the tokenizer, and typographic apostrophes fold to `'`. Matches are
/// leftmost-longest and never overlap.
#[derive(Debug, Clone, Default)]
pub struct PhraseMatcher {
    /// First word → (the phrase's remaining words, phrase index), longest phrase first.
    by_first: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// The last word of a phrase may be the start of a longer word (`simplif` → `simplified`).
    stems: bool,
    /// Shortest stem worth looking up.
    min_stem: usize,
    /// Bit `len` of `first_len[b]` is set when some phrase's first word starts with ASCII byte
    /// `b` and is `len` bytes long (bit 63: longer; slot 256: non-ASCII first letters), so most
    /// words are rejected without hashing.
    first_len: Vec<u64>,
    phrases: Vec<String>,
}

/// One occurrence of a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    pub range: Range<usize>,
    /// Index into the list the matcher was built from.
    pub phrase: usize,
}

impl PhraseMatcher {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> Self {
        Self::build(phrases, false)
    }

    /// A matcher whose phrases may end in a stem (`simplif` matches `simplified`).
    pub fn with_stems<S: AsRef<str>>(phrases: &[S]) -> Self {
        Self::build(phrases, true)
    }

    fn build<S: AsRef<str>>(phrases: &[S], stems: bool) -> Self {
        let phrases: Vec<String> = phrases
            .iter()
            .map(|p| p.as_ref().trim().to_lowercase())
            .collect();
        let mut by_first: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        let mut min_stem = usize::MAX;
        for (i, p) in phrases.iter().enumerate() {
            let words: Vec<String> = tokens(p).map(|(_, w)| fold(w)).collect();
            let Some((first, rest)) = words.split_first() else {
                continue;
            };
            if rest.is_empty() {
                min_stem = min_stem.min(first.chars().count());
            }
            by_first
                .entry(first.clone())
                .or_default()
                .push((rest.to_vec(), i));
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        let mut first_len = vec![0u64; 257];
        for key in by_first.keys() {
            let slot = key
                .bytes()
                .next()
                .filter(u8::is_ascii)
                .map_or(256, usize::from);
            if let Some(bits) = first_len.get_mut(slot) {
                // A stem matches longer words too: allow every length from its own up.
                *bits |= if stems {
                    !0u64 << key.len().min(63)
                } else {
                    1u64 << key.len().min(63)
                };
            }
        }
        PhraseMatcher {
            by_first,
            stems,
            min_stem: min_stem.max(1),
            first_len,
            phrases,
        }
    }

    pub fn phrase(&self, index: usize) -> &str {
        self.phrases.get(index).map_or("", String::as_str)
    }

    /// Whole-word matches in `text`, offsets relative to `text`.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = PhraseMatch> + 'a {
        let words: Vec<(usize, &str)> = if self.by_first.is_empty() {
            Vec::new()
        } else {
            tokens(text).collect()
        };
        self.find_words(&words).into_iter()
    }

    /// Matches among already tokenized words (`(offset, word)` pairs, as [`tokens`] gives).
    pub fn find_words(&self, words: &[(usize, &str)]) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        while i < words.len() {
            let Some(&(start, word)) = words.get(i) else {
                break;
            };
            if !self.may_start(word) {
                i += 1;
                continue;
            }
            fold_into(word, &mut key);
            let mut found = self.match_at(words, i, &key);
            if found.is_none() && self.stems {
                // Stems: try the word's own prefixes, longest first.
                let chars: Vec<usize> = key
                    .char_indices()
                    .map(|(b, _)| b)
                    .skip(self.min_stem)
                    .collect();
                for &cut in chars.iter().rev() {
                    if let Some(prefix) = key.get(..cut) {
                        if let Some(list) = self.by_first.get(prefix) {
                            if let Some((_, idx)) = list.iter().find(|(rest, _)| rest.is_empty()) {
                                found = Some((i, *idx));
                                break;
                            }
                        }
                    }
                }
            }
            match found {
                Some((last, phrase)) => {
                    let end = words.get(last).map_or(start, |&(s, w)| s + w.len());
                    out.push(PhraseMatch {
                        range: start..end,
                        phrase,
                    });
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Can a phrase start with this word? A cheap test on its first byte and length.
    fn may_start(&self, word: &str) -> bool {
        let Some(first) = word.bytes().next() else {
            return false;
        };
        if !first.is_ascii() {
            return self.first_len.get(256).is_some_and(|b| *b != 0);
        }
        let bits = self
            .first_len
            .get(usize::from(first.to_ascii_lowercase()))
            .copied()
            .unwrap_or(0);
        // `’` is three bytes but folds to the one-byte `'`, so such words skip the length test.
        bits & (1u64 << word.len().min(63)) != 0 || (bits != 0 && word.contains('’'))
    }

    /// The longest phrase starting at word `i` (whose folded form is `key`): (last word, phrase).
    fn match_at(&self, words: &[(usize, &str)], i: usize, key: &str) -> Option<(usize, usize)> {
        let list = self.by_first.get(key)?;
        let mut buf = String::new();
        'candidates: for (rest, idx) in list {
            for (k, want) in rest.iter().enumerate() {
                let Some(&(_, w)) = words.get(i + 1 + k) else {
                    continue 'candidates;
                };
                fold_into(w, &mut buf);
                let last = k + 1 == rest.len();
                let ok = buf == *want || (self.stems && last && buf.starts_with(want.as_str()));
                if !ok {
                    continue 'candidates;
                }
            }
            return Some((i + rest.len(), *idx));
        }
        None
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.find_iter(text).next().is_some()
    }
}

/// Words as the matcher sees them: inner apostrophes join (`we're`, `I’d`), hyphens split,
/// so `fast-moving` holds the word `fast`.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    crate::text::word_spans(text, false)
}

/// Lowercase with typographic apostrophes folded to `'`.
fn fold(word: &str) -> String {
    let mut s = String::new();
    fold_into(word, &mut s);
    s
}

fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Letters, digits and the apostrophe-like characters that keep a word together.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A little English grammar for the word rules: enough to tell who does what in a clause.
/// Every function takes a lowercased word (typographic apostrophes folded to `'`).
pub mod grammar {
    /// Irregular past tenses and participles (regular ones end in `-ed`).
    const IRREGULAR_PAST: &[&str] = &[
        "did",
        "done",
        "made",
        "built",
        "rebuilt",
        "wrote",
        "written",
        "rewrote",
        "rewritten",
        "ran",
        "reran",
        "took",
        "taken",
        "gave",
        "given",
        "got",
        "gotten",
        "went",
        "gone",
        "came",
        "found",
        "saw",
        "seen",
        "knew",
        "known",
        "set",
        "put",
        "cut",
        "spent",
        "sent",
        "led",
        "held",
        "kept",
        "met",
        "paid",
        "sold",
        "told",
        "thought",
        "brought",
        "bought",
        "taught",
        "caught",
        "chose",
        "chosen",
        "began",
        "begun",
        "drew",
        "drawn",
        "drove",
        "driven",
        "fell",
        "fallen",
        "felt",
        "fought",
        "grew",
        "grown",
        "hid",
        "hidden",
        "hit",
        "hung",
        "left",
        "lent",
        "let",
        "lost",
        "meant",
        "rode",
        "rose",
        "risen",
        "said",
        "sat",
        "shook",
        "shaken",
        "shut",
        "spoke",
        "spoken",
        "split",
        "spread",
        "stood",
        "stole",
        "stuck",
        "struck",
        "swept",
        "threw",
        "thrown",
        "understood",
        "woke",
        "wore",
        "won",
        "withdrew",
        "redid",
        "overcame",
        "undertook",
        "undertaken",
        "became",
        "broke",
        "broken",
        "had",
        "was",
        "were",
        "been",
        "dug",
        "fed",
        "fled",
        "forgot",
        "forgotten",
        "froze",
        "laid",
        "sought",
        "shot",
        "showed",
        "shown",
        "spun",
        "tore",
        "upheld",
        "beat",
        "bent",
        "bound",
        "dealt",
        "lit",
        "misled",
        "mistook",
        "oversaw",
        "overseen",
        "overtook",
        "quit",
        "rang",
        "sank",
        "sped",
        "strove",
        "swore",
        "underwent",
        "upset",
        "wound",
        "read",
    ];

    /// Is `word` a past tense or past participle (`shipped`, `built`, `agreed`)?
    pub fn is_past(word: &str) -> bool {
        if IRREGULAR_PAST.contains(&word) {
            return true;
        }
        // `need`, `proceed`, `exceed` end in -ed but are present; `agreed`, `freed` are past.
        word.len() > 3
            && word.ends_with("ed")
            && (!word.ends_with("eed") || matches!(word, "agreed" | "freed" | "guaranteed"))
            && word.chars().all(|c| c.is_alphabetic())
    }

    /// Modal and future auxiliaries: what could, would or will happen, not what did.
    pub fn is_modal(word: &str) -> bool {
        matches!(
            word,
            "can"
                | "could"
                | "would"
                | "will"
                | "should"
                | "might"
                | "may"
                | "must"
                | "shall"
                | "cannot"
                | "can't"
                | "couldn't"
                | "won't"
                | "wouldn't"
                | "shouldn't"
                | "mustn't"
                | "ought"
        )
    }

    /// Adverbs and floating quantifiers that may sit between a subject and its verb
    /// (`we then`, `we all`, `I usually`): skipped to find the verb.
    pub fn is_between_subject_and_verb(word: &str) -> bool {
        (word.len() > 3
            && word.ends_with("ly")
            && word != "fly"
            && word != "apply"
            && word != "reply")
            || matches!(
                word,
                "all"
                    | "both"
                    | "each"
                    | "then"
                    | "also"
                    | "just"
                    | "still"
                    | "even"
                    | "never"
                    | "not"
                    | "now"
                    | "soon"
                    | "later"
                    | "first"
                    | "together"
                    | "jointly"
                    | "always"
                    | "often"
                    | "again"
                    | "already"
                    | "since"
                    | "ourselves"
                    | "together,"
                    | "quickly"
                    | "eventually"
            )
    }

    /// Conjunctions that open a subordinate clause: a subject after one of them is not the
    /// sentence's main actor (`when we lost two engineers`, `because we need durability`).
    pub fn is_subordinator(word: &str) -> bool {
        matches!(
            word,
            "because"
                | "since"
                | "as"
                | "when"
                | "whenever"
                | "while"
                | "whilst"
                | "before"
                | "after"
                | "until"
                | "till"
                | "if"
                | "unless"
                | "once"
                | "where"
                | "wherever"
                | "whether"
                | "though"
                | "although"
                | "why"
                | "how"
                | "what"
                | "whatever"
                | "than"
                | "lest"
        )
    }

    /// Verbs that report speech or thought, or put forward a proposal: the clause after one
    /// of them is what was said or proposed (`I proposed we start with…`).
    pub fn is_reporting(word: &str) -> bool {
        matches!(
            word,
            "said"
                | "told"
                | "tell"
                | "telling"
                | "explained"
                | "explain"
                | "explaining"
                | "proposed"
                | "propose"
                | "proposing"
                | "suggested"
                | "suggest"
                | "suggesting"
                | "recommended"
                | "recommend"
                | "argued"
                | "argue"
                | "insisted"
                | "convinced"
                | "convince"
                | "showed"
                | "show"
                | "shown"
                | "pitched"
                | "asked"
                | "promised"
                | "assured"
                | "warned"
                | "wrote"
                | "mentioned"
                | "confirmed"
                | "emphasised"
                | "emphasized"
                | "stressed"
                | "highlighted"
                | "noted"
                | "pointed"
                | "agreed"
                | "decided"
                | "realised"
                | "realized"
                | "knew"
                | "thought"
                | "felt"
                | "believed"
                | "hoped"
                | "planned"
                | "ensured"
                | "demonstrated"
                | "proved"
                | "persuaded"
                | "reminded"
                | "announced"
                | "communicated"
                | "informed"
                | "clarified"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_and_curly_apostrophes() {
        let m = PhraseMatcher::new(&["we", "we're", "a lot of"]);
        let text = "Weekly, we’re doing a lot of work; WE agreed.";
        let found: Vec<_> = m.find_iter(text).map(|x| &text[x.range]).collect();
        assert_eq!(found, ["we’re", "a lot of", "WE"]);
    }

    #[test]
    fn stems_and_longest_phrases() {
        let m = PhraseMatcher::with_stems(&["simplif", "root cause", "cost"]);
        let text = "I simplified it, found the root causes, and costs fell; a simple fix.";
        let found: Vec<_> = m.find_iter(text).map(|x| &text[x.range]).collect();
        assert_eq!(found, ["simplified", "root causes", "costs"]);
        let plain = PhraseMatcher::new(&["a lot", "a lot of"]);
        let t = "a lot of work";
        assert_eq!(
            plain
                .find_iter(t)
                .map(|x| t[x.range].to_string())
                .collect::<Vec<_>>(),
            ["a lot of"]
        );
    }

    #[test]
    fn bundled_lists_load() {
        let w = WordLists::bundled();
        assert!(w.weasel.phrases.iter().any(|p| p == "significantly"));
        assert!(w.we.words.iter().any(|p| p == "we"));
        assert!(!w.metric.number_words.is_empty());
    }
}
