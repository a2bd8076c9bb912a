//! STYLE003: placeholders left in the prose.

use crate::document::Document;
use crate::rule::Sink;
use crate::settings::Settings;
use regex::Regex;
use std::sync::OnceLock;

crate::declare_rule! {
    /// ## What it does
    /// Reports placeholders left in prose: `TODO`, `TBD`, `FIXME`, `XX%`, `$X`, bracketed
    /// fill-ins such as `[metric]` or `[company name]`, `{PLACEHOLDER}` fields, and
    /// `lorem ipsum`.
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
    /// ## Options
    /// `[rules.placeholder-text]`: `words` (replace the token list) or `extend-words`.
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
    }
}

fn pattern_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // A constant pattern.
        Regex::new(r"(?-u:\bX{1,3}\s?%|\$\s?X+\b|\bX+\s?(?:percent|ms|hours|days|users|customers)\b)|\[(?:[a-z][a-z ]{1,40}|[A-Z][A-Z_ ]{1,40}|X+|N|Y)\](?:[^(\[:]|$)|\{[A-Z][A-Z0-9_]{1,40}\}|<(?:insert|your|add)[^<>]{0,40}>").unwrap()
    })
}

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
            // The patterns all need one of these characters; most prose has none.
            if !s.contains(['X', '[', '{', '<', '$']) {
                continue;
            }
            for m in pattern_re().find_iter(s) {
                let matched = m.as_str().trim_end_matches(|c: char| {
                    !matches!(c, ']' | '}' | '>' | '%') && !c.is_alphanumeric()
                });
                let range = r.start + m.start()..r.start + m.start() + matched.len();
                sink.report(range, format!("Placeholder `{matched}` left in the text"));
            }
        }
    }
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
}
