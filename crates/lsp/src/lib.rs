//! starlint's language server (`starlint lsp`): the engine's diagnostics, fixes and document model
//! over LSP, on tower-lsp-server and tokio.
//!
//! Architecture invariants:
//! - This is the only crate that knows LSP; `convert` is the only module that turns engine types
//!   (byte offsets, diagnostics, fixes) into LSP types, in the negotiated position encoding.
//! - `transport` owns the wire (framing, and the fast path that writes diagnostics straight from
//!   the stored analysis); nothing else reads or writes bytes, and nothing in `transport` knows
//!   what a handler does.
//! - State ownership: `State` sits behind one `RwLock`. Notifications that change it (open,
//!   change, close, configuration, folders, watched files) go through `Backend::mutate`;
//!   requests read it through `Backend::read` and get `&State`. Neither lints: a lint runs on a
//!   `LintJob` snapshot on a blocking thread, and its result is installed under the lock
//!   afterwards (`Backend::analysis`). Requests for the same revision share one lint.
//! - Each `didChange` is applied to the rope, the string and the tree in one critical section
//!   with no `.await` inside; handlers start in arrival order, so edits never interleave.
//! - Every text has a revision (`document::next_revision`): unique for the process, bumped on
//!   each change. Staleness and pull result ids follow revisions, never the client's versions
//!   (which may repeat or go back).
//! - Diagnostics are pulled when the client can pull and pushed otherwise, never both; a result
//!   computed for an older revision is never published over a newer one.
//! - The server never waits for the client's answer to its own requests
//!   (`client/registerCapability`, `workspace/diagnostic/refresh`,
//!   `workspace/codeLens/refresh`): they are sent from their own task, so a client that never
//!   answers still gets diagnostics and can still `exit`.
//! - Code actions never re-lint: fixes are kept with the version's analysis (not sent in
//!   `Diagnostic.data`) and found by the range and code of the diagnostic the client sends back.
//! - Nothing a client sends can panic the server: positions are clamped, unknown documents get
//!   empty answers, and every handler body runs under `catch_unwind` (a rule panic is already
//!   caught by the engine); a panic is reported once with `window/showMessage`.

pub mod config;
pub mod convert;
pub mod coverage_text;
pub mod document;
pub mod handlers;
mod server;
pub mod settings;
mod transport;
pub mod workspace;

use convert::Encoding;
use document::{Analysis, LintJob, OpenDoc};
use futures::future::{BoxFuture, Shared};
use futures::FutureExt;
use handlers::diagnostics::Report;
use settings::ConfigStore;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;
use transport::Out;

#[doc(hidden)]
pub use transport::read_frames;
pub use transport::serve;

/// The code action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.starlint";

/// Run the server on stdin / stdout until the client says `exit`. True when `shutdown` came
/// first (exit code 0; 1 otherwise).
pub fn run_stdio() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let clean = runtime.block_on(async {
        let (input, output) = transport::stdio();
        serve(input, output).await
    });
    // Do not wait for the thread still blocked reading stdin (a client may keep it open), nor
    // for a lint still running.
    runtime.shutdown_background();
    Ok(clean)
}

/// Keys (rule codes, handler names, messages) already reported to the user, so each is said
/// once. Its own lock: read-only handlers record here too.
#[derive(Default)]
pub(crate) struct Reported(Mutex<HashSet<String>>);

impl Reported {
    /// True the first time `key` is seen.
    pub(crate) fn first(&self, key: &str) -> bool {
        let mut seen = self.0.lock().unwrap_or_else(|e| e.into_inner());
        seen.insert(key.to_string())
    }
}

/// A lint in flight, shared by every request that waits for the same revision.
type SharedLint = Shared<BoxFuture<'static, Option<Arc<Analysis>>>>;

/// Everything the server knows. Changed only through `Backend::mutate`; request handlers get
/// `&State` through `Backend::read`. Never locked across an `.await` or a lint.
#[derive(Default)]
pub struct State {
    pub(crate) docs: HashMap<Uri, OpenDoc>,
    pub(crate) encoding: Option<Encoding>,
    /// The client pulls diagnostics (`textDocument/diagnostic`).
    pub(crate) pull: bool,
    pub(crate) refresh_support: bool,
    /// The client takes `workspace/codeLens/refresh` (grades change with the settings).
    pub(crate) lens_refresh_support: bool,
    pub(crate) watch_dynamic: bool,
    pub(crate) config: ConfigStore,
    pub(crate) roots: Vec<PathBuf>,
    /// Each workspace folder as a story bank.
    pub(crate) workspace: workspace::Workspace,
    /// Rules (or handlers) whose panic was already reported, config errors already shown.
    pub(crate) reported: Reported,
    /// Lints in flight: (revision, lint) per document.
    lints: HashMap<Uri, (u64, SharedLint)>,
    /// `initialize` answered / `shutdown` received (for requests tower-lsp-server does not see).
    initialized: bool,
    shut_down: bool,
}

impl State {
    pub fn enc(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// Settings for a URI, the kind `[files]` forces on it, and an error message not shown
    /// before.
    fn settings_for(
        &mut self,
        uri: &Uri,
    ) -> (
        Arc<starlint_lint::Settings>,
        Option<starlint_lint::DocKind>,
        Option<String>,
    ) {
        let path = convert::file_path(uri);
        let (settings, error) = self.config.settings_for(path.as_deref());
        let kind = path.as_deref().and_then(|p| self.config.kind_for(p));
        let error = error.filter(|e| self.reported.first(e));
        (settings, kind, error)
    }
}

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<RwLock<State>>,
    /// Serialises publishing; holds the last revision published per document.
    published: Arc<tokio::sync::Mutex<HashMap<Uri, u64>>>,
    /// What the transport writes as it is (diagnostics, serialised straight from the analysis).
    out: tokio::sync::mpsc::Sender<Out>,
}

/// What to tell the client after a piece of work done under the lock.
#[derive(Default)]
struct Outbox {
    /// Documents to lint (off the lock) and publish to a push client, with the bank's
    /// diagnostics.
    lint: Vec<Uri>,
    messages: Vec<(MessageType, String)>,
    refresh: bool,
    /// Ask the client for code lenses again (the settings changed).
    lens_refresh: bool,
}

fn write_lock(state: &RwLock<State>) -> RwLockWriteGuard<'_, State> {
    // A panic while the lock was held leaves the state as it was at the panic: usable.
    state.write().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    fn new(client: Client, out: tokio::sync::mpsc::Sender<Out>) -> Self {
        Backend {
            client,
            state: Arc::new(RwLock::new(State::default())),
            published: Arc::new(tokio::sync::Mutex::new(HashMap::new())),
            out,
        }
    }

    /// Did the client ask for `shutdown`?
    pub(crate) fn was_shut_down(&self) -> bool {
        self.read_lock().shut_down
    }

    fn write(&self) -> RwLockWriteGuard<'_, State> {
        write_lock(&self.state)
    }

    fn read_lock(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Change the state (a notification's work), catching a panic (reported once, then
    /// `None`). Nothing in `f` may lint: documents are linted by `analysis`.
    fn mutate<T>(&self, what: &str, f: impl FnOnce(&mut State) -> T) -> (Option<T>, Outbox) {
        let mut state = self.write();
        let out = catch_unwind(AssertUnwindSafe(|| f(&mut state)));
        let ok = out.is_ok();
        (out.ok(), panic_outbox(&state, what, ok))
    }

    /// Read the state (a request's work), catching a panic like `mutate`.
    fn read<T>(&self, what: &str, f: impl FnOnce(&State) -> T) -> (Option<T>, Outbox) {
        let state = self.read_lock();
        let out = catch_unwind(AssertUnwindSafe(|| f(&state)));
        let ok = out.is_ok();
        (out.ok(), panic_outbox(&state, what, ok))
    }

    /// The analysis of a document's current revision: installed already, or linted now on a
    /// blocking thread (one lint per revision, however many requests wait for it).
    async fn analysis(&self, uri: &Uri) -> Option<Arc<Analysis>> {
        let lint = {
            let mut guard = self.write();
            let state = &mut *guard;
            let doc = state.docs.get_mut(uri)?;
            if let Some(a) = doc.current() {
                return Some(a);
            }
            let revision = doc.revision;
            match state.lints.get(uri) {
                Some((r, lint)) if *r == revision => lint.clone(),
                _ => {
                    let lint = self.start_lint(uri.clone(), doc.lint_job());
                    state.lints.insert(uri.clone(), (revision, lint.clone()));
                    lint
                }
            }
        };
        lint.await
    }

    /// Every open document's current analysis (for requests that read them all).
    async fn analyse_all(&self) {
        let uris: Vec<Uri> = self.read_lock().docs.keys().cloned().collect();
        for uri in uris {
            self.analysis(&uri).await;
        }
    }

    fn start_lint(&self, uri: Uri, job: LintJob) -> SharedLint {
        let state = Arc::clone(&self.state);
        async move {
            let revision = job.revision();
            let linted = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| job.run())).ok()
            })
            .await
            .ok()
            .flatten()?;
            let mut state = write_lock(&state);
            if state.lints.get(&uri).is_some_and(|(r, _)| *r == revision) {
                state.lints.remove(&uri);
            }
            Some(match state.docs.get_mut(&uri) {
                Some(doc) => doc.install(linted),
                None => linted.analysis,
            })
        }
        .boxed()
        .shared()
    }

    async fn send(&self, outbox: Outbox) {
        for (typ, message) in outbox.messages {
            self.client.log_message(typ, message.clone()).await;
            self.client.show_message(typ, message).await;
        }
        for uri in outbox.lint {
            self.push(uri).await;
        }
        if outbox.refresh {
            // Not awaited: a client that never answers must not hold a handler.
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
        if outbox.lens_refresh {
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client.code_lens_refresh().await;
            });
        }
    }

    /// Lint a document and publish its diagnostics (push clients only).
    async fn push(&self, uri: Uri) {
        if self.read_lock().pull {
            return;
        }
        let Some(analysis) = self.analysis(&uri).await else {
            return;
        };
        let (bank, outbox) = self.read("publish", |state| {
            let mut out = Outbox::default();
            report_panics(state, &uri, &analysis.panicked, &mut out);
            (handlers::bank::diagnostics_for(state, &uri), out)
        });
        let (bank, out) = bank.unwrap_or_default();
        for (typ, message) in merge(outbox, out).messages {
            self.client.log_message(typ, message.clone()).await;
            self.client.show_message(typ, message).await;
        }
        self.publish(uri, analysis, bank).await;
    }

    /// Read every folder not read yet, off the lock, one at a time.
    async fn scan_folders(&self) {
        loop {
            let job = {
                let state = self.read_lock();
                state
                    .workspace
                    .folders
                    .iter()
                    .find(|f| !f.scanned)
                    .map(|f| (f.root.clone(), state.config.clone()))
            };
            let Some((root, mut config)) = job else {
                break;
            };
            let scan_root = root.clone();
            let files =
                tokio::task::spawn_blocking(move || workspace::scan(&scan_root, &mut config))
                    .await
                    .unwrap_or_default();
            let (out, outbox) = self.mutate("bank scan", |state| {
                let mut out = Outbox::default();
                let jobs = handlers::bank::install_scan(state, &root, files, &mut out);
                (out, jobs)
            });
            // A scan that panicked still counts as done, so the loop ends.
            if let Some(folder) = self
                .write()
                .workspace
                .folders
                .iter_mut()
                .find(|f| f.root == root)
            {
                folder.scanned = true;
            }
            let (out, jobs) = out.unwrap_or_default();
            self.send(merge(outbox, out)).await;
            self.read_files(jobs).await;
        }
    }

    /// Read files for the bank off the lock, then re-run the banks they belong to.
    async fn read_files(&self, jobs: Vec<handlers::bank::Job>) {
        if jobs.is_empty() {
            return;
        }
        let done = tokio::task::spawn_blocking(move || {
            jobs.iter()
                .map(|job| (job.path.clone(), job.run()))
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let (out, outbox) = self.mutate("bank update", |state| {
            let mut out = Outbox::default();
            handlers::bank::install(state, done, &mut out);
            out
        });
        self.send(merge(outbox, out.unwrap_or_default())).await;
    }

    /// Forget every folder's summaries and read them again.
    async fn rescan_all(&self) {
        {
            let mut state = self.write();
            for folder in &mut state.workspace.folders {
                folder.scanned = false;
            }
        }
        self.scan_folders().await;
    }

    /// Publish unless the text changed since, or a newer revision was published already (the
    /// same revision again is fine: the bank's diagnostics for it may have changed).
    async fn publish(&self, uri: Uri, analysis: Arc<Analysis>, bank: Vec<Diagnostic>) {
        let revision = analysis.revision;
        let mut last = self.published.lock().await;
        let current = self.read_lock().docs.get(&uri).map(|d| d.revision);
        if current != Some(revision) {
            return;
        }
        if last.get(&uri).is_some_and(|&r| r > revision) {
            return;
        }
        last.insert(uri.clone(), revision);
        let _ = self
            .out
            .send(Out::Publish {
                uri,
                version: Some(analysis.version),
                analysis: Some(analysis),
                extra: bank,
            })
            .await;
    }

    /// The pull report for a document, and what to tell the client besides.
    async fn report(&self, params: &DocumentDiagnosticParams) -> (Report, Outbox) {
        let uri = &params.text_document.uri;
        // Unchanged since the client's last pull: no lint at all.
        let (unchanged, outbox) = self.read("textDocument/diagnostic", |state| {
            let revision = state.docs.get(uri)?.revision;
            handlers::diagnostics::unchanged(state, revision, params)
        });
        if let Some(Some(report)) = unchanged {
            return (report, outbox);
        }
        let Some(analysis) = self.analysis(uri).await else {
            return (Report::empty(), outbox);
        };
        let (out, outbox2) = self.read("textDocument/diagnostic", |state| {
            let mut out = Outbox::default();
            report_panics(state, uri, &analysis.panicked, &mut out);
            (handlers::diagnostics::full(state, uri, analysis), out)
        });
        let (report, out) = out.unwrap_or_else(|| (Report::empty(), Outbox::default()));
        (report, merge(merge(outbox, outbox2), out))
    }

    /// A `textDocument/diagnostic` request, answered by the transport (see `transport`).
    async fn pull(&self, request: jsonrpc::Request) -> Option<Out> {
        let (_, id, params) = request.into_parts();
        let id = id?;
        let (initialized, shut_down) = {
            let state = self.read_lock();
            (state.initialized, state.shut_down)
        };
        let error = |error| {
            Some(Out::Response(jsonrpc::Response::from_error(
                id.clone(),
                error,
            )))
        };
        if !initialized {
            return error(jsonrpc::Error {
                code: jsonrpc::ErrorCode::ServerError(-32002),
                message: "Server not initialized".into(),
                data: None,
            });
        }
        if shut_down {
            return error(jsonrpc::Error::invalid_request());
        }
        let params = params.unwrap_or(serde_json::Value::Null);
        let params: DocumentDiagnosticParams = match serde_json::from_value(params) {
            Ok(p) => p,
            Err(e) => return error(jsonrpc::Error::invalid_params(e.to_string())),
        };
        let (report, outbox) = self.report(&params).await;
        self.send(outbox).await;
        Some(Out::Pull { id, report })
    }
}

/// The message for a handler that panicked (once per handler), as an outbox.
fn panic_outbox(state: &State, what: &str, ok: bool) -> Outbox {
    let mut outbox = Outbox::default();
    if !ok && state.reported.first(what) {
        outbox.messages.push((
            MessageType::ERROR,
            format!(
                "starlint: internal error in {what}; the server keeps running (please report it)"
            ),
        ));
    }
    outbox
}

fn report_panics(state: &State, uri: &Uri, panicked: &[&'static str], outbox: &mut Outbox) {
    for code in panicked {
        if state.reported.first(code) {
            outbox.messages.push((
                MessageType::WARNING,
                format!(
                    "starlint: rule {code} crashed on {}; its diagnostics are missing (please report it)",
                    uri.as_str()
                ),
            ));
        }
    }
}

/// Settings changed (client settings or files on disk): re-resolve every document's settings
/// and queue its re-lint.
fn reload(state: &mut State, outbox: &mut Outbox) {
    let uris: Vec<Uri> = state.docs.keys().cloned().collect();
    for uri in uris {
        let (settings, kind, error) = state.settings_for(&uri);
        if let Some(e) = error {
            outbox
                .messages
                .push((MessageType::ERROR, format!("starlint: {e}")));
        }
        if let Some(doc) = state.docs.get_mut(&uri) {
            doc.configure(settings, kind);
        }
        if !state.pull {
            outbox.lint.push(uri);
        }
    }
    outbox.refresh = state.pull && state.refresh_support;
    outbox.lens_refresh = state.lens_refresh_support;
}

fn merge(mut a: Outbox, b: Outbox) -> Outbox {
    a.lint.extend(b.lint);
    a.messages.extend(b.messages);
    a.refresh |= b.refresh;
    a.lens_refresh |= b.lens_refresh;
    a
}
