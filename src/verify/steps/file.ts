/**
 * `file`: reads a file of the exercise folder (a Compose file, a Dockerfile, a config) and checks it:
 * that it exists (or must not), that it parses as text, JSON, YAML, TOML or a Dockerfile (an error
 * says the line and column), its parsed value against a JSON shape, and its raw text (contains,
 * notContains, matches). The path stays inside the folder (inside.ts). Reads only; changes nothing.
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { parse as parseToml, TomlError } from 'smol-toml';
import { describe, fill, fillDeep, matchShape, type Vars } from '../match';
import type { Parser } from '../parser';
import type { Outcome, StepKind } from './kind';
import { DockerfileError, parseDockerfile } from './dockerfile';
import { outsideReason, resolveInside } from './inside';
import { describeTextChecks, judgeText, parseTextChecks, type TextChecks } from './textChecks';

export const FORMATS = ['text', 'json', 'yaml', 'toml', 'dockerfile'] as const;
export type FileFormat = (typeof FORMATS)[number];

export interface FileStep {
  kind: 'file';
  path: string;
  parses: FileFormat;
  /** False: the file must not exist (and nothing else is checked). */
  exists: boolean;
  json?: unknown;
  text: TextChecks;
}

/** A file larger than this is not read: a check reads configs and sources, not data. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Line and column (from 1) of a character offset in a text. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** The file's text parsed as `format`; or why it does not parse, with where. */
export function parseAs(text: string, format: FileFormat): { value: unknown } | { error: string } {
  try {
    switch (format) {
      case 'text':
        return { value: text };
      case 'json': {
        try {
          return { value: JSON.parse(text) };
        } catch (err) {
          const message = (err as Error).message;
          const at = /at position (\d+)/.exec(message);
          return { error: `${at ? `${lineColumn(text, Number(at[1]))}: ` : ''}${message.replace(/ in JSON at position \d+.*$/, '')}` };
        }
      }
      case 'yaml': {
        const docs = parseAllDocuments(text);
        if (!Array.isArray(docs)) return { value: null };
        for (const doc of docs) {
          const e = doc.errors[0];
          if (e) return { error: `${e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}: ` : ''}${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` };
        }
        // Several documents (`---` between them), as Kubernetes files have, read as a list of them.
        const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
        return { value: values.length === 0 ? null : values.length === 1 ? values[0] : values };
      }
      case 'toml':
        try {
          return { value: parseToml(text) };
        } catch (err) {
          if (err instanceof TomlError) return { error: `line ${err.line}, column ${err.column}: ${err.message.split('\n')[0].replace(/^Invalid TOML document: /, '')}` };
          throw err;
        }
      case 'dockerfile':
        try {
          return { value: parseDockerfile(text) };
        } catch (err) {
          if (err instanceof DockerfileError) return { error: err.message };
          throw err;
        }
    }
  } catch (err) {
    return { error: (err as Error).message };
  }
}

export const file: StepKind<FileStep> = {
  parse(p: Parser, step) {
    const what = 'the file step';
    const before = p.problems.length;
    p.knownKeys(step, ['file', 'parses', 'expect'], what);
    const rel = p.string(step, 'file', what, 'give the path of the file inside the exercise folder, such as docker-compose.yaml');
    const outside = rel === undefined ? undefined : outsideReason(rel);
    if (outside) p.fail(step, 'file', `the path '${rel}' ${outside}`);
    let parses: FileFormat | undefined = 'text';
    if (step.parses !== undefined) {
      parses = FORMATS.find((f) => f === step.parses);
      if (!parses) p.fail(step, 'parses', `'parses' of ${what} must be one of ${FORMATS.join(', ')}, not '${String(step.parses)}'`);
    }
    const e = step.expect === undefined ? {} : p.mapping(step, 'expect', what, ['exists', 'json', 'contains', 'notContains', 'matches']);
    if (!e) return undefined;
    const at = `'expect' of ${what}`;
    const exists = e.exists === undefined ? true : p.boolean(e, 'exists', at);
    const text = parseTextChecks(p, e, at, ['contains', 'notContains', 'matches']);
    if (exists === false && Object.keys(e).length > 1) p.fail(e, undefined, `${at} says the file must not exist: leave out the other checks (${Object.keys(e).filter((k) => k !== 'exists').join(', ')})`);
    if (e.json !== undefined && parses === 'text') p.fail(e, 'json', `a JSON shape needs a parsed file: add parses: json, yaml, toml or dockerfile to ${what}`);
    if (rel === undefined || outside || !parses || exists === undefined || p.problems.length > before) return undefined;
    return { kind: 'file', path: rel, parses, exists, ...(e.json === undefined ? {} : { json: e.json }), text };
  },

  describe(step, vars) {
    let rel = step.path;
    try {
      rel = fill(step.path, vars);
    } catch {
      // Shown as written while a variable is not known.
    }
    if (!step.exists) return { sent: `a look for the file ${rel} in the exercise folder`, expected: 'no such file' };
    const parts = [step.parses === 'text' ? 'the file exists' : `the file parses as ${step.parses === 'dockerfile' ? 'a Dockerfile' : step.parses.toUpperCase()}`];
    if (step.json !== undefined) {
      let shape: unknown = step.json;
      try {
        shape = fillDeep(step.json, vars);
      } catch {
        // As written.
      }
      parts.push(`its value matches ${describe(shape, 160)}`);
    }
    const text = describeTextChecks(step.text, vars);
    if (text) parts.push(`its text ${text}`);
    return { sent: `a read of the file ${rel} in the exercise folder`, expected: parts.join(', ') };
  },

  async run(step, vars: Vars, session): Promise<Outcome> {
    const rel = fill(step.path, vars);
    const where = resolveInside(session.dir, rel);
    if ('refused' in where) return { ok: false, got: where.refused };
    const stat = fs.statSync(where.file, { throwIfNoEntry: false });
    if (!step.exists) return stat ? { ok: false, got: `${rel} exists (${stat.isDirectory() ? 'a folder' : `${stat.size} bytes`}): remove it` } : { ok: true, got: `no file ${rel}` };
    if (!stat) return { ok: false, got: `there is no file ${rel} in the exercise folder: create it` };
    if (!stat.isFile()) return { ok: false, got: `${rel} is a folder, not a file` };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, got: `${rel} is ${stat.size} bytes, more than the ${MAX_FILE_BYTES / 1024 / 1024} MB a check reads` };
    const text = (await fs.promises.readFile(where.file, 'utf8')).replace(/^\uFEFF/, '');
    const parsed = parseAs(text, step.parses);
    if ('error' in parsed) return { ok: false, got: `${rel} does not parse as ${step.parses}: ${parsed.error}` };
    if (step.json !== undefined) {
      const m = matchShape(parsed.value, fillDeep(step.json, vars));
      if (m) return { ok: false, got: `${rel}: ${m}` };
    }
    const why = judgeText(text, step.text, vars, rel);
    if (why) return { ok: false, got: why };
    const size = `${rel} (${text.split('\n').length} lines)`;
    return { ok: true, got: step.parses === 'text' ? size : `${size} parses as ${step.parses}${step.json !== undefined ? ' and matches' : ''}` };
  },
};
