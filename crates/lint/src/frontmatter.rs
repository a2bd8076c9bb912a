//! YAML front matter: the keys starlint reads (`kind`/`type`, `title`, `principles`/`lp`/`tags`,
//! `starlint: { disable: [...] }`). Anything else in it is the author's business.

use std::ops::Range;
use yaml_rust2::{Yaml, YamlLoader};

#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The whole block, delimiters included.
    pub range: Range<usize>,
    pub kind: Option<String>,
    pub title: Option<String>,
    /// Principle names from `principles:`, `lp:`, `lps:` or `tags:`, with `tags` marked.
    pub principles: Vec<(String, bool)>,
    /// Rules disabled for the file by `starlint: { disable: [...] }`.
    pub disable: Vec<String>,
    /// The YAML did not parse; the block is still not prose.
    pub invalid: bool,
}

/// Read the front matter block at `range` (`---` … `---`).
pub fn parse(text: &str, range: Range<usize>) -> FrontMatter {
    let raw = text.get(range.clone()).unwrap_or("");
    let body: String = raw
        .lines()
        .filter(|l| !matches!(l.trim_end(), "---" | "+++" | "..."))
        .collect::<Vec<_>>()
        .join("\n");
    let mut fm = FrontMatter {
        range,
        ..FrontMatter::default()
    };
    let docs = match YamlLoader::load_from_str(&body) {
        Ok(d) => d,
        Err(_) => {
            fm.invalid = true;
            return fm;
        }
    };
    let Some(Yaml::Hash(map)) = docs.into_iter().next() else {
        return fm;
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else { continue };
        match key.to_ascii_lowercase().as_str() {
            "kind" | "type" => fm.kind = value.as_str().map(str::to_string),
            "title" => fm.title = scalar(value),
            "principles"
            | "principle"
            | "lp"
            | "lps"
            | "leadership_principles"
            | "leadership-principles" => {
                fm.principles
                    .extend(strings(value).into_iter().map(|s| (s, false)));
            }
            "tags" => fm
                .principles
                .extend(strings(value).into_iter().map(|s| (s, true))),
            "starlint" => {
                if let Yaml::Hash(inner) = value {
                    for (k, v) in inner {
                        if k.as_str() == Some("disable") {
                            fm.disable.extend(strings(v));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    fm
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
}

/// A string or a list of strings; a comma-separated string is split.
fn strings(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other)
            .map(|s| {
                s.split([','])
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_kind_principles_and_disable() {
        let text = "---\nkind: star\nprinciples: [Ownership, Dive Deep]\ntags: ownership\nstarlint:\n  disable: [STAR007]\n---\n";
        let fm = parse(text, 0..text.len());
        assert_eq!(fm.kind.as_deref(), Some("star"));
        assert_eq!(fm.principles.len(), 3);
        assert_eq!(fm.disable, ["STAR007"]);
    }

    #[test]
    fn bad_yaml_is_not_an_error() {
        let text = "---\nkind: [star\n---\n";
        assert!(parse(text, 0..text.len()).invalid);
    }
}
