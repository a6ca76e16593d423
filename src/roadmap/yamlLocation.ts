/**
 * Where something is written in a YAML file: the one way problems of roadmap files are located,
 * from a node, a path of keys or a parser's offset to line, column and the end of the underline.
 */
import { isMap, type Document, type LineCounter } from 'yaml';
import type { PathPart } from './fields';

/** One parsed YAML file. */
export interface YamlSource {
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** 1-based; the end is kept on the start's line, so an editor underlines one line. */
export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/**
 * Where the value at `path` is written, or with `key` the key itself of its last part. A path the
 * document does not hold is located at its nearest ancestor that it does; the document's start
 * when none is.
 */
export function locateYaml(source: YamlSource, path: PathPart[], key = false): Span {
  let node = key ? keyNode(source.doc, path) : nodeAt(source.doc, path);
  for (let cut = path.length - 1; !hasRange(node) && cut >= 0; cut--) node = nodeAt(source.doc, path.slice(0, cut));
  return hasRange(node) ? spanAt(source, node.range[0], node.range[1]) : { line: 1, column: 1 };
}

/** The span of the offsets [start, end) of the file's text. */
export function spanAt(source: Pick<YamlSource, 'text' | 'lines'>, start: number, end = start): Span {
  const pos = source.lines.linePos(start);
  const lineEnd = source.text.indexOf('\n', start);
  const stop = Math.max(start, Math.min(end, lineEnd === -1 ? source.text.length : lineEnd));
  const endPos = source.lines.linePos(stop);
  return { line: pos.line, column: pos.col, endLine: endPos.line, endColumn: endPos.col };
}

function nodeAt(doc: Document.Parsed, path: PathPart[]): unknown {
  return path.length === 0 ? doc.contents : doc.getIn(path, true);
}

/** The key node of the last part of a path, for problems about a key rather than its value. */
function keyNode(doc: Document.Parsed, path: PathPart[]): unknown {
  if (path.length === 0) return undefined;
  const parent = nodeAt(doc, path.slice(0, -1));
  if (!isMap(parent)) return undefined;
  const last = String(path[path.length - 1]);
  return parent.items.find((pair) => hasRange(pair.key) && String((pair.key as { value?: unknown }).value) === last)?.key;
}

export function hasRange(node: unknown): node is { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}
