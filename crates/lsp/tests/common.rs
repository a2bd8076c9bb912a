//! A minimal LSP client over `tokio::io::duplex` for the wire tests: frames JSON-RPC messages,
//! answers the server's requests, and keeps notifications until a test asks for them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::time::Duration;
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};

pub const STORY: &str = "## Fixing the flaky deploys

**Situation:** In March 2024 our deploy pipeline failed 30% of the time.

**Task:** I owned the pipeline and had to cut failures below 5% within a month.

**Action:** I traced the failures to a shared cache. Then we rewrote the cache layer and I added retries with backoff.

**Result:** Failures fell from 30% to 2% in three weeks, saving 40 engineer hours a month.

Leadership Principles: Ownership, Dive Deep
";

pub struct Client {
    reader: BufReader<ReadHalf<DuplexStream>>,
    writer: WriteHalf<DuplexStream>,
    next_id: i64,
    pub notifications: VecDeque<Value>,
    pub server_requests: Vec<Value>,
    /// The server task: ends when the server has exited.
    pub server: tokio::task::JoinHandle<bool>,
}

impl Client {
    pub fn start() -> Client {
        let (client_side, server_side) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_side);
        let server = tokio::spawn(starlint_lsp::serve(server_read, server_write));
        let (read, writer) = tokio::io::split(client_side);
        Client {
            reader: BufReader::new(read),
            writer,
            next_id: 1,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
            server,
        }
    }

    pub async fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        let framed = format!("Content-Length: {}\r\n\r\n{}", body.len(), body);
        self.send_raw(framed.as_bytes()).await;
    }

    /// Write bytes as they are (framing included).
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// The next response (notifications are queued, server requests answered).
    pub async fn response(&mut self) -> Value {
        loop {
            if let Some(resp) = self.pump().await {
                return resp;
            }
        }
    }

    async fn read_message(&mut self) -> Value {
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).await.unwrap();
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body).await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    /// Read one message: a notification is queued, a server request answered with `null`.
    async fn pump(&mut self) -> Option<Value> {
        let msg = tokio::time::timeout(Duration::from_secs(20), self.read_message())
            .await
            .expect("the server answered in time");
        if msg.get("method").is_some() {
            if let Some(id) = msg.get("id") {
                let id = id.clone();
                self.server_requests.push(msg);
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}))
                    .await;
            } else {
                self.notifications.push_back(msg);
            }
            None
        } else {
            Some(msg)
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        loop {
            if let Some(resp) = self.pump().await {
                if resp["id"] == json!(id) {
                    return resp;
                }
            }
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// The next notification with this method (earlier ones of other methods stay queued).
    pub async fn notification(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self
                .notifications
                .iter()
                .position(|n| n["method"] == method)
            {
                return self.notifications.remove(i).unwrap();
            }
            let _ = self.pump().await;
        }
    }

    /// The next publishDiagnostics for `uri` carrying `version` (older ones are dropped).
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Value {
        loop {
            let n = self.notification("textDocument/publishDiagnostics").await;
            if n["params"]["uri"] == uri && n["params"]["version"] == json!(version) {
                return n["params"]["diagnostics"].clone();
            }
        }
    }

    pub async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let resp = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                       "initializationOptions": options}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        resp
    }

    /// `initialize` with workspace folders (and `initialized`).
    pub async fn initialize_folders(&mut self, capabilities: Value, folders: &[&str]) -> Value {
        let folders: Vec<Value> = folders
            .iter()
            .map(|uri| json!({"uri": uri, "name": uri.rsplit('/').next().unwrap_or("")}))
            .collect();
        let resp = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                       "workspaceFolders": folders}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        resp
    }

    /// Requests the server sent to the client so far (answered with `null`).
    pub fn server_requests(&self) -> &[Value] {
        &self.server_requests
    }

    pub async fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }
}

/// Client capabilities: position encodings offered, and whether it can pull diagnostics.
pub fn caps(encodings: &[&str], pull: bool) -> Value {
    let mut c = json!({"general": {"positionEncodings": encodings}, "textDocument": {}});
    if pull {
        c["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    }
    c
}

/// Apply LSP text edits (utf-8 or utf-16 columns, as the server said) to a text.
pub fn apply_edits(text: &str, edits: &[Value], utf16: bool) -> String {
    let offset = |pos: &Value| -> usize {
        let line = pos["line"].as_u64().unwrap() as usize;
        let ch = pos["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        if utf16 {
            let mut units = 0;
            for (i, c) in rest.char_indices() {
                if units >= ch {
                    return start + i;
                }
                units += c.len_utf16();
            }
            text.len()
        } else {
            start + ch
        }
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (s, e, t) in edits {
        out.replace_range(s..e, &t);
    }
    out
}

/// Client capabilities of an editor that supports everything the server offers.
pub fn capabilities(encoding: &str, pull: bool) -> Value {
    let mut c = json!({
        "positionEncoding": encoding,
        "textDocumentSync": {"openClose": true, "change": 2, "save": true},
        "hoverProvider": true,
        "completionProvider": {"triggerCharacters": [":", ","]},
        "documentSymbolProvider": true,
        "workspaceSymbolProvider": true,
        "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.starlint"]},
        "inlayHintProvider": true,
        "codeLensProvider": {"resolveProvider": false},
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
pub fn we_diagnostic() -> Value {
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
