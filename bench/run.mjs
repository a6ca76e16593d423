// `npm run bench`: what the extension costs a learner, side by side with an empty extension in the
// same VS Code (code-server 1.100.3, driven through a headless Chromium like the integration tests).
// It packages the extension and bench/baseline-extension and installs both .vsix files into each
// fresh code-server, as a learner installs an extension; the suite (bench/suite) comes in as the
// one extension under development, whose tests VS Code runs inside the extension host. Then:
//   - several fresh extension hosts, each activating ours and the empty extension one after the
//     other (alternating which goes first), timed around activate() inside the host, and the first
//     lesson opened (cold); VS Code's own Running Extensions figures are read as well;
//   - several fresh code-servers whose real workbench (in the browser) opens the Roadmap view and
//     the view of bench/baseline-view-extension (19 fixed rows) by a click on their activity-bar
//     icons (alternating which goes first), timed in the page from the click to the first row
//     (bench/view.mjs);
//   - one more host for the tree, warm lessons, a 5,000-node custom roadmap, scaffolding and the
//     verify runner's overhead;
//   - then, in plain Node outside code-server, every idea's fresh starter verified from the CLI, beside
//     the same requests sent by hand (bench/verify.mjs).
// Prints a table and writes bench/results.json (medians). Exit 0 even when a figure is over its
// target (benchmarks are not tests); non-zero when a measurement could not be made.
// Usage: node bench/run.mjs [--runs N] [--activation-only | --view-only | --graph-only] [--profile DIR] [--vsix FILE]
//   --runs N            activation hosts, and as many view runs (default 7)
//   --activation-only   only the activation hosts; writes no results file, for quick checks
//   --view-only         only the view runs; writes no results file, for quick checks
//   --graph-only        only the graph page (one host); writes no results file, for quick checks
//   --profile DIR       writes a CPU profile of each activation of ours into DIR (open it in Chrome's DevTools)
//   --vsix FILE         measures that package instead of packaging the working tree (to compare builds)
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../scripts/browser.mjs';
import { measureFreshVerify } from './verify.mjs';
import { measureWatchRecheck } from './watch.mjs';
import { measureViewHost } from './view.mjs';
import { startCodeServer } from '../scripts/code-server.mjs';
import { CODE_SERVER_VERSION, ensureCodeServer } from '../scripts/install-code-server.mjs';
import { ensureNodeModules } from '../scripts/npm-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 7;
const activationOnly = argv.includes('--activation-only');
const viewOnly = argv.includes('--view-only');
const graphOnly = argv.includes('--graph-only');
const quick = activationOnly || viewOnly || graphOnly;
const vsixArg = argv.indexOf('--vsix');
const givenVsix = vsixArg >= 0 ? path.resolve(argv[vsixArg + 1] ?? '') : undefined;
const profileArg = argv.indexOf('--profile');
const profileDir = profileArg >= 0 ? path.resolve(argv[profileArg + 1] ?? '') : undefined;
if (!Number.isInteger(RUNS) || RUNS < 2 || [activationOnly, viewOnly, graphOnly].filter(Boolean).length > 1 || (profileArg >= 0 && !argv[profileArg + 1]) || (vsixArg >= 0 && !argv[vsixArg + 1])) {
  console.error('usage: node bench/run.mjs [--runs N] [--activation-only | --view-only | --graph-only] [--profile DIR] [--vsix FILE]   (N >= 2 runs)');
  process.exit(2);
}
const HOST_TIMEOUT_MS = 600_000;

/** What each figure is held to; `max` is inclusive unless `below` says it must be strictly less. */
const TARGETS = [
  { key: 'activation.ours', unit: 'ms' },
  { key: 'activation.baseline', unit: 'ms' },
  { key: 'activation.ratio', unit: 'x', max: 1.5 },
  { key: 'activation.oursCodeMs', unit: 'ms', info: true, note: "VS Code's marks: require() of dist/extension.js" },
  { key: 'activation.oursLoadMs', unit: 'ms', info: true, note: "VS Code's marks: until activate() is called" },
  { key: 'activation.oursCallMs', unit: 'ms', info: true, note: "VS Code's marks: the activate() call" },
  { key: 'activation.baselineCodeMs', unit: 'ms', info: true, note: 'the same for the empty extension' },
  { key: 'activation.baselineLoadMs', unit: 'ms', info: true, note: '' },
  { key: 'activation.baselineCallMs', unit: 'ms', info: true, note: '' },
  { key: 'view.firstPaintMs.ours', unit: 'ms', note: 'click on the icon to the first tree row' },
  { key: 'view.firstPaintMs.baseline', unit: 'ms', note: 'the same for 19 fixed rows' },
  { key: 'view.firstPaintRatio', unit: 'x', max: 1.3 },
  { key: 'view.firstFrameMs.ours', unit: 'ms', info: true, note: 'to the frame that draws it' },
  { key: 'view.firstFrameMs.baseline', unit: 'ms', info: true, note: '' },
  { key: 'bundle.activationBytes', unit: 'bytes', max: 40 * 1024 },
  { key: 'vsix.bytes', unit: 'bytes', max: 1.5 * 1024 * 1024, below: true },
  { key: 'tree.builtinMs', unit: 'ms', max: 2, below: true },
  { key: 'tree.n2000Ms', unit: 'ms' },
  { key: 'tree.n10000Ms', unit: 'ms', max: 50, below: true },
  { key: 'lesson.coldMs', unit: 'ms' },
  { key: 'lesson.warmMs', unit: 'ms', max: 5, below: true },
  { key: 'custom.n5000LoadMs', unit: 'ms' },
  { key: 'custom.n5000StallMs', unit: 'ms', max: 30, below: true },
  { key: 'scaffold.maxMs', unit: 'ms', max: 300, below: true },
  { key: 'graph.emptyPageMs', unit: 'ms', info: true, note: "an empty page: VS Code's own cost of any webview (baseline)" },
  { key: 'graph.builtinTotalMs', unit: 'ms', info: true, note: 'open to drawn, the built-in roadmap, layout cached' },
  { key: 'graph.builtinMs', unit: 'ms', max: 150, below: true, note: 'the same less the empty page: our own time' },
  { key: 'graph.builtinColdMs', unit: 'ms', info: true, note: 'open to drawn with the layout computed in the worker' },
  { key: 'graph.builtinLibraryMs', unit: 'ms', info: true, note: 'dagre alone on the same input' },
  { key: 'graph.n5000TotalMs', unit: 'ms', info: true, note: 'open to drawn, 5,000 topics, layout cached' },
  { key: 'graph.n5000Ms', unit: 'ms', max: 1500, below: true, note: 'the same less the empty page: our own time' },
  { key: 'graph.n5000ColdMs', unit: 'ms', info: true, note: 'open to drawn with the layout computed in the worker' },
  { key: 'graph.n5000LibraryMs', unit: 'ms', info: true, note: 'dagre alone on the same input' },
  { key: 'verify.overheadMs', unit: 'ms' },
  { key: 'verify.freshMaxMs', unit: 'ms', max: 15_000, below: true },
  { key: 'verify.freshRawMs', unit: 'ms', note: 'the same requests sent by hand' },
  { key: 'verify.watchRecheckMs', unit: 'ms', max: 2000, below: true, note: "a save to its verdict, less the project's own time (build, start, answers)" },
  { key: 'verify.watchRecheckRawMs', unit: 'ms', note: 'the same requests sent by hand' },
  { key: 'verify.watchBuildMs', unit: 'ms', info: true, note: "the project's build on each save (go build)" },
];

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (n, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function step(name) {
  console.log(`\n=== ${name}`);
}

function fail(message) {
  console.error(`\n[bench] ${message}`);
  console.error('[bench] no results written: a measurement could not be made');
  process.exit(1);
}

// --- setup: packages, the packaged extension, the suite -------------------------------------
step('install npm packages');
if (!ensureNodeModules(root)) fail('npm packages could not be installed');

step(`code-server ${CODE_SERVER_VERSION}`);
ensureCodeServer();

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
let vsix = givenVsix;
if (vsix) {
  if (!existsSync(vsix)) fail(`${vsix} does not exist`);
} else {
  step('package the extension (production build)');
  vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  const packaged = spawnSync(process.execPath, [path.join('scripts', 'package.mjs')], { stdio: 'inherit' });
  if (packaged.status !== 0 || !existsSync(vsix)) fail(`npm run package failed (exit ${packaged.status})`);
}

// Each host installs copies kept here: a later `npm run package` cannot change what is measured.
const stage = mkdtempSync(path.join(os.tmpdir(), 'roadmap-bench-'));
process.on('exit', () => rmSync(stage, { recursive: true, force: true }));
const oursVsix = path.join(stage, 'ours.vsix');
copyFileSync(vsix, oursVsix);
const figures = { 'vsix.bytes': statSync(oursVsix).size };

step('package the empty extension');
const baselineVsix = path.join(stage, 'baseline.vsix');
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
const baselinePackaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', baselineVsix], { cwd: path.join(root, 'bench', 'baseline-extension'), stdio: 'inherit' });
if (baselinePackaged.status !== 0) fail(`bench/baseline-extension could not be packaged (exit ${baselinePackaged.status})`);

step('package the baseline view extension');
const baselineViewVsix = path.join(stage, 'baseline-view.vsix');
const baselineViewPackaged = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', baselineViewVsix], { cwd: path.join(root, 'bench', 'baseline-view-extension'), stdio: 'inherit' });
if (baselineViewPackaged.status !== 0) fail(`bench/baseline-view-extension could not be packaged (exit ${baselineViewPackaged.status})`);

step('build the benchmark suite');
// The suite travels as an extension under development: VS Code runs tests only for one. It has no
// code of its own to activate, so it costs the hosts nothing before the measurements.
const suiteDir = path.join(stage, 'suite');
mkdirSync(suiteDir, { recursive: true });
writeFileSync(path.join(suiteDir, 'package.json'), JSON.stringify({ name: 'bench-suite', publisher: 'backend-roadmap-bench', version: '0.0.1', engines: { vscode: pkg.engines.vscode } }, null, 2));
await esbuild.build({
  entryPoints: { index: path.join('bench', 'suite', 'index.ts') },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: suiteDir,
  external: ['vscode'],
  logLevel: 'warning',
});
const suite = path.join(suiteDir, 'index.js');

// A generated 5,000-node roadmap file for the custom-roadmap loader.
const { generateRoadmap } = await import('../scripts/gen-roadmap.mjs');
const customFile = path.join(stage, 'custom', 'generated.roadmap.yaml');
mkdirSync(path.dirname(customFile), { recursive: true });
writeFileSync(customFile, generateRoadmap({ nodes: 5000 }).yaml);
const verifyFixture = path.join(root, 'test', 'fixtures', 'verify', 'url-shortener-lite');

// --- the runs --------------------------------------------------------------------------------
if (profileDir) mkdirSync(profileDir, { recursive: true });
const browser = await launchBrowser();
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** One fresh code-server and extension host: loads both extensions and the suite, returns the suite's figures. */
async function host(mode, first) {
  const workspace = mkdtempSync(path.join(stage, 'workspace-'));
  const results = path.join(stage, `results-${Date.now()}.json`);
  const env = { BENCH_MODE: mode, BENCH_FIRST: first ?? '', BENCH_RESULTS: results, BENCH_CUSTOM_FILE: customFile, BENCH_VERIFY_FIXTURE: verifyFixture };
  if (profileDir && mode === 'activation') env.BENCH_PROFILE = path.join(profileDir, `activation-${first}-${Date.now()}.cpuprofile`);
  const server = await startCodeServer({ folder: workspace, env, vsix: [oursVsix, baselineVsix] });
  const page = await browser.context.newPage();
  let health;
  try {
    let finish;
    const finished = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationExit', (c) => finish(Number(c)));
    // A server or page that dies ends the wait at once instead of at the timeout.
    page.on('crash', () => finish('the page crashed'));
    page.on('close', () => finish('the page was closed'));
    health = setInterval(() => fetch(`${server.url}/healthz`).catch(() => finish('code-server stopped answering')), 2000);
    if (process.env.ROADMAP_DEBUG_CONSOLE) page.on('console', (msg) => console.log('[page]', msg.text()));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(suiteDir)],
      ['extensionTestsPath', remote(suite)],
    ];
    await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) })}`);
    let timer;
    const code = await Promise.race([finished, new Promise((r) => (timer = setTimeout(() => r(`it did not finish within ${HOST_TIMEOUT_MS / 1000} s`), HOST_TIMEOUT_MS)))]);
    clearTimeout(timer);
    if (typeof code === 'string') throw new Error(`the ${mode} run failed: ${code}; code-server's last output:\n${server.output().slice(-2000)}`);
    let out;
    try {
      out = JSON.parse(readFileSync(results, 'utf8'));
    } catch {
      throw new Error(`the ${mode} run wrote no results (exit ${code}): the extension host did not start the suite or crashed`);
    }
    if (!out.ok) throw new Error(`the ${mode} run failed inside the extension host:\n${out.error}`);
    return out.figures;
  } finally {
    clearInterval(health);
    await page.close().catch(() => {});
    await server.stop();
  }
}

const pct = (share) => (typeof share === 'number' && share >= 0 ? `${Math.round(share * 100)}%` : '?');
const activation = [];
const views = [];
try {
  for (let i = 0; i < RUNS && !viewOnly && !graphOnly; i++) {
    const first = i % 2 === 0 ? 'ours' : 'baseline';
    step(`activation run ${i + 1} of ${RUNS} (${first} first)`);
    const f = await host('activation', first);
    console.log(`ours ${f.activationOurs.toFixed(1)} ms (require ${f.oursCodeMs ?? '?'}, until activate() ${f.oursLoadMs ?? '?'}, activate() ${f.oursCallMs ?? '?'}), empty ${f.activationBaseline.toFixed(1)} ms (${f.baselineCodeMs ?? '?'}, ${f.baselineLoadMs ?? '?'}, ${f.baselineCallMs ?? '?'}), first lesson ${f.lessonColdMs.toFixed(1)} ms; machine idle ${pct(f.oursIdle)} / ${pct(f.baselineIdle)} before each`);
    activation.push(f);
  }
  for (let i = 0; i < RUNS && !activationOnly && !graphOnly; i++) {
    const first = i % 2 === 0 ? 'ours' : 'baseline';
    step(`view run ${i + 1} of ${RUNS} (${first} first)`);
    const v = await measureViewHost({ browser, stage, vsix: [oursVsix, baselineViewVsix], first });
    const welcome = (w) => (v[w].welcome ? `, showed "${v[w].welcome.text}" at ${v[w].welcome.ms.toFixed(0)} ms` : '');
    const line = (w) => `${w} ${v[w].firstPaintMs.toFixed(1)} ms (frame ${v[w].frameMs.toFixed(1)} ms, ${v[w].rows} rows${welcome(w)}, machine idle ${pct(v[w].idle)} before)`;
    console.log(`first rows after the click: ${line('ours')}; ${line('baseline')}`);
    views.push(v);
  }
  if (!quick) {
    step('tree, lessons, custom roadmap, scaffold, verify, graph');
    Object.assign(figures, await host('features'));
  }
  if (graphOnly) {
    step('graph page');
    Object.assign(figures, await host('graph'));
  }
} catch (err) {
  await browser.close();
  fail(err.message ?? String(err));
}
await browser.close();

if (!quick) {
  step('fresh starters verified from the CLI, and their requests sent by hand (plain Node)');
  try {
    Object.assign(figures, await measureFreshVerify());
  } catch (err) {
    fail(err.message ?? String(err));
  }
  step('watch mode: a save of the URL shortener (go) to the verdict on its validation milestone (plain Node)');
  try {
    Object.assign(figures, await measureWatchRecheck());
  } catch (err) {
    fail(err.message ?? String(err));
  }
}

if (activation.length) {
  figures['activation.ours'] = median(activation.map((f) => f.activationOurs));
  figures['activation.baseline'] = median(activation.map((f) => f.activationBaseline));
  figures['activation.ratio'] = figures['activation.ours'] / figures['activation.baseline'];
  // The ratio of the medians, and each run's own ratio (both extensions in the same host) for the spread.
  const ratios = activation.map((f) => f.activationOurs / f.activationBaseline);
  figures['activation.ratioMin'] = Math.min(...ratios);
  figures['activation.ratioMax'] = Math.max(...ratios);
  // VS Code's own marks split each activation: require() of the code, until activate() is called, the call.
  for (const key of ['oursCodeMs', 'oursLoadMs', 'oursCallMs', 'baselineCodeMs', 'baselineLoadMs', 'baselineCallMs']) {
    const values = activation.map((f) => f[key]).filter((v) => typeof v === 'number');
    if (values.length) figures[`activation.${key}`] = median(values);
  }
  figures['lesson.coldMs'] = median(activation.map((f) => f.lessonColdMs));
  figures['bundle.activationBytes'] = activation[0].activationBytes;
}
for (const key of ['builtin', 'n5000']) {
  // Our own time: open to drawn less what VS Code takes to show any page (medians of the same host).
  if (typeof figures[`graph.${key}TotalMs`] === 'number') figures[`graph.${key}Ms`] = figures[`graph.${key}TotalMs`] - figures['graph.emptyPageMs'];
}
if (views.length) {
  for (const who of ['ours', 'baseline']) {
    figures[`view.firstPaintMs.${who}`] = median(views.map((v) => v[who].firstPaintMs));
    figures[`view.firstFrameMs.${who}`] = median(views.map((v) => v[who].frameMs));
  }
  figures['view.firstPaintRatio'] = figures['view.firstPaintMs.ours'] / figures['view.firstPaintMs.baseline'];
  const ratios = views.map((v) => v.ours.firstPaintMs / v.baseline.firstPaintMs);
  figures['view.firstPaintRatioMin'] = Math.min(...ratios);
  figures['view.firstPaintRatioMax'] = Math.max(...ratios);
}

// --- report ----------------------------------------------------------------------------------
const fromFeaturesHost = (key) => /^(tree|custom|scaffold|verify|graph)\./.test(key) || key === 'lesson.warmMs';
const fromActivationHosts = (key) => /^(activation|bundle)\./.test(key) || key === 'lesson.coldMs';
const skipped = (key) => (graphOnly ? !key.startsWith('graph.') && key !== 'vsix.bytes' : (quick && fromFeaturesHost(key)) || (viewOnly && fromActivationHosts(key)) || (activationOnly && key.startsWith('view.')));
const missing = TARGETS.filter((t) => !t.info && typeof figures[t.key] !== 'number' && !skipped(t.key));
if (missing.length) fail(`no figure for ${missing.map((t) => t.key).join(', ')}`);

const cpu = /model name\s*:\s*(.*)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
const machine = { cpu, cores: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, codeServer: CODE_SERVER_VERSION, vscode: vscodeVersion(), platform: `${os.platform()} ${os.release()}` };
const results = {
  date: new Date().toISOString(),
  machine,
  runs: { activationHosts: RUNS, viewHosts: RUNS },
  ...nest(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? round(v, k.endsWith('Bytes') || k.endsWith('bytes') ? 0 : 2) : v]))),
};
if (!quick) writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify(results, null, 2) + '\n');

const fmt = (t, v) => (t.unit === 'bytes' ? `${(v / 1024).toFixed(1)} KiB` : t.unit === 'x' ? `${v.toFixed(2)}x` : `${v.toFixed(v < 10 ? 2 : 1)} ms`);
const rows = TARGETS.filter((t) => typeof figures[t.key] === 'number').map((t) => {
  const v = figures[t.key];
  const target = t.max === undefined ? (t.note ?? '') : `${t.below ? '<' : '<='} ${fmt(t, t.max)}`;
  const ok = t.max === undefined ? '' : (t.below ? v < t.max : v <= t.max) ? 'ok' : 'over';
  return [t.key, fmt(t, v), target, ok];
});
const widths = [0, 1, 2, 3].map((i) => Math.max(...[['metric', 'value', 'target', ''], ...rows].map((r) => r[i].length)));
console.log(`\n${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, code-server ${machine.codeServer} (VS Code ${machine.vscode}); ${graphOnly ? 'one graph host' : `medians of ${RUNS} ${viewOnly ? 'view runs' : activationOnly ? 'activation hosts' : 'activation hosts and as many view runs'}`}\n`);
for (const r of [['metric', 'value', 'target', ''], ...rows]) console.log(r.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
console.log('');
if (activation.length) console.log(`activation ratio per host: ${round(figures['activation.ratioMin'])}x to ${round(figures['activation.ratioMax'])}x`);
if (views.length) console.log(`view first-paint ratio per run: ${round(figures['view.firstPaintRatioMin'])}x to ${round(figures['view.firstPaintRatioMax'])}x`);
if (!quick) console.log(`slowest starter: ${figures['scaffold.slowest']}; slowest fresh verify: ${figures['verify.freshSlowest']}`);
console.log(quick ? `${activationOnly ? 'activation' : viewOnly ? 'view' : 'graph'} only: bench/results.json left as it was` : 'written: bench/results.json');

/** {"a.b": 1, "a.c.d": 2} -> {a: {b: 1, c: {d: 2}}}, groups in the table's order. */
function nest(flat) {
  const out = {};
  for (const t of TARGETS) out[t.key.split('.')[0]] ??= {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    const last = parts.pop();
    let at = out;
    for (const p of parts) at = at[p] ??= {};
    at[last] = value;
  }
  return out;
}

function vscodeVersion() {
  try {
    const product = path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
    return JSON.parse(readFileSync(product, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
