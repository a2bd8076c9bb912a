//! What the server is sent for the `starlint.*` settings.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { serverSettings } from '../src/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

test('unset settings send nothing', () => {
  // What VS Code returns for the declared defaults.
  assert.deepEqual(serverSettings(from({
    path: '', plaintext: false, 'trace.server': 'off', select: null, ignore: null, severity: {},
    rules: {}, markers: {}, 'principles.set': '', 'principles.file': null,
    'principles.extend': null, 'bank.target': null, 'bank.rolePrinciples': null,
  })), {});
});

test('settings take starlint.toml keys and spelling; editor-only ones stay behind', () => {
  const base = path.resolve('/work/bank');
  const sent = serverSettings(from({
    path: '/usr/bin/starlint', plaintext: true, 'trace.server': 'verbose',
    select: ['STAR', 'LP'], ignore: ['STYLE004'], severity: { STAR008: 'warning' },
    rules: { 'story-too-long': { 'max-words': 250 } }, markers: { action: ['Steps I took'] },
    'principles.set': 'meta', 'principles.file': 'values.toml',
    'principles.extend': [path.resolve('/etc/more.toml')], 'bank.target': 3, 'bank.rolePrinciples': ['Ownership', 'Dive Deep'],
  }), base);
  assert.deepEqual(sent, {
    select: ['STAR', 'LP'],
    ignore: ['STYLE004'],
    severity: { STAR008: 'warning' },
    rules: { 'story-too-long': { 'max-words': 250 } },
    markers: { action: ['Steps I took'] },
    principles: {
      set: 'meta', file: path.join(base, 'values.toml'), extend: [path.resolve('/etc/more.toml')],
    },
    bank: { target: 3, 'role-principles': ['Ownership', 'Dive Deep'] },
  });
});

test('an empty select is sent (it turns every rule off, as in starlint.toml); bad values are not', () => {
  assert.deepEqual(serverSettings(from({ select: [] })), { select: [] });
  assert.deepEqual(serverSettings(from({ select: 'STAR', 'bank.target': 1.5, ignore: [1] })), {});
});
