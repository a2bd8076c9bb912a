//! STAR005: "we" where the interviewer needs to hear "I".

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;
use crate::markers::PartKind;
use crate::rule::Sink;
use crate::rules::{find_in, in_quotes, part_sentences};
use crate::settings::Settings;
use crate::words::grammar;
use std::ops::Range;

/// `[rules.we-language]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct WeLanguageOptions {
    /// The story parts read.
    pub parts: Vec<PartKind>,
    /// Replace the bundled list of words that say "we" (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to the list.
    pub extend_words: Vec<String>,
}

impl Default for WeLanguageOptions {
    fn default() -> Self {
        WeLanguageOptions {
            parts: vec![PartKind::Action],
            words: None,
            extend_words: Vec::new(),
        }
    }
}

crate::declare_rule! {
    /// ## What it does
    /// Reports the team doing the work in the Action part (by default; the parts read are
    /// configurable): `we` (or `our team`) as the subject of what was done, as in "we rewrote
    /// the importer". One diagnostic per sentence names every first-person-plural word in it.
    ///
    /// Not reported: `we` in a clause that says what happened to the team or what it had,
    /// was or decided ("when we lost two engineers", "we agreed on the goal"); `we` after a
    /// subordinating conjunction or inside a reported proposal ("because we need…", "I
    /// proposed we start…"); `we` with a modal ("so we could…"); `we` in the present tense
    /// for a standing fact in a story told in the past ("we use rolling deploys"); `we` in a
    /// question; `our` and `us` naming shared things ("our staging database", "it cost us a
    /// week"); quoted speech and `US` (the country). Never applies to PR/FAQs, where `we` is
    /// the company voice.
    ///
    /// ## Why it matters
    /// Interviewers assess what *you* did. "We migrated the database" hides your part in it;
    /// "I designed the migration and ran the cut-over" shows it.
    ///
    /// ## Example
    /// ```markdown
    /// **Action:** We rewrote our importer.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Action:** I rewrote the importer.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: `we` → `I`, `we're` → `I'm`, `we were` → `I was`, `our` → `my`, `us` → `me`.
    /// The sentence may then need a look (a team effort described as yours alone is its own
    /// problem).
    pub static RULE = {
        code: "STAR005",
        name: "we-language",
        family: Star,
        severity: Warning,
        fix: Unsafe,
        kinds: [Star],
        summary: "`we`/`our`/`us` in the Action part, where the interviewer needs to hear `I`",
        check: check,
        options: WeLanguageOptions,
    }
}

/// Verbs that say what happened to the team, or what it was, had or decided: not who did the
/// work (`we lost two engineers`, `we had two options`, `we agreed on the goal`).
const HAPPENED_OR_DECIDED: &[&str] = &[
    "had",
    "has",
    "have",
    "were",
    "was",
    "are",
    "been",
    "needed",
    "lost",
    "faced",
    "got",
    "received",
    "inherited",
    "hit",
    "suffered",
    "struggled",
    "missed",
    "decided",
    "agreed",
    "aligned",
    "chose",
    "opted",
    "settled",
    "wanted",
    "knew",
    "learned",
    "learnt",
    "realized",
    "realised",
    "noticed",
    "saw",
    "heard",
    "felt",
    "expected",
    "hoped",
    "became",
    "ended",
    "lacked",
    "owned",
    "reached",
];

/// Nouns for a group of people: `our team shipped it` hides who did the work as `we` does.
const GROUP: &[&str] = &[
    "team",
    "teams",
    "squad",
    "group",
    "engineers",
    "developers",
    "crew",
    "staff",
    "department",
];

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let parts = &settings.rules.we_parts;
    for story in &doc.stories {
        let prose = story.prose_of(parts);
        let sentences = part_sentences(doc, story, parts);
        let present = told_in_present(doc, &sentences);
        // The matches of each sentence, in order (a match outside every sentence stands alone).
        let mut groups: Vec<(Option<usize>, Vec<Range<usize>>)> = Vec::new();
        for (range, _) in find_in(doc, &prose, &settings.words.we) {
            let word = doc.slice(range.clone());
            if word == "US" || in_quotes(doc, &prose, range.start) {
                continue;
            }
            let si = sentences.iter().position(|s| {
                s.pieces
                    .iter()
                    .any(|r| r.start <= range.start && range.start < r.end)
            });
            match groups.last_mut() {
                Some((last, found)) if si.is_some() && *last == si => found.push(range),
                _ => groups.push((si, vec![range])),
            }
        }
        for (si, found) in groups {
            let sentence = si.and_then(|i| sentences.get(i));
            if sentence.is_some_and(|s| s.is_question(doc.text)) {
                continue;
            }
            let words = match sentence {
                Some(s) => s.words(doc),
                None => found
                    .iter()
                    .map(|r| (r.start, doc.slice(r.clone())))
                    .collect(),
            };
            let lower: Vec<String> = words.iter().map(|(_, w)| fold(w)).collect();
            let at = |r: &Range<usize>| words.iter().position(|(o, _)| *o == r.start);
            let acts = |r: &Range<usize>| at(r).is_some_and(|i| is_actor(&lower, i, present));
            if !found.iter().any(acts) {
                continue;
            }
            // Every first-person-plural word of a sentence where the team does the work is
            // named: `our` and `us` beside it change with it.
            let named: Vec<&Range<usize>> = found
                .iter()
                .filter(|r| {
                    acts(r)
                        || at(r)
                            .and_then(|i| lower.get(i))
                            .is_some_and(|w| !w.starts_with("we") && w != "let's")
                })
                .collect();
            let Some(first) = named.first() else {
                continue;
            };
            let part = story
                .parts
                .iter()
                .find(|p| p.prose.iter().any(|r| r.contains(&first.start)))
                .map_or("Action", |p| p.kind.name());
            let edits: Vec<Edit> = named
                .iter()
                .filter_map(|r| replacement(doc, (*r).clone()))
                .map(|(r, new)| Edit::replace(r, new))
                .collect();
            let list = named
                .iter()
                .map(|r| format!("`{}`", doc.slice((*r).clone())))
                .collect::<Vec<_>>()
                .join(", ");
            let what = edits
                .iter()
                .map(|e| format!("`{}` with `{}`", doc.slice(e.range.clone()), e.new_text))
                .collect::<Vec<_>>()
                .join(", ");
            let fix = Fix::new(Applicability::Unsafe, format!("Replace {what}"), edits);
            sink.report_fix(
                (*first).clone(),
                format!("{list} in the {part}: say what you did yourself (`I`)"),
                fix,
            );
        }
    }
}

fn fold(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// Is the word at `i` the one doing the work in its clause? Only a subject `we` (or `our team`)
/// of a past action in a main clause is: not one after a subordinating conjunction or inside a
/// reported proposal, not one with a modal (`we could`), not one that says what the team had,
/// was, lost or decided, and not one in the present tense when the story is told in the past
/// (`we use rolling deploys` states a fact).
fn is_actor(words: &[String], i: usize, present: bool) -> bool {
    let Some(word) = words.get(i) else {
        return false;
    };
    let verb_from = match word.as_str() {
        // `we've shipped`, `we'd already shipped`: the participle says what was done.
        "we" | "we've" | "we'd" => i + 1,
        "we're" => return present && !subordinate(words, i),
        "our" => {
            let group = words
                .get(i + 1)
                .is_some_and(|w| GROUP.contains(&w.as_str()));
            let clause_start = i == 0
                || words
                    .get(i - 1)
                    .is_some_and(|w| matches!(w.as_str(), "and" | "but" | "then" | "so"));
            if !(group && clause_start) {
                return false;
            }
            i + 2
        }
        _ => return false,
    };
    if subordinate(words, i) {
        return false;
    }
    let mut v = verb_from;
    while words
        .get(v)
        .is_some_and(|w| grammar::is_between_subject_and_verb(w))
    {
        v += 1;
    }
    // `we did not ship`, `we didn't have`: the verb after the auxiliary.
    if words
        .get(v)
        .is_some_and(|w| matches!(w.as_str(), "did" | "didn't" | "do" | "don't"))
        && words.get(v + 1).is_some()
    {
        let past = words.get(v).is_some_and(|w| w.starts_with("did"));
        v += 1;
        while words.get(v).is_some_and(|w| w == "not") {
            v += 1;
        }
        let Some(verb) = words.get(v) else {
            return false;
        };
        return (past || present) && !HAPPENED_OR_DECIDED.contains(&verb.as_str());
    }
    // `we were able to cut…`: the verb after `able to`.
    if words.get(v).is_some_and(|w| w == "were" || w == "was")
        && words.get(v + 1).is_some_and(|w| w == "able")
        && words.get(v + 2).is_some_and(|w| w == "to")
    {
        return words
            .get(v + 3)
            .is_some_and(|w| !HAPPENED_OR_DECIDED.contains(&w.as_str()));
    }
    let Some(verb) = words.get(v) else {
        return false;
    };
    if grammar::is_modal(verb) || HAPPENED_OR_DECIDED.contains(&verb.as_str()) {
        return false;
    }
    if word == "we'd" {
        // `we'd` is `we would` unless a participle follows (`we'd shipped`).
        return grammar::is_past(verb);
    }
    grammar::is_past(verb) || (present && verb.chars().all(char::is_alphabetic))
}

/// Is the subject at `i` inside a subordinate or reported clause: right after a conjunction
/// such as `when`, `because`, `so that`, or within a few words of a verb that reports or
/// proposes (`I told them that we…`, `proposed we start…`)?
fn subordinate(words: &[String], i: usize) -> bool {
    let prev = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| words.get(j))
            .map(String::as_str)
    };
    if prev(1).is_some_and(grammar::is_subordinator) {
        return true;
    }
    if prev(1) == Some("that")
        && prev(2).is_some_and(|w| matches!(w, "so" | "now" | "such" | "given" | "provided"))
    {
        return true;
    }
    (1..=4).any(|k| prev(k).is_some_and(grammar::is_reporting))
}

/// Is the part told in the present tense (`I call the client, I fix it`)? Then a present-tense
/// `we` narrates what happened; in a story told in the past it states a standing fact.
fn told_in_present(doc: &Document, sentences: &[crate::rules::Sentence]) -> bool {
    let (mut past, mut now) = (0usize, 0usize);
    for s in sentences {
        let words: Vec<String> = s.words(doc).iter().map(|(_, w)| fold(w)).collect();
        // A subject-less bullet or sentence that opens with a past verb ("- Created a
        // framework…") is told in the past as much as "I created…" is.
        if words.first().is_some_and(|w| grammar::is_past(w)) {
            past += 1;
        }
        for (i, w) in words.iter().enumerate() {
            if w != "i" {
                continue;
            }
            let mut v = i + 1;
            while words
                .get(v)
                .is_some_and(|w| grammar::is_between_subject_and_verb(w))
            {
                v += 1;
            }
            match words.get(v) {
                Some(verb) if grammar::is_past(verb) => past += 1,
                Some(verb) if grammar::is_modal(verb) => {}
                Some(verb) if verb.chars().all(char::is_alphabetic) => now += 1,
                _ => {}
            }
        }
    }
    now > past
}

/// The replacement for a first-person-plural word, keeping its capitalisation.
fn replacement(
    doc: &Document,
    range: std::ops::Range<usize>,
) -> Option<(std::ops::Range<usize>, String)> {
    let word = doc.slice(range.clone());
    let lower = word.to_lowercase().replace('’', "'");
    let after = doc.text.get(range.end..).unwrap_or("");
    let (range, new) = if lower == "we"
        && after.starts_with(" were")
        && !after
            .get(5..)
            .is_some_and(|t| t.starts_with(char::is_alphanumeric))
    {
        (range.start..range.end + 5, "I was".to_string())
    } else {
        let new = match lower.as_str() {
            "we" => "I",
            "we're" => "I'm",
            "we've" => "I've",
            "we'd" => "I'd",
            "we'll" => "I'll",
            "our" => "my",
            "ours" => "mine",
            "us" => "me",
            "ourselves" => "myself",
            _ => return None,
        };
        let new = if word.contains('’') {
            new.replace('\'', "’")
        } else {
            new.to_string()
        };
        (range, new)
    };
    let capital = word.chars().next().is_some_and(char::is_uppercase);
    let new = if capital || new.starts_with('I') {
        let mut c = new.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        new
    };
    Some((range, new))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn one_diagnostic_per_sentence_naming_every_word() {
        let src = "## A\n\n**Situation:** We had a problem.\n\n**Action:** We moved the vendor into our office and we tested it. Our team met us.\n\n**Result:** We won 3 deals.\n";
        let found = check("STAR005", src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("`We`, `our`, `we` in the Action")
                && found[0].contains("I moved the vendor into my office and I tested it."),
            "{found:?}"
        );
        assert!(found[1].contains("`Our`, `us`"), "{found:?}");
    }

    #[test]
    fn what_happened_to_the_team_is_not_we_language() {
        for action in [
            "In the sprint when we lost two engineers, I rebuilt the plan.",
            "- Wrote a script that ran against our staging database; it cost us a week.",
            "I escalated to our IT department.",
            "We had two options. We agreed on the goal.",
            "I asked the lead: why do we deploy on Fridays?",
            "I proposed we start with the simpler approach.",
            "I told them that we needed a rollback plan.",
            "- Built a proxy so we could ride out the migration.",
            "I picked MySQL because we need durability, and we use rolling deploys.",
            "We can talk for ages about why.",
            "- Proposed a hybrid plan.\n- Created a framework: team votes, I break ties, we all commit to the decision.",
        ] {
            let src = format!("## A\n\n**Situation:** x.\n\n**Action:** {action}\n");
            assert!(check("STAR005", &src).is_empty(), "{action}");
        }
    }

    #[test]
    fn the_team_doing_the_work_is() {
        for action in [
            "We cut the feature and shipped.",
            "Then we all checked the thread dumps.",
            "We've since replaced the driver.",
            "We were able to cut latency in half.",
            "I call the client, we fix it together, and I close the ticket.",
        ] {
            let src = format!("## A\n\n**Situation:** x.\n\n**Action:** {action}\n");
            assert_eq!(check("STAR005", &src).len(), 1, "{action}");
        }
    }

    #[test]
    fn leaves_quotes_and_the_us_alone() {
        let src = "## A\n\n**Situation:** x.\n\n**Action:** I told them \"we can do this\" and moved to the US office.\n";
        assert!(check("STAR005", src).is_empty());
    }
}
