//! starlint's language server (`starlint lsp`): the engine's diagnostics, fixes and document model
//! over LSP, on tower-lsp and tokio.
//!
//! Architecture invariants:
//! - This is the only crate that knows LSP; `convert` is the only module that turns engine types
//!   (byte offsets, diagnostics, fixes) into LSP types, in the negotiated position encoding.
//! - `transport` owns the wire: it hands client messages to tower-lsp's `LspService` in arrival
//!   order (at most 4 in flight, as `tower_lsp_server::Server` does) and writes what comes back; only
//!   diagnostics (published or pulled) bypass tower-lsp's `serde_json::Value` step and are
//!   serialised straight from the stored analysis.
//! - Each `didChange` is applied to the rope, the string and the tree in one critical section
//!   with no `.await` inside; handlers start in arrival order, so edits never interleave.
//! - Diagnostics are pulled when the client can pull and pushed otherwise, never both; a result
//!   computed for an older version is never published over a newer one.
//! - Code actions never re-lint: fixes are kept with the version's analysis (not sent in
//!   `Diagnostic.data`) and found by the range and code of the diagnostic the client sends back.
//! - Nothing a client sends can panic the server: positions are clamped, unknown documents get
//!   empty answers, and every handler body runs under `catch_unwind` (a rule panic is already
//!   caught by the engine); a panic is reported once with `window/showMessage`.

pub mod convert;
pub mod document;
pub mod handlers;
pub mod settings;
mod transport;
pub mod workspace;

use convert::Encoding;
use document::{Analysis, OpenDoc};
use handlers::diagnostics::Report;
use settings::ConfigStore;
use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use transport::Out;

pub use transport::serve;

/// The code action kind of "apply every safe fix".
pub const FIX_ALL_KIND: &str = "source.fixAll.starlint";

/// Run the server on stdin / stdout until the client says `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (input, output) = transport::stdio();
        serve(input, output).await;
    });
    // Do not wait for the thread still blocked reading stdin (a client may keep it open).
    runtime.shutdown_background();
    Ok(())
}

/// Everything the server knows; guarded by one mutex, never held across an `.await`.
#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, OpenDoc>,
    pub encoding: Option<Encoding>,
    /// The client pulls diagnostics (`textDocument/diagnostic`).
    pub pull: bool,
    pub refresh_support: bool,
    pub watch_dynamic: bool,
    pub config: ConfigStore,
    pub roots: Vec<PathBuf>,
    /// Each workspace folder as a story bank.
    pub workspace: workspace::Workspace,
    /// Rules (or handlers) whose panic was already reported.
    pub(crate) reported: HashSet<String>,
    /// Config errors already shown.
    shown_errors: HashSet<String>,
    /// `initialize` answered / `shutdown` received (for requests tower-lsp does not see).
    initialized: bool,
    shut_down: bool,
}

impl State {
    pub fn enc(&self) -> Encoding {
        self.encoding.unwrap_or(Encoding::Utf16)
    }

    /// Settings for a URI, and an error message not shown before.
    fn settings_for(&mut self, uri: &Uri) -> (Arc<starlint_lint::Settings>, Option<String>) {
        let path = crate::convert::file_path(&uri);
        let (settings, error) = self.config.settings_for(path.as_deref());
        let error = error.filter(|e| self.shown_errors.insert(e.clone()));
        (settings, error)
    }
}

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Serialises publishing; holds the last version published per document.
    published: Arc<tokio::sync::Mutex<HashMap<Uri, i32>>>,
    /// What the transport writes as it is (diagnostics, serialised straight from the analysis).
    out: tokio::sync::mpsc::Sender<Out>,
}

/// What to tell the client after a piece of work done under the lock.
#[derive(Default)]
struct Outbox {
    /// A document's analysis, and the bank's diagnostics for it.
    publish: Vec<(Uri, Arc<Analysis>, Vec<Diagnostic>)>,
    messages: Vec<(MessageType, String)>,
    refresh: bool,
}

impl Backend {
    fn new(client: Client, out: tokio::sync::mpsc::Sender<Out>) -> Self {
        Backend {
            client,
            state: Arc::new(Mutex::new(State::default())),
            published: Arc::new(tokio::sync::Mutex::new(HashMap::new())),
            out,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while the lock was held leaves the state as it was at the panic: usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Run `f` on the state under the lock, catching a panic (reported once, then `None`).
    fn with_state<T>(&self, what: &str, f: impl FnOnce(&mut State) -> T) -> (Option<T>, Outbox) {
        let mut state = self.lock();
        let out = catch_unwind(AssertUnwindSafe(|| f(&mut state)));
        let mut outbox = Outbox::default();
        if out.is_err() && state.reported.insert(what.to_string()) {
            outbox.messages.push((
                MessageType::ERROR,
                format!("starlint: internal error in {what}; the server keeps running (please report it)"),
            ));
        }
        (out.ok(), outbox)
    }

    async fn send(&self, outbox: Outbox) {
        for (typ, message) in outbox.messages {
            self.client.log_message(typ, message.clone()).await;
            self.client.show_message(typ, message).await;
        }
        for (uri, analysis, bank) in outbox.publish {
            self.publish(uri, analysis, bank).await;
        }
        if outbox.refresh {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Read every folder not read yet, off the lock, one at a time.
    async fn scan_folders(&self) {
        loop {
            let job = {
                let state = self.lock();
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
            let (out, outbox) = self.with_state("bank scan", |state| {
                let mut out = Outbox::default();
                let jobs = handlers::bank::install_scan(state, &root, files, &mut out);
                (out, jobs)
            });
            // A scan that panicked still counts as done, so the loop ends.
            if let Some(folder) = self
                .lock()
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
        let (out, outbox) = self.with_state("bank update", |state| {
            let mut out = Outbox::default();
            handlers::bank::install(state, done, &mut out);
            out
        });
        self.send(merge(outbox, out.unwrap_or_default())).await;
    }

    /// Forget every folder's summaries and read them again.
    async fn rescan_all(&self) {
        {
            let mut state = self.lock();
            for folder in &mut state.workspace.folders {
                folder.scanned = false;
            }
        }
        self.scan_folders().await;
    }

    /// Publish unless a newer version exists or was published already.
    async fn publish(&self, uri: Uri, analysis: Arc<Analysis>, bank: Vec<Diagnostic>) {
        let version = analysis.version;
        let mut last = self.published.lock().await;
        let current = self.lock().docs.get(&uri).map(|d| d.version);
        if current != Some(version) {
            return;
        }
        if last.get(&uri).is_some_and(|&v| v > version) {
            return;
        }
        last.insert(uri.clone(), version);
        let _ = self
            .out
            .send(Out::Publish {
                uri,
                version: Some(version),
                analysis: Some(analysis),
                extra: bank,
            })
            .await;
    }

    /// The pull report for a document, and what to tell the client besides.
    fn report(&self, params: &DocumentDiagnosticParams) -> (Report, Outbox) {
        let (out, outbox) = self.with_state("textDocument/diagnostic", |state| {
            let mut out = Outbox::default();
            let report = handlers::diagnostics::pull(state, params);
            if let Report::Full {
                analysis: Some(a), ..
            } = &report
            {
                report_panics(state, &params.text_document.uri, &a.panicked, &mut out);
            }
            (report, out)
        });
        let (report, out) = out.unwrap_or_else(|| (Report::empty(), Outbox::default()));
        (report, merge(outbox, out))
    }

    /// A `textDocument/diagnostic` request, answered by the transport (see `transport`).
    async fn pull(&self, request: jsonrpc::Request) -> Option<Out> {
        let (_, id, params) = request.into_parts();
        let id = id?;
        let (initialized, shut_down) = {
            let state = self.lock();
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
        let (report, outbox) = self.report(&params);
        self.send(outbox).await;
        Some(Out::Pull { id, report })
    }
}

/// Lint a document now (push clients) and queue what to tell the client.
fn lint_for_push(state: &mut State, uri: &Uri, outbox: &mut Outbox) {
    let Some(doc) = state.docs.get_mut(uri) else {
        return;
    };
    let analysis = doc.analysis();
    report_panics(state, uri, &analysis.panicked, outbox);
    if !state.pull {
        let bank = handlers::bank::diagnostics_for(state, uri);
        outbox.publish.push((uri.clone(), analysis, bank));
    }
}

fn report_panics(state: &mut State, uri: &Uri, panicked: &[&'static str], outbox: &mut Outbox) {
    for code in panicked {
        if state.reported.insert((*code).to_string()) {
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

/// Settings changed (client settings or files on disk): re-resolve and re-lint every document.
fn reload(state: &mut State, outbox: &mut Outbox) {
    let uris: Vec<Uri> = state.docs.keys().cloned().collect();
    for uri in uris {
        let (settings, error) = state.settings_for(&uri);
        if let Some(e) = error {
            outbox
                .messages
                .push((MessageType::ERROR, format!("starlint: {e}")));
        }
        if let Some(doc) = state.docs.get_mut(&uri) {
            doc.set_settings(settings);
        }
        if !state.pull {
            lint_for_push(state, &uri, outbox);
        }
    }
    outbox.refresh = state.pull && state.refresh_support;
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let (result, outbox) = self.with_state("initialize", |state| {
            let result = handlers::lifecycle::initialize(state, params);
            state.initialized = true;
            result
        });
        self.send(outbox).await;
        Ok(result.unwrap_or_default())
    }

    async fn initialized(&self, _: InitializedParams) {
        let dynamic = self.lock().watch_dynamic;
        if dynamic {
            let _ = self
                .client
                .register_capability(vec![handlers::lifecycle::watch_registration()])
                .await;
        }
        self.scan_folders().await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let (job, outbox) = self.with_state("didSave", |state| {
            handlers::bank::open_job(state, &params.text_document.uri)
        });
        self.send(outbox).await;
        self.read_files(job.flatten().into_iter().collect()).await;
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command != handlers::bank::COVERAGE_COMMAND {
            return Err(tower_lsp_server::jsonrpc::Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let (out, outbox) = self.with_state("workspace/executeCommand", |state| {
            handlers::bank::coverage(state, &params.arguments)
        });
        self.send(outbox).await;
        Ok(out)
    }

    async fn shutdown(&self) -> Result<()> {
        self.lock().shut_down = true;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let (out, outbox) = self.with_state("didOpen", |state| {
            let mut out = Outbox::default();
            let doc = params.text_document;
            let enc = state.enc();
            let (settings, error) = state.settings_for(&doc.uri);
            if let Some(e) = error {
                out.messages
                    .push((MessageType::ERROR, format!("starlint: {e}")));
            }
            state.docs.insert(
                doc.uri.clone(),
                OpenDoc::new(doc.text, doc.version, settings, enc).with_name_of(&doc.uri),
            );
            if !state.pull {
                lint_for_push(state, &doc.uri, &mut out);
            }
            let job = handlers::bank::open_job(state, &doc.uri);
            (out, job)
        });
        let (out, job) = out.unwrap_or_default();
        self.send(merge(outbox, out)).await;
        // The bank reads the buffer after the document's own diagnostics are out.
        self.read_files(job.into_iter().collect()).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // One critical section: every content change, then the version.
        let (out, outbox) = self.with_state("didChange", |state| {
            let mut out = Outbox::default();
            let uri = params.text_document.uri;
            let Some(doc) = state.docs.get_mut(&uri) else {
                return out;
            };
            for change in &params.content_changes {
                doc.apply_change(change);
            }
            doc.version = params.text_document.version;
            if !state.pull {
                lint_for_push(state, &uri, &mut out);
            }
            out
        });
        self.send(merge(outbox, out.unwrap_or_default())).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let (pull, outbox) = self.with_state("didClose", |state| {
            state.docs.remove(&uri);
            // The bank goes back to the file on disk (the buffer may not have been saved).
            let job =
                convert::file_path(&uri).and_then(|path| handlers::bank::disk_job(state, &path));
            (state.pull, job)
        });
        let (pull, job) = pull.unwrap_or((false, None));
        {
            // Held while the empty list is queued, so no publish of the closed version passes it.
            let mut published = self.published.lock().await;
            published.remove(&uri);
            if !pull {
                let _ = self
                    .out
                    .send(Out::Publish {
                        uri,
                        version: None,
                        analysis: None,
                        extra: Vec::new(),
                    })
                    .await;
            }
        }
        self.send(outbox).await;
        self.read_files(job.into_iter().collect()).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let (out, outbox) = self.with_state("didChangeConfiguration", |state| {
            let mut out = Outbox::default();
            state.config.set_client(Some(params.settings));
            reload(state, &mut out);
            out
        });
        self.send(merge(outbox, out.unwrap_or_default())).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        // Configuration is discovered per file; each folder is its own bank.
        {
            let mut state = self.lock();
            for removed in params.event.removed {
                if let Some(p) = crate::convert::file_path(&removed.uri) {
                    state.roots.retain(|r| *r != p);
                }
            }
            for added in params.event.added {
                if let Some(p) = crate::convert::file_path(&added.uri) {
                    state.roots.push(p);
                }
            }
            let roots = state.roots.clone();
            state.workspace.set_roots(&roots);
        }
        self.scan_folders().await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let config_changed = params.changes.iter().any(|c| {
            c.uri
                .path()
                .as_str()
                .rsplit('/')
                .next()
                .is_some_and(|name| name.ends_with(".toml"))
        });
        let (out, outbox) = self.with_state("didChangeWatchedFiles", |state| {
            let mut out = Outbox::default();
            if config_changed {
                state.config.clear();
                reload(state, &mut out);
            }
            (out, handlers::bank::watched(state, &params.changes))
        });
        let (out, jobs) = out.unwrap_or_default();
        self.send(merge(outbox, out)).await;
        self.read_files(jobs).await;
        if config_changed {
            // The principle set or the files' settings may have changed: read the banks again.
            self.rescan_all().await;
        }
    }

    /// Only reached when the service runs under another transport than `serve` (which answers
    /// these requests itself, serialising the same report straight to JSON).
    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let (report, outbox) = self.report(&params);
        self.send(outbox).await;
        Ok(report.to_lsp())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (out, outbox) = self.with_state("textDocument/codeAction", |state| {
            handlers::code_action::actions(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let (out, outbox) = self.with_state("textDocument/hover", |state| {
            handlers::hover::hover(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let (out, outbox) = self.with_state("textDocument/completion", |state| {
            handlers::completion::complete(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let (out, outbox) = self.with_state("textDocument/documentSymbol", |state| {
            handlers::symbols::document_symbols(state, &params.text_document.uri)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (out, outbox) = self.with_state("workspace/symbol", |state| {
            handlers::symbols::workspace_symbols(state, &params.query)
        });
        self.send(outbox).await;
        Ok(out.map(WorkspaceSymbolResponse::Flat))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let (out, outbox) = self.with_state("textDocument/inlayHint", |state| {
            handlers::hints::inlay_hints(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }
}

fn merge(mut a: Outbox, b: Outbox) -> Outbox {
    a.publish.extend(b.publish);
    a.messages.extend(b.messages);
    a.refresh |= b.refresh;
    a
}
