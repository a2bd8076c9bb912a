//! Finding the server binary: `starlint.path` first, then the bundled binary, then PATH, and
//! errors that say what to do.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { bundledPath, findExecutable } from '../src/executable';

const unix = process.platform !== 'win32';

function tempBin(): { dir: string; bin: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-test-'));
  const bin = path.join(dir, 'starlint');
  fs.writeFileSync(bin, '#!/bin/sh\n');
  fs.chmodSync(bin, 0o755);
  return { dir, bin };
}

/** An extension folder with a bundled bin/starlint. */
function tempExtension(mode = 0o755): { dir: string; bin: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-ext-'));
  const bin = bundledPath(dir);
  fs.mkdirSync(path.dirname(bin));
  fs.writeFileSync(bin, '#!/bin/sh\n');
  fs.chmodSync(bin, mode);
  return { dir, bin };
}

test('the setting wins, relative to the workspace folder', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  const ext = tempExtension();
  assert.deepEqual(findExecutable(bin, { PATH: '' }, undefined, ext.dir), { ok: true, command: bin, source: 'setting' });
  assert.deepEqual(findExecutable('starlint', { PATH: '' }, dir), { ok: true, command: bin, source: 'setting' });
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(ext.dir, { recursive: true });
});

test('the bundled binary comes before PATH', { skip: !unix }, () => {
  const onPath = tempBin();
  const ext = tempExtension();
  assert.deepEqual(findExecutable('', { PATH: onPath.dir }, undefined, ext.dir), { ok: true, command: ext.bin, source: 'bundled' });
  fs.rmSync(onPath.dir, { recursive: true });
  fs.rmSync(ext.dir, { recursive: true });
});

test('a bundled binary that lost its execute bit is made executable', { skip: !unix }, () => {
  const ext = tempExtension(0o644);
  assert.deepEqual(findExecutable('', { PATH: '' }, undefined, ext.dir), { ok: true, command: ext.bin, source: 'bundled' });
  fs.rmSync(ext.dir, { recursive: true });
});

test('PATH is searched when the setting is empty and nothing is bundled', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  const emptyExt = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-ext-'));
  const found = findExecutable('', { PATH: ['/nonexistent', dir].join(path.delimiter) }, undefined, emptyExt);
  assert.deepEqual(found, { ok: true, command: bin, source: 'path' });
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(emptyExt, { recursive: true });
});

test('not found: the message says what to do', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  fs.chmodSync(bin, 0o644);
  const emptyExt = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-ext-'));
  const none = findExecutable(undefined, { PATH: dir }, undefined, emptyExt);
  assert.equal(none.ok, false);
  const message = !none.ok ? none.message : '';
  assert.match(message, /no bundled binary for .*no `starlint` on PATH/);
  assert.match(message, /pip install starlint/);
  assert.match(message, /`starlint\.path`/);
  const set = findExecutable(bin, { PATH: '' }, undefined, emptyExt);
  assert.equal(set.ok, false);
  assert.match(!set.ok ? set.message : '', /`starlint\.path`.*not executable/);
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(emptyExt, { recursive: true });
});
