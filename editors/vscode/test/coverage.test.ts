//! The coverage panel: `starlint report`'s page fitted into a webview (CSP, nonces, the click
//! script), the paths it may open, and the panel's own messages.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embedReport, escapeHtml, parseOpenMessage, renderMessage, reportArgs, reportPaths } from '../src/coverage';

const OPTS = { nonce: 'n0nce', cspSource: 'vscode-webview://test' };

/** The shape of `starlint report`'s page: one inline stylesheet, no script, data-path links. */
const REPORT = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Principle coverage</title>
<style>
body { color: var(--fg); }
</style>
</head>
<body>
<main>
<table class="matrix"><tbody><tr data-story="0"><th scope="row"><a href="#story-0">Fixing the flaky deploys</a></th></tr></tbody></table>
<article id="story-0"><p class="where"><a href="we.md" data-path="we.md" data-line="5">we.md:5</a></p></article>
<article id="story-1"><p class="where"><a href="a%20%26%20b.md" data-path="dir/a &amp; b&quot;.md" data-line="9">dir/a &amp; b&quot;.md:9</a></p></article>
</main>
</body>
</html>
`;

test('the report gets a strict CSP, the nonce on its stylesheet, and the click script', () => {
  const html = embedReport(REPORT, OPTS);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, 'no CSP meta');
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /style-src 'nonce-n0nce'/);
  assert.match(csp[1], /script-src 'nonce-n0nce'/);
  // The CSP comes before anything that could load.
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<style'));
  const styles = html.match(/<style\b[^>]*>/g) ?? [];
  assert.ok(styles.length >= 2 && styles.every((s) => s === '<style nonce="n0nce">'), String(styles));
  assert.deepEqual(html.match(/<script\b[^>]*>/g), ['<script nonce="n0nce">']);
  assert.ok(html.indexOf('<script nonce') > html.indexOf('</main>'), 'script before the content');
  assert.match(html, /<body><div class="starlint-toolbar"><button id="refresh"/);
  // The report's content is untouched.
  assert.ok(html.includes('<a href="we.md" data-path="we.md" data-line="5">we.md:5</a>'));
});

test('a script in the report would not carry the nonce', () => {
  const hostile = REPORT.replace('<main>', '<main><script>alert(1)</script>');
  const html = embedReport(hostile, OPTS);
  assert.ok(html.includes('<script>alert(1)</script>'), 'left as is, and blocked by the CSP');
  assert.equal((html.match(/<script nonce="n0nce">/g) ?? []).length, 1);
});

test('the paths a page may open are its data-path values, unescaped', () => {
  assert.deepEqual([...reportPaths(REPORT)].sort(), ['dir/a & b".md', 'we.md']);
  assert.equal(reportPaths('<p>no links</p>').size, 0);
});

test('open messages are checked', () => {
  assert.deepEqual(parseOpenMessage({ type: 'open', path: 'we.md', line: 5 }), { type: 'open', path: 'we.md', line: 5 });
  assert.deepEqual(parseOpenMessage({ type: 'open', path: 'we.md', line: 'x' }), { type: 'open', path: 'we.md', line: 1 });
  assert.equal(parseOpenMessage({ type: 'open', path: '' }), undefined);
  assert.equal(parseOpenMessage({ type: 'open', uri: 'file:///etc/passwd' }), undefined);
  assert.equal(parseOpenMessage(null), undefined);
});

test('messages are escaped and the report runs in the first folder', () => {
  const html = renderMessage('<b>no</b> server', OPTS, true);
  assert.ok(html.includes('<p class="error">&lt;b&gt;no&lt;/b&gt; server</p>'));
  assert.equal(escapeHtml(`<'&">`), '&lt;&#39;&amp;&quot;&gt;');
  assert.deepEqual(reportArgs(['/w/a', '/w/b']), ['report', '.', '/w/b', '--title', 'Principle coverage']);
});
