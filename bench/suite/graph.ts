import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Figures } from '.';
import type { BackendRoadmapApi } from '../../src/extension';
import { layoutBand } from '../../src/graph/layout';
import { layoutInput } from '../../src/graph/model';
import { contentSecurityPolicy } from '../../src/webview/html';
import type { RoadmapIndex } from '../../src/roadmap/model';
import { median, sleep, waitForQuiet } from './measure';

/**
 * The graph page, open to drawn (the page's own "drawn" message), for the built-in roadmap and a
 * 5,000-topic workspace roadmap: with the layout cached (everything but the layout library: the
 * product's own time), with the layout computed in the worker (cold), and dagre alone on the same
 * input in this host, side by side; and an empty page, VS Code's own cost of any page.
 */
export async function measureGraph(api: BackendRoadmapApi, extensionPath: string): Promise<Figures> {
  const figures: Figures = {};
  const empty: number[] = [];
  await emptyPageMs(extensionPath);
  for (let i = 0; i < 7; i++) empty.push(await emptyPageMs(extensionPath));
  figures['graph.emptyPageMs'] = median(empty);
  Object.assign(figures, await measureOne(api, api.roadmaps!.main.id, 'builtin', 7));
  // The generated roadmap as a learner's own file in the workspace, read by the extension's loader.
  const file = process.env.BENCH_CUSTOM_FILE;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!file || !fs.existsSync(file) || !folder) throw new Error(`BENCH_CUSTOM_FILE (${file}) or the workspace folder (${folder}) is missing`);
  fs.copyFileSync(file, path.join(folder, 'generated.roadmap.yaml'));
  await api.roadmaps!.start();
  const deadline = Date.now() + 120_000;
  while (!api.roadmaps!.get('generated')) {
    if (Date.now() > deadline) throw new Error('the generated 5,000-topic roadmap was not loaded from the workspace within 2 minutes');
    await api.roadmaps!.settled();
    await sleep(200);
  }
  Object.assign(figures, await measureOne(api, 'generated', 'n5000', 3));
  return figures;
}

async function openToDrawn(api: BackendRoadmapApi, roadmapId: string, cold: boolean): Promise<{ ms: number; libraryMs: number }> {
  const graphs = api.graphs!;
  graphs.close(roadmapId);
  if (cold) graphs.layouts.clear();
  await waitForQuiet();
  const t = performance.now();
  const panel = graphs.show(roadmapId);
  await withTimeout(panel.whenDrawn(), 120_000, `the graph of '${roadmapId}' was not drawn`);
  const ms = performance.now() - t;
  const layout = await panel.ensureLayout();
  return { ms, libraryMs: cold ? layout!.libraryMs : 0 };
}

async function measureOne(api: BackendRoadmapApi, roadmapId: string, key: string, times: number): Promise<Figures> {
  const index = api.roadmaps!.get(roadmapId)!.index;
  // Warm once: the bundle, the worker's code and the page's files are read the first time.
  await openToDrawn(api, roadmapId, true);
  const cold: number[] = [];
  const coldLibrary: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < times; i++) {
    const c = await openToDrawn(api, roadmapId, true);
    cold.push(c.ms);
    coldLibrary.push(c.libraryMs);
    cached.push((await openToDrawn(api, roadmapId, false)).ms);
  }
  api.graphs!.close(roadmapId);
  const library: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(times, 5)); i++) library.push(libraryAlone(index));
  return {
    [`graph.${key}TotalMs`]: median(cached),
    [`graph.${key}ColdMs`]: median(cold),
    [`graph.${key}WorkerLibraryMs`]: median(coldLibrary),
    [`graph.${key}LibraryMs`]: median(library),
    [`graph.${key}Topics`]: index.order.length,
  };
}

/** dagre on the same bands, in this host, with nothing of ours around it. */
function libraryAlone(index: RoadmapIndex): number {
  const input = layoutInput(index);
  const t = performance.now();
  for (const band of input.bands) if (band.nodes.length) layoutBand(band);
  return performance.now() - t;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms))).finally(() => clearTimeout(timer))]) as Promise<T>;
}

/**
 * VS Code's own cost of a page, the baseline: a webview panel with the pages' CSP, shared style and
 * codicons, and media/page.js, whose `ready` is the first message, timed from creation to it.
 */
async function emptyPageMs(extensionPath: string): Promise<number> {
  await waitForQuiet();
  const media = vscode.Uri.file(path.join(extensionPath, 'media'));
  const t = performance.now();
  const panel = vscode.window.createWebviewPanel('backendRoadmapBench.empty', 'Empty page', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
  try {
    const ready = new Promise<void>((resolve) => panel.webview.onDidReceiveMessage(() => resolve()));
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(media, ...p)).toString();
    const nonce = randomBytes(16).toString('base64');
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(panel.webview.cspSource, nonce)}">
<link rel="stylesheet" href="${uri('codicons', 'codicon.css')}"><link rel="stylesheet" href="${uri('base.css')}"></head>
<body data-state="null"><main id="app"></main><script nonce="${nonce}" src="${uri('page.js')}"></script>
<script nonce="${nonce}">window.roadmapPage.start('empty page', function () {});</script></body></html>`;
    await withTimeout(ready, 60_000, 'the empty page did not say ready');
    return performance.now() - t;
  } finally {
    panel.dispose();
  }
}
