/**
 * The roadmap as a picture: what the layout is given (sections as bands, topics as boxes,
 * prerequisites as edges), what it gives back, and how each status looks. Pure: no `vscode`.
 */
import { createHash } from 'crypto';
import type { DisplayStatus } from '../progress/state';
import type { RoadmapIndex } from '../roadmap/model';

/** Bumped when the drawing's geometry changes, so layouts cached by an older version are not used. */
export const LAYOUT_VERSION = 1;
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 52;

/** One section: its topics and the prerequisites between two of its own topics. */
export interface BandInput {
  id: string;
  title: string;
  nodes: string[];
  /** [prerequisite, topic] pairs inside the band. */
  edges: [string, string][];
}

/** What the layout worker is given: only what decides the geometry, so its hash names the layout. */
export interface LayoutInput {
  hash: string;
  bands: BandInput[];
  /** [prerequisite, topic] pairs whose ends are in different bands. */
  crossEdges: [string, string][];
}

export interface NodeBox {
  id: string;
  x: number;
  y: number;
  band: number;
}

export interface BandBox {
  id: string;
  title: string;
  y: number;
  height: number;
}

export interface EdgePath {
  from: string;
  to: string;
  /** x0, y0, x1, y1, ... in the picture's coordinates. */
  points: number[];
  /** Between two sections (drawn lighter). */
  cross: boolean;
}

/** The geometry of one roadmap's picture, cached by `hash`. Boxes are NODE_WIDTH x NODE_HEIGHT, x/y their top-left corner. */
export interface GraphLayout {
  hash: string;
  width: number;
  height: number;
  bands: BandBox[];
  nodes: NodeBox[];
  edges: EdgePath[];
  /** Time the layout library took, for the bench (not part of the geometry). */
  libraryMs: number;
}

/** The layout input of a roadmap: bands in section order, topics in the section's order, prerequisites as edges. */
export function layoutInput(index: RoadmapIndex): LayoutInput {
  const bandOf = new Map<string, number>();
  index.roadmap.sections.forEach((s, i) => s.nodes.forEach((n) => bandOf.set(n.id, i)));
  const crossEdges: [string, string][] = [];
  const bands = index.roadmap.sections.map((s, i): BandInput => {
    const edges: [string, string][] = [];
    for (const n of s.nodes) {
      for (const p of n.prerequisites) {
        const band = bandOf.get(p);
        if (band === undefined || p === n.id) continue; // the validator reports unknown ids; the picture leaves them out
        if (band === i) edges.push([p, n.id]);
        else crossEdges.push([p, n.id]);
      }
    }
    return { id: s.id, title: s.title, nodes: s.nodes.map((n) => n.id), edges };
  });
  const hash = createHash('sha256').update(JSON.stringify([LAYOUT_VERSION, bands.map((b) => [b.id, b.nodes, b.edges]), crossEdges])).digest('hex').slice(0, 32);
  return { hash, bands, crossEdges };
}

/** What a topic shows besides its status: quiz items due for review, a verified pass after a peek. */
export interface NodeMark {
  status: DisplayStatus;
  due?: number;
  peeked?: boolean;
}

/** How each status looks, by colour AND by icon and word: never colour alone. */
export const STATUS_LOOK: Record<DisplayStatus, { word: string; codicon: string; glyph: string; symbol: string; color: string }> = {
  todo: { word: 'to do', codicon: 'circle-large-outline', glyph: '\uebb5', symbol: '○', color: '#8b949e' },
  'in-progress': { word: 'in progress', codicon: 'circle-large-filled', glyph: '\uebb4', symbol: '◐', color: '#d4a72c' },
  done: { word: 'done', codicon: 'pass', glyph: '\ueba4', symbol: '✓', color: '#2da44e' },
  skipped: { word: 'skipped', codicon: 'circle-slash', glyph: '\ueabd', symbol: '⊘', color: '#6e7781' },
  verified: { word: 'verified', codicon: 'verified-filled', glyph: '\uebe9', symbol: '★', color: '#0969da' },
  checked: { word: 'checked by quiz', codicon: 'mortar-board', glyph: '\ueb21', symbol: '☑', color: '#8250df' },
};
/** Review due is shown beside the status (a topic can be checked and due at once). */
export const DUE_LOOK = { word: 'review due', codicon: 'history', glyph: '\uea82', symbol: '⟳', color: '#cf222e' };

/** The order statuses are listed in, legends and counts alike. */
export const STATUS_ORDER: DisplayStatus[] = ['verified', 'checked', 'done', 'in-progress', 'skipped', 'todo'];

/** "3 h", "1.5 h", or "hours unknown". */
export function hoursText(hours: number | undefined): string {
  return hours === undefined ? 'hours unknown' : `${hours} h`;
}
