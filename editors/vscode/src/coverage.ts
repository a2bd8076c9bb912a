//! The coverage panel. Its page is `starlint report`'s HTML (one source of truth for the view:
//! the same page the command writes for a browser); this module only fits it into a webview:
//! a strict Content-Security-Policy, a nonce on the report's one inline stylesheet, a Refresh
//! button, and a small script that turns clicks on `path:line` links into messages. Pure (no
//! `vscode` import) so it is unit-tested with plain `node --test`.

/** What the panel needs from VS Code to build a safe page. */
export interface PageOptions {
  /** A fresh random value per render: the only scripts and styles allowed to run carry it. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
}

/** A link click posted by the page: a story's path as the report shows it, and its line. */
export interface OpenMessage {
  type: 'open';
  path: string;
  line: number;
}

export function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Check a message from the page before acting on it. */
export function parseOpenMessage(msg: unknown): OpenMessage | undefined {
  const m = msg as Record<string, unknown> | null;
  if (!m || m.type !== 'open' || typeof m.path !== 'string' || m.path === '') return undefined;
  const line = Number(m.line);
  return { type: 'open', path: m.path, line: Number.isInteger(line) && line >= 1 ? line : 1 };
}

/** Every story path a report links to (`data-path`): the only ones the panel agrees to open. */
export function reportPaths(html: string): Set<string> {
  const paths = new Set<string>();
  for (const m of html.matchAll(/\sdata-path="([^"]*)"/g)) paths.add(unescapeHtml(m[1]));
  return paths;
}

const TOOLBAR_STYLE = `
.starlint-toolbar { display: flex; justify-content: flex-end; padding: .5rem 0 0; }
.starlint-toolbar button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; }
.starlint-toolbar button:hover { background: var(--vscode-button-hoverBackground); }
.error { color: var(--vscode-errorForeground); }
.empty { color: var(--vscode-descriptionForeground); }
`;

// Runs inside the webview: turns clicks into messages for the extension. No data is interpolated.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('a[data-path], #refresh') : null;
  if (!target) return;
  event.preventDefault();
  if (target.id === 'refresh') { vscode.postMessage({ type: 'refresh' }); return; }
  vscode.postMessage({ type: 'open', path: target.dataset.path, line: Number(target.dataset.line) });
});
`;

function csp(opts: PageOptions): string {
  const nonce = escapeHtml(opts.nonce);
  return `default-src 'none'; img-src ${escapeHtml(opts.cspSource)}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

const TOOLBAR = '<div class="starlint-toolbar"><button id="refresh" type="button">Refresh</button></div>';

/**
 * Fit `starlint report`'s page into the webview. The page has no script of its own and one
 * `<style>`; any other `<script>` or `<style>` it held would not carry the nonce and so would
 * not run.
 */
export function embedReport(html: string, opts: PageOptions): string {
  const nonce = escapeHtml(opts.nonce);
  const head = `<meta http-equiv="Content-Security-Policy" content="${csp(opts)}">`
    + `<style nonce="${nonce}">${TOOLBAR_STYLE}</style>`;
  let out = html.replace(/<head>/i, () => `<head>${head}`);
  out = out.replace(/<style>/i, () => `<style nonce="${nonce}">`);
  out = out.replace(/<body>/i, () => `<body>${TOOLBAR}`);
  const script = `<script nonce="${nonce}">${SCRIPT}</script>`;
  return /<\/body>/i.test(out) ? out.replace(/<\/body>/i, () => `${script}</body>`) : out + script;
}

/** A whole page around `body` (already-escaped HTML), for the panel's own messages. */
export function page(body: string, opts: PageOptions): string {
  const nonce = escapeHtml(opts.nonce);
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${csp(opts)}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
    + `<title>Principle coverage</title><style nonce="${nonce}">${TOOLBAR_STYLE}</style></head><body>`
    + `${TOOLBAR}<h1>Principle coverage</h1>`
    + `${body}<script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

/** The panel while loading or after an error (`message` is plain text). */
export function renderMessage(message: string, opts: PageOptions, isError = false): string {
  return page(`<p class="${isError ? 'error' : 'empty'}">${escapeHtml(message)}</p>`, opts);
}

/**
 * `starlint report`'s arguments for the workspace folders: it runs in the first, so the paths
 * the page shows (and links) are relative to it; the other folders are given whole.
 */
export function reportArgs(folders: string[]): string[] {
  return ['report', '.', ...folders.slice(1), '--title', 'Principle coverage'];
}
