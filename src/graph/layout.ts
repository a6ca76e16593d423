/**
 * Lays a roadmap out: each section is one band, laid out by dagre (layered, top to bottom, its
 * own prerequisites as edges), and the bands are stacked in section order, as wide as the widest.
 * Edges between sections run from the bottom of the prerequisite to the top of the topic.
 * Pure (no `vscode`): the layout worker runs it, and the bench runs dagre alone on the same input.
 */
import * as dagre from '@dagrejs/dagre';
import { NODE_HEIGHT, NODE_WIDTH, type BandInput, type EdgePath, type GraphLayout, type LayoutInput, type NodeBox } from './model';

export const MARGIN = 24;
/** Room above a band's boxes for its title. */
export const BAND_HEADER = 34;
const BAND_PADDING = 16;
const BAND_GAP = 18;

interface BandResult {
  width: number;
  height: number;
  nodes: Map<string, { x: number; y: number }>;
  edges: { from: string; to: string; points: number[] }[];
}

/** dagre on one band: what the bench times as "the layout library alone". */
export function layoutBand(band: BandInput): BandResult {
  const g = new dagre.graphlib.Graph();
  // A long chain of prerequisites runs left to right, so a band stays a band and not a column.
  const rankdir = depth(band) > DEEP_BAND ? 'LR' : 'TB';
  g.setGraph({ rankdir, nodesep: rankdir === 'TB' ? 22 : 14, ranksep: rankdir === 'TB' ? 34 : 40, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of band.nodes) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [from, to] of band.edges) g.setEdge(from, to);
  dagre.layout(g);
  const nodes = new Map<string, { x: number; y: number }>();
  for (const id of band.nodes) {
    const n = g.node(id);
    nodes.set(id, { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  }
  const edges = band.edges.map(([from, to]) => ({ from, to, points: (g.edge(from, to)?.points ?? []).flatMap((p: { x: number; y: number }) => [p.x, p.y]) }));
  const label = g.graph();
  return { width: label.width ?? 0, height: label.height ?? 0, nodes, edges };
}

/** A band whose longest chain of prerequisites is longer than this is laid out left to right. */
export const DEEP_BAND = 6;

/** The number of topics on the band's longest chain of prerequisites (cycles, which the validator refuses, are cut). */
export function depth(band: BandInput): number {
  const preds = new Map<string, string[]>();
  for (const [from, to] of band.edges) preds.set(to, [...(preds.get(to) ?? []), from]);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const walk = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let d = 1;
    for (const p of preds.get(id) ?? []) d = Math.max(d, walk(p) + 1);
    visiting.delete(id);
    memo.set(id, d);
    return d;
  };
  let max = 0;
  for (const id of band.nodes) max = Math.max(max, walk(id));
  return max;
}

/** The whole picture; `now` times the library (performance.now in the worker). */
export function layoutGraph(input: LayoutInput, now: () => number = () => performance.now()): GraphLayout {
  let libraryMs = 0;
  const results = input.bands.map((band) => {
    const t = now();
    const r = band.nodes.length ? layoutBand(band) : { width: 0, height: 0, nodes: new Map(), edges: [] };
    libraryMs += now() - t;
    return r;
  });
  const inner = Math.max(NODE_WIDTH, ...results.map((r) => r.width));
  const width = inner + 2 * (MARGIN + BAND_PADDING);
  const nodes: NodeBox[] = [];
  const edges: EdgePath[] = [];
  const bands: GraphLayout['bands'] = [];
  const at = new Map<string, NodeBox>();
  let y = MARGIN;
  input.bands.forEach((band, i) => {
    const r = results[i];
    const height = BAND_HEADER + Math.max(r.height, 0) + BAND_PADDING;
    bands.push({ id: band.id, title: band.title, y, height });
    // Each band's boxes centred in the common width.
    const dx = MARGIN + BAND_PADDING + (inner - r.width) / 2;
    const dy = y + BAND_HEADER;
    for (const id of band.nodes) {
      const p = r.nodes.get(id)!;
      const box = { id, x: round(p.x + dx), y: round(p.y + dy), band: i };
      nodes.push(box);
      at.set(id, box);
    }
    for (const e of r.edges) edges.push({ from: e.from, to: e.to, points: e.points.map((v, k) => round(v + (k % 2 === 0 ? dx : dy))), cross: false });
    y += height + BAND_GAP;
  });
  for (const [from, to] of input.crossEdges) {
    const a = at.get(from);
    const b = at.get(to);
    if (!a || !b) continue;
    // Prerequisites usually come from an earlier band: leave from the bottom, enter at the top.
    const down = a.y < b.y;
    edges.push({ from, to, points: [a.x + NODE_WIDTH / 2, down ? a.y + NODE_HEIGHT : a.y, b.x + NODE_WIDTH / 2, down ? b.y : b.y + NODE_HEIGHT], cross: true });
  }
  return { hash: input.hash, width: round(width), height: round(y - BAND_GAP + MARGIN), bands, nodes, edges, libraryMs: Math.round(libraryMs * 10) / 10 };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
