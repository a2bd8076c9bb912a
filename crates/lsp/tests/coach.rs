//! The coach in the editor, over the real `starlint lsp` binary's stdio: each story's readiness
//! grade as a code lens, the follow-up probes in its title's hover, and principle completion
//! from the value set in force (a config's `[principles] set`, or the editor's settings).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod stdio;

use serde_json::{json, Value};
use stdio::{caps, Server};

const URI: &str = "file:///nonexistent/coach/story.md";

/// Two stories: the first says "we" in a short Action and has no tag, no Learning; the second
/// has no number in its Result and no Action at all.
const BANK: &str = "## Fixing the flaky deploys

**Situation:** In March 2024 our deploy pipeline failed 30% of the time.

**Task:** I owned the pipeline and had to cut failures below 5% within a month.

**Action:** I traced the failures to a shared cache. Then we rewrote the cache layer. I added retries with backoff.

**Result:** Failures fell from 30% to 2% in three weeks, saving 40 engineer hours a month.

## Winning back a lost customer

**Situation:** A large customer told us they would leave after a bad outage.

**Task:** I had to keep them.

**Result:** They stayed and renewed.

Leadership Principles: Customer Obsession
";

/// The value names completed on the tag line at `line` of `uri` (its end).
fn completed(s: &mut Server, uri: &str, line: u32, character: u32) -> Vec<String> {
    let resp = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    resp["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("a completion list: {resp}"))
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

const META: [&str; 8] = [
    "Move Fast",
    "Focus on Long-Term Impact",
    "Build Awesome Things",
    "Live in the Future",
    "Be Direct and Respect Your Colleagues",
    "Meta, Metamates, Me",
    "Be Bold",
    "Build Social Value",
];

#[test]
fn code_lens_shows_each_storys_grade_and_what_raises_it_most() {
    let mut s = Server::start();
    let init = s.initialize(caps("utf-16", true), &[]);
    assert_eq!(
        init["result"]["capabilities"]["codeLensProvider"],
        json!({"resolveProvider": false})
    );
    s.open(URI, 1, BANK);
    let resp = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    let lens = |line: u32, end: u32, title: &str| {
        json!({
            "range": {"start": {"line": line, "character": 3}, "end": {"line": line, "character": end}},
            "command": {"title": title, "command": ""}
        })
    };
    assert_eq!(
        resp["result"],
        json!([
            lens(
                0,
                27,
                "Grade 84 · 1 fix to 90 · first: tag the principles it shows (+6)"
            ),
            lens(
                10,
                31,
                "Grade 65 · 2 fixes to 90 · first: add the missing part (+20)"
            ),
        ])
    );
    // Adding a tag to the first story takes its grade up by the points the lens promised.
    s.change(
        URI,
        2,
        json!([{"range": {"start": {"line": 9, "character": 0}, "end": {"line": 9, "character": 0}},
                "text": "Leadership Principles: Dive Deep\n\n"}]),
    );
    let resp = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(
        resp["result"][0]["command"]["title"],
        "Grade 90 · first: say \"I\" for what you did in the Action (+5)"
    );
    s.shutdown_and_exit();
}

#[test]
fn hover_on_a_title_lists_the_grade_and_the_follow_up_probes() {
    let mut s = Server::start();
    s.initialize(caps("utf-8", true), &[]);
    s.open(URI, 1, BANK);
    let resp = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 8}}),
    );
    let hover = &resp["result"];
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 27}})
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(
        text,
        "**Fixing the flaky deploys** — readiness grade 84/100\n\n\
         What raises it most:\n\
         - tag the principles it shows (+6, no-tag)\n\
         - say \"I\" for what you did in the Action (+5, STAR005)\n\
         - tell the Action in more steps (+5, short-action)\n\n\
         **Follow-up questions an interviewer will ask**\n\
         - What was your part, exactly? — the Action says \"we\"\n\
         - What did you do first, and why that? — the Action is short\n\
         - What did you learn from it? — no Learning part\n\
         - Which of our values does this story show? — no principle tag"
    );
    // The second story: a missing Action and a Result without a number.
    let resp = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 10, "character": 0}}),
    );
    let text = resp["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**Winning back a lost customer** — readiness grade 65/100"),
        "{text}"
    );
    assert!(text.contains("- How did you measure it?"), "{text}");
    // Off the title line, a story's prose has no hover.
    let resp = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 30}}),
    );
    assert_eq!(resp["result"], Value::Null);
    s.shutdown_and_exit();
}

#[test]
fn completion_offers_the_configured_sets_values_not_amazons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("starlint.toml"),
        "[principles]\nset = \"meta\"\n",
    )
    .unwrap();
    let text = "## Shipping the new feed\n\n**Situation:** x\n\n**Principles:** ";
    let file = dir.path().join("story.md");
    std::fs::write(&file, text).unwrap();
    let folder = format!("file://{}", dir.path().display());
    let uri = format!("file://{}", file.display());
    let mut s = Server::start_in(dir.path());
    s.initialize(caps("utf-16", true), &[folder]);
    s.open(&uri, 1, text);
    let labels = completed(&mut s, &uri, 4, 16);
    assert_eq!(labels, META);
    // A name already on the line is not offered again.
    s.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 4, "character": 16}, "end": {"line": 4, "character": 16}},
                "text": "Move Fast, "}]),
    );
    let labels = completed(&mut s, &uri, 4, 27);
    assert_eq!(labels, META[1..]);
    // The skeleton at the start of a line carries the set's tag line.
    s.change(
        &uri,
        3,
        json!([{"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 27}},
                "text": ""}]),
    );
    let resp = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": &uri}, "position": {"line": 4, "character": 0}}),
    );
    let skeleton = resp["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "STAR story skeleton")
        .cloned()
        .unwrap();
    let new_text = skeleton["textEdit"]["newText"].as_str().unwrap();
    assert!(new_text.ends_with("**Principles:** "), "{new_text}");
    s.shutdown_and_exit();
}

#[test]
fn completion_follows_the_set_in_the_editors_settings() {
    let mut s = Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": caps("utf-16", true),
               "initializationOptions": {"principles": {"set": "netflix"}}}),
    );
    s.notify("initialized", json!({}));
    let text = "## A hard call\n\nPrinciples: Ju";
    s.open(URI, 1, text);
    assert_eq!(
        completed(&mut s, URI, 2, 14),
        [
            "Judgment",
            "Communication",
            "Curiosity",
            "Courage",
            "Passion",
            "Selflessness",
            "Innovation",
            "Inclusion",
            "Integrity",
            "Impact",
            "Freedom and Responsibility"
        ]
    );
    // Without a set, the default is Amazon's Leadership Principles.
    let mut plain = Server::start();
    plain.initialize(caps("utf-16", true), &[]);
    plain.open(URI, 1, text);
    let labels = completed(&mut plain, URI, 2, 14);
    assert_eq!(labels.len(), 16);
    assert_eq!(labels[0], "Customer Obsession");
    assert!(!labels.iter().any(|l| l == "Judgment"));
    s.shutdown_and_exit();
    plain.shutdown_and_exit();
}

#[test]
fn a_new_value_set_in_the_settings_refreshes_the_grades() {
    let mut s = Server::start();
    let mut capabilities = caps("utf-16", true);
    capabilities["workspace"] = json!({"codeLens": {"refreshSupport": true}});
    s.initialize(capabilities, &[]);
    // Tagged with a Meta value its text does not show.
    let text = "## Auditing the billing tables\n\n**Principles:** Move Fast\n\n\
                **Situation:** Our billing tables disagreed with the ledger by a few cents each month.\n\n\
                **Task:** I had to find where the two drifted apart.\n\n\
                **Action:** I read every job that wrote to the tables, compared their rounding rules line by line, and wrote down each difference before changing anything.\n\n\
                **Result:** I found two rounding rules that disagreed; after the fix the monthly drift fell from 40 cents to 0.\n";
    s.open(URI, 1, text);
    let title = |s: &mut Server| {
        let resp = s.request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        );
        resp["result"][0]["command"]["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // Amazon's set does not know "Move Fast": nothing to hold against the tag.
    assert_eq!(
        title(&mut s),
        "Grade 95 · first: tell the Action in more steps (+5)"
    );
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"starlint": {"principles": {"set": "meta"}}}}),
    );
    // Meta's does, and the text does not show it.
    assert_eq!(
        title(&mut s),
        "Grade 90 · first: show the tagged principle in the Action (+5)"
    );
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 5}}),
    );
    let hover = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        hover.contains("- How quickly did it ship, and what did you leave out to get there?"),
        "{hover}"
    );
    assert!(
        s.server_requests
            .iter()
            .any(|r| r["method"] == "workspace/codeLens/refresh"),
        "{:?}",
        s.server_requests
    );
    s.shutdown_and_exit();
}
