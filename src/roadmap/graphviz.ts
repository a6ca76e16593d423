/**
 * Draws the roadmap's diagrams at build time: each `diagrams/<name>.dot` beside a roadmap entry is laid
 * out by Graphviz (compiled to WebAssembly, no network, no browser) and sanitized to the SVG a lesson
 * page shows. Only `compile` and `lint` of a roadmap entry that has a diagrams folder load the library;
 * the extension never does (it reads the SVG from dist/lessons.json).
 */
import * as fs from 'fs';
import * as path from 'path';
import { DIAGRAM_NAME, sanitizeSvg, withHouseStyle } from './diagrams';
import type { Problem } from './problems';

/** The part of @hpcc-js/wasm-graphviz this module uses. */
interface GraphvizLibrary {
  Graphviz: { load(): Promise<{ layout(dot: string, format: 'svg', engine: 'dot'): string; version(): string }> };
}

/**
 * WHERE THE LIBRARY IS LOADED FROM (the one spot to switch). By default the package
 * `@hpcc-js/wasm-graphviz` from node_modules; `BACKEND_ROADMAP_GRAPHVIZ` names another folder or
 * module to load it from (a private install). It stays out of the bundles (not a literal require):
 * the build tools need it, the extension does not ship it.
 */
function loadGraphvizLibrary(): GraphvizLibrary {
  const from = process.env.BACKEND_ROADMAP_GRAPHVIZ || '@hpcc-js/wasm-graphviz';
  const load: (id: string) => unknown = require;
  try {
    return load(from) as GraphvizLibrary;
  } catch (e) {
    throw new Error(`cannot load Graphviz from '${from}' to draw the diagrams (${(e as Error).message.split('\n')[0]}): install the dev dependency @hpcc-js/wasm-graphviz`);
  }
}

let graphviz: ReturnType<GraphvizLibrary['Graphviz']['load']> | undefined;

/** The diagrams of a folder: each one's sanitized SVG by name, and the problems of those that could not be drawn. */
export interface DrawnDiagrams {
  svgs: Map<string, string>;
  /** The source file of each one drawn, as displayed. */
  files: Map<string, string>;
  problems: Problem[];
}

/** Draws one source; a source that does not parse is a problem at its line (Graphviz names one). */
export async function drawDiagram(dot: string, file: string): Promise<{ svg?: string; problem?: Problem }> {
  const styled = withHouseStyle(dot);
  if (styled === undefined) return { problem: { file, line: 1, column: 1, message: 'a diagram source opens with `digraph {` or `graph {` (Graphviz DOT)' } };
  try {
    graphviz ??= loadGraphvizLibrary().Graphviz.load();
  } catch (e) {
    return { problem: { file, line: 1, column: 1, message: (e as Error).message } };
  }
  try {
    return { svg: sanitizeSvg((await graphviz).layout(styled, 'svg', 'dot')) };
  } catch (e) {
    const message = String((e as Error).message ?? e).trim();
    const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
    return { problem: { file, line: Math.max(1, line), column: 1, message: `diagram source does not parse: ${message.split('\n')[0]}` } };
  }
}

/** Every `<name>.dot` of a folder, drawn; a missing folder has none. */
export async function drawDiagrams(folder: string, display: (file: string) => string = (f) => f): Promise<DrawnDiagrams> {
  const svgs = new Map<string, string>();
  const files = new Map<string, string>();
  const problems: Problem[] = [];
  if (!fs.existsSync(folder)) return { svgs, files, problems };
  for (const entry of fs.readdirSync(folder).sort()) {
    if (!entry.endsWith('.dot')) continue;
    const name = entry.slice(0, -'.dot'.length);
    const file = path.join(folder, entry);
    if (!DIAGRAM_NAME.test(name)) {
      problems.push({ file: display(file), line: 1, column: 1, message: `diagram file name '${entry}' must be lowercase words joined by hyphens` });
      continue;
    }
    const drawn = await drawDiagram(fs.readFileSync(file, 'utf8'), display(file));
    if (drawn.problem) problems.push(drawn.problem);
    else {
      svgs.set(name, drawn.svg!);
      files.set(name, display(file));
    }
  }
  return { svgs, files, problems };
}

/** Where a roadmap entry's diagrams live: `diagrams/` beside it. */
export function diagramFolder(roadmapEntry: string): string {
  return path.join(path.dirname(roadmapEntry), 'diagrams');
}
