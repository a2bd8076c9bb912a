//! The coverage panel's HTML, made from the result of the server's `starlint.coverage` command.
//! Pure (no `vscode` import) so it is unit-tested with plain `node --test`. Every piece of text
//! comes from user files or the server, so all of it goes through `escapeHtml`.

/** One story as the server reports it. */
export interface CoverageStory {
  uri: string;
  path: string;
  line: number;
  title: string;
  principles: string[];
  parts: string[];
  words: number;
}

/** One principle: `stories` are indices into the folder's `stories`. */
export interface CoveragePrinciple {
  name: string;
  stories: number[];
  target: number;
  /** False when the role does not need this principle: shown, never marked below target. */
  required: boolean;
}

export interface CoverageFolder {
  uri: string;
  name: string;
  target: number;
  stories: CoverageStory[];
  principles: CoveragePrinciple[];
  untagged: number[];
  over_tagged: number[];
  /** The plain-text table `starlint coverage` prints. */
  text: string;
}

export interface CoverageResult {
  folders: CoverageFolder[];
}

/** What the panel needs from VS Code to build a safe page. */
export interface PageOptions {
  /** A fresh random value per render: the only scripts and styles allowed to run carry it. */
  nonce: string;
  /** `webview.cspSource`. */
  cspSource: string;
}

/** A link click posted by the page. */
export interface OpenMessage {
  type: 'open';
  uri: string;
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

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const asCount = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0;

/**
 * Read the command's result defensively: a server older or newer than this extension may leave
 * fields out, and an index outside `stories` must not break the page.
 */
export function normalise(raw: unknown): CoverageResult {
  const folders = asArray((raw as { folders?: unknown } | null)?.folders).map((f): CoverageFolder => {
    const o = (f ?? {}) as Record<string, unknown>;
    const stories = asArray(o.stories).map((s): CoverageStory => {
      const t = (s ?? {}) as Record<string, unknown>;
      return {
        uri: asString(t.uri),
        path: asString(t.path),
        line: Math.max(1, asCount(t.line)),
        title: asString(t.title),
        principles: asArray(t.principles).map(asString),
        parts: asArray(t.parts).map(asString),
        words: asCount(t.words),
      };
    });
    const indices = (v: unknown) =>
      asArray(v).filter((i): i is number => Number.isInteger(i) && (i as number) >= 0 && (i as number) < stories.length);
    const target = asCount(o.target);
    return {
      uri: asString(o.uri),
      name: asString(o.name),
      target,
      stories,
      principles: asArray(o.principles).map((p): CoveragePrinciple => {
        const q = (p ?? {}) as Record<string, unknown>;
        return {
          name: asString(q.name),
          stories: indices(q.stories),
          target: q.target === undefined ? target : asCount(q.target),
          required: q.required !== false,
        };
      }),
      untagged: indices(o.untagged),
      over_tagged: indices(o.over_tagged),
      text: asString(o.text),
    };
  });
  return { folders };
}

/** Is a principle short of its target (only principles the role requires can be)? */
export function belowTarget(p: CoveragePrinciple): boolean {
  return p.required && p.stories.length < p.target;
}

/** Check a message from the page before acting on it. */
export function parseOpenMessage(msg: unknown): OpenMessage | undefined {
  const m = msg as Record<string, unknown> | null;
  if (!m || m.type !== 'open' || typeof m.uri !== 'string' || m.uri === '') return undefined;
  const line = Number(m.line);
  return { type: 'open', uri: m.uri, line: Number.isInteger(line) && line >= 1 ? line : 1 };
}

function storyLink(s: CoverageStory): string {
  const where = `${s.path || s.uri}:${s.line}`;
  return `<a href="#" class="story" data-uri="${escapeHtml(s.uri)}" data-line="${s.line}" title="${escapeHtml(where)}">${escapeHtml(s.title || '(untitled story)')}</a>`
    + ` <span class="where">${escapeHtml(where)}</span>`;
}

function storyList(folder: CoverageFolder, indices: number[]): string {
  if (indices.length === 0) return '';
  return '<ul class="stories">' + indices.map((i) => `<li>${storyLink(folder.stories[i])}</li>`).join('') + '</ul>';
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function renderFolder(folder: CoverageFolder): string {
  const below = folder.principles.filter(belowTarget).length;
  const rows = folder.principles.map((p) => {
    const count = p.stories.length;
    let status: string;
    let cls: string;
    if (!p.required) {
      cls = 'optional';
      status = '<span class="mark">–</span> not required by the role';
    } else if (count < p.target) {
      cls = 'below';
      status = `<span class="mark">✗</span> below target: needs ${p.target - count} more`;
    } else {
      cls = 'ok';
      status = '<span class="mark">✓</span> on target';
    }
    return `<tr class="${cls}"><td class="name">${escapeHtml(p.name)}</td>`
      + `<td class="count">${count}/${p.target}</td><td class="status">${status}</td>`
      + `<td>${storyList(folder, p.stories)}</td></tr>`;
  }).join('\n');
  const summary = `${plural(folder.stories.length, 'story', 'stories')}; target ${folder.target} per principle; `
    + `${below} of ${plural(folder.principles.length, 'principle', 'principles')} below target`;
  const empty = folder.stories.length === 0
    ? '<p class="empty">No stories found in this folder yet. A story is a Markdown section with Situation, Task, Action and Result.</p>'
    : '';
  const table = folder.principles.length === 0
    ? '<p class="empty">No principles are configured.</p>'
    : '<table><thead><tr><th>Principle</th><th>Stories</th><th>Status</th><th>Which</th></tr></thead>'
      + `<tbody>\n${rows}\n</tbody></table>`;
  return `<section class="folder" data-folder="${escapeHtml(folder.uri)}">`
    + `<h2>${escapeHtml(folder.name || folder.uri)}</h2>`
    + `<p class="summary">${escapeHtml(summary)}</p>${empty}${table}`
    + `<h3>Stories with no principle (${folder.untagged.length})</h3>`
    + (storyList(folder, folder.untagged) || '<p class="none">None.</p>')
    + `<h3>Stories with too many principles (${folder.over_tagged.length})</h3>`
    + (storyList(folder, folder.over_tagged) || '<p class="none">None.</p>')
    + (folder.text ? `<details><summary>As plain text</summary><pre>${escapeHtml(folder.text)}</pre></details>` : '')
    + '</section>';
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1em 2em; }
header { display: flex; align-items: center; gap: 1em; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 12px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
td.count, td.status { white-space: nowrap; }
td.count { font-variant-numeric: tabular-nums; }
tr.below .status { color: var(--vscode-errorForeground); }
tr.ok .status { color: var(--vscode-testing-iconPassed, inherit); }
tr.optional { opacity: .75; }
ul.stories { margin: 0; padding-left: 1.2em; }
.where, .summary, .none, .empty { color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); }
pre { font-family: var(--vscode-editor-font-family); white-space: pre; overflow-x: auto; }
.error { color: var(--vscode-errorForeground); }
`;

// Runs inside the webview: turns clicks into messages for the extension. No data is interpolated.
const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('a.story, #refresh') : null;
  if (!target) return;
  event.preventDefault();
  if (target.id === 'refresh') { vscode.postMessage({ type: 'refresh' }); return; }
  vscode.postMessage({ type: 'open', uri: target.dataset.uri, line: Number(target.dataset.line) });
});
`;

/** A whole page around `body` (already-escaped HTML), with a strict Content-Security-Policy. */
export function page(body: string, opts: PageOptions): string {
  const nonce = escapeHtml(opts.nonce);
  const csp = `default-src 'none'; img-src ${escapeHtml(opts.cspSource)}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${csp}">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
    + `<title>Principle coverage</title><style nonce="${nonce}">${STYLE}</style></head><body>`
    + '<header><h1>Principle coverage</h1><button id="refresh" type="button">Refresh</button></header>'
    + `${body}<script nonce="${nonce}">${SCRIPT}</script></body></html>`;
}

/** The panel for a command result. */
export function renderCoverage(raw: unknown, opts: PageOptions): string {
  const result = normalise(raw);
  if (result.folders.length === 0) {
    return page('<p class="empty">No workspace folder is open: open the folder that holds your stories.</p>', opts);
  }
  return page(result.folders.map(renderFolder).join('\n'), opts);
}

/** The panel while loading or after an error (`message` is plain text). */
export function renderMessage(message: string, opts: PageOptions, isError = false): string {
  return page(`<p class="${isError ? 'error' : 'empty'}">${escapeHtml(message)}</p>`, opts);
}

/** Every story URI a result links to: the only ones the panel agrees to open. */
export function storyUris(raw: unknown): Set<string> {
  const uris = new Set<string>();
  for (const f of normalise(raw).folders) for (const s of f.stories) if (s.uri) uris.add(s.uri);
  return uris;
}
