//! The active principle set (Amazon's 16 Leadership Principles by default, or a user's own
//! values): name matching that ignores case, punctuation and spacing, typo suggestions, and the
//! evidence keywords that say whether a story shows a principle.

use crate::words::PhraseMatcher;
use serde::Deserialize;
use std::collections::HashMap;

/// The bundled default set, with our own descriptions and evidence keywords.
pub const DEFAULT_PRINCIPLES_TOML: &str = include_str!("../data/principles/amazon.toml");

/// One principle as written in a principle file.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Principle {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub jd: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrincipleFile {
    principle: Vec<Principle>,
}

/// A principle set ready for matching.
#[derive(Debug)]
pub struct PrincipleSet {
    principles: Vec<Principle>,
    by_key: HashMap<String, usize>,
    /// The longest key in `by_key`, in bytes: a name that normalises to more cannot match.
    longest_key: usize,
    evidence: PhraseMatcher,
    evidence_owner: Vec<usize>,
}

impl PrincipleSet {
    /// Parse a principle file (TOML with `[[principle]]` tables).
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        let file: PrincipleFile = toml::from_str(text)?;
        Ok(Self::new(file.principle))
    }

    /// A set for name matching only: the names and aliases of a principle file, without the
    /// evidence keywords and posting phrases (an empty set if the file does not parse).
    pub fn names_from_toml(text: &str) -> Self {
        let principles = toml::from_str::<PrincipleFile>(text)
            .map(|f| f.principle)
            .unwrap_or_default()
            .into_iter()
            .map(|p| Principle {
                evidence: Vec::new(),
                jd: Vec::new(),
                ..p
            })
            .collect();
        Self::new(principles)
    }

    /// The bundled default set.
    pub fn default_set() -> Self {
        Self::from_toml(DEFAULT_PRINCIPLES_TOML).unwrap_or_else(|_| Self::new(Vec::new()))
    }

    pub fn new(principles: Vec<Principle>) -> Self {
        let mut by_key = HashMap::new();
        for (i, p) in principles.iter().enumerate() {
            by_key.entry(normalize(&p.name)).or_insert(i);
            for alias in &p.aliases {
                by_key.entry(normalize(alias)).or_insert(i);
            }
        }
        let mut patterns = Vec::new();
        let mut evidence_owner = Vec::new();
        for (i, p) in principles.iter().enumerate() {
            for word in &p.evidence {
                let word = word.trim().to_lowercase();
                if !word.is_empty() {
                    patterns.push(word);
                    evidence_owner.push(i);
                }
            }
        }
        let evidence = PhraseMatcher::with_stems(&patterns);
        let longest_key = by_key.keys().map(String::len).max().unwrap_or(0);
        PrincipleSet {
            principles,
            by_key,
            longest_key,
            evidence,
            evidence_owner,
        }
    }

    pub fn len(&self) -> usize {
        self.principles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.principles.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&Principle> {
        self.principles.get(index)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Principle> {
        self.principles.iter()
    }

    /// The canonical name of principle `index`.
    pub fn name(&self, index: usize) -> &str {
        self.principles.get(index).map_or("", |p| p.name.as_str())
    }

    /// The principle a name or alias refers to, ignoring case, punctuation and spacing.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        // Every heading and tag of a bank is looked up in every bundled set: normalise into a
        // buffer on the stack, and stop as soon as the name is longer than any key.
        let mut buf = [0u8; 128];
        let mut len = 0;
        let mut push = |c: char| {
            let n = c.len_utf8();
            match buf.get_mut(len..len + n) {
                Some(slot) if len + n <= self.longest_key => {
                    c.encode_utf8(slot);
                    len += n;
                    true
                }
                _ => false,
            }
        };
        for c in name.chars() {
            let fits = if c.is_ascii_alphanumeric() {
                push(c.to_ascii_lowercase())
            } else if c == '&' {
                "and".chars().all(&mut push)
            } else if c.is_alphanumeric() {
                c.to_lowercase().all(&mut push)
            } else {
                true
            };
            if !fits {
                // Longer than any key (or than the buffer: then the slow way).
                return (self.longest_key > buf.len())
                    .then(|| self.by_key.get(&normalize(name)).copied())
                    .flatten();
            }
        }
        let key = std::str::from_utf8(buf.get(..len)?).ok()?;
        if key.is_empty() {
            return None;
        }
        self.by_key.get(key).copied()
    }

    /// Principles whose name or an alias is within `max_distance` edits of `name`, closest first.
    pub fn suggestions(&self, name: &str, max_distance: usize) -> Vec<(usize, usize)> {
        let key = normalize(name);
        let mut best: HashMap<usize, usize> = HashMap::new();
        for (candidate, &index) in &self.by_key {
            let d = strsim::levenshtein(&key, candidate);
            let entry = best.entry(index).or_insert(usize::MAX);
            *entry = (*entry).min(d);
        }
        let mut ranked: Vec<(usize, usize)> = best
            .into_iter()
            .filter(|&(_, d)| d <= max_distance)
            .collect();
        ranked.sort_by_key(|&(i, d)| (d, i));
        ranked
    }

    /// For each principle, how many distinct evidence keywords `text` holds. Keywords match
    /// whole words, or word starts when they are stems (`simplif`).
    pub fn evidence_counts(&self, text: &str) -> Vec<usize> {
        let words: Vec<(usize, &str)> = crate::words::tokens(text).collect();
        self.evidence_counts_in([words.as_slice()])
    }

    /// The same over already tokenized chunks (a phrase never spans two chunks).
    pub fn evidence_counts_in<'w>(
        &self,
        chunks: impl IntoIterator<Item = &'w [(usize, &'w str)]>,
    ) -> Vec<usize> {
        let mut counts = vec![0usize; self.principles.len()];
        let mut seen = vec![false; self.evidence_owner.len()];
        for chunk in chunks {
            for m in self.evidence.find_words(chunk) {
                if let (Some(flag), Some(&owner)) =
                    (seen.get_mut(m.phrase), self.evidence_owner.get(m.phrase))
                {
                    if !*flag {
                        *flag = true;
                        if let Some(c) = counts.get_mut(owner) {
                            *c += 1;
                        }
                    }
                }
            }
        }
        counts
    }
}

/// Lowercase letters and digits only; `&` reads as `and`.
pub fn normalize(name: &str) -> String {
    name.replace('&', "and")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_set_has_the_sixteen() {
        let set = PrincipleSet::default_set();
        assert_eq!(set.len(), 16);
        assert_eq!(set.lookup("dive-deep"), set.lookup("Dive Deep"));
        assert!(set.lookup("Bias to Action").is_some());
        assert_eq!(
            set.lookup("Disagree and Commit"),
            set.lookup("Have Backbone")
        );
        assert_eq!(
            set.lookup("are right a lot").map(|i| set.name(i)),
            Some("Are Right, A Lot")
        );
    }

    #[test]
    fn suggests_close_names() {
        let set = PrincipleSet::default_set();
        let s = set.suggestions("Customer Obsesion", 3);
        assert_eq!(
            s.first().map(|&(i, _)| set.name(i)),
            Some("Customer Obsession")
        );
    }
}
