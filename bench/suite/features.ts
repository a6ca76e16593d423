import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Figures } from '.';
import type { BackendRoadmapApi } from '../../src/extension';
import { loadCustomRoadmap } from '../../src/roadmaps/loader';
import { RoadmapIndex } from '../../src/roadmap/model';
import { listStarters, scaffold } from '../../src/scaffold/engine';
import { RoadmapTreeProvider, type TreeElement } from '../../src/tree/roadmapTree';
import { parseIdeaChecks } from '../../src/verify/checks';
import { verifyProject } from '../../src/verify/runner';
import { activateOurs, lessonPageReady, openLessonMs } from './extensions';
import { generatedRoadmap } from './generate';
import { measureGraph } from './graph';
import { median, repeat, sleep, stallMonitor, waitForQuiet } from './measure';

/** Everything but activation, in one host: tree, warm lesson, custom roadmap, scaffold, verify, graph. */
export async function measureFeatures(): Promise<Figures> {
  const { api, extensionPath } = await activateOurs();
  await sleep(1000);
  const figures: Figures = {};
  Object.assign(figures, await measureTree(api));
  Object.assign(figures, await measureLessons(api));
  Object.assign(figures, await measureCustom(extensionPath));
  Object.assign(figures, measureScaffold(extensionPath));
  Object.assign(figures, await measureVerify(api, extensionPath));
  // Last: it adds a 5,000-topic roadmap to the workspace.
  Object.assign(figures, await measureGraph(api, extensionPath));
  return figures;
}

/** Every element of the tree, as if every group were expanded: getChildren, then getTreeItem for each. */
function expandAll(provider: vscode.TreeDataProvider<TreeElement>): number {
  let items = 0;
  const visit = (element: TreeElement | undefined) => {
    const children = provider.getChildren(element);
    if (!Array.isArray(children)) throw new Error('the tree provider answered getChildren asynchronously; the benchmark expects arrays');
    for (const child of children) {
      provider.getTreeItem(child);
      items++;
      visit(child);
    }
  };
  visit(undefined);
  return items;
}

async function measureTree(api: BackendRoadmapApi): Promise<Figures> {
  const builtin = api.view!.tree;
  const builtinItems = expandAll(builtin);
  const builtinMs = median(await repeat(30, () => expandAll(builtin), 3));
  const figures: Figures = { 'tree.builtinMs': builtinMs, 'tree.builtinItems': builtinItems };
  for (const n of [2000, 10000]) {
    // The real provider over a generated roadmap, with the extension's own progress store.
    const roadmap = generatedRoadmap(n);
    const shown = { id: roadmap.id, index: new RoadmapIndex(roadmap), lessonHtml: () => undefined, starterFolder: () => undefined, quiz: () => undefined, quizItems: () => undefined, glossary: () => [] };
    const source = { main: shown, get: (id: string) => (id === roadmap.id ? shown : undefined), list: () => [shown], files: () => [], onDidChange: () => ({ dispose() {} }), start: async () => {}, settled: async () => {} };
    const provider = new RoadmapTreeProvider(source, api.store, { filter: 'all', groupings: {} });
    try {
      const items = expandAll(provider);
      if (items < n) throw new Error(`the tree of a generated ${n}-node roadmap showed only ${items} items`);
      figures[`tree.n${n}Ms`] = median(await repeat(10, () => expandAll(provider), 2));
    } finally {
      provider.dispose();
    }
  }
  return figures;
}

/** Warm: with the panel open and its page ready, opening one lesson after another. */
async function measureLessons(api: BackendRoadmapApi): Promise<Figures> {
  const order = api.index!.order;
  await openLessonMs(api, order[0]);
  await lessonPageReady(api.lessons!);
  await sleep(500);
  const times = await repeat(30, (i) => openLessonMs(api, order[(i + 2 + order.length) % order.length]), 2);
  return { 'lesson.warmMs': median(times) };
}

/** A generated 5,000-node *.roadmap.yaml through the extension's loader (a worker), watching the event loop. */
async function measureCustom(extensionPath: string): Promise<Figures> {
  const file = process.env.BENCH_CUSTOM_FILE;
  if (!file || !fs.existsSync(file)) throw new Error(`BENCH_CUSTOM_FILE names no file (${file}): bench/run.mjs generates it`);
  const workerFile = path.join(extensionPath, 'dist', 'roadmapWorker.js');
  if (!fs.existsSync(workerFile)) throw new Error(`${workerFile} is missing: the packaged extension has no roadmap worker`);
  const loads: number[] = [];
  const stalls: number[] = [];
  for (let i = 0; i < 6; i++) {
    await waitForQuiet();
    const monitor = stallMonitor();
    const t = performance.now();
    const loaded = await loadCustomRoadmap(file, workerFile);
    const ms = performance.now() - t;
    const stall = monitor.stop();
    const nodes = loaded?.index?.order.length ?? 0;
    if (nodes !== 5000) throw new Error(`loading ${file} gave ${nodes} nodes, not 5000 (problems: ${loaded?.problems.slice(0, 3).map((p) => p.message).join('; ')})`);
    // The first load also reads the worker's code from disk for the first time in this host.
    if (i === 0) continue;
    loads.push(ms);
    stalls.push(stall);
  }
  return { 'custom.n5000LoadMs': median(loads), 'custom.n5000StallMs': median(stalls), 'custom.n5000StallMaxMs': Math.max(...stalls) };
}

/** The engine writing each starter into a fresh folder; the slowest starter's median. */
function measureScaffold(extensionPath: string): Figures {
  const { starters, problems } = listStarters(path.join(extensionPath, 'roadmap', 'starters'));
  if (problems.length) throw new Error(`starters with problems: ${problems.join('; ')}`);
  if (starters.length === 0) throw new Error(`no starters under ${extensionPath}/roadmap/starters`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scaffold-'));
  let slowest = { ms: -1, name: '' };
  try {
    for (const starter of starters) {
      const times: number[] = [];
      for (let i = -1; i < 7; i++) {
        const target = path.join(tmp, `${starter.manifest.idea}-${starter.manifest.stack}-${i + 1}`);
        const t = performance.now();
        scaffold({ starter, target, variables: {} });
        const ms = performance.now() - t;
        fs.rmSync(target, { recursive: true, force: true });
        if (i >= 0) times.push(ms);
      }
      const ms = median(times);
      if (ms > slowest.ms) slowest = { ms, name: `${starter.manifest.idea}/${starter.manifest.stack}` };
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { 'scaffold.maxMs': slowest.ms, 'scaffold.slowest': slowest.name, 'scaffold.starters': starters.length };
}

/** The runner against the small file-backed URL shortener: its own cost, without the server's. */
async function measureVerify(api: BackendRoadmapApi, extensionPath: string): Promise<Figures> {
  const fixture = process.env.BENCH_VERIFY_FIXTURE;
  if (!fixture || !fs.existsSync(path.join(fixture, 'starter.json'))) throw new Error(`BENCH_VERIFY_FIXTURE names no project (${fixture})`);
  const compiled = path.join(extensionPath, 'dist', 'verify.json');
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: the packaged extension has no milestone checks`);
  const idea = api.index!.roadmap.projects.find((p) => p.id === 'url-shortener');
  if (!idea) throw new Error('the roadmap has no url-shortener project');
  const raw = (JSON.parse(fs.readFileSync(compiled, 'utf8')) as Record<string, unknown>)[idea.id];
  const { checks, problems } = parseIdeaChecks(raw, idea.milestones.map((m) => m.id));
  if (!checks) throw new Error(`the url-shortener checks are invalid: ${problems.map((p) => p.message).join('; ')}`);
  const overheads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
    try {
      fs.cpSync(fixture, dir, { recursive: true });
      const report = await verifyProject({ projectDir: dir, checks, milestones: idea.milestones });
      if (report.startProblem) throw new Error(`the fixture project did not start: ${report.startProblem}`);
      if (!report.milestones.find((m) => m.id === 'baseline')?.ok) throw new Error('the fixture project failed its baseline milestone');
      overheads.push(report.overheadMs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return { 'verify.overheadMs': median(overheads) };
}
