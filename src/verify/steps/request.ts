/**
 * `request`: sends one request and checks the answer's status, headers and JSON shape; may save
 * values for later steps, retry for a while (retryForMs) or send until the answer holds (repeatUntil).
 */
import type { Answer } from '../http';
import { describe, extract, fill, fillDeep, matchShape, type Vars } from '../match';
import { isObject, lowerKeys, type Parser, type Path } from '../parser';
import type { Outcome, StepKind } from './kind';
import { describeAnswer, labelRequest, oneLine, parseRequest, toSent, type RequestSpec } from './requestSpec';

export interface Expectation {
  status?: number[];
  headers?: Record<string, string>;
  json?: unknown;
  bodyContains?: string;
}

export interface RequestStep {
  kind: 'request';
  request: RequestSpec;
  expect: Expectation;
  save: Record<string, string>;
  retryForMs?: number;
  repeatUntil?: { max: number };
}

const LIMITS = { retryForMs: 60_000, repeatMax: 2_000 };

function parseExpectation(p: Parser, value: unknown, path: Path): Expectation | undefined {
  if (!isObject(value)) return p.fail(path, 'expect must be a map: status, headers, json or bodyContains');
  p.keys(value, path, ['status', 'headers', 'json', 'bodyContains']);
  const out: Expectation = {};
  if (value.status !== undefined) {
    const list = Array.isArray(value.status) ? value.status : [value.status];
    if (list.length === 0) p.fail([...path, 'status'], 'status must list at least one code');
    out.status = list.map((s, i) => p.status(s, Array.isArray(value.status) ? [...path, 'status', i] : [...path, 'status'])).filter((s): s is number => s !== undefined);
  }
  if (value.headers !== undefined) out.headers = lowerKeys(p.stringMap(value.headers, [...path, 'headers'], 'headers') ?? {});
  if (value.json !== undefined) out.json = value.json;
  if (value.bodyContains !== undefined) out.bodyContains = p.string(value.bodyContains, [...path, 'bodyContains'], 'bodyContains');
  if (Object.keys(out).length === 0) p.fail(path, 'expect must say something: status, headers, json or bodyContains');
  return out;
}

function describeExpect(e: Expectation, vars: Vars): string {
  // Saved values are shown as they were filled in, where they are known.
  const show = (v: unknown) => {
    try {
      return fillDeep(v, vars);
    } catch {
      return v;
    }
  };
  const parts: string[] = [];
  if (e.status) parts.push(`status ${e.status.join(' or ')}`);
  for (const [k, v] of Object.entries(e.headers ?? {})) parts.push(`header ${k}: ${String(show(v))}`);
  if (e.json !== undefined) parts.push(`JSON ${describe(show(e.json), 160)}`);
  if (e.bodyContains) parts.push(`a body containing ${JSON.stringify(show(e.bodyContains))}`);
  return parts.join(', ');
}

/** Checks one answer against an expectation; undefined when it holds, else why not. */
export function judge(answer: Answer, expect: Expectation, vars: Vars): string | undefined {
  const notJson = expect.json !== undefined && !answer.isJson ? `the body is not JSON${answer.text ? `: ${oneLine(answer.text, 80)}` : ' (it is empty)'}` : undefined;
  if (expect.status && !expect.status.includes(answer.status)) return `status ${answer.status}, expected ${expect.status.join(' or ')}${notJson ? `; ${notJson}` : ''}`;
  for (const [name, raw] of Object.entries(expect.headers ?? {})) {
    const h = answer.headers[name];
    const value = Array.isArray(h) ? h.join(', ') : h;
    if (raw === '<absent>') {
      if (value !== undefined) return `header ${name} should be absent, got '${value}'`;
    } else if (value === undefined) return `header ${name} is missing`;
    else if (raw !== '<present>' && value !== fill(raw, vars)) return `header ${name} is '${value}', expected '${fill(raw, vars)}'`;
  }
  if (expect.json !== undefined) {
    if (notJson) return notJson;
    const m = matchShape(answer.json, fillDeep(expect.json, vars));
    if (m) return m;
  }
  if (expect.bodyContains && !answer.text.includes(fill(expect.bodyContains, vars))) return `the body does not contain ${JSON.stringify(fill(expect.bodyContains, vars))}`;
  return undefined;
}

export const request: StepKind<RequestStep> = {
  parse(p, value, path) {
    p.keys(value, path, ['request', 'expect', 'save', 'retryForMs', 'repeatUntil']);
    const request = parseRequest(p, value.request, [...path, 'request']);
    const expect = parseExpectation(p, value.expect, [...path, 'expect']);
    const save = p.stringMap(value.save, [...path, 'save'], 'save');
    for (const [name, from] of Object.entries(save ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) p.fail([...path, 'save', name], `'${name}' is not a variable name (letters, digits and _)`);
      if (!/^(json(\.[^.]+)*|headers\.[a-z0-9-]+)$/i.test(from)) p.fail([...path, 'save', name], `'${from}' must be json, json.<path> or headers.<name>`);
    }
    const retryForMs = value.retryForMs === undefined ? undefined : p.number(value.retryForMs, [...path, 'retryForMs'], 'retryForMs', 100, LIMITS.retryForMs);
    let repeatUntil: { max: number } | undefined;
    if (value.repeatUntil !== undefined) {
      const r = value.repeatUntil;
      const max = isObject(r) ? p.number(r.max, [...path, 'repeatUntil', 'max'], 'repeatUntil.max', 1, LIMITS.repeatMax) : p.fail([...path, 'repeatUntil'], 'repeatUntil must be a map with max');
      if (max !== undefined) repeatUntil = { max };
    }
    if (retryForMs !== undefined && repeatUntil) p.fail(path, 'give either retryForMs or repeatUntil, not both');
    if (!request || !expect || !save) return undefined;
    return { kind: 'request', request, expect, save, retryForMs, repeatUntil };
  },

  describe(step, vars) {
    return { sent: labelRequest(step.request, vars), expected: describeExpect(step.expect, vars) };
  },

  async run(step, vars, session): Promise<Outcome> {
    const spec = toSent(step.request, vars);
    let answer = await session.exchange(spec);
    let why = judge(answer, step.expect, vars);
    let tries = 1;
    if (why && step.repeatUntil) {
      while (why && tries < step.repeatUntil.max) {
        session.throwIfCancelled();
        answer = await session.exchange(spec);
        why = judge(answer, step.expect, vars);
        tries++;
      }
      if (why) return { ok: false, got: `${tries} requests sent and none matched; the last: ${describeAnswer(answer)} (${why})` };
    }
    if (why && step.retryForMs) {
      const deadline = performance.now() + step.retryForMs;
      while (why && performance.now() < deadline) {
        await session.pause(250);
        session.throwIfCancelled();
        answer = await session.exchange(spec);
        why = judge(answer, step.expect, vars);
        tries++;
      }
      if (why) return { ok: false, got: `still not after ${step.retryForMs / 1000} s (${tries} tries); the last: ${describeAnswer(answer)} (${why})` };
    }
    if (why) return { ok: false, got: `${describeAnswer(answer)} (${why})` };
    for (const [name, from] of Object.entries(step.save)) {
      const value = extract(from, answer);
      if (value === undefined || value === null || typeof value === 'object') return { ok: false, got: `${describeAnswer(answer)} (could not save ${name}: ${from} is ${value === undefined ? 'missing' : 'not a single value'})` };
      vars[name] = String(value);
    }
    return { ok: true, got: `${describeAnswer(answer)}${tries > 1 ? ` after ${tries} tries` : ''}` };
  },
};
