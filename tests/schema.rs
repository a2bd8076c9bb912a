//! The JSON Schema of `starlint.toml`: the committed `docs/starlint.schema.json` is what the
//! config structs generate (`UPDATE_DOCS=1 cargo test -p starlint-tests --test schema` rewrites
//! it), and every config the project shows (the README's, and any `starlint.toml` under
//! `fixtures/` and `examples/`) is valid against it and read by starlint alike.
#![allow(clippy::panic)] // A test: a failure stops it loudly.

use serde_json::Value;
use starlint_lint::config::{json_schema, parse_options};
use starlint_tests::repo_root;
use std::path::{Path, PathBuf};

const SCHEMA: &str = "docs/starlint.schema.json";

#[test]
fn the_committed_schema_matches_the_config_structs() {
    let path = repo_root().join(SCHEMA);
    let generated = json_schema();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap_or_else(|e| panic!("write {SCHEMA}: {e}"));
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA} is out of date: run `UPDATE_DOCS=1 cargo test -p starlint-tests --test schema`"
    );
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&json_schema()).unwrap_or(Value::Null);
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("the schema is invalid: {e}"))
}

fn as_json(toml_text: &str) -> Value {
    let table: toml::Table =
        toml::from_str(toml_text).unwrap_or_else(|e| panic!("not TOML: {e}\n{toml_text}"));
    serde_json::to_value(table).unwrap_or(Value::Null)
}

fn configs_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            configs_under(&path, out);
        } else if path
            .file_name()
            .is_some_and(|n| n == "starlint.toml" || n == ".starlint.toml")
        {
            out.push(path);
        }
    }
}

/// The README's `toml` code blocks that are starlint configs (not an editor's).
fn readme_configs() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap_or_default();
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in readme.lines() {
        match &mut block {
            None if line.trim_start().starts_with("```toml") => block = Some(String::new()),
            Some(text) if line.trim_start().starts_with("```") => {
                if !text.contains("[language-server") && !text.contains("[[language]]") {
                    out.push(text.clone());
                }
                block = None;
            }
            Some(text) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn every_config_the_project_shows_is_valid() {
    let validator = validator();
    let mut configs: Vec<(String, String)> = readme_configs()
        .into_iter()
        .enumerate()
        .map(|(i, text)| (format!("README.md, config block {}", i + 1), text))
        .collect();
    assert!(!configs.is_empty(), "the README shows no starlint.toml");
    let mut files = Vec::new();
    configs_under(&repo_root().join("fixtures"), &mut files);
    configs_under(&repo_root().join("examples"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        configs.push((file.display().to_string(), text));
    }
    for (name, text) in &configs {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(text))
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{name}: {}", errors.join("; "));
        assert!(parse_options(text).is_ok(), "{name}: starlint rejects it");
    }
}

#[test]
fn the_schema_rejects_what_starlint_rejects() {
    let validator = validator();
    for bad in [
        "[rules.story-too-long]\nmax-words = \"three hundred\"\n",
        "[rules.we-language]\nparts = [\"middle\"]\n",
        "[rules.undefined-acronym]\naudience = \"everyone\"\n",
        "[rules.no-such-rule]\nmax = 1\n",
        "[rules.long-sentence]\nmax-word = 20\n",
        "nonsense = true\n",
    ] {
        assert!(
            !validator.is_valid(&as_json(bad)),
            "the schema accepts {bad:?}"
        );
        assert!(parse_options(bad).is_err(), "starlint accepts {bad:?}");
    }
    let good = "[rules.story-too-long]\nmax-words = 250\n\n[rules.we-language]\nparts = [\"action\", \"result\"]\nextend-words = [\"our crew\"]\n";
    assert!(validator.is_valid(&as_json(good)));
    let (options, _) = parse_options(good).unwrap_or_else(|(_, e)| panic!("{e}"));
    assert_eq!(options.rules.story_too_long.max_words, 250);
    assert_eq!(options.rules.story_too_long.words_per_minute, 150);
}
