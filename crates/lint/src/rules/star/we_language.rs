//! STAR005: "we" where the interviewer needs to hear "I".

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::rule::Sink;
use crate::rules::{find_in, in_quotes, part_sentences, sentence_at};
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports `we`, `us`, `our`, `we're`, `we've` and the other first-person-plural words in
    /// the Action part (by default; the parts read are configurable). Quoted speech and `US`
    /// (the country) are left alone. Never applies to PR/FAQs, where `we` is the company voice.
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
    /// ## Options
    /// `[rules.we-language]`: `parts` (default `["action"]`), `words` / `extend-words`.
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
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let parts = &settings.rules.we_parts;
    for story in &doc.stories {
        let prose = story.prose_of(parts);
        let sentences = part_sentences(doc, story, parts);
        for (range, _) in find_in(doc, &prose, &settings.words.we) {
            let word = doc.slice(range.clone());
            if word == "US" || in_quotes(doc, &prose, range.start) {
                continue;
            }
            // `our`/`us` next to an `I` subject is ownership of a shared thing ("I fixed our
            // pipeline"); only the subject `we` hides who acted.
            let object = matches!(
                word.to_lowercase().as_str(),
                "our" | "us" | "ours" | "ourselves"
            );
            if object
                && sentence_at(&sentences, range.start)
                    .is_some_and(|s| has_singular(&s.text(doc.text)))
            {
                continue;
            }
            let part = story
                .parts
                .iter()
                .find(|p| p.prose.iter().any(|r| r.contains(&range.start)))
                .map_or("Action", |p| p.kind.name());
            let fix = replacement(doc, range.clone()).map(|(r, new)| {
                Fix::unsafe_(
                    format!("Replace `{}` with `{new}`", doc.slice(r.clone())),
                    vec![Edit::replace(r, new)],
                )
            });
            sink.report_fix(
                range,
                format!("`{word}` in the {part}: say what you did yourself (`I`)"),
                fix,
            );
        }
    }
}

/// Does a sentence have a first-person-singular word?
fn has_singular(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .any(|w| {
            matches!(
                w,
                "I" | "I'm"
                    | "I’m"
                    | "I've"
                    | "I’ve"
                    | "I'd"
                    | "I’d"
                    | "me"
                    | "my"
                    | "Me"
                    | "My"
                    | "myself"
            )
        })
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
    fn flags_we_in_action_only_and_fixes() {
        let src = "## A\n\n**Situation:** We had a problem.\n\n**Action:** We were late, so I told our VP and we’re fixing it. Our team met us.\n\n**Result:** We won 3 deals.\n";
        let found = check("STAR005", src);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].contains("=> [\"**Action:** I was late, so I told our VP and we’re fixing it. Our team met us.\"]"), "{found:?}");
        assert!(
            found[1].contains("`we’re`") && found[1].contains("I’m"),
            "{found:?}"
        );
        assert!(
            found[2].contains("`Our`") && found[3].contains("`us`"),
            "{found:?}"
        );
    }

    #[test]
    fn leaves_quotes_and_the_us_alone() {
        let src = "## A\n\n**Situation:** x.\n\n**Action:** I told them \"we can do this\" and moved to the US office.\n";
        assert!(check("STAR005", src).is_empty());
    }
}
