//! Wire tests: the server over `tokio::io::duplex`, driven by a tiny client, asserting whole
//! responses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{apply_edits, capabilities, caps, we_diagnostic, Client, STORY};
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent/starlint-wire/story.md";

#[tokio::test]
async fn initialize_negotiates_utf8_when_offered() {
    let mut c = Client::start();
    let resp = c
        .initialize(caps(&["utf-16", "utf-8"], false), Value::Null)
        .await;
    assert_eq!(
        resp["result"],
        json!({"capabilities": capabilities("utf-8", false),
               "serverInfo": {"name": "starlint", "version": env!("CARGO_PKG_VERSION")}})
    );
}

#[tokio::test]
async fn initialize_falls_back_to_utf16_and_offers_pull_to_pull_clients() {
    let mut c = Client::start();
    let resp = c
        .initialize(caps(&["utf-32", "utf-16"], true), Value::Null)
        .await;
    assert_eq!(
        resp["result"],
        json!({"capabilities": capabilities("utf-16", true),
               "serverInfo": {"name": "starlint", "version": env!("CARGO_PKG_VERSION")}})
    );
}

#[tokio::test]
async fn push_diagnostics_carry_the_version_and_follow_changes() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    assert_eq!(c.diagnostics(URI, 1).await, json!([we_diagnostic()]));
    // Replace "we" by "I": version 2 is clean.
    c.change(URI, 2, json!([{"range": {"start": {"line": 6, "character": 58}, "end": {"line": 6, "character": 60}}, "text": "I"}])).await;
    assert_eq!(c.diagnostics(URI, 2).await, json!([]));
    // Pull requests are not offered to a push client, and nothing else was published.
    assert!(c
        .notifications
        .iter()
        .all(|n| n["method"] != "textDocument/publishDiagnostics"));
}

#[tokio::test]
async fn code_action_edit_relints_clean() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    let diags = c.diagnostics(URI, 1).await;
    let d = diags[0].clone();
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let actions = resp["result"].as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Replace `we` with `I`",
            "Disable STAR005 for this line",
            "Disable STAR005 for this file"
        ]
    );
    assert_eq!(
        actions[0],
        json!({
            "title": "Replace `we` with `I`",
            "kind": "quickfix",
            "diagnostics": [d],
            "edit": {"documentChanges": [{
                "textDocument": {"uri": URI, "version": 1},
                "edits": [{"range": d["range"], "newText": "I"}]
            }]},
            "isPreferred": false
        })
    );
    let edits = actions[0]["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let fixed = apply_edits(STORY, edits, true);
    assert!(fixed.contains("Then I rewrote"));
    c.change(URI, 2, json!([{"text": fixed}])).await;
    assert_eq!(c.diagnostics(URI, 2).await, json!([]));
    // The "disable for this line" action inserts a comment that silences the rule.
    let line = &actions[1]["edit"]["documentChanges"][0]["edits"];
    assert_eq!(
        line[0]["newText"],
        "<!-- starlint-disable-next-line STAR005 -->\n"
    );
    let silenced = apply_edits(STORY, line.as_array().unwrap(), true);
    c.change(URI, 3, json!([{"text": silenced}])).await;
    assert_eq!(c.diagnostics(URI, 3).await, json!([]));
}

#[tokio::test]
async fn fix_all_applies_safe_fixes_only() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    c.diagnostics(URI, 1).await;
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    // The only fix here (we -> I) is unsafe: nothing for fixAll.
    assert_eq!(resp["result"], json!([]));
}

#[tokio::test]
async fn pull_clients_get_no_pushes_and_unchanged_reports() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], true), Value::Null).await;
    c.open(URI, 1, STORY).await;
    let resp = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let id = resp["result"]["resultId"].clone();
    assert!(id.is_string());
    assert_eq!(
        resp["result"],
        json!({"kind": "full", "resultId": id, "items": [we_diagnostic()]})
    );
    let again = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": id}),
        )
        .await;
    assert_eq!(
        again["result"],
        json!({"kind": "unchanged", "resultId": id})
    );
    assert!(c
        .notifications
        .iter()
        .all(|n| n["method"] != "textDocument/publishDiagnostics"));
}

#[tokio::test]
async fn hover_on_a_principle_tag_and_on_a_marker() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    c.open(
        "file:///nonexistent/starlint-wire/other.md",
        1,
        &STORY.replace("Fixing the flaky deploys", "Owning the outage"),
    )
    .await;
    let resp = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 10, "character": 25}}),
        )
        .await;
    let value = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**Ownership**\n\n"), "{value}");
    assert!(
        value.contains("- Owning the outage (/nonexistent/starlint-wire/other.md:1)"),
        "{value}"
    );
    assert_eq!(
        resp["result"]["range"],
        json!({"start": {"line": 10, "character": 23}, "end": {"line": 10, "character": 32}})
    );
    let marker = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 6, "character": 4}}),
        )
        .await;
    let value = marker["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**Action**: What *you* did"), "{value}");
    assert!(
        value.contains("This part: 20 words, 33% of the story's 60 words."),
        "{value}"
    );
}

#[tokio::test]
async fn completion_of_principle_names_in_a_tag_line() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    let text = STORY.replace(
        "Leadership Principles: Ownership, Dive Deep",
        "Leadership Principles: Ownership, Di",
    );
    c.open(URI, 1, &text).await;
    let resp = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 10, "character": 36}}),
        )
        .await;
    let items = resp["result"]["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"Dive Deep"));
    assert!(!labels.contains(&"Ownership"), "already tagged");
    let dive = items.iter().find(|i| i["label"] == "Dive Deep").unwrap();
    assert_eq!(
        dive["textEdit"],
        json!({"range": {"start": {"line": 10, "character": 34}, "end": {"line": 10, "character": 36}}, "newText": "Dive Deep"})
    );
    // At the start of a line: STAR markers and a skeleton.
    let resp = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 0}}),
        )
        .await;
    let labels: Vec<Value> = resp["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].clone())
        .collect();
    assert_eq!(
        labels,
        json!([
            "**Situation:**",
            "**Task:**",
            "**Action:**",
            "**Result:**",
            "**Learning:**",
            "STAR story skeleton"
        ])
        .as_array()
        .unwrap()
        .clone()
    );
}

#[tokio::test]
async fn document_symbols_outline_stories_and_parts() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    let resp = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let stories = resp["result"].as_array().unwrap();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0]["name"], "Fixing the flaky deploys");
    assert_eq!(
        stories[0]["selectionRange"],
        json!({"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 27}})
    );
    let parts: Vec<&str> = stories[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(parts, ["Situation", "Task", "Action", "Result"]);
    let ws = c
        .request("workspace/symbol", json!({"query": "flaky"}))
        .await;
    assert_eq!(ws["result"][0]["name"], "Fixing the flaky deploys");
    let hints = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}}),
        )
        .await;
    assert_eq!(
        hints["result"],
        json!([{"position": {"line": 0, "character": 27}, "label": "60 words · 0:24 spoken · Ownership, Dive Deep", "paddingLeft": true}])
    );
}

#[tokio::test]
async fn config_file_is_discovered_and_reloaded_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("starlint.toml");
    std::fs::write(&config, "ignore = [\"STAR005\"]\n").unwrap();
    let path = dir.path().join("story.md");
    let uri = tower_lsp_server::ls_types::Uri::from_file_path(&path)
        .unwrap()
        .to_string();
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(&uri, 1, STORY).await;
    assert_eq!(c.diagnostics(&uri, 1).await, json!([]));
    std::fs::write(&config, "select = [\"STAR\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": tower_lsp_server::ls_types::Uri::from_file_path(&config).unwrap(), "type": 2}]}),
    )
    .await;
    assert_eq!(c.diagnostics(&uri, 1).await, json!([we_diagnostic()]));
    // Client settings (same keys as starlint.toml) apply on top of the file.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"starlint": {"ignore": ["we-language"]}}}),
    )
    .await;
    assert_eq!(c.diagnostics(&uri, 1).await, json!([]));
}

#[tokio::test]
async fn initialization_options_configure_rules_and_bad_ones_are_shown() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), json!({"ignore": ["STAR005"]}))
        .await;
    c.open(URI, 1, STORY).await;
    assert_eq!(c.diagnostics(URI, 1).await, json!([]));
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"ignore": ["NOPE9"]}}),
    )
    .await;
    let msg = c.notification("window/showMessage").await;
    assert!(
        msg["params"]["message"].as_str().unwrap().contains("NOPE9"),
        "{msg}"
    );
    // The defaults apply while the settings are broken.
    assert_eq!(c.diagnostics(URI, 1).await, json!([we_diagnostic()]));
}

/// The config's `[files]` globs force a document's kind in the editor as in `check`: notes
/// under `launch/` are read as a PR/FAQ (and told they lack its sections).
#[tokio::test]
async fn files_globs_force_the_kind_as_in_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[files]\nprfaq = [\"launch/**\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("launch")).unwrap();
    let uri_of = |p: &std::path::Path| {
        tower_lsp_server::ls_types::Uri::from_file_path(p)
            .unwrap()
            .to_string()
    };
    let forced = uri_of(&dir.path().join("launch/draft.md"));
    let free = uri_of(&dir.path().join("draft.md"));
    let text = "# Team notes\n\nWe met on Tuesday and talked about the roadmap.\n";
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(&free, 1, text).await;
    assert_eq!(c.diagnostics(&free, 1).await, json!([]));
    c.open(&forced, 1, text).await;
    let forced_diagnostics = c.diagnostics(&forced, 1).await;
    assert_eq!(
        forced_diagnostics[0]["code"], "PRFAQ001",
        "{forced_diagnostics}"
    );
}
