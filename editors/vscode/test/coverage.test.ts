//! The coverage panel's HTML: escaping, marks, empty banks, several folders, the page's CSP.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { belowTarget, escapeHtml, normalise, parseOpenMessage, renderCoverage, storyUris } from '../src/coverage';

const OPTS = { nonce: 'n0nce', cspSource: 'vscode-webview://test' };

function story(uri: string, path: string, line: number, title: string, principles: string[] = []) {
  return { uri, path, line, title, principles, parts: ['Situation', 'Task', 'Action', 'Result'], words: 140 };
}

const ONE = {
  folders: [{
    uri: 'file:///bank', name: 'bank', target: 2,
    stories: [
      story('file:///bank/a.md', 'a.md', 5, 'Fixing the flaky deploys', ['Ownership']),
      story('file:///bank/b.md', 'b.md', 1, 'Untagged one'),
      story('file:///bank/c.md', 'c.md', 9, 'Everything at once', ['Ownership', 'Dive Deep', 'Frugality', 'Think Big']),
    ],
    principles: [
      { name: 'Ownership', stories: [0, 2], target: 2, required: true },
      { name: 'Dive Deep', stories: [2], target: 2, required: true },
      { name: 'Frugality', stories: [2], target: 2, required: false },
    ],
    untagged: [1], over_tagged: [2],
    text: 'Story bank: 3 stories',
  }],
};

/** The table row of one principle. */
function row(html: string, name: string): string {
  const m = new RegExp(`<tr class="[a-z]+"><td class="name">${name}</td>.*?</tr>`).exec(html);
  assert.ok(m, `no row for ${name}`);
  return m[0];
}

test('a hostile title is escaped everywhere it appears', () => {
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>&';
  const raw = structuredClone(ONE);
  raw.folders[0].stories[0].title = evil;
  raw.folders[0].stories[0].uri = 'file:///bank/a.md" onclick="alert(3)';
  raw.folders[0].name = '<b>bank</b>';
  raw.folders[0].principles[0].name = '<i>Ownership</i>';
  raw.folders[0].text = '</pre><script>alert(4)</script>';
  const html = renderCoverage(raw, OPTS);
  assert.ok(!html.includes('<img'), 'raw <img> tag in output');
  assert.ok(!html.includes('<script>alert'), 'raw script in output');
  assert.ok(!html.includes('<b>bank'), 'raw folder name');
  assert.ok(!html.includes('<i>Ownership'), 'raw principle name');
  assert.ok(!html.includes('" onclick="'), 'attribute broken out of');
  assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'));
  assert.ok(html.includes('&lt;/pre&gt;&lt;script&gt;alert(4)'));
  // The only scripts are the page's own, carrying the nonce.
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.deepEqual(scripts, ['<script nonce="n0nce">']);
});

test('the page has a strict Content-Security-Policy', () => {
  const html = renderCoverage(ONE, OPTS);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp);
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /script-src 'nonce-n0nce'/);
  assert.doesNotMatch(csp[1], /unsafe-inline|unsafe-eval/);
  assert.match(html, /<button id="refresh"/);
});

test('principles below target are marked, met and not-required ones are not', () => {
  const html = renderCoverage(ONE, OPTS);
  const own = row(html, 'Ownership');
  assert.match(own, /class="ok"/);
  assert.match(own, /2\/2/);
  assert.doesNotMatch(own, /below target/);
  const dive = row(html, 'Dive Deep');
  assert.match(dive, /class="below"/);
  assert.match(dive, /1\/2/);
  assert.match(dive, /below target: needs 1 more/);
  const frugal = row(html, 'Frugality');
  assert.match(frugal, /class="optional"/);
  assert.match(frugal, /not required by the role/);
  assert.doesNotMatch(frugal, /below target/);
  assert.match(html, /3 stories; target 2 per principle; 1 of 3 principles below target/);
});

test('stories are links to file and line; untagged and over-tagged are listed', () => {
  const html = renderCoverage(ONE, OPTS);
  assert.match(row(html, 'Ownership'), /data-uri="file:\/\/\/bank\/a\.md" data-line="5"[^>]*>Fixing the flaky deploys<\/a> <span class="where">a\.md:5<\/span>/);
  assert.match(html, /Stories with no principle \(1\)<\/h3><ul class="stories"><li><a [^>]*data-uri="file:\/\/\/bank\/b\.md"/);
  assert.match(html, /Stories with too many principles \(1\)<\/h3><ul class="stories"><li><a [^>]*>Everything at once/);
  assert.deepEqual([...storyUris(ONE)].sort(), ['file:///bank/a.md', 'file:///bank/b.md', 'file:///bank/c.md']);
});

test('an empty bank says so and still lists the principles at 0', () => {
  const html = renderCoverage({
    folders: [{
      uri: 'file:///empty', name: 'empty', target: 2, stories: [],
      principles: [{ name: 'Ownership', stories: [], target: 2, required: true }],
      untagged: [], over_tagged: [], text: '',
    }],
  }, OPTS);
  assert.match(html, /No stories found in this folder/);
  assert.match(row(html, 'Ownership'), /0\/2.*needs 2 more/);
  assert.match(html, /Stories with no principle \(0\)<\/h3><p class="none">None\.<\/p>/);
  assert.match(renderCoverage({ folders: [] }, OPTS), /No workspace folder is open/);
});

test('several workspace folders each get their own section, in order', () => {
  const second = structuredClone(ONE.folders[0]);
  second.uri = 'file:///other';
  second.name = 'other';
  second.stories = [story('file:///other/x.md', 'x.md', 3, 'Other story', ['Dive Deep'])];
  second.principles = [{ name: 'Dive Deep', stories: [0], target: 1, required: true }];
  second.untagged = [];
  second.over_tagged = [];
  const html = renderCoverage({ folders: [ONE.folders[0], second] }, OPTS);
  const sections = html.match(/<section class="folder" data-folder="[^"]+"><h2>[^<]*<\/h2>/g) ?? [];
  assert.deepEqual(sections, [
    '<section class="folder" data-folder="file:///bank"><h2>bank</h2>',
    '<section class="folder" data-folder="file:///other"><h2>other</h2>',
  ]);
  const otherPart = html.slice(html.indexOf('data-folder="file:///other"'));
  // Indices are per folder: index 0 of the second folder is its own story.
  assert.match(otherPart, /Dive Deep<\/td><td class="count">1\/1<\/td>.*Other story/);
});

test('a malformed result does not break the page', () => {
  const r = normalise({ folders: [{ name: 'x', stories: [{ title: 't' }], principles: [{ name: 'P', stories: [0, 7, -1, 'a'] }], untagged: [3] }] });
  assert.deepEqual(r.folders[0].principles[0].stories, [0]);
  assert.deepEqual(r.folders[0].untagged, []);
  assert.equal(r.folders[0].stories[0].line, 1);
  assert.equal(belowTarget({ name: 'P', stories: [], target: 0, required: true }), false);
  assert.doesNotThrow(() => renderCoverage(null, OPTS));
  assert.doesNotThrow(() => renderCoverage({ folders: 'nope' }, OPTS));
});

test('messages from the page are checked', () => {
  assert.deepEqual(parseOpenMessage({ type: 'open', uri: 'file:///a.md', line: 4 }), { type: 'open', uri: 'file:///a.md', line: 4 });
  assert.equal(parseOpenMessage({ type: 'open', line: 4 }), undefined);
  assert.equal(parseOpenMessage({ type: 'other', uri: 'file:///a.md' }), undefined);
  assert.equal(parseOpenMessage({ type: 'open', uri: 'file:///a.md', line: 'x' })?.line, 1);
  assert.equal(escapeHtml(`'"<>&`), '&#39;&quot;&lt;&gt;&amp;');
});
