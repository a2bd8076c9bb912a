//! LP002: a tag that names no principle in the active set.

use crate::diagnostic::{Edit, Fix};
use crate::document::{Document, TagSource};
use crate::rule::Sink;
use crate::settings::Settings;

crate::declare_rule! {
    /// ## What it does
    /// Reports a principle tag that names no principle in the active set: a typo
    /// (`Customer Obsesion`) or an invented one (`Teamwork`). Matching ignores case,
    /// punctuation and spacing, and knows common aliases (`Bias to Action`). In general
    /// `Tags:` lines only near misses of a principle are reported, since other tags are fine
    /// there.
    ///
    /// ## Why it matters
    /// A misspelt tag hides the story from coverage: the bank looks thinner than it is, and a
    /// search for the principle misses the story.
    ///
    /// ## Example
    /// ```markdown
    /// **Leadership Principles:** Customer Obsesion
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Leadership Principles:** Customer Obsession
    /// ```
    ///
    /// ## Options
    /// The principle set: `[principles]` in `starlint.toml`.
    ///
    /// ## Fix safety
    /// Safe when exactly one principle is within 3 edits of the tag; otherwise unsafe, using the
    /// closest of the (up to three) candidates named in the message.
    pub static RULE = {
        code: "LP002",
        name: "unknown-principle",
        family: Lp,
        severity: Error,
        fix: Sometimes,
        kinds: [Star],
        summary: "A tag names no principle in the active set",
        check: check,
    }
}

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let set = settings.principles();
    let mut seen = Vec::new();
    for story in &doc.stories {
        for tag in story.tags.iter().filter(|t| t.principle.is_none()) {
            if seen.contains(&tag.range) || tag.source == TagSource::Hashtag {
                continue;
            }
            // Another company's value (`Move Fast`) is that company's tag, not a typo.
            if crate::value_sets::other_set_of(&tag.name).is_some() {
                continue;
            }
            seen.push(tag.range.clone());
            let candidates: Vec<usize> = set
                .suggestions(&tag.name, 3)
                .into_iter()
                .map(|(i, _)| i)
                .take(3)
                .collect();
            let names: Vec<&str> = candidates.iter().map(|&i| set.name(i)).collect();
            // A hashtag is replaced by a hashtag (`#frugalty` → `#frugality`).
            let hashtag = doc.slice(tag.range.clone()).starts_with('#');
            let spell = |name: &str| {
                if hashtag {
                    hashtag_of(name)
                } else {
                    name.to_string()
                }
            };
            let (message, fix) = match names.as_slice() {
                [] => (
                    format!("`{}` is not a principle in the active set", tag.name),
                    None,
                ),
                [one] => (
                    format!("`{}` is not a principle; did you mean `{one}`?", tag.name),
                    Some(Fix::safe(
                        format!("Replace with `{}`", spell(one)),
                        Edit::replace(tag.range.clone(), spell(one)),
                    )),
                ),
                [first, ..] => (
                    format!(
                        "`{}` is not a principle; did you mean {}?",
                        tag.name,
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(Fix::unsafe_(
                        format!("Replace with `{}`", spell(first)),
                        Edit::replace(tag.range.clone(), spell(first)),
                    )),
                ),
            };
            sink.report_fix(tag.range.clone(), message, fix);
        }
    }
    // Front matter names are tags too.
    if let Some(fm) = &doc.front_matter {
        if doc.stories.is_empty() {
            return;
        }
        for (name, general) in &fm.principles {
            if set.lookup(name).is_none() && (!general || !set.suggestions(name, 2).is_empty()) {
                let range = doc
                    .slice(fm.range.clone())
                    .find(name.as_str())
                    .map_or(fm.range.start..fm.range.start + 3, |i| {
                        fm.range.start + i..fm.range.start + i + name.len()
                    });
                if seen.contains(&range) {
                    continue;
                }
                seen.push(range.clone());
                let best = set
                    .suggestions(name, 3)
                    .first()
                    .map(|&(i, _)| set.name(i).to_string());
                let msg = match &best {
                    Some(b) => format!("`{name}` is not a principle; did you mean `{b}`?"),
                    None => format!("`{name}` is not a principle in the active set"),
                };
                let fix = best.map(|b| {
                    Fix::unsafe_(
                        format!("Replace with `{b}`"),
                        Edit::replace(range.clone(), b),
                    )
                });
                sink.report_fix(range, msg, fix);
            }
        }
    }
}

/// `Deliver Results` → `#deliver-results`.
fn hashtag_of(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(['\'', '’'], "").to_lowercase())
        .collect();
    format!("#{}", words.join("-"))
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn typo_gets_a_safe_fix() {
        let src = "## A\n\nLeadership Principles: Customer Obsesion, Teamwork\n\n**Situation:** x\n\n**Action:** y\n";
        let found = check("LP002", src);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("did you mean `Customer Obsession`?"),
            "{found:?}"
        );
        assert!(
            found[1].contains("`Teamwork` is not a principle"),
            "{found:?}"
        );
    }

    #[test]
    fn general_tags_are_left_alone() {
        let src =
            "## A\n\nTags: conflict, ownership, backend\n\n**Situation:** x\n\n**Action:** y\n";
        assert!(check("LP002", src).is_empty());
    }
}
