/**
 * Diagrams in lessons: a lesson places one with a paragraph `![What the picture shows](diagram:name)`,
 * and `diagrams/<name>.dot` beside the roadmap entry holds its Graphviz source. The build draws each
 * source to SVG (src/roadmap/graphviz.ts) and this module keeps only what a lesson page may show:
 * shapes, paths and text, no script, no event attribute, no link, no external reference, no colour of
 * its own (media/lesson.css colours the classes from the VS Code theme). Pure: no library, no disk.
 */
import type { Problem } from './problems';

/** The file name of a diagram, without `.dot`: lowercase words joined by hyphens. */
export const DIAGRAM_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The scheme a lesson's image uses to place a diagram. */
export const DIAGRAM_SCHEME = 'diagram:';
/** A text alternative says what the picture shows: a sentence, not a label. */
export const MIN_ALT_WORDS = 6;
/** The accent classes a source may give a node, a cluster or an edge (`class="accent-1"`), coloured by the theme. */
export const ACCENT_CLASSES = ['accent-1', 'accent-2', 'accent-3', 'accent-4', 'muted'];

/** One place where a lesson places a diagram. */
export interface DiagramRef {
  name: string;
  alt: string;
  /** 1-based, in the lesson's Markdown. */
  line: number;
  column: number;
  /** Whether it is a paragraph of its own, as a figure must be. */
  alone: boolean;
}

/** Every `![alt](diagram:name)` of a lesson outside code, with where it is. */
export function diagramRefs(markdown: string): DiagramRef[] {
  const refs: DiagramRef[] = [];
  let fence: string | undefined;
  const lines = markdown.split('\n');
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i].trim() === '';
  lines.forEach((text, i) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return;
    }
    if (fence !== undefined) return;
    const withoutSpans = text.replace(/`[^`]*`/g, (s) => ' '.repeat(s.length));
    for (const m of withoutSpans.matchAll(/!\[([^\]]*)\]\(\s*diagram:([^)\s]*)\s*\)/g)) {
      const alone = text.trim() === m[0] && blank(i - 1) && blank(i + 1);
      refs.push({ name: m[2], alt: m[1].trim(), line: i + 1, column: m.index! + 1, alone });
    }
  });
  return refs;
}

/** What is wrong with one placement: an unknown diagram, a bad name, a missing or thin text alternative. */
export function diagramRefProblems(ref: DiagramRef, known: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!DIAGRAM_NAME.test(ref.name)) problems.push(`diagram name '${ref.name}' must be lowercase words joined by hyphens (the file diagrams/<name>.dot)`);
  else if (!known.has(ref.name)) problems.push(`diagram '${ref.name}' does not exist: add diagrams/${ref.name}.dot or fix the name`);
  if (!ref.alone) problems.push(`diagram '${ref.name}' must be a paragraph of its own: put it on its own line, with a blank line before and after`);
  const words = ref.alt.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (ref.alt === '') problems.push(`diagram '${ref.name}' has no text alternative: write what the picture shows between the brackets`);
  else if (words < MIN_ALT_WORDS) problems.push(`diagram '${ref.name}' has a text alternative of ${words} word(s): say in a sentence of at least ${MIN_ALT_WORDS} words what the picture shows`);
  return problems;
}

/**
 * Problems of every placement in the lessons: at the line and column of a lesson file; for a lesson
 * written inline in YAML, at its `lesson` value (`inlineAt`), naming the line within the lesson.
 */
export function lessonDiagramProblems(
  lessons: Map<string, { markdown: string; file: string }>,
  known: ReadonlySet<string>,
  display: (file: string) => string = (f) => f,
  inlineAt: (id: string) => { file: string; line: number; column: number } | undefined = () => undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const [id, lesson] of lessons) {
    const inFile = lesson.file.endsWith('.md');
    for (const ref of diagramRefs(lesson.markdown)) {
      for (const message of diagramRefProblems(ref, known)) {
        const site = inFile ? undefined : inlineAt(id);
        if (site) problems.push({ file: site.file, line: site.line, column: site.column, message: `${message} (line ${ref.line} of the lesson of '${id}')` });
        else problems.push({ file: display(lesson.file), line: ref.line, column: ref.column, message });
      }
    }
  }
  return problems;
}

/** A drawn diagram that no lesson places (lint only: a diagram in progress still builds). */
export function unplacedDiagramProblems(lessons: Map<string, { markdown: string }>, files: ReadonlyMap<string, string>): Problem[] {
  const placed = new Set([...lessons.values()].flatMap((l) => diagramRefs(l.markdown).map((r) => r.name)));
  return [...files]
    .filter(([name]) => !placed.has(name))
    .map(([name, file]) => ({ file, line: 1, column: 1, message: `diagram '${name}' is placed in no lesson: place it with ![what it shows](diagram:${name}) or delete the file` }));
}

/**
 * The source with the house style in front of the author's own statements (which override it):
 * top to bottom, rounded boxes, the page's size of type. Undefined when the source does not open
 * with `digraph {` or `graph {` (optionally named), which the lint reports.
 */
export function withHouseStyle(dot: string): string | undefined {
  const head = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|#[^\n]*\n)*(?:strict\s+)?(?:di)?graph\s*(?:[A-Za-z_][\w]*|"[^"\\]*")?\s*\{/.exec(dot);
  if (!head) return undefined;
  const style = ' graph [fontname="Verdana" fontsize=12 nodesep=0.3 ranksep=0.35 pad=0.05]; node [shape=box style=rounded fontname="Verdana" fontsize=12 height=0.3 margin="0.12,0.05"]; edge [fontname="Verdana" fontsize=10 arrowsize=0.7]; ';
  return dot.slice(0, head[0].length) + style + dot.slice(head[0].length);
}

/** Elements kept with their attributes; `g` and `a` elements are unwrapped or kept as groups (below). */
const SHAPES = new Set(['polygon', 'polyline', 'path', 'ellipse', 'text', 'tspan']);
const NUMBER = /^-?\d+(?:\.\d+)?$/;
const NUMBERS = /^[-\d.,\s]*$/;
/** The attributes kept, each with the values it may have. */
const ATTRIBUTES: Record<string, RegExp> = {
  points: NUMBERS,
  d: /^[MCLZHVSQTAmclzhvsqta\d.,\s-]*$/,
  cx: NUMBER,
  cy: NUMBER,
  rx: NUMBER,
  ry: NUMBER,
  x: NUMBER,
  y: NUMBER,
  'text-anchor': /^(?:start|middle|end)$/,
  'font-size': NUMBER,
  'font-weight': /^(?:bold|normal)$/,
  'font-style': /^(?:italic|normal)$/,
  'stroke-dasharray': NUMBERS,
  'stroke-width': NUMBER,
  fill: /^none$/,
  stroke: /^none$/,
};
/** Elements dropped with everything inside them: metadata, scripts, styles, foreign content, images... */
const DROPPED_WITH_CONTENT = /^(?:title|desc|metadata|script|style|foreignobject|image|use|iframe|object|embed|defs|lineargradient|radialgradient|pattern|mask|clippath|filter|symbol|marker|set|animate\w*)$/i;

/** A Graphviz class list reduced to the structural classes and the accent classes. */
function keptClasses(value: string): string {
  return value
    .replace(/&#45;/g, '-')
    .split(/\s+/)
    .filter((c) => ['graph', 'node', 'edge', 'cluster'].includes(c) || ACCENT_CLASSES.includes(c))
    .join(' ');
}

function attributes(source: string): [string, string][] {
  return [...source.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((m) => [m[1], m[2] ?? m[3]]);
}

/**
 * Graphviz's SVG as a lesson page may show it, rebuilt from an allow list: the root `svg` with its
 * size and viewBox, groups with their structural and accent classes, shapes with geometry only, and
 * text. Everything else is left out: the XML prologue, comments, ids, titles, links (their content is
 * kept), colours, fonts, styles, scripts, event attributes, images and references. The graph's
 * background is dropped, so the page's own shows through.
 */
export function sanitizeSvg(svg: string): string {
  const out: string[] = [];
  /** For each open element: what its end tag writes ('' when unwrapped). */
  const open: string[] = [];
  /** Depth inside a dropped element: 0 when writing. */
  let dropping = 0;
  let inText = 0;
  let graphGroupDepth = -1;
  let backgroundDropped = false;
  const body = svg.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!DOCTYPE[^>]*>/gi, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  for (const token of body.match(/<[^>]*>|[^<]+/g) ?? []) {
    if (!token.startsWith('<')) {
      if (dropping === 0 && inText > 0) out.push(token.replace(/&(?!(?:#\d+|#x[\da-f]+|[a-z]+);)/gi, '&amp;').replace(/>/g, '&gt;'));
      continue;
    }
    const closing = /^<\/\s*([\w:-]+)/.exec(token);
    if (closing) {
      const name = closing[1].toLowerCase();
      if (dropping > 0) {
        dropping--;
        continue;
      }
      if (open.length === 0) continue;
      if (name === 'text' || name === 'tspan') inText = Math.max(0, inText - 1);
      if (open.length - 1 === graphGroupDepth) graphGroupDepth = -1;
      out.push(open.pop()!);
      continue;
    }
    const start = /^<\s*([\w:-]+)([\s\S]*?)(\/?)\s*>$/.exec(token);
    if (!start) continue;
    const [, rawName, rest, selfClosing] = start;
    const name = rawName.toLowerCase();
    if (dropping > 0 || DROPPED_WITH_CONTENT.test(name)) {
      if (!selfClosing) dropping++;
      continue;
    }
    const attrs = attributes(rest);
    let written = '';
    let end = '';
    if (name === 'svg' && out.length === 0) {
      const kept = attrs.filter(([k, v]) => (k === 'width' || k === 'height') && /^\d+(?:\.\d+)?(?:pt|px)?$/.test(v)).map(([k, v]) => ` ${k}="${v}"`);
      const viewBox = attrs.find(([k, v]) => k === 'viewBox' && NUMBERS.test(v));
      written = `<svg xmlns="http://www.w3.org/2000/svg" class="diagram-svg"${kept.join('')}${viewBox ? ` viewBox="${viewBox[1]}"` : ''} aria-hidden="true" focusable="false">`;
      end = '</svg>';
    } else if (name === 'g') {
      const cls = keptClasses(attrs.find(([k]) => k === 'class')?.[1] ?? '');
      const transform = attrs.find(([k, v]) => k === 'transform' && /^(?:\s*(?:scale|rotate|translate)\([-\d.,\s]*\))+\s*$/.test(v));
      written = `<g${cls ? ` class="${cls}"` : ''}${transform ? ` transform="${transform[1]}"` : ''}>`;
      end = '</g>';
      if (cls === 'graph') graphGroupDepth = open.length;
    } else if (SHAPES.has(name)) {
      // The graph's first polygon is its white background.
      if (name === 'polygon' && graphGroupDepth === open.length - 1 && graphGroupDepth >= 0 && !backgroundDropped) {
        backgroundDropped = true;
        if (!selfClosing) dropping++;
        continue;
      }
      const kept = attrs.filter(([k, v]) => ATTRIBUTES[k]?.test(v)).map(([k, v]) => ` ${k}="${v}"`);
      written = `<${name}${kept.join('')}>`;
      end = `</${name}>`;
      if (name === 'text' || name === 'tspan') inText++;
    }
    // Anything else (a link, an unknown element) is unwrapped: its tag goes, its content stays.
    if (selfClosing) {
      if (written) out.push(written.replace(/>$/, '/>'));
    } else {
      out.push(written);
      open.push(end);
    }
  }
  while (open.length > 0) out.push(open.pop()!);
  return out
    .join('')
    .replace(/\s*\n\s*/g, '')
    .replace(/<g>(?:<\/g>)/g, '');
}
