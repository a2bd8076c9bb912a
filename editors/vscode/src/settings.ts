//! The `starlint.*` settings turned into what the server takes as client settings
//! (`initializationOptions` and `workspace/didChangeConfiguration`): an object with the keys of
//! `starlint.toml`, spelt as there (kebab-case). The server rejects unknown keys, so editor-only
//! settings (`path`, `plaintext`, `trace`) are never sent. `[files]` is left out: only the
//! command line reads it.

import * as path from 'node:path';

/** Reads one setting below `starlint.` (as `WorkspaceConfiguration.get` does). */
export type Get = (key: string) => unknown;

const stringList = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

const nonEmptyObject = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0
    ? (v as Record<string, unknown>)
    : undefined;

/** Principle files are read by the server, whose working directory may differ: make them absolute. */
function absolute(file: string, baseDir: string | undefined): string {
  return path.isAbsolute(file) || !baseDir ? file : path.resolve(baseDir, file);
}

/**
 * The server's settings object. Unset settings are left out (the server then keeps what
 * `starlint.toml` says); `baseDir` anchors relative principle files.
 */
export function serverSettings(get: Get, baseDir?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const select = stringList(get('select'));
  if (select) out.select = select;
  const ignore = stringList(get('ignore'));
  if (ignore) out.ignore = ignore;
  const severity = nonEmptyObject(get('severity'));
  if (severity) out.severity = severity;
  const rules = nonEmptyObject(get('rules'));
  if (rules) out.rules = rules;
  const markers = nonEmptyObject(get('markers'));
  if (markers) out.markers = markers;

  const principles: Record<string, unknown> = {};
  const set = get('principles.set');
  if (typeof set === 'string' && set.trim() !== '') principles.set = set.trim();
  const file = get('principles.file');
  if (typeof file === 'string' && file.trim() !== '') principles.file = absolute(file.trim(), baseDir);
  const extend = stringList(get('principles.extend'));
  if (extend) principles.extend = extend.map((f) => absolute(f, baseDir));
  if (Object.keys(principles).length > 0) out.principles = principles;

  const bank: Record<string, unknown> = {};
  const target = get('bank.target');
  if (typeof target === 'number' && Number.isInteger(target) && target >= 0) bank.target = target;
  const role = stringList(get('bank.rolePrinciples'));
  if (role) bank['role-principles'] = role;
  if (Object.keys(bank).length > 0) out.bank = bank;
  return out;
}
