//! Where the `starlint` binary is: the `starlint.path` setting, else `starlint` on PATH. Pure
//! apart from file-system checks, so it is tested without VS Code.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type Found = { ok: true; command: string } | { ok: false; message: string };

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

/**
 * Resolve the server executable. `setting` is `starlint.path` (empty: search PATH); a relative
 * setting is taken from `baseDir` (the first workspace folder), `~` from the home directory.
 */
export function findExecutable(
  setting: string | undefined,
  env: NodeJS.ProcessEnv,
  baseDir: string | undefined,
): Found {
  const configured = (setting ?? '').trim();
  if (configured !== '') {
    let file = configured;
    if (file === '~' || file.startsWith('~/')) file = path.join(os.homedir(), file.slice(1));
    if (!path.isAbsolute(file) && baseDir) file = path.resolve(baseDir, file);
    if (isExecutable(file)) return { ok: true, command: file };
    return {
      ok: false,
      message: `starlint: the executable set in \`starlint.path\` was not found or is not executable: ${file}`,
    };
  }
  const names = process.platform === 'win32'
    ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => 'starlint' + ext.toLowerCase())
    : ['starlint'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const file = path.join(dir, name);
      if (isExecutable(file)) return { ok: true, command: file };
    }
  }
  return {
    ok: false,
    message: 'starlint: no `starlint` executable on PATH. Install it (`cargo install --path crates/cli` in a starlint checkout) or set `starlint.path` to the binary.',
  };
}
