//! Which principles a job description emphasises, from each principle's `jd`
//! phrases. Pure: no IO; the CLI reads the posting and prints the ranking.

use crate::principles::PrincipleSet;
use crate::words::{tokens, PhraseMatcher};
use std::collections::HashMap;

/// How strongly a job description stresses one principle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JdScore {
    /// Index into the principle set.
    pub principle: usize,
    /// Distinct `jd` phrases of the principle found in the text.
    pub score: usize,
    /// Those phrases, in the order the principle file lists them.
    pub phrases: Vec<String>,
}

/// Rank the principles a job description emphasises: for each principle, the distinct `jd`
/// phrases the text holds (case-insensitive, whole words). Only principles with at least one
/// match are returned, best first; ties keep the principle file's order.
pub fn rank_jd(principles: &PrincipleSet, text: &str) -> Vec<JdScore> {
    // One pattern per distinct word sequence, owned by every principle that lists it
    // (`operational excellence` is evidence of two).
    let mut patterns: Vec<String> = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut owners: Vec<Vec<(usize, String)>> = Vec::new();
    for (i, p) in principles.iter().enumerate() {
        for phrase in &p.jd {
            let phrase = phrase.trim().to_lowercase();
            let key: Vec<&str> = tokens(&phrase).map(|(_, w)| w).collect();
            if key.is_empty() {
                continue;
            }
            let slot = *keys.entry(key.join(" ")).or_insert_with(|| {
                patterns.push(phrase.clone());
                owners.push(Vec::new());
                patterns.len() - 1
            });
            if let Some(list) = owners.get_mut(slot) {
                list.push((i, phrase));
            }
        }
    }
    let matcher = PhraseMatcher::new(&patterns);
    let mut seen = vec![false; patterns.len()];
    for m in matcher.find_iter(text) {
        if let Some(flag) = seen.get_mut(m.phrase) {
            *flag = true;
        }
    }
    let mut scores: Vec<JdScore> = (0..principles.len())
        .map(|principle| JdScore {
            principle,
            score: 0,
            phrases: Vec::new(),
        })
        .collect();
    for (list, _) in owners.iter().zip(&seen).filter(|(_, &found)| found) {
        for (who, phrase) in list {
            if let Some(s) = scores.get_mut(*who) {
                if !s.phrases.contains(phrase) {
                    s.score += 1;
                    s.phrases.push(phrase.clone());
                }
            }
        }
    }
    scores.retain(|s| s.score > 0);
    // A stable sort: equal scores stay in the principle file's order.
    scores.sort_by_key(|s| std::cmp::Reverse(s.score));
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::principles::Principle;

    fn principle(name: &str, jd: &[&str]) -> Principle {
        Principle {
            name: name.to_string(),
            aliases: Vec::new(),
            description: String::new(),
            evidence: Vec::new(),
            jd: jd.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn names(set: &PrincipleSet, ranked: &[JdScore]) -> Vec<String> {
        ranked
            .iter()
            .map(|s| set.name(s.principle).to_string())
            .collect()
    }

    #[test]
    fn counts_distinct_phrases_and_ranks_best_first() {
        let set = PrincipleSet::new(vec![
            principle("Frugality", &["cost", "lean"]),
            principle(
                "Customer Obsession",
                &["customer needs", "user research", "nps"],
            ),
            principle("Dive Deep", &["root cause"]),
        ]);
        let text = "We value USER RESEARCH and customer needs. Customer needs matter; cost too. \
                    Cost, cost, cost.";
        let ranked = rank_jd(&set, text);
        assert_eq!(names(&set, &ranked), ["Customer Obsession", "Frugality"]);
        assert_eq!(ranked.first().map(|s| s.score), Some(2));
        assert_eq!(
            ranked.first().map(|s| s.phrases.clone()),
            Some(vec![
                "customer needs".to_string(),
                "user research".to_string()
            ])
        );
        assert_eq!(ranked.get(1).map(|s| s.score), Some(1));
    }

    #[test]
    fn whole_words_only_and_ties_keep_file_order() {
        let set = PrincipleSet::new(vec![principle("A", &["lean"]), principle("B", &["ops"])]);
        assert!(rank_jd(&set, "a cleaner topsoil").is_empty());
        let ranked = rank_jd(&set, "ops and lean");
        assert_eq!(names(&set, &ranked), ["A", "B"]);
    }

    #[test]
    fn bundled_set_reads_a_customer_posting() {
        let set = PrincipleSet::default_set();
        let ranked = rank_jd(
            &set,
            "You are customer-obsessed, gather customer feedback and run user research.",
        );
        assert_eq!(
            ranked.first().map(|s| set.name(s.principle)),
            Some("Customer Obsession")
        );
        assert!(rank_jd(&set, "").is_empty());
    }

    #[test]
    fn a_phrase_two_principles_list_counts_for_both() {
        let set = PrincipleSet::new(vec![
            principle("A", &["operational excellence", "on-call"]),
            principle("B", &["Operational Excellence"]),
        ]);
        let ranked = rank_jd(&set, "Drive operational excellence.");
        assert_eq!(names(&set, &ranked), ["A", "B"]);
        assert!(ranked.iter().all(|s| s.score == 1));
    }
}
