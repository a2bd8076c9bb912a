//! `initialize`: negotiating the position encoding and the diagnostics model, and declaring
//! what the server can do.

use crate::convert::Encoding;
use crate::State;
use tower_lsp_server::ls_types::*;

pub fn initialize(state: &mut State, params: InitializeParams) -> InitializeResult {
    let caps = &params.capabilities;
    let enc = Encoding::negotiate(
        caps.general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    state.encoding = Some(enc);
    state.pull = caps
        .text_document
        .as_ref()
        .is_some_and(|t| t.diagnostic.is_some());
    let workspace = caps.workspace.as_ref();
    // `workspace.diagnostics.refreshSupport`. A client that pulls is asked to refresh unless it
    // says it cannot (a client without the request just answers an error).
    state.refresh_support = workspace
        .and_then(|w| w.diagnostics.as_ref())
        .and_then(|d| d.refresh_support)
        .unwrap_or(state.pull);
    state.lens_refresh_support = workspace
        .and_then(|w| w.code_lens.as_ref())
        .and_then(|c| c.refresh_support)
        .unwrap_or(false);
    state.watch_dynamic = workspace
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    state.roots = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| crate::convert::file_path(&f.uri))
        .collect();
    #[allow(deprecated)] // rootUri is still what many clients send.
    if state.roots.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(crate::convert::file_path) {
            state.roots.push(p);
        }
    }
    let roots = state.roots.clone();
    state.workspace.set_roots(&roots);
    state.config.set_client(params.initialization_options);
    InitializeResult {
        capabilities: capabilities(enc, state.pull),
        server_info: Some(ServerInfo {
            name: "starlint".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    }
}

pub fn capabilities(enc: Encoding, pull: bool) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                // A save re-runs the bank rules over the workspace.
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: pull.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("starlint".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(crate::FIX_ALL_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: None,
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".to_string(), ",".to_string()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![crate::handlers::bank::COVERAGE_COMMAND.to_string()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

/// Watch every `starlint.toml` / `.starlint.toml` (and principle files) in the workspace, and
/// the Markdown files the bank reads.
pub fn watch_registration() -> Registration {
    let watchers = ["**/*.toml", "**/*.md", "**/*.markdown"]
        .iter()
        .map(|g| FileSystemWatcher {
            glob_pattern: GlobPattern::String((*g).to_string()),
            kind: None,
        })
        .collect();
    Registration {
        id: "starlint-config-watch".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
            watchers,
        })
        .ok(),
    }
}
