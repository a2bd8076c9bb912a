//! Where the `starlint` binary is: the `starlint.path` setting, else the binary bundled in the
//! platform's .vsix (`bin/starlint`), else `starlint` on PATH. Pure apart from file-system
//! checks, so it is tested without VS Code.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Found =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'path' }
  | { ok: false; message: string };

/** What a person can do when no binary works: the same advice everywhere. */
export const INSTALL_HINT =
  'Install it with `pip install starlint` (or `pipx install starlint`) so that `starlint` is on PATH, '
  + 'install the starlint extension built for your platform (it has the binary inside), '
  + 'or set `starlint.path` to the binary; then run "starlint: Restart server".';

/** Is `file` a regular file we may execute? */
function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    // Windows has no execute bit; existence is what counts there.
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The bundled binary's path inside the extension folder, for this platform. */
export function bundledPath(extensionDir: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(extensionDir, 'bin', platform === 'win32' ? 'starlint.exe' : 'starlint');
}

/**
 * A bundled binary that lost its execute bit on the way (an unzip that drops modes) is made
 * executable again; true when it is executable afterwards.
 */
function bundledUsable(file: string): boolean {
  if (isExecutable(file)) return true;
  if (process.platform === 'win32' || !fs.existsSync(file)) return false;
  try {
    fs.chmodSync(file, 0o755);
  } catch {
    return false;
  }
  return isExecutable(file);
}

/**
 * Resolve the server executable. `setting` is `starlint.path` (empty: not set); a relative
 * setting is taken from `baseDir` (the first workspace folder), `~` from the home directory.
 * `extensionDir` is where the extension is installed: a platform-specific .vsix carries the
 * binary in its `bin/`. Order: the setting, the bundled binary, PATH.
 */
export function findExecutable(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  baseDir: string | undefined,
  extensionDir?: string,
): Found {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    let file = configured;
    if (file === '~' || file.startsWith('~/')) file = path.join(os.homedir(), file.slice(1));
    if (!path.isAbsolute(file) && baseDir) file = path.resolve(baseDir, file);
    if (isExecutable(file)) return { ok: true, command: file, source: 'setting' };
    return {
      ok: false,
      message: `starlint: the executable set in \`starlint.path\` was not found or is not executable: ${file}. `
        + 'Fix the path, or clear the setting to use the bundled binary or `starlint` on PATH.',
    };
  }
  if (extensionDir) {
    const bundled = bundledPath(extensionDir);
    if (bundledUsable(bundled)) return { ok: true, command: bundled, source: 'bundled' };
  }
  const names = process.platform === 'win32'
    ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => 'starlint' + ext.toLowerCase())
    : ['starlint'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return { ok: true, command: file, source: 'path' };
    }
  }
  const where = extensionDir
    ? `this extension has no bundled binary for ${process.platform}-${process.arch}, \`starlint.path\` is not set, and there is no \`starlint\` on PATH`
    : '`starlint.path` is not set and there is no `starlint` on PATH';
  return { ok: false, message: `starlint: no server to start: ${where}. ${INSTALL_HINT}` };
}
