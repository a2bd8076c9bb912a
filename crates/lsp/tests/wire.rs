//! Wire tests: the server over `tokio::io::duplex`, driven by a tiny client, asserting whole
//! responses.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{apply_edits, caps, Client, STORY};
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent/starlint-wire/story.md";

fn capabilities(encoding: &str, pull: bool) -> Value {
    let mut c = json!({
        "positionEncoding": encoding,
        "textDocumentSync": {"openClose": true, "change": 2, "save": true},
        "hoverProvider": true,
        "completionProvider": {"triggerCharacters": [":", ","]},
        "documentSymbolProvider": true,
        "workspaceSymbolProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.starlint"]},
        "inlayHintProvider": true,
        "executeCommandProvider": {"commands": ["starlint.coverage"]},
        "workspace": {"workspaceFolders": {"supported": true, "changeNotifications": true}}
    });
    if pull {
        c["diagnosticProvider"] = json!({
            "identifier": "starlint", "interFileDependencies": false, "workspaceDiagnostics": false
        });
    }
    c
}

/// The one diagnostic on `STORY` (its fix stays on the server: no `data`).
fn we_diagnostic() -> Value {
    // "we" is on line 6 at byte column 58; the line is ASCII, so both encodings agree.
    let range = json!({"start": {"line": 6, "character": 58}, "end": {"line": 6, "character": 60}});
    json!({
        "range": range,
        "severity": 2,
        "code": "STAR005",
        "codeDescription": {"href": "https://github.com/starlint/starlint/blob/main/docs/rules/STAR005.md"},
        "source": "starlint",
        "message": "`we` in the Action: say what you did yourself (`I`) (we-language)"
    })
}

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
    assert_eq!(
        resp["result"],
        json!({"kind": "full", "resultId": "1:0:1", "items": [we_diagnostic()]})
    );
    let again = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": "1:0:1"}),
        )
        .await;
    assert_eq!(
        again["result"],
        json!({"kind": "unchanged", "resultId": "1:0:1"})
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
    let uri = tower_lsp::lsp_types::Url::from_file_path(&path)
        .unwrap()
        .to_string();
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], false), Value::Null).await;
    c.open(&uri, 1, STORY).await;
    assert_eq!(c.diagnostics(&uri, 1).await, json!([]));
    std::fs::write(&config, "select = [\"STAR\"]\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": tower_lsp::lsp_types::Url::from_file_path(&config).unwrap(), "type": 2}]}),
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

#[tokio::test]
async fn out_of_range_positions_are_clamped() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    c.diagnostics(URI, 1).await;
    let far = json!({"line": 9999, "character": 9999});
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": far}),
        )
        .await;
    assert_eq!(hover["result"], Value::Null);
    let completion = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": {"line": 6, "character": 99999}}),
        )
        .await;
    assert_eq!(completion["result"], Value::Null);
    // An edit past the end appends; the document stays consistent.
    c.change(
        URI,
        2,
        json!([{"range": {"start": far, "end": far}, "text": "\nTags: #ownership\n"}]),
    )
    .await;
    let d = c.diagnostics(URI, 2).await;
    assert_eq!(d[0]["code"], "STAR005");
    let inverted =
        json!({"start": {"line": 6, "character": 60}, "end": {"line": 6, "character": 58}});
    c.change(URI, 3, json!([{"range": inverted, "text": "I"}]))
        .await;
    assert_eq!(c.diagnostics(URI, 3).await, json!([]));
}

#[tokio::test]
async fn unknown_documents_get_empty_answers() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-8"], true), Value::Null).await;
    let doc = json!({"uri": "file:///never/opened.md"});
    let pos = json!({"line": 0, "character": 0});
    let range = json!({"start": pos, "end": pos});
    assert_eq!(
        c.request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos})
        )
        .await["result"],
        Value::Null
    );
    assert_eq!(
        c.request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos})
        )
        .await["result"],
        Value::Null
    );
    assert_eq!(
        c.request("textDocument/documentSymbol", json!({"textDocument": doc}))
            .await["result"],
        Value::Null
    );
    assert_eq!(
        c.request(
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}})
        )
        .await["result"],
        Value::Null
    );
    assert_eq!(
        c.request("textDocument/diagnostic", json!({"textDocument": doc}))
            .await["result"],
        json!({"kind": "full", "items": []})
    );
    c.change("file:///never/opened.md", 2, json!([{"text": "x"}]))
        .await;
    assert_eq!(
        c.request(
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos})
        )
        .await["result"],
        Value::Null
    );
}

#[tokio::test]
async fn a_burst_of_200_changes_ends_in_the_right_diagnostics() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    c.diagnostics(URI, 1).await;
    // Type 200 characters one at a time at the start of the Action's text, then delete the
    // last 90 again.
    // Capitalised, so each is a sentence of its own: STAR005 reports once per sentence.
    let typed = "We did it. ".repeat(20);
    let mut version = 1;
    let mut col = 12u32;
    for ch in typed.chars().take(200) {
        version += 1;
        c.change(URI, version, json!([{"range": {"start": {"line": 6, "character": col}, "end": {"line": 6, "character": col}}, "text": ch.to_string()}])).await;
        col += 1;
    }
    for _ in 0..(200 - 110) {
        version += 1;
        c.change(URI, version, json!([{"range": {"start": {"line": 6, "character": col - 1}, "end": {"line": 6, "character": col}}, "text": ""}])).await;
        col -= 1;
    }
    let last = c.diagnostics(URI, version).await;
    let expected_text = STORY.replacen(
        "**Action:** ",
        &format!("**Action:** {}", "We did it. ".repeat(10)),
        1,
    );
    let mut fresh = Client::start();
    fresh
        .initialize(caps(&["utf-16"], false), Value::Null)
        .await;
    fresh.open(URI, version, &expected_text).await;
    let mut expected = fresh.diagnostics(URI, version).await;
    assert_eq!(last, expected.take());
    assert_eq!(
        last.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "STAR005")
            .count(),
        11
    );
}

#[tokio::test]
async fn emoji_and_cjk_positions_in_both_encodings() {
    let text = STORY.replace("Then we rewrote", "Then 😀漢字 we rewrote");
    for (enc, col) in [("utf-8", 58 + 11), ("utf-16", 58 + 5)] {
        let mut c = Client::start();
        c.initialize(caps(&[enc], false), Value::Null).await;
        c.open(URI, 1, &text).await;
        let d = c.diagnostics(URI, 1).await;
        assert_eq!(
            d[0]["range"],
            json!({"start": {"line": 6, "character": col}, "end": {"line": 6, "character": col + 2}}),
            "{enc}"
        );
    }
    let crlf = STORY.replace('\n', "\r\n");
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, &crlf).await;
    let d = c.diagnostics(URI, 1).await;
    assert_eq!(d[0]["range"], we_diagnostic()["range"]);
}

#[tokio::test]
async fn code_actions_find_fixes_without_data_and_skip_stale_diagnostics() {
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, STORY).await;
    let d = c.diagnostics(URI, 1).await[0].clone();
    assert!(d.get("data").is_none(), "{d}");
    let titles = |resp: &Value| -> Vec<String> {
        resp["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap().to_string())
            .collect()
    };
    // A client that sends back a diagnostic that no longer lines up (an older version's) gets
    // no fix for it, only the disable actions.
    let mut stale = d.clone();
    stale["range"]["start"]["character"] = json!(57);
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": stale["range"], "context": {"diagnostics": [stale]}}),
        )
        .await;
    assert_eq!(
        titles(&resp),
        [
            "Disable STAR005 for this line",
            "Disable STAR005 for this file"
        ]
    );
    // A client that sends no diagnostics gets ours under the range (the cursor), with their fix.
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI},
                   "range": {"start": {"line": 6, "character": 59}, "end": {"line": 6, "character": 59}},
                   "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(resp["result"][0]["title"], "Replace `we` with `I`");
    assert_eq!(resp["result"][0]["diagnostics"], json!([d]));
    assert_eq!(
        resp["result"][0]["edit"]["documentChanges"][0]["edits"],
        json!([{"range": d["range"], "newText": "I"}])
    );
}

/// A story bank large enough to be linted in story groups: `n` stories, every third with a
/// misspelt principle (a safe fix), every one with `we` in its Action (an unsafe fix).
fn bank(n: usize) -> String {
    let mut text = String::from("# My story bank\n\n");
    for i in 0..n {
        let mut story = STORY.replace("Fixing the flaky deploys", &format!("Story {i} 😀"));
        if i % 3 == 0 {
            story = story.replace("Ownership,", "Ownershp,");
        }
        text.push_str(&story);
        text.push('\n');
    }
    text
}

#[tokio::test]
async fn code_actions_and_fix_all_in_a_bank_linted_in_groups() {
    let text = bank(400);
    assert!(text.len() > starlint_lsp::document::CHUNK_MIN * 2);
    let mut c = Client::start();
    c.initialize(caps(&["utf-16"], false), Value::Null).await;
    c.open(URI, 1, &text).await;
    let diags = c.diagnostics(URI, 1).await;
    let diags = diags.as_array().unwrap();
    assert!(diags.iter().all(|d| d.get("data").is_none()));
    // A `we` far down the bank: its fix is found in its story group, moved to its line.
    let d = diags
        .iter()
        .rfind(|d| d["code"] == "STAR005")
        .unwrap()
        .clone();
    assert!(d["range"]["start"]["line"].as_u64().unwrap() > 4000);
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI}, "range": d["range"], "context": {"diagnostics": [d]}}),
        )
        .await;
    let edits = resp["result"][0]["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits, [json!({"range": d["range"], "newText": "I"})]);
    let fixed = apply_edits(&text, &edits, true);
    assert_eq!(fixed.matches("Then I rewrote").count(), 1);
    // Fix all: every safe fix (the misspelt principles), none of the unsafe ones.
    let safe = diags
        .iter()
        .filter(|d| d["code"] == "LP002" && d["message"].as_str().unwrap().contains("Ownership"))
        .count();
    assert_eq!(safe, 134);
    let resp = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": URI},
                   "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll.starlint"]}}),
        )
        .await;
    let action = &resp["result"][0];
    assert_eq!(action["kind"], "source.fixAll.starlint");
    assert_eq!(
        action["edit"]["documentChanges"][0]["textDocument"]["version"],
        1
    );
    let edits = action["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    assert_eq!(edits.len(), safe);
    let fixed = apply_edits(&text, edits, true);
    assert_eq!(fixed, text.replace("Ownershp,", "Ownership,"));
}

#[tokio::test]
async fn framing_and_malformed_messages() {
    let mut c = Client::start();
    // Not JSON: a parse error; JSON but not a message: an invalid request. Both with id null.
    c.send_raw(b"Content-Length: 5\r\n\r\n{oops").await;
    let resp = c.response().await;
    assert_eq!(resp["id"], Value::Null);
    assert_eq!(resp["error"]["code"], -32700);
    c.send_raw(b"Content-Length: 5\r\n\r\n[1,2]").await;
    assert_eq!(c.response().await["error"]["code"], -32600);
    // A header block without a length (even one that is not UTF-8) is skipped; other headers
    // are allowed; two messages may come in one write.
    c.send_raw(b"\xff\xfe junk\r\n\r\n").await;
    let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                      "params": {"processId": null, "rootUri": null, "capabilities": caps(&["utf-8"], true)}})
    .to_string();
    let pull = json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic",
                      "params": {"textDocument": {"uri": URI}}})
    .to_string();
    let bytes = format!(
        "X-Nothing: 1\r\n\r\nContent-Length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{init}Content-Length: {}\r\n\r\n{pull}",
        init.len(),
        pull.len()
    );
    c.send_raw(bytes.as_bytes()).await;
    let first = c.response().await;
    assert_eq!(first["id"], 1);
    assert_eq!(first["result"]["capabilities"]["positionEncoding"], "utf-8");
    let second = c.response().await;
    assert_eq!(
        second,
        json!({"jsonrpc": "2.0", "id": 2, "result": {"kind": "full", "items": []}})
    );
}

#[tokio::test]
async fn pulls_follow_the_lifecycle_and_exit_stops_the_server() {
    let mut c = Client::start();
    let pull = json!({"textDocument": {"uri": URI}});
    let resp = c.request("textDocument/diagnostic", pull.clone()).await;
    assert_eq!(resp["error"]["code"], -32002, "{resp}");
    c.initialize(caps(&["utf-8"], true), Value::Null).await;
    let resp = c
        .request("textDocument/diagnostic", json!({"textDocument": 3}))
        .await;
    assert_eq!(resp["error"]["code"], -32602, "{resp}");
    c.open(URI, 1, STORY).await;
    let resp = c.request("textDocument/diagnostic", pull.clone()).await;
    assert_eq!(resp["result"]["items"], json!([we_diagnostic()]));
    c.send(json!({"jsonrpc": "2.0", "id": 99, "method": "shutdown"}))
        .await;
    assert_eq!(
        c.response().await,
        json!({"jsonrpc": "2.0", "id": 99, "result": null})
    );
    let resp = c.request("textDocument/diagnostic", pull).await;
    assert_eq!(resp["error"]["code"], -32600, "{resp}");
    c.send(json!({"jsonrpc": "2.0", "method": "exit"})).await;
    tokio::time::timeout(std::time::Duration::from_secs(10), &mut c.server)
        .await
        .expect("the server stops after exit")
        .unwrap();
}
