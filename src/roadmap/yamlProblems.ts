/**
 * What is wrong with a YAML file's text, located where a person would look for the mistake. The
 * parser notices an unclosed quote or bracket only where the file or the block ends, and a key
 * indented one space too deep at the line above it; the problem points at the opening quote, the
 * bracket, the key.
 */
import { isCollection, isScalar, visit, type YAMLError } from 'yaml';
import { MAX_ALIAS_COUNT } from './limits';
import { spanAt, type Span, type YamlSource } from './yamlLocation';

export interface SyntaxProblem extends Span {
  message: string;
}

/** The document's plain value, or the problem of aliases that expand past the limit (an alias bomb). */
export function expandAliases(source: YamlSource): { value: unknown } | { problem: SyntaxProblem } {
  try {
    return { value: source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    // The expansion error carries no position: point at the first alias, where the bomb starts.
    let offset = 0;
    visit(source.doc, { Alias: (_key, node) => ((offset = node.range?.[0] ?? 0), visit.BREAK) });
    const { line, column } = spanAt(source, offset);
    return { problem: { line, column, message: `YAML could not be expanded: ${firstLine(String((err as Error).message))}; use fewer aliases (at most ${MAX_ALIAS_COUNT})` } };
  }
}

/** The file's first syntax error (later ones are mostly its echoes), or undefined when it has none. */
export function syntaxProblem(source: YamlSource): SyntaxProblem | undefined {
  const [err] = source.doc.errors;
  if (!err) return undefined;
  const more = source.doc.errors.length > 1 ? ` (and ${source.doc.errors.length - 1} more error(s) after it)` : '';
  const found = unclosedQuote(source, err) ?? unclosedFlow(source, err) ?? overIndentedKey(source, err) ?? misalignedKey(source, err);
  if (found) return { ...found, message: `YAML syntax: ${found.message}${more}` };
  return { ...spanAt(source, err.pos[0], err.pos[1]), message: `YAML syntax: ${firstLine(err.message)}${more}` };
}

/** "Missing closing quote" is reported at the end of the file: point at the quote that opened it. */
function unclosedQuote(source: YamlSource, err: YAMLError): SyntaxProblem | undefined {
  if (err.code !== 'MISSING_CHAR' || !/closing ["']quote/.test(err.message)) return undefined;
  const start = innermost(source, err.pos[0], (node) => isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'));
  if (start === undefined) return undefined;
  const quote = source.text[start];
  return { ...spanAt(source, start, start + 1), message: `the text quoted with ${quote} here is never closed: end it with ${quote}` };
}

/** An unclosed [ or { is reported where the block around it ends: point at the bracket. */
function unclosedFlow(source: YamlSource, err: YAMLError): SyntaxProblem | undefined {
  if (err.code !== 'BAD_INDENT' || !/^Flow (sequence|map)/.test(err.message)) return undefined;
  const start = innermost(source, err.pos[0], (node) => isCollection(node) && node.flow === true);
  if (start === undefined) return undefined;
  const [open, close, what] = source.text[start] === '{' ? ['{', '}', 'mapping'] : ['[', ']', 'list'];
  return {
    ...spanAt(source, start, start + 1),
    message: `the ${what} opened with ${open} here is never closed: end it with ${close} (a ${what} that goes on over several lines is indented more than its key)`,
  };
}

/**
 * `title: A` followed by ` hours: 2` one space deeper reads as a multi-line key, reported at `A`:
 * point at the deeper key.
 */
function overIndentedKey(source: YamlSource, err: YAMLError): SyntaxProblem | undefined {
  if (err.code !== 'BLOCK_AS_IMPLICIT_KEY' && err.code !== 'MULTILINE_IMPLICIT_KEY') return undefined;
  const lines = source.text.split('\n');
  const at = source.lines.linePos(err.pos[0]).line - 1;
  const above = keyOf(lines[at]);
  const next = lines.findIndex((l, i) => i > at && l.trim() !== '' && !l.trimStart().startsWith('#'));
  const below = next === -1 ? undefined : keyOf(lines[next]);
  if (!above || !below || below.column <= above.column) return undefined;
  return { ...keySpan(source, lines, next, below), message: `'${below.key}' is indented more than '${above.key}' above it: start the keys of one mapping in the same column` };
}

/** "All mapping items must start at the same column" is reported at the line's start: point at the key. */
function misalignedKey(source: YamlSource, err: YAMLError): SyntaxProblem | undefined {
  if (err.code !== 'BAD_INDENT' || !/same column/.test(err.message)) return undefined;
  const lines = source.text.split('\n');
  const at = source.lines.linePos(err.pos[0]).line - 1;
  const key = keyOf(lines[at] ?? '');
  if (!key) return undefined;
  return { ...keySpan(source, lines, at, key), message: `'${key.key}' does not start in the same column as the other keys of its mapping: indent it as they are` };
}

/** The start of the innermost node that `test` accepts and that is still open at `pos`. */
function innermost(source: YamlSource, pos: number, test: (node: unknown) => boolean): number | undefined {
  let best: number | undefined;
  visit(source.doc, {
    Node: (_key, node) => {
      const range = node.range;
      if (range && test(node) && range[0] < pos && pos <= range[1] && (best === undefined || range[0] > best)) best = range[0];
    },
  });
  return best;
}

/** The key a line starts with (after any `- ` list markers), and its 0-based column. */
function keyOf(line: string): { key: string; column: number } | undefined {
  const m = /^((?:\s*-\s+)*\s*)([^\s#:'"[{][^:#]*?|"[^"]*"|'[^']*'):(?:\s|$)/.exec(line);
  return m ? { key: m[2], column: m[1].length } : undefined;
}

function keySpan(source: YamlSource, lines: string[], index: number, key: { key: string; column: number }): Span {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i].length + 1;
  return spanAt(source, offset + key.column, offset + key.column + key.key.length);
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
