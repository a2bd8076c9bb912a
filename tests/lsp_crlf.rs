//! Every quick fix over the real server binary (`starlint lsp` on stdio) keeps a CRLF document
//! CRLF: each fixture and example is opened with CRLF endings, and for each rule with a fix the
//! rule's quick fix, "disable for this line", "disable for this file" and fix-all are applied
//! as an editor would. Fix-all must give the text `check --fix` gives.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{json, Value};
use starlint_lint::fix::fix_text;
use starlint_lint::registry::RULES;
use starlint_lint::rule::FixKind;
use starlint_lint::{Applicability, Settings};
use starlint_tests::{fixtures, repo_root, starlint_bin};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    notifications: Vec<Value>,
    next_id: i64,
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let mut child = Command::new(starlint_bin())
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start starlint lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.unwrap_or(0)];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let Ok(message) = serde_json::from_slice::<Value>(&body) else {
                    return;
                };
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_string(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn next_message(&mut self) -> Value {
        match self.incoming.recv_timeout(Duration::from_secs(60)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("the server did not answer within 60 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(message);
        loop {
            let m = self.next_message();
            if m["id"] == json!(id) && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method} failed: {m}");
                return m["result"].clone();
            }
            if m.get("id").is_some() && m.get("method").is_some() {
                // A request from the server (configuration, registration): answer it.
                self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": null}));
            } else {
                self.notifications.push(m);
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        let mut message = json!({"jsonrpc": "2.0", "method": method});
        if !params.is_null() {
            message["params"] = params;
        }
        self.send(message);
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let matches = |n: &Value| {
            n["method"] == "textDocument/publishDiagnostics"
                && n["params"]["uri"] == uri
                && n["params"]["version"] == json!(version)
        };
        loop {
            if let Some(i) = self.notifications.iter().position(matches) {
                let n = self.notifications.remove(i);
                return n["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            let m = self.next_message();
            if m.get("id").is_some() && m.get("method").is_some() {
                self.send(json!({"jsonrpc": "2.0", "id": m["id"], "result": null}));
            } else {
                self.notifications.push(m);
            }
        }
    }

    fn code_actions(
        &mut self,
        uri: &str,
        range: &Value,
        diagnostics: Value,
        only: Value,
    ) -> Vec<Value> {
        let mut context = json!({"diagnostics": diagnostics});
        if !only.is_null() {
            context["only"] = only;
        }
        let result = self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        );
        result.as_array().cloned().unwrap_or_default()
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

/// Apply one action's edits (UTF-8 columns; lines end at `\n`) to `text`.
fn apply(text: &str, action: &Value) -> String {
    let changes = &action["edit"]["documentChanges"][0]["edits"];
    let offset = |pos: &Value| -> usize {
        let line = pos["line"].as_u64().unwrap() as usize;
        let column = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        (start + column).min(text.len())
    };
    let mut edits: Vec<(usize, usize, String)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = offset(&e["range"]["start"]);
            let end = offset(&e["range"]["end"]);
            (s, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_string();
    for (s, e, new) in edits {
        out.replace_range(s..e, &new);
    }
    out
}

fn bare_lf(text: &str) -> bool {
    text.matches('\n').count() != text.matches("\r\n").count()
}

#[test]
fn every_quick_fix_keeps_crlf_over_the_real_server() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for family in ["star", "lp", "style", "doc"] {
        files.extend(fixtures(family));
    }
    for entry in std::fs::read_dir(repo_root().join("fixtures/prfaq"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        files.extend(fixtures(&format!("prfaq/{name}")));
    }
    files.sort();
    let mut server = Server::start(dir.path());
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-8"]}, "textDocument": {}}}),
    );
    server.notify("initialized", json!({}));
    let mut fixed_codes = BTreeSet::new();
    let mut failures = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.replace("\r\n", "\n").replace('\n', "\r\n");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let uri = format!("file:///nonexistent/starlint-crlf/{i}/{name}");
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
        let diagnostics = server.diagnostics(&uri, 1);
        let mut seen = BTreeSet::new();
        for d in &diagnostics {
            let code = d["code"].as_str().unwrap_or("").to_string();
            if !seen.insert(code.clone()) {
                continue;
            }
            let actions = server.code_actions(&uri, &d["range"], json!([d]), Value::Null);
            for action in &actions {
                let title = action["title"].as_str().unwrap_or("");
                let after = apply(&text, action);
                if after == text {
                    failures.push(format!("{name}: `{title}` changes nothing"));
                }
                if bare_lf(&after) {
                    failures.push(format!("{name}: `{title}` wrote a bare LF: {after:?}"));
                }
                if !title.starts_with("Disable ") {
                    fixed_codes.insert(code.clone());
                }
            }
        }
        let zero =
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
        let all = server.code_actions(&uri, &zero, json!([]), json!(["source.fixAll"]));
        let cli = fix_text(
            &text,
            &Settings::default(),
            None,
            Some(&name),
            Applicability::Safe,
        );
        let editor = all
            .first()
            .map_or_else(|| text.clone(), |a| apply(&text, a));
        if bare_lf(&editor) {
            failures.push(format!("{name}: fix-all wrote a bare LF"));
        }
        if editor != cli.text {
            failures.push(format!(
                "{name}: fix-all and check --fix disagree:\n{editor:?}\n{:?}",
                cli.text
            ));
        }
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    server.stop();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every rule that offers a fix was exercised.
    let fixable: BTreeSet<String> = RULES
        .iter()
        .filter(|r| r.meta.fix != FixKind::None)
        .map(|r| r.meta.code.to_string())
        .collect();
    let missed: Vec<_> = fixable.difference(&fixed_codes).collect();
    assert!(missed.is_empty(), "no quick fix was offered for {missed:?}");
}
