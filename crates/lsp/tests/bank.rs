//! The workspace as a story bank over the wire: the bank fixtures in a real folder, BANK
//! diagnostics on open documents (kept current on save and on files changed on disk), the
//! `starlint.coverage` command, hover listing other files' stories, and workspace symbols.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{caps, Client};
use serde_json::{json, Value};
use std::path::Path;

/// A folder holding a copy of `fixtures/bank`.
fn bank_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/bank");
    for name in ["a-billing.md", "b-reused.md", "c-questions.md"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn uri(path: &Path) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .unwrap()
        .to_string()
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .filter(|c| c.starts_with("BANK"))
        .collect()
}

/// Push diagnostics for `uri` until some carry the bank's diagnostics `want`.
async fn until_bank(c: &mut Client, uri: &str, want: &[&str]) -> Value {
    loop {
        let n = c.notification("textDocument/publishDiagnostics").await;
        if n["params"]["uri"] == uri && codes(&n["params"]["diagnostics"]) == want {
            return n["params"]["diagnostics"].clone();
        }
    }
}

#[tokio::test]
async fn bank_diagnostics_coverage_hover_and_symbols_over_a_folder() {
    let dir = bank_folder();
    let root = uri(dir.path());
    let reused = uri(&dir.path().join("b-reused.md"));
    let text = std::fs::read_to_string(dir.path().join("b-reused.md")).unwrap();
    let mut c = Client::start();
    c.initialize_folders(caps(&["utf-16"], false), &[&root])
        .await;
    c.open(&reused, 1, &text).await;

    // Both copies in b-reused.md are reported once the folder is read, pointing back to
    // a-billing.md.
    let diagnostics = until_bank(&mut c, &reused, &["BANK002", "BANK002"]).await;
    let first = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "BANK002")
        .unwrap();
    assert_eq!(
        first["range"],
        json!({"start": {"line": 2, "character": 3}, "end": {"line": 2, "character": 34}})
    );
    assert_eq!(
        first["relatedInformation"],
        json!([{"location": {"uri": uri(&dir.path().join("a-billing.md")),
                             "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}},
                "message": "first told here"}])
    );
    assert!(first["message"]
        .as_str()
        .unwrap()
        .starts_with("Near-identical story: 90% of its wording repeats `The billing export that failed every night` at a-billing.md:3"));

    // The coverage table of the folder.
    let resp = c
        .request(
            "workspace/executeCommand",
            json!({"command": "starlint.coverage", "arguments": []}),
        )
        .await;
    let folder = &resp["result"]["folders"][0];
    assert_eq!(
        folder["uri"],
        json!(format!("{}/", root.trim_end_matches('/')))
    );
    assert_eq!(folder["target"], 2);
    assert_eq!(folder["stories"].as_array().unwrap().len(), 7);
    assert_eq!(folder["stories"][0]["path"], "a-billing.md");
    assert_eq!(folder["stories"][0]["line"], 3);
    assert_eq!(
        folder["stories"][0]["uri"],
        json!(uri(&dir.path().join("a-billing.md")))
    );
    let ownership = folder["principles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Ownership")
        .unwrap();
    assert_eq!(ownership["stories"], json!([0]));
    assert_eq!(ownership["required"], true);
    assert!(folder["text"]
        .as_str()
        .unwrap()
        .starts_with("Story bank: 7 stories in 3 files; target 2 per principle"));
    let unknown = c
        .request(
            "workspace/executeCommand",
            json!({"command": "starlint.nope", "arguments": []}),
        )
        .await;
    assert_eq!(unknown["error"]["code"], -32602, "{unknown}");

    // Hover on the Earn Trust tag lists the stories of files that are not open.
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": reused}, "position": {"line": 21, "character": 25}}),
        )
        .await;
    let value = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.starts_with("**Earn Trust**"), "{value}");
    assert!(
        value.contains("- Tell me about a time you failed (c-questions.md:3)"),
        "{value}"
    );

    // Workspace symbols cover files that are not open.
    let symbols = c
        .request("workspace/symbol", json!({"query": "billing export"}))
        .await;
    let names: Vec<(&str, &str)> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap(),
                s["location"]["uri"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        names.contains(&(
            "The billing export that failed every night",
            &uri(&dir.path().join("a-billing.md"))
        )),
        "{names:?}"
    );

    // The first telling is deleted on disk: both reports go.
    std::fs::remove_file(dir.path().join("a-billing.md")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.path().join("a-billing.md")), "type": 3}]}),
    )
    .await;
    until_bank(&mut c, &reused, &[]).await;

    // A saved edit that gives two stories one title is reported on the later one.
    let renamed = text.replace(
        "## Queue fix for the finance close",
        "## Rewriting the hiring loop",
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": reused, "version": 2},
               "contentChanges": [{"text": renamed}]}),
    )
    .await;
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": reused}}),
    )
    .await;
    let after = until_bank(&mut c, &reused, &["BANK002"]).await;
    assert!(after.as_array().unwrap().iter().any(|d| d["message"]
        .as_str()
        .unwrap()
        == "Duplicate story: `Rewriting the hiring loop` is also the title of the story at b-reused.md:3 (duplicate-story)"
        && d["range"]["start"]["line"] == 19));
}

#[tokio::test]
async fn pull_clients_are_asked_to_refresh_when_the_bank_changes() {
    let dir = bank_folder();
    let root = uri(dir.path());
    let reused = uri(&dir.path().join("b-reused.md"));
    let text = std::fs::read_to_string(dir.path().join("b-reused.md")).unwrap();
    let mut capabilities = caps(&["utf-16"], true);
    capabilities["workspace"] = json!({"diagnostic": {"refreshSupport": true}});
    let mut c = Client::start();
    c.initialize_folders(capabilities, &[&root]).await;
    c.open(&reused, 1, &text).await;
    // The scan and file reads run in the background: pull until they land.
    let items = pull_until(&mut c, &reused, 2).await;
    assert_eq!(codes(&items), ["BANK002", "BANK002"]);
    std::fs::remove_file(dir.path().join("a-billing.md")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.path().join("a-billing.md")), "type": 3}]}),
    )
    .await;
    let items = pull_until(&mut c, &reused, 0).await;
    assert!(codes(&items).is_empty(), "{items}");
    assert!(c
        .server_requests()
        .iter()
        .any(|r| r["method"] == "workspace/diagnostic/refresh"));
}

/// Pull `uri`'s diagnostics until `n` of them are BANK diagnostics (or 4 s have passed).
async fn pull_until(c: &mut Client, uri: &str, n: usize) -> Value {
    for _ in 0..200 {
        let report = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        let items = report["result"]["items"].clone();
        if codes(&items).len() == n {
            return items;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    Value::Null
}
