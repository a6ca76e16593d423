/** Templates, JSON shapes and saved values of milestone checks. Pure. */

export type Vars = Record<string, string>;

export class TemplateError extends Error {}

/** Fills in {{name}}; an unknown name is an error that says where values come from. */
export function fill(text: string, vars: Vars): string {
  return text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(vars, name)) throw new TemplateError(`unknown variable {{${name}}}: save it in an earlier step of the same check`);
    return vars[name];
  });
}

/** The most copies `{ "<repeat>": n, each: value }` makes: enough for a large batch, not for a runaway body. */
export const MAX_REPEAT = 100_000;

/**
 * `{ "<repeat>": n, each: value }`: n copies of value, {{i}} from 1 to n in each (a batch of n events);
 * with `join: "<separator>"`, the copies (text) joined into one string (2 KB of padding in one value).
 */
function repeated(value: Record<string, unknown>, vars: Vars): unknown[] | string {
  const n = value['<repeat>'];
  const join = value.join;
  const keys = Object.keys(value).length - (join === undefined ? 0 : 1);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_REPEAT || !('each' in value) || keys !== 2 || (join !== undefined && (typeof join !== 'string' || typeof value.each !== 'string'))) {
    throw new TemplateError(`{ "<repeat>": n, each: value } needs a whole number n from 0 to ${MAX_REPEAT} and the value to repeat (with join: "", text to join), and nothing else`);
  }
  // Without a template inside, every copy is the same: fill it once (a body of 500 events of 2 KB each).
  const same = !JSON.stringify(value.each).includes('{{');
  if (typeof join === 'string') {
    return same ? new Array<string>(n).fill(value.each as string).join(join) : Array.from({ length: n }, (_, i) => fill(value.each as string, { ...vars, i: String(i + 1) })).join(join);
  }
  if (same) return new Array<unknown>(n).fill(fillDeep(value.each, vars));
  return Array.from({ length: n }, (_, i) => fillDeep(value.each, { ...vars, i: String(i + 1) }));
}

/** Fills in every string inside a JSON value; `{ "<repeat>": n, each: value }` becomes an array of n. */
export function fillDeep(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') return fill(value, vars);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, vars));
  if (value && typeof value === 'object' && '<repeat>' in value) return repeated(value as Record<string, unknown>, vars);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, vars)]));
  return value;
}

const TYPE_MARKERS: Record<string, (v: unknown) => boolean> = {
  '<string>': (v) => typeof v === 'string',
  '<number>': (v) => typeof v === 'number',
  '<boolean>': (v) => typeof v === 'boolean',
  '<array>': (v) => Array.isArray(v),
  '<object>': (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  '<present>': (v) => v !== undefined,
};

/** `text` cut to `max` characters with an ellipsis, by code points, so an emoji is never split in half. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function describe(value: unknown, max = 120): string {
  return clip(value === undefined ? 'nothing' : JSON.stringify(value), max);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Matches a value against a shape (see roadmap/verify/README.md); returns undefined on a match or
 * the first mismatch, located by its path, such as `json.items.0.id: expected a string, got 42`.
 */
export function matchShape(actual: unknown, shape: unknown, at = 'json'): string | undefined {
  if (typeof shape === 'string' && shape in TYPE_MARKERS) {
    return TYPE_MARKERS[shape](actual) ? undefined : `${at}: expected ${shape.slice(1, -1) === 'present' ? 'a value' : `a ${shape.slice(1, -1)}`}, got ${actual === undefined ? 'nothing' : describe(actual, 60)}`;
  }
  if (shape === '<absent>') return actual === undefined ? undefined : `${at}: expected no value, got ${describe(actual, 60)}`;
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual)) return `${at}: expected an array, got ${kind(actual)}`;
    if (actual.length !== shape.length) return `${at}: expected ${shape.length} elements, got ${actual.length}`;
    for (let i = 0; i < shape.length; i++) {
      const m = matchShape(actual[i], shape[i], `${at}.${i}`);
      if (m) return m;
    }
    return undefined;
  }
  if (shape && typeof shape === 'object') {
    const entries = Object.entries(shape);
    if (entries.length === 1 && entries[0][0] === '<contains>') {
      if (!Array.isArray(actual)) return `${at}: expected an array, got ${kind(actual)}`;
      if (actual.some((el) => matchShape(el, entries[0][1]) === undefined)) return undefined;
      return `${at}: no element of ${actual.length} matches ${describe(entries[0][1], 80)}`;
    }
    if (entries.length === 1 && entries[0][0] === '<none>') {
      if (!Array.isArray(actual)) return `${at}: expected an array, got ${kind(actual)}`;
      const i = actual.findIndex((el) => matchShape(el, entries[0][1]) === undefined);
      return i < 0 ? undefined : `${at}.${i}: expected no element matching ${describe(entries[0][1], 80)}, got ${describe(actual[i], 80)}`;
    }
    if (entries.length === 1 && entries[0][0] === '<length>') {
      if (!Array.isArray(actual)) return `${at}: expected an array, got ${kind(actual)}`;
      return actual.length === entries[0][1] ? undefined : `${at}: expected ${String(entries[0][1])} elements, got ${actual.length}`;
    }
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return `${at}: expected an object, got ${kind(actual)}`;
    for (const [key, sub] of entries) {
      const m = matchShape((actual as Record<string, unknown>)[key], sub, `${at}.${key}`);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(actual, shape) || actual === shape ? undefined : `${at}: expected ${describe(shape, 60)}, got ${describe(actual, 60)}`;
}

/** Reads `json`, `json.a.0.b` or `headers.name` from an answer. */
export function extract(from: string, answer: { json?: unknown; headers: Record<string, string | string[] | undefined> }): unknown {
  const [root, ...rest] = from.split('.');
  if (root === 'headers') {
    const h = answer.headers[rest.join('.').toLowerCase()];
    return Array.isArray(h) ? h.join(', ') : h;
  }
  let value: unknown = answer.json;
  for (const part of rest) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Median and nearest-rank percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
