// Renders starlint's HTML report and cheat sheet in headless Chromium (playwright-core) and
// checks them as a reader sees them. Usage: node drive.mjs MANIFEST.json, where the manifest is
// [{ "name", "kind": "report"|"cheatsheet", "html", "json", "shots", "axe": true|false }].
//   report:     the matrix (rows, columns, every cell) equals `starlint coverage --format json`;
//               each footer count equals the principle's stories/target; a phone-width screen
//               does not scroll sideways (the matrix scrolls in its own box); the page asks
//               for nothing over the network; screenshots (desktop, phone, print) and a PDF.
//   cheatsheet: every principle's list equals the JSON's; printed on A4 it is one page.
//   both:       axe-core finds no serious or critical violation (when "axe" is set).
// Prints one line per check and a timing line per page; exits 1 on any failure.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let failed = 0;
const ok = (cond, what, detail = '') => {
  if (cond) console.log(`ok   ${what}`);
  else {
    failed++;
    console.log(`FAIL ${what}${detail ? `\n     ${detail}` : ''}`);
  }
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

async function open(url, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => {
    if (!/^(file|data|about):/.test(r.url())) external.push(r.url());
  });
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120000 });
  const loadMs = performance.now() - t0;
  return { context, page, external, loadMs };
}

async function axe(page, name) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0]?.target }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((x) => !bad.includes(x))) {
    console.log(`     (axe, ${v.impact}: ${v.id} on ${v.nodes} nodes)`);
  }
  ok(bad.length === 0, `${name}: axe-core finds no serious or critical violation`, JSON.stringify(bad));
}

async function checkReport(c) {
  const json = JSON.parse(readFileSync(c.json, 'utf8'));
  const url = pathToFileURL(c.html).href;
  const { context, page, external, loadMs } = await open(url, { width: 1280, height: 900 });
  const seen = await page.evaluate(() => {
    const heads = [...document.querySelectorAll('table.matrix thead th[data-principle]')];
    const principles = heads.map((th) => ({
      name: th.textContent.replace(/\s*★\s*$/, '').trim(),
      stories: [],
      index: Number(th.dataset.principle),
    }));
    const rows = [...document.querySelectorAll('table.matrix tbody tr[data-story]')];
    const titles = [];
    const states = [];
    rows.forEach((tr, position) => {
      const i = Number(tr.dataset.story);
      titles.push({ i, position, title: tr.querySelector('th').textContent.trim() });
      const cells = [...tr.querySelectorAll('td')];
      const stateOf = new Set();
      cells.forEach((td, k) => {
        if (td.classList.contains('cell')) {
          principles[k]?.stories.push(i);
          stateOf.add([...td.classList].find((x) => x.startsWith('state-')));
        }
      });
      states.push(stateOf.size);
    });
    const counts = [...document.querySelectorAll('table.matrix tfoot td')].map((td) => td.textContent.trim());
    return { principles, titles, states, counts, cellsPerRow: rows.map((tr) => tr.querySelectorAll('td').length) };
  });
  const want = json.principles.map((p) => ({ name: p.name, stories: p.stories }));
  const got = seen.principles.map((p) => ({ name: p.name, stories: p.stories }));
  ok(seen.principles.every((p, k) => p.index === k), `${c.name}: matrix columns numbered in order`);
  ok(same(got, want), `${c.name}: matrix cells equal coverage --format json (${want.length} principles, ${json.stories.length} stories)`,
    `first difference: ${JSON.stringify(got.find((p, k) => !same(p, want[k])))} vs ${JSON.stringify(want.find((p, k) => !same(p, got[k])))}`);
  ok(seen.titles.length === json.stories.length
    && seen.titles.every((t, position) => t.i === position && t.title === (json.stories[t.i].title || '(untitled story)')),
  `${c.name}: one matrix row per story, in the JSON's order, titled as the JSON`);
  ok(seen.cellsPerRow.every((n) => n === json.principles.length), `${c.name}: every row has a cell per principle`);
  ok(seen.states.every((n) => n <= 1), `${c.name}: a story's cells share its state`);
  const counts = json.principles.map((p) => (p.target > 0 ? `${p.stories.length}/${p.target}` : `${p.stories.length}`));
  ok(same(seen.counts, counts), `${c.name}: per-principle counts against the target`, `${seen.counts} vs ${counts}`);
  ok(external.length === 0, `${c.name}: no network requests`, external.join(' '));

  // A link on every story title goes to its details, and each details block links the file.
  const links = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('table.matrix tbody th a')];
    return rows.every((a) => document.getElementById(a.getAttribute('href').slice(1)))
      && [...document.querySelectorAll('article.story .where a[data-path][data-line]')].length === rows.length;
  });
  ok(links, `${c.name}: each title links its details, each details block links path:line`);

  mkdirSync(c.shots, { recursive: true });
  await page.screenshot({ path: `${c.shots}/${c.name}.png` });
  if (c.axe) await axe(page, c.name);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${c.shots}/${c.name}-print.png` });
  await page.pdf({ path: `${c.shots}/${c.name}.pdf`, format: 'A4' });
  await context.close();

  const phone = await open(url, { width: 375, height: 800 });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0, `${c.name}: a 375px-wide phone screen does not scroll sideways`, `${overflow}px too wide`);
  await phone.page.screenshot({ path: `${c.shots}/${c.name}-phone.png` });
  if (c.axe) await axe(phone.page, `${c.name} (phone)`);
  await phone.context.close();
  const bytes = readFileSync(c.html).length;
  console.log(`     ${c.name}: ${bytes} bytes, loaded and laid out in ${Math.round(loadMs)} ms`);
  return { name: c.name, bytes, loadMs: Math.round(loadMs) };
}

async function checkCheatsheet(c) {
  const json = JSON.parse(readFileSync(c.json, 'utf8'));
  const url = pathToFileURL(c.html).href;
  const { context, page, external, loadMs } = await open(url, { width: 1280, height: 900 });
  const seen = await page.evaluate(() => [...document.querySelectorAll('main section[aria-labelledby^="p"]')].map((s) => ({
    name: s.querySelector('h2').textContent.trim(),
    stories: [...s.querySelectorAll('li[data-story]')].map((li) => Number(li.dataset.story)),
    titles: [...s.querySelectorAll('li[data-story] strong')].map((b) => b.textContent),
  })));
  const want = json.principles.filter((p) => p.stories.length > 0).map((p) => ({ name: p.name, stories: p.stories }));
  ok(same(seen.map((s) => ({ name: s.name, stories: s.stories })), want),
    `${c.name}: every principle with a story, and its stories, as in coverage --format json`);
  ok(seen.every((s) => s.titles.every((t, n) => t === json.stories[s.stories[n]].title)), `${c.name}: story titles as in the JSON`);
  ok(external.length === 0, `${c.name}: no network requests`, external.join(' '));
  mkdirSync(c.shots, { recursive: true });
  await page.screenshot({ path: `${c.shots}/${c.name}.png`, fullPage: true });
  if (c.axe) await axe(page, c.name);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  writeFileSync(`${c.shots}/${c.name}.pdf`, pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
  if (c.onePage) ok(pages === 1, `${c.name}: prints on one A4 page`, `${pages} pages`);
  else console.log(`     ${c.name}: prints on ${pages} A4 pages`);
  await context.close();
  console.log(`     ${c.name}: ${readFileSync(c.html).length} bytes, loaded and laid out in ${Math.round(loadMs)} ms`);
}

const timings = [];
try {
  for (const c of manifest) {
    if (c.kind === 'report') timings.push(await checkReport(c));
    else await checkCheatsheet(c);
  }
} finally {
  await browser.close();
}
if (process.env.REPORT_TIMINGS) writeFileSync(process.env.REPORT_TIMINGS, JSON.stringify(timings, null, 2));
console.log(failed ? `report e2e: ${failed} failed` : 'report e2e: all passed');
process.exit(failed ? 1 : 0);
