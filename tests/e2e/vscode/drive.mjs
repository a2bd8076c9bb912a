// drive.mjs: installs the starlint .vsix into code-server, opens a story in VS Code's workbench
// in headless Chromium (playwright-core) and checks what a person would see: the Problems panel
// rows that our extension's server produced, the grade code lens, a settings change reaching the
// server, and the coverage panel. Run by tests/e2e/vscode.sh, which installs code-server and
// playwright-core.
//
// usage: node drive.mjs --vsix FILE [--bin STARLINT] --workspace DIR --deps DIR [--shots DIR] [--pidfile FILE]
// Without --bin, `starlint.path` is left unset and code-server runs with no `starlint` on PATH:
// the server must be the binary bundled in the .vsix.
// Prints "ok   ..." / "FAIL ..." lines; exits 0 when every check passed, 1 when one failed,
// 2 when the harness itself could not run.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
for (const k of ['vsix', 'workspace', 'deps']) {
  if (!args[k]) { console.error(`drive.mjs: --${k} is required`); process.exit(2); }
}
// The extension takes a relative starlint.path from the workspace folder: pass it absolute.
for (const k of ['vsix', 'bin', 'workspace', 'deps']) if (args[k]) args[k] = path.resolve(args[k]);
const WAIT = 20000;
const sleep = (n) => new Promise((r) => setTimeout(r, n));
const CODE_SERVER = path.join(args.deps, 'node_modules/.bin/code-server');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'starlint-vscode-e2e.'));
// code-server and Chromium leave sockets and profiles in TMPDIR: keep them in this run's folder.
fs.mkdirSync(path.join(TMP, 'tmp'));
process.env.TMPDIR = path.join(TMP, 'tmp');

const failures = [];
function check(cond, what) {
  console.log((cond ? 'ok   ' : 'FAIL ') + what);
  if (!cond) failures.push(what);
}

let codeServer = null;
let browser = null;
let page = null;
async function cleanup() {
  try { if (browser) await Promise.race([browser.close(), sleep(5000)]); } catch {}
  if (codeServer && codeServer.exitCode === null) {
    // code-server runs in its own process group (detached): stop the group it leads.
    try { process.kill(-codeServer.pid, 'SIGTERM'); } catch {}
    for (let i = 0; i < 50 && codeServer.exitCode === null && codeServer.signalCode === null; i++) await sleep(100);
    try { process.kill(-codeServer.pid, 'SIGKILL'); } catch {}
  }
}
async function shot(name) {
  if (!args.shots || !page) return;
  fs.mkdirSync(args.shots, { recursive: true });
  await page.screenshot({ path: path.join(args.shots, `${name}.png`) }).catch(() => {});
}
async function bail(code, message) {
  console.error(`drive.mjs: ${message}`);
  await shot('failure');
  try { console.error('code-server log tail:\n' + fs.readFileSync(path.join(TMP, 'code-server.log'), 'utf8').slice(-2000)); } catch {}
  await cleanup();
  process.exit(code);
}
process.on('unhandledRejection', (e) => bail(2, `harness error: ${e && e.stack || e}`));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
    s.on('error', reject);
  });
}
async function waitFor(pred, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await pred();
    if (v) return v;
    await sleep(200);
  }
  return null;
}

// Rows of the Problems panel as shown: severity from the row's aria-label, the rest from its text.
async function problems() {
  return page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => {
    const aria = e.getAttribute('aria-label') || '';
    const m = /^(Error|Warning|Info|Information|Hint): /.exec(aria);
    return m ? { severity: m[1].toLowerCase(), text: (e.innerText || '').replace(/\s+/g, ' ').trim(), aria } : null;
  }).filter(Boolean));
}
const star005 = (rows) => rows.find((r) => /STAR005/.test(r.text) && /starlint/.test(r.text));

async function runCommand(label) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { timeout: 5000 });
  await page.keyboard.type(label);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${label}"]`, { timeout: 10000 });
  await page.keyboard.press('Enter');
}

// The webview's content sits in an inner iframe; find the frame that shows our page.
async function coverageFrame() {
  for (const f of page.frames()) {
    const title = await f.evaluate(() => document.title).catch(() => '');
    if (title === 'Principle coverage') return f;
  }
  return null;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
  ...(args.bin ? { 'starlint.path': args.bin } : {}),
};

// Without --bin: PATH without any folder that holds a `starlint`, so only the bundled one is left.
function pathWithoutStarlint() {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter((d) => d && !fs.existsSync(path.join(d, 'starlint')));
  return dirs.join(path.delimiter);
}

async function main() {
  const pw = await import(path.join(args.deps, 'node_modules/playwright-core/index.mjs'));
  const userDir = path.join(TMP, 'user');
  const settingsFile = path.join(userDir, 'User/settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  // A setting the server can only know from the extension: STAR005 as an error.
  fs.writeFileSync(settingsFile, JSON.stringify({ ...USER_SETTINGS, 'starlint.severity': { STAR005: 'error' } }, null, 2));
  const env = {
    ...process.env,
    ...(args.bin ? {} : { PATH: pathWithoutStarlint() }),
    XDG_CONFIG_HOME: path.join(TMP, 'config'),
    XDG_DATA_HOME: path.join(TMP, 'data'),
    // Keep extension-gallery lookups on loopback, where nothing listens.
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
  };
  const csArgs = ['--config', path.join(TMP, 'config.yaml'), '--user-data-dir', userDir, '--extensions-dir', path.join(TMP, 'ext')];

  if (!args.bin) {
    let onPath = '';
    try { onPath = execFileSync('sh', ['-c', 'command -v starlint || true'], { env, encoding: 'utf8' }).trim(); } catch {}
    check(onPath === '' && !USER_SETTINGS['starlint.path'], `no starlint on code-server's PATH and no starlint.path: the server can only be the .vsix's bin/starlint${onPath ? ` (found ${onPath})` : ''}`);
  }
  let t = Date.now();
  const installed = execFileSync(CODE_SERVER, [...csArgs, '--install-extension', args.vsix], { env, encoding: 'utf8', timeout: 60000 });
  check(/successfully installed/i.test(installed), `code-server installs the .vsix (${Date.now() - t} ms)`);

  const port = await freePort();
  const log = fs.openSync(path.join(TMP, 'code-server.log'), 'a');
  codeServer = spawn(CODE_SERVER, [...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', args.workspace], { env, detached: true, stdio: ['ignore', log, log] });
  // The caller stops this process group if we are killed before cleanup() runs.
  if (args.pidfile) fs.writeFileSync(args.pidfile, String(codeServer.pid));
  const up = await waitFor(async () => {
    try { return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok; } catch { return false; }
  }, 30000);
  if (!up) await bail(2, 'code-server did not answer within 30 s');

  browser = await pw.chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  t = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(args.workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.statusbar', { timeout: 30000 });
  console.log(`     workbench loaded in ${Date.now() - t} ms`);

  // Open the story through Quick Open, as a person would.
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { timeout: 10000 });
  await page.keyboard.type('we.md');
  const row = await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label^="we.md"]', { timeout: 15000 }).catch(() => null);
  if (!row) await bail(2, 'Quick Open did not list we.md');
  t = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 10000 });
  await page.keyboard.press('Control+Shift+M');
  const first = await waitFor(async () => star005(await problems()), WAIT);
  await shot('problems');
  check(!!first, `opening we.md shows STAR005 from starlint in the Problems panel (${Date.now() - t} ms)`);
  if (first) {
    check(/\[Ln 7, Col 59\]/.test(first.text), `STAR005 at Ln 7, Col 59 (row: ${first.text})`);
    check(first.severity === 'error', `starlint.severity from the user settings reached the server: error (got ${first.severity})`);
  }
  // The story's readiness grade: a code lens above its title, from the server through the
  // language client (no extension code of ours in between).
  const lens = await waitFor(async () => {
    const texts = await page.$$eval('.monaco-editor .codelens-decoration', (els) => els.map((e) => (e.textContent || '').trim()));
    return texts.find((x) => /^Grade \d+/.test(x)) || null;
  }, WAIT);
  check(lens === 'Grade 90 · first: say "I" for what you did in the Action (+5)', `the grade code lens above the title (${lens})`);
  if (!args.bin) {
    // The server process is the .vsix's own bin/starlint, inside the extensions folder.
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    const server = ps.split('\n').find((l) => l.startsWith(path.join(TMP, 'ext')) && /\/bin\/starlint lsp$/.test(l.trim()));
    check(!!server, `the server is the bundled binary: ${server ? server.trim() : 'no bundled starlint lsp process'}`);
  }

  // Change the setting while running (in the workspace's settings, which VS Code watches):
  // the extension sends workspace/didChangeConfiguration.
  fs.mkdirSync(path.join(args.workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(args.workspace, '.vscode/settings.json'), JSON.stringify({ 'starlint.severity': { STAR005: 'info' } }));
  const changed = await waitFor(async () => {
    const r = star005(await problems());
    return r && r.severity !== 'error' ? r : null;
  }, WAIT);
  check(changed && /^info/.test(changed.severity), `a settings change re-lints: STAR005 now ${changed ? changed.severity : 'unchanged'}`);

  // Restart: a fresh client and server, diagnostics back.
  await runCommand('starlint: Restart server');
  const restarted = await waitFor(async () => {
    const status = await page.$$eval('.statusbar-item', (els) => els.map((e) => e.innerText).join(' '));
    return status.includes('starlint: server restarted');
  }, WAIT);
  const again = await waitFor(async () => star005(await problems()), WAIT);
  check(restarted && again, 'starlint: Restart server restarts it and STAR005 is shown again');

  // The coverage panel, with no editor open, so that a click on a story visibly opens it.
  await runCommand('View: Close All Editors');
  await waitFor(async () => !(await page.$('.tabs-container .tab')), 5000);
  await runCommand('starlint: Show principle coverage');
  const frame = await waitFor(async () => {
    const f = await coverageFrame();
    if (!f) return null;
    const text = await f.evaluate(() => document.body.innerText).catch(() => '');
    return /Computing coverage/.test(text) || !text ? null : f;
  }, WAIT);
  await shot('coverage');
  if (!frame) {
    check(false, 'the coverage panel opens');
  } else {
    const text = await frame.evaluate(() => document.body.innerText);
    // The panel shows `starlint report`'s page, run by the bundled binary.
    check(/Ownership/.test(text) && /Fixing the flaky deploys/.test(text) && /Stories with no principle/.test(text)
      && !!(await frame.$('table.matrix td.cell')),
    'the coverage panel shows starlint report\'s page: the matrix, the principles and the story');
    // A click on a story's path:line opens it (the editor of we.md becomes active at its line).
    const link = await frame.$('a[data-path][data-line]');
    if (link) {
      const line = await link.getAttribute('data-line');
      await link.click();
      const opened = await waitFor(async () => {
        if (!(await page.$('.tabs-container .tab[aria-label*="we.md"]'))) return false;
        const status = await page.$$eval('.statusbar-item', (els) => els.map((e) => e.innerText).join(' '));
        return status.includes(`Ln ${line}, Col 1`);
      }, 10000);
      await shot('opened');
      check(!!opened, `clicking a story in the coverage panel opens we.md at line ${line}`);
    } else {
      check(false, 'the coverage panel has story links');
    }
  }
  await cleanup();
  fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => bail(2, `harness error: ${e && e.stack || e}`));
