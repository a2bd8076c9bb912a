//! Finding the server binary: `starlint.path` first, then PATH, and errors that name the setting.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { findExecutable } from '../src/executable';

const unix = process.platform !== 'win32';

function tempBin(): { dir: string; bin: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-test-'));
  const bin = path.join(dir, 'starlint');
  fs.writeFileSync(bin, '#!/bin/sh\n');
  fs.chmodSync(bin, 0o755);
  return { dir, bin };
}

test('the setting wins, relative to the workspace folder', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  assert.deepEqual(findExecutable(bin, { PATH: '' }, undefined), { ok: true, command: bin });
  assert.deepEqual(findExecutable('starlint', { PATH: '' }, dir), { ok: true, command: bin });
  fs.rmSync(dir, { recursive: true });
});

test('PATH is searched when the setting is empty', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  const found = findExecutable('', { PATH: ['/nonexistent', dir].join(path.delimiter) }, undefined);
  assert.deepEqual(found, { ok: true, command: bin });
  fs.rmSync(dir, { recursive: true });
});

test('not found: the message names the setting', { skip: !unix }, () => {
  const { dir, bin } = tempBin();
  fs.chmodSync(bin, 0o644);
  const onPath = findExecutable(undefined, { PATH: dir }, undefined);
  assert.equal(onPath.ok, false);
  assert.match(!onPath.ok ? onPath.message : '', /no `starlint` executable on PATH.*`starlint\.path`/);
  const set = findExecutable(bin, { PATH: '' }, undefined);
  assert.equal(set.ok, false);
  assert.match(!set.ok ? set.message : '', /`starlint\.path`.*not executable/);
  fs.rmSync(dir, { recursive: true });
});
