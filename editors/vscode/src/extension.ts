//! The starlint extension: runs `starlint lsp` through vscode-languageclient for Markdown (and
//! optionally plain-text) documents, keeps the server's settings in step with `starlint.*`, and
//! shows the story bank in a panel: `starlint report`'s page, whose story links open the story.

import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  DocumentSelector,
  Executable,
  LanguageClient,
  LanguageClientOptions,
} from 'vscode-languageclient/node';
import { embedReport, parseOpenMessage, renderMessage, reportArgs, reportPaths } from './coverage';
import { findExecutable, INSTALL_HINT } from './executable';
import { serverSettings } from './settings';

const SOURCES = { setting: 'from starlint.path', bundled: 'bundled with the extension', path: 'found on PATH' } as const;

let client: LanguageClient | undefined;
/** Where the extension is installed: a platform's .vsix has the binary in its bin/. */
let extensionDir: string | undefined;
let output: vscode.OutputChannel;
let coverage: CoveragePanel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('starlint');
  extensionDir = context.extensionPath;
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('starlint.showCoverage', () => showCoverage(context)),
    vscode.commands.registerCommand('starlint.restart', () => restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('starlint.path') || e.affectsConfiguration('starlint.plaintext')) {
        void restart();
      } else if (e.affectsConfiguration('starlint')) {
        void sendSettings();
      }
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

function firstFolder(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

function currentSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('starlint');
  return serverSettings((key) => config.get(key), firstFolder());
}

async function startClient(): Promise<LanguageClient | undefined> {
  const config = vscode.workspace.getConfiguration('starlint');
  const found = findExecutable(config.get<string>('path'), process.env, firstFolder(), extensionDir);
  if (!found.ok) {
    output.appendLine(found.message);
    void vscode.window.showErrorMessage(found.message, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'starlint.path');
    });
    return undefined;
  }
  // No `transport`: it would make the client append `--stdio`, which `starlint lsp` rejects.
  const server: Executable = { command: found.command, args: ['lsp'] };
  const selector: DocumentSelector = [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'untitled', language: 'markdown' },
  ];
  if (config.get<boolean>('plaintext')) {
    selector.push({ scheme: 'file', language: 'plaintext' }, { scheme: 'untitled', language: 'plaintext' });
  }
  const options: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: currentSettings(),
    outputChannel: output,
  };
  // The id `starlint` makes the client read `starlint.trace.server`.
  const c = new LanguageClient('starlint', 'starlint', server, options);
  client = c;
  output.appendLine(`starting ${found.command} lsp (${SOURCES[found.source]})`);
  try {
    await c.start();
  } catch (e) {
    const message = `starlint: the server (${found.command} lsp) did not start: ${e instanceof Error ? e.message : String(e)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(`${message}. ${INSTALL_HINT}`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'starlint.path');
    });
  }
  return c;
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.dispose(2000);
  } catch (e) {
    output.appendLine(`stopping the server: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function restart(): Promise<void> {
  await stopClient();
  const c = await startClient();
  if (c?.isRunning()) void vscode.window.setStatusBarMessage('starlint: server restarted', 3000);
}

/** The server replaces its client settings wholesale, so always send all of them. */
async function sendSettings(): Promise<void> {
  if (!client?.isRunning()) return;
  await client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { starlint: currentSettings() },
  });
  repullDiagnostics(client);
  void coverage?.refresh();
}

/**
 * Ask VS Code to pull diagnostics again for every open document. The server answers a settings
 * change with `workspace/diagnostic/refresh` only when it sees the client's refresh support,
 * which it reads from a field VS Code does not send (`workspace.diagnostic` instead of the
 * specified `workspace.diagnostics`); without this, old diagnostics stay until the next edit.
 */
function repullDiagnostics(c: LanguageClient): void {
  const feature = c.getFeature(DocumentDiagnosticRequest.method);
  if (!feature) return;
  const providers = new Set<{ onDidChangeDiagnosticsEmitter: vscode.EventEmitter<void> }>();
  for (const doc of vscode.workspace.textDocuments) {
    const provider = feature.getProvider(doc);
    if (provider) providers.add(provider);
  }
  providers.forEach((p) => p.onDidChangeDiagnosticsEmitter.fire());
}

async function showCoverage(context: vscode.ExtensionContext): Promise<void> {
  if (!coverage) {
    coverage = new CoveragePanel(() => {
      coverage = undefined;
    });
    context.subscriptions.push(coverage);
  }
  coverage.reveal();
  await coverage.refresh();
}

/** The file-system workspace folders, in order. */
function fileFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Run `starlint report` on the workspace folders; its page, and its stderr. */
function runReport(command: string, folders: string[]): Promise<{ html: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, reportArgs(folders), { cwd: folders[0], maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        // Exit 2 with a page means a file could not be read: the page shows the rest.
        if (stdout.includes('<html')) resolve({ html: stdout, stderr });
        else reject(new Error(stderr.trim() || (error ? error.message : 'no output')));
      });
  });
}

/** The webview that shows `starlint report`'s page for the workspace; one at a time. */
class CoveragePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  /** Story paths of the last page: a message may only open one of these. */
  private allowed = new Set<string>();
  /** The folder the last report ran in (its paths are relative to it). */
  private base = '';
  private generation = 0;

  constructor(onDispose: () => void) {
    this.panel = vscode.window.createWebviewPanel(
      'starlint.coverage',
      'Principle coverage',
      vscode.ViewColumn.Beside,
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
    );
    this.panel.onDidDispose(() => {
      this.disposables.forEach((d) => d.dispose());
      onDispose();
    }, null, this.disposables);
    this.panel.webview.onDidReceiveMessage((msg) => this.onMessage(msg), null, this.disposables);
    // The page reads the files on disk: a save changes it.
    vscode.workspace.onDidSaveTextDocument(() => void this.refresh(), null, this.disposables);
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel.dispose();
  }

  private options() {
    return { nonce: crypto.randomBytes(16).toString('hex'), cspSource: this.panel.webview.cspSource };
  }

  private show(message: string, isError: boolean): void {
    this.panel.webview.html = renderMessage(message, this.options(), isError);
  }

  async refresh(): Promise<void> {
    // A slow answer must not overwrite a newer one.
    const generation = ++this.generation;
    const folders = fileFolders();
    if (folders.length === 0) {
      this.show('No workspace folder is open: open the folder that holds your stories.', false);
      return;
    }
    const config = vscode.workspace.getConfiguration('starlint');
    const found = findExecutable(config.get<string>('path'), process.env, folders[0], extensionDir);
    if (!found.ok) {
      this.show(found.message, true);
      return;
    }
    if (!this.panel.webview.html) this.show('Computing coverage…', false);
    try {
      const { html, stderr } = await runReport(found.command, folders);
      if (generation !== this.generation) return;
      if (stderr.trim()) output.appendLine(stderr.trim());
      this.allowed = reportPaths(html);
      this.base = folders[0];
      this.panel.webview.html = embedReport(html, this.options());
    } catch (e) {
      if (generation !== this.generation) return;
      this.show(`Coverage failed: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  private async onMessage(msg: unknown): Promise<void> {
    if ((msg as { type?: unknown } | null)?.type === 'refresh') {
      await this.refresh();
      return;
    }
    const open = parseOpenMessage(msg);
    if (!open || !this.allowed.has(open.path)) return;
    const uri = vscode.Uri.file(path.resolve(this.base, open.path));
    const position = new vscode.Position(open.line - 1, 0);
    // Open stories beside the panel rather than on top of it.
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    try {
      await vscode.window.showTextDocument(uri, {
        selection: new vscode.Range(position, position),
        viewColumn: column,
        preview: false,
      });
    } catch (e) {
      void vscode.window.showErrorMessage(`starlint: cannot open ${open.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
