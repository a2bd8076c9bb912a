//! Small text helpers the page and the exports share: HTML escaping and short forms of prose.

/// Escape text for HTML content and double- or single-quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Prose on one line: every run of white space (line breaks and tabs too) becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of a one-line prose, at most `max_words` words (an ellipsis marks a cut).
pub(crate) fn first_sentence(text: &str, max_words: usize) -> String {
    let mut out: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        if out.len() == max_words {
            return format!("{}…", out.join(" "));
        }
        out.push(word);
        // A full stop ends the sentence unless it ends a short abbreviation or a number.
        let ends = word.ends_with(['.', '!', '?'])
            && !matches!(
                word,
                "e.g." | "i.e." | "etc." | "vs." | "Mr." | "Ms." | "Dr."
            );
        if ends {
            break;
        }
    }
    out.join(" ")
}

/// `1 story`, `2 stories`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `m:ss`.
pub(crate) fn clock(seconds: usize) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<b a="1" b='2'>&</b>"#),
            "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;"
        );
    }

    #[test]
    fn first_sentence_stops_at_the_full_stop_or_the_limit() {
        assert_eq!(
            first_sentence("We shipped, e.g. the app. Then more.", 20),
            "We shipped, e.g. the app."
        );
        assert_eq!(first_sentence("one two three four", 2), "one two…");
        assert_eq!(first_sentence("", 5), "");
        assert_eq!(one_line(" a\n\tb  c "), "a b c");
        assert_eq!(clock(125), "2:05");
    }
}
