//! The LSP methods: each notification changes the state through `Backend::mutate`, each
//! request reads it through `Backend::read` after `Backend::analysis` has linted what it needs
//! (see the crate's invariants).

use crate::document::OpenDoc;
use crate::transport::Out;
use crate::{convert, handlers, merge, reload, Backend, Outbox, State};
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::LanguageServer;

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let (result, outbox) = self.mutate("initialize", |state| {
            let result = handlers::lifecycle::initialize(state, params);
            state.initialized = true;
            result
        });
        self.send(outbox).await;
        Ok(result.unwrap_or_default())
    }

    async fn initialized(&self, _: InitializedParams) {
        let dynamic = self.read_lock().watch_dynamic;
        if dynamic {
            // Not awaited: a client that never answers must not hold a handler.
            let client = self.client.clone();
            tokio::spawn(async move {
                let _ = client
                    .register_capability(vec![handlers::lifecycle::watch_registration()])
                    .await;
            });
        }
        self.scan_folders().await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let (job, outbox) = self.mutate("didSave", |state| {
            handlers::bank::open_job(state, &params.text_document.uri)
        });
        self.send(outbox).await;
        self.read_files(job.flatten().into_iter().collect()).await;
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != handlers::bank::COVERAGE_COMMAND {
            return Err(jsonrpc::Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let (out, outbox) = self.mutate("workspace/executeCommand", |state| {
            handlers::bank::coverage(state, &params.arguments)
        });
        self.send(outbox).await;
        Ok(out)
    }

    async fn shutdown(&self) -> Result<()> {
        self.write().shut_down = true;
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let (job, outbox) = self.mutate("didOpen", |state| {
            let mut out = Outbox::default();
            let enc = state.enc();
            let (settings, kind, error) = state.settings_for(&doc.uri);
            if let Some(e) = error {
                out.messages
                    .push((MessageType::ERROR, format!("starlint: {e}")));
            }
            let mut open =
                OpenDoc::new(doc.text, doc.version, settings, enc).with_name_of(&doc.uri);
            open.forced_kind = kind;
            too_large(state, &doc.uri, &open, &mut out);
            state.docs.insert(doc.uri.clone(), open);
            if !state.pull {
                out.lint.push(doc.uri.clone());
            }
            (out, handlers::bank::open_job(state, &doc.uri))
        });
        let (out, job) = job.unwrap_or_default();
        self.send(merge(outbox, out)).await;
        // The bank reads the buffer after the document's own diagnostics are out.
        self.read_files(job.into_iter().collect()).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // One critical section: every content change, then the version.
        let uri = params.text_document.uri;
        let (known, outbox) = self.mutate("didChange", |state| {
            let mut out = Outbox::default();
            let Some(doc) = state.docs.get_mut(&uri) else {
                return (false, out);
            };
            for change in &params.content_changes {
                doc.apply_change(change);
            }
            doc.version = params.text_document.version;
            if let Some(doc) = state.docs.get(&uri) {
                too_large(state, &uri, doc, &mut out);
            }
            (true, out)
        });
        let (known, out) = known.map_or((None, Outbox::default()), |(k, o)| (Some(k), o));
        self.send(merge(outbox, out)).await;
        if known == Some(true) {
            self.push(uri).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let (pull, outbox) = self.mutate("didClose", |state| {
            state.docs.remove(&uri);
            state.lints.remove(&uri);
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
        let (out, outbox) = self.mutate("didChangeConfiguration", |state| {
            let mut out = Outbox::default();
            state.config.set_client(Some(params.settings));
            reload(state, &mut out);
            out
        });
        self.send(merge(outbox, out.unwrap_or_default())).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        // Configuration is discovered per file; each folder is its own bank.
        let (_, outbox) = self.mutate("didChangeWorkspaceFolders", |state| {
            for removed in &params.event.removed {
                if let Some(p) = convert::file_path(&removed.uri) {
                    state.roots.retain(|r| *r != p);
                }
            }
            for added in &params.event.added {
                if let Some(p) = convert::file_path(&added.uri) {
                    state.roots.push(p);
                }
            }
            let roots = state.roots.clone();
            state.workspace.set_roots(&roots);
        });
        self.send(outbox).await;
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
        let (out, outbox) = self.mutate("didChangeWatchedFiles", |state| {
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
        let (report, outbox) = self.report(&params).await;
        self.send(outbox).await;
        Ok(report.to_lsp())
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.analysis(&params.text_document.uri).await;
        let (out, outbox) = self.read("textDocument/codeAction", |state| {
            handlers::code_action::actions(state, &params)
        });
        self.send(outbox).await;
        let Some((mut actions, fix_all)) = out.flatten() else {
            return Ok(None);
        };
        if let Some(job) = fix_all {
            if let Ok(Some(action)) = tokio::task::spawn_blocking(move || job.run()).await {
                actions.push(action);
            }
        }
        Ok(Some(actions))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        // A principle's hover lists the stories of every open document.
        self.analyse_all().await;
        let (out, outbox) = self.read("textDocument/hover", |state| {
            handlers::hover::hover(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let (out, outbox) = self.read("textDocument/completion", |state| {
            handlers::completion::complete(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.analysis(&params.text_document.uri).await;
        let (out, outbox) = self.read("textDocument/documentSymbol", |state| {
            handlers::symbols::document_symbols(state, &params.text_document.uri)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.analyse_all().await;
        let (out, outbox) = self.read("workspace/symbol", |state| {
            handlers::symbols::workspace_symbols(state, &params.query)
        });
        self.send(outbox).await;
        Ok(out.map(WorkspaceSymbolResponse::Flat))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.analysis(&params.text_document.uri).await;
        let (out, outbox) = self.read("textDocument/codeLens", |state| {
            handlers::lens::code_lenses(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.analysis(&params.text_document.uri).await;
        let (out, outbox) = self.read("textDocument/inlayHint", |state| {
            handlers::hints::inlay_hints(state, &params)
        });
        self.send(outbox).await;
        Ok(out.flatten())
    }
}

/// Say once per document that it is over `[files] max-size` and is not checked.
fn too_large(state: &State, uri: &Uri, doc: &OpenDoc, out: &mut Outbox) {
    if let Some(why) = doc.too_large() {
        if state.reported.first(&format!("too-large {}", uri.as_str())) {
            let name = doc.name.as_deref().unwrap_or(uri.as_str());
            out.messages
                .push((MessageType::WARNING, format!("starlint: {name}: {why}")));
        }
    }
}
