//! Wire tests of robustness: clamped positions, unknown documents, bursts of changes, wide
//! characters, stale diagnostics, banks linted in groups and malformed frames.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{apply_edits, caps, we_diagnostic, Client, STORY};
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent/starlint-wire/story.md";

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
    // The engine's fixpoint (as `check --fix`), sent as one edit of the span that changes.
    assert_eq!(edits.len(), 1);
    let fixed = apply_edits(&text, edits, true);
    assert_eq!(
        fixed.matches("Ownership,").count(),
        text.matches("Ownership,").count() + safe
    );
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
