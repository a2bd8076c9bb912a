//! STYLE003: placeholders left in the prose.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;
use regex::Regex;
use std::sync::LazyLock;

/// `[rules.placeholder-text]` in `starlint.toml`. The rule's doc page lists these, generated from here.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlaceholderOptions {
    /// Replace the bundled list of placeholder tokens (unset: the bundled list).
    pub words: Option<Vec<String>>,
    /// Add to the list.
    pub extend_words: Vec<String>,
}

crate::declare_rule! {
    /// ## What it does
    /// Reports placeholders left in prose: `TODO`, `TBD`, `FIXME`, `XX%`, `$X`, bracketed
    /// fill-ins such as `[metric]`, `[company name]`, `[Town, Region]`, `[PRODUCT | FEATURE]`
    /// or `[Owner / team]`, `{PLACEHOLDER}` fields, and `lorem ipsum`; in a PR/FAQ, also the
    /// fill-ins of a dateline written as code (`` `BOSTON, MA — [DATE] —` ``). Links are not
    /// fill-ins: `[text](url)`, `[text][ref]` and a `[text]` whose `[text]: url` definition is
    /// in the file.
    ///
    /// ## Why it matters
    /// A placeholder is a part of the story you have not prepared yet; finding it now beats
    /// finding it mid-answer.
    ///
    /// ## Example
    /// ```markdown
    /// **Result:** Latency dropped by XX%.
    /// ```
    /// Use instead:
    /// ```markdown
    /// **Result:** Latency dropped by 35%.
    /// ```
    ///
    /// ## Fix safety
    /// No fix.
    pub static RULE = {
        code: "STYLE003",
        name: "placeholder-text",
        family: Style,
        severity: Error,
        fix: None,
        kinds: [Star, Prfaq],
        summary: "A placeholder (`TODO`, `TBD`, `XX%`, `[metric]`…) left in prose",
        check: check,
        options: PlaceholderOptions,
    }
}

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::unwrap_used)] // A constant pattern.
    Regex::new(r"(?-u:\bX{1,3}\s?%|\$\s?X+\b|\bX+\s?(?:percent|ms|hours|days|users|customers)\b)|\[(?:[A-Za-z][A-Za-z0-9 ,|/&'’._-]{0,48}|X+|N|Y)\](?:[^(\[:]|$)|\{[A-Z][A-Z0-9_]{1,40}\}|<(?:insert|your|add)[^<>]{0,40}>").unwrap()
});

fn check(doc: &Document, settings: &Settings, sink: &mut Sink) {
    let tokens = &settings.words.placeholder;
    for (_, unit) in doc.prose_units() {
        for r in &unit {
            let s = doc.slice(r.clone());
            for m in tokens.find_words(doc.words_in(r.clone())) {
                let word = doc.slice(m.range.clone());
                // `TODO` is a placeholder; "my todo list" is not.
                let token = tokens.phrase(m.phrase);
                if token
                    .chars()
                    .all(|c| !c.is_alphabetic() || c.is_lowercase())
                    && word.chars().any(char::is_uppercase)
                    && word.len() <= 5
                    && word.chars().all(|c| c.is_uppercase())
                {
                    // token list is lowercased; an all-caps hit is the placeholder form.
                } else if !token.contains(' ') && word.chars().any(char::is_lowercase) {
                    continue;
                }
                sink.report(
                    m.range.clone(),
                    format!("Placeholder `{word}` left in the text"),
                );
            }
            report_patterns(doc, s, r.start, sink);
        }
    }
    // A dateline written as code (`` `BOSTON, MA — [DATE] —` ``) is not prose, but it is the
    // press release's dateline: its fill-ins are placeholders too.
    if let Some(d) = doc.prfaq.as_ref().and_then(|p| p.dateline.clone()) {
        let covered = doc
            .prose_units()
            .iter()
            .any(|(_, unit)| unit.iter().any(|r| r.start <= d.start && d.end <= r.end));
        if !covered {
            report_patterns(doc, doc.slice(d.clone()), d.start, sink);
        }
    }
}

/// Report the pattern placeholders (`XX%`, `$X`, `[Town, Region]`, `{FIELD}`) in `s`, which
/// starts at `offset`.
fn report_patterns(doc: &Document, s: &str, offset: usize, sink: &mut Sink) {
    // The patterns all need one of these characters; most prose has none.
    if !s.contains(['X', '[', '{', '<', '$']) {
        return;
    }
    for m in PATTERN.find_iter(s) {
        let matched = m.as_str().trim_end_matches(|c: char| {
            !matches!(c, ']' | '}' | '>' | '%') && !c.is_alphanumeric()
        });
        let range = offset + m.start()..offset + m.start() + matched.len();
        // The prose may have lost a link's target; the text still has it (`[text][ref]`).
        let link = doc
            .text
            .get(range.end..)
            .is_some_and(|t| t.starts_with(['[', '(', ':']));
        if matched.starts_with('[') && (link || !is_fill_in(doc, matched)) {
            continue;
        }
        sink.report(range, format!("Placeholder `{matched}` left in the text"));
    }
}

/// Is `[…]` a fill-in (`[metric]`, `[Town, Region]`, `[PRODUCT | FEATURE]`, `[Owner / team]`)
/// rather than a Markdown reference link (`[the guide]` with a `[the guide]: …` definition),
/// a task box or a citation?
fn is_fill_in(doc: &Document, bracketed: &str) -> bool {
    let inner = bracketed.trim_start_matches('[').trim_end_matches(']');
    if inner.trim().is_empty() || (inner.len() == 1 && inner.eq_ignore_ascii_case("x")) {
        return false;
    }
    // A reference link's label, defined elsewhere in the text (`[guide]: https://…`).
    // Labels match without regard to case (`[React]` … `[react]: https://…`).
    let label = format!("[{inner}]:").to_lowercase();
    if doc.text.match_indices("]:").any(|(end, _)| {
        let start = end.saturating_sub(inner.len() + 1);
        doc.text
            .get(start..end + 2)
            .is_some_and(|d| d.to_lowercase() == label)
    }) {
        return false;
    }
    let words: Vec<&str> = inner
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.len() <= 6
}

#[cfg(test)]
mod tests {
    use crate::rules::test_util::check;

    #[test]
    fn placeholders() {
        let src = "## A\n\n**Situation:** TODO add context. My todo list was long.\n\n**Result:** Latency fell by XX% and saved $X for [company name] and [a link](http://x).\n";
        let found = check("STYLE003", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(words, ["TODO", "XX%", "$X", "[company name]"], "{found:?}");
    }

    #[test]
    fn fill_ins_with_separators_and_mixed_case_but_not_links() {
        let src = "## A\n\n**Situation:** We met in [Town, Region] to ship [PRODUCT | FEATURE] for [Owner / team], see [project link] and [the guide][3] or [docs].\n\n**Result:** Done.\n\n[docs]: https://example.com\n[3]: https://example.com/guide\n";
        let found = check("STYLE003", src);
        let words: Vec<&str> = found
            .iter()
            .map(|f| f.split('`').nth(1).unwrap_or(""))
            .collect();
        assert_eq!(
            words,
            [
                "[Town, Region]",
                "[PRODUCT | FEATURE]",
                "[Owner / team]",
                "[project link]"
            ],
            "{found:?}"
        );
    }

    #[test]
    fn a_dateline_written_as_code_has_its_placeholder_reported() {
        let src = "# Ferrow Ledger closes a café's books every night\n\n`BOSTON, MA — [DATE] —` Ferrow today launched Ferrow Ledger.\n\n## FAQ\n\n### What does it cost?\n\nIt costs $20 a month.\n";
        let found = check("STYLE003", src);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`[DATE]`"), "{found:?}");
    }
}
