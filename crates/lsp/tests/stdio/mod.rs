//! A language-server client over the real `starlint lsp` binary's stdio, for the hostile-client
//! suite: raw bytes in, framed messages out, the server's requests answered or ignored, reading
//! paused on demand, and the process's exit code and memory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    dead_code
)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// How long any one answer may take (debug build, shared machine).
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The `starlint` binary (debug profile), built once per test run.
pub fn starlint_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "starlint"])
            .current_dir(&root)
            .status()
            .expect("run cargo build");
        assert!(status.success(), "cargo build -p starlint failed");
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| root.join("target"), |d| root.join(d));
        target
            .join("debug")
            .join(format!("starlint{}", std::env::consts::EXE_SUFFIX))
    })
}

pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Reading stops while set (the pipe fills and the server's writes wait).
    paused: Arc<AtomicBool>,
    next_id: i64,
    /// Answer the server's own requests (`client/registerCapability`, refresh)?
    pub answer_requests: bool,
    pub notifications: VecDeque<Value>,
    pub server_requests: Vec<Value>,
}

impl Server {
    pub fn start() -> Server {
        Server::start_in(Path::new("/"))
    }

    pub fn start_in(cwd: &Path) -> Server {
        let mut child = Command::new(starlint_bin())
            .arg("lsp")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start starlint lsp");
        let stdout = child.stdout.take().unwrap();
        let stdin = child.stdin.take();
        let paused = Arc::new(AtomicBool::new(false));
        let (tx, rx) = std::sync::mpsc::channel();
        let pause = Arc::clone(&paused);
        std::thread::spawn(move || {
            let mut reader = BufReader::with_capacity(4096, stdout);
            loop {
                while pause.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(10));
                }
                let Some(msg) = read_message(&mut reader) else {
                    return;
                };
                if tx.send(msg).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages: rx,
            paused,
            next_id: 1,
            answer_requests: true,
            notifications: VecDeque::new(),
            server_requests: Vec::new(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn pause_reading(&self, paused: bool) {
        self.paused.store(paused, Ordering::Relaxed);
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, msg: &Value) {
        let body = serde_json::to_string(msg).unwrap();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request; its id.
    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.response_to(&json!(id))
    }

    /// The next message, with the server's requests answered (or not) and kept.
    fn next_message(&mut self) -> Value {
        let msg = match self.messages.recv_timeout(PATIENCE) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => panic!("the server did not answer in time"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output"),
        };
        if msg.get("method").is_some() {
            if let Some(id) = msg.get("id").cloned() {
                self.server_requests.push(msg.clone());
                if self.answer_requests {
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                }
            } else {
                self.notifications.push_back(msg.clone());
            }
        }
        msg
    }

    /// The response with this id (other messages are kept or answered on the way).
    pub fn response_to(&mut self, id: &Value) -> Value {
        loop {
            let msg = self.next_message();
            if msg.get("method").is_none() && msg.get("id") == Some(id) {
                return msg;
            }
        }
    }

    /// The next response with `id: null` (an answer to bytes that were not a message).
    pub fn error_response(&mut self) -> Value {
        self.response_to(&Value::Null)
    }

    pub fn initialize(&mut self, capabilities: Value, folders: &[String]) -> Value {
        let folders: Vec<Value> = folders
            .iter()
            .map(|uri| json!({"uri": uri, "name": "folder"}))
            .collect();
        let resp = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                   "workspaceFolders": folders}),
        );
        self.notify("initialized", json!({}));
        resp
    }

    pub fn open(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": version, "text": text}}),
        );
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// A pull report's result.
    pub fn pull(&mut self, uri: &str, previous: Option<&Value>) -> Value {
        let mut params = json!({"textDocument": {"uri": uri}});
        if let Some(p) = previous {
            params["previousResultId"] = p.clone();
        }
        let resp = self.request("textDocument/diagnostic", params);
        assert!(resp.get("error").is_none(), "{resp}");
        resp["result"].clone()
    }

    /// The diagnostics of the last `publishDiagnostics` for `uri` once the server is quiet:
    /// a request is answered only after the notifications queued before it.
    pub fn published(&mut self, uri: &str) -> Option<Value> {
        self.request("workspace/symbol", json!({"query": "\u{1}"}));
        self.notifications
            .iter()
            .rev()
            .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
            .map(|n| n["params"]["diagnostics"].clone())
    }

    /// Close stdin (the client went away).
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Wait for the process to end.
    pub fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < within {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// `shutdown` (answered), then `exit`: the process ends with 0.
    pub fn shutdown_and_exit(&mut self) {
        let resp = self.request("shutdown", Value::Null);
        assert_eq!(resp["result"], Value::Null, "{resp}");
        self.notify("exit", Value::Null);
        let status = self
            .wait_exit(PATIENCE)
            .expect("the server exits after exit");
        assert_eq!(status.code(), Some(0));
    }

    /// Resident memory in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Client capabilities: one position encoding, pull diagnostics or not.
pub fn caps(encoding: &str, pull: bool) -> Value {
    let mut c = json!({"general": {"positionEncodings": [encoding]}, "textDocument": {}});
    if pull {
        c["textDocument"]["diagnostic"] = json!({"dynamicRegistration": false});
    }
    c
}

/// A STAR story whose Action says "we" `n` times (so diagnostics tell texts apart).
pub fn story(title: &str, we: usize) -> String {
    let action = "Then we rewrote the cache layer. ".repeat(we);
    format!(
        "## {title}\n\n**Situation:** In March 2024 our deploy pipeline failed 30% of the time.\n\n\
         **Task:** I owned the pipeline and had to cut failures below 5% within a month.\n\n\
         **Action:** I traced the failures to a shared cache. {action}I added retries with backoff.\n\n\
         **Result:** Failures fell from 30% to 2% in three weeks, saving 40 engineer hours a month.\n"
    )
}
