/**
 * `request`: sends one request and checks the answer's status, headers, JSON shape and time; may save
 * values for later steps, retry for a while (retryForMs), send until the answer holds (repeatUntil),
 * or send exactly N times with every answer holding (repeat: a limit tested at N). A retry may name
 * the answers that are still in progress (retryWhile): any other answer is final and fails at once,
 * so a server that can never get there is not waited for.
 */
import type { Answer, Sent } from '../http';
import { describe, extract, fill, fillDeep, matchShape, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { lowerKeys, STATUS, wholeNumber, type Parser } from '../parser';
import type { Outcome, StepKind } from './kind';
import { describeCookie, findCookie, judgeCookies, parseCookies, type CookieExpectation } from './cookies';
import { describeAnswer, labelRequest, oneLine, parseRequest, toSent, type RequestSpec, sentOrUndefined } from './requestSpec';
import { describeBounds, outsideBounds, parseBounds, type TimeBounds } from './timeBounds';

export interface Expectation {
  status?: number[];
  headers?: Record<string, string>;
  json?: unknown;
  bodyContains?: string;
  /** Cookie names to what their Set-Cookie must carry (cookies.ts). */
  cookies?: Record<string, CookieExpectation>;
  /** How long the answer may take. */
  ms?: TimeBounds;
}

export interface RequestStep {
  kind: 'request';
  request: RequestSpec;
  expect: Expectation;
  save: Record<string, string>;
  retryForMs?: number;
  repeatUntil?: { max: number };
  /** The answers worth sending again (still in progress); without it, every answer that fails expect. */
  retryWhile?: Expectation;
  /** Send exactly this many times; every answer must hold. */
  repeat?: number;
  /** The instance the request goes to (an instance step's name); undefined: the learner's server. */
  on?: string;
}

const LIMITS = { retryForMs: 60_000, repeatMax: 2_000 };

const EXPECT_KEYS = ['status', 'headers', 'cookies', 'json', 'bodyContains', 'ms'];
/** An answer in progress is told by what it says, not by how long it took. */
const RETRY_WHILE_KEYS = ['status', 'headers', 'json', 'bodyContains'];

/** Reads `step[key]`, an expectation (expect) or the answers worth retrying (retryWhile). */
export function parseExpectation(p: Parser, step: Fields, what: string, key: 'expect' | 'retryWhile' = 'expect'): Expectation | undefined {
  const allowed = key === 'expect' ? EXPECT_KEYS : RETRY_WHILE_KEYS;
  const value = p.mapping(step, key, what, allowed, 'add what the answer must hold: status, headers, json, bodyContains or ms');
  if (!value) return undefined;
  const at = `'${key}' of ${what}`;
  const out: Expectation = {};
  if (Array.isArray(value.status)) {
    if (value.status.length === 0) p.fail(value, 'status', 'status must list at least one code');
    out.status = p.numbers(value, 'status', at, STATUS);
  } else if (value.status !== undefined) out.status = [p.number(value, 'status', at, STATUS)].filter((s): s is number => s !== undefined);
  if (value.headers !== undefined) out.headers = lowerKeys(p.textMapping(value, 'headers', at) ?? {});
  if (value.cookies !== undefined) out.cookies = parseCookies(p, value, at);
  if (value.json !== undefined) out.json = value.json;
  if (value.bodyContains !== undefined) out.bodyContains = p.string(value, 'bodyContains', at, 'give the text the body must contain, or leave it out');
  if (value.ms !== undefined) out.ms = parseBounds(p, value, 'ms', at);
  if (Object.keys(out).length === 0) p.fail(step, key, `${key} must say something: ${allowed.join(', ')}`);
  return out;
}

export function describeExpect(e: Expectation, vars: Vars): string {
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
  for (const [k, v] of Object.entries(e.cookies ?? {})) parts.push(describeCookie(k, v));
  if (e.json !== undefined) parts.push(`JSON ${describe(show(e.json), 160)}`);
  if (e.bodyContains) parts.push(`a body containing ${JSON.stringify(show(e.bodyContains))}`);
  if (e.ms) parts.push(`an answer ${describeBounds(e.ms)}`);
  return parts.join(', ');
}

/** A header marker: a whole number within bounds, such as `<integer 1..10>` for Retry-After. */
const INTEGER_IN = /^<integer (\d+)\.\.(\d+)>$/;

/** Checks one answer against an expectation; undefined when it holds, else why not. */
/** A header's expected value `<type text/css>`: the media type before any `;` parameters, in any case. */
const MEDIA_TYPE = /^<type ([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)>$/i;

export function judge(answer: Answer, expect: Expectation, vars: Vars): string | undefined {
  const notJson = expect.json !== undefined && !answer.isJson ? `the body is not JSON${answer.text ? `: ${oneLine(answer.text, 80)}` : ' (it is empty)'}` : undefined;
  if (expect.status && !expect.status.includes(answer.status)) return `status ${answer.status}, expected ${expect.status.join(' or ')}${notJson ? `; ${notJson}` : ''}`;
  for (const [name, raw] of Object.entries(expect.headers ?? {})) {
    const h = answer.headers[name];
    const value = Array.isArray(h) ? h.join(', ') : h;
    if (raw === '<absent>') {
      if (value !== undefined) return `header ${name} should be absent, got '${value}'`;
    } else if (value === undefined) return `header ${name} is missing`;
    else if (INTEGER_IN.test(raw)) {
      const [, low, high] = INTEGER_IN.exec(raw)!;
      if (!/^\d+$/.test(value) || Number(value) < Number(low) || Number(value) > Number(high)) return `header ${name} is '${value}', expected a whole number from ${low} to ${high}`;
    } else if (MEDIA_TYPE.test(raw)) {
      const wanted = MEDIA_TYPE.exec(raw)![1].toLowerCase();
      if (value.split(';')[0].trim().toLowerCase() !== wanted) return `header ${name} is '${value}', expected the media type ${wanted} (parameters such as charset allowed)`;
    } else if (raw !== '<present>' && value !== fill(raw, vars)) return `header ${name} is '${value}', expected '${fill(raw, vars)}'`;
  }
  const cookies = expect.cookies && judgeCookies(answer, expect.cookies, vars);
  if (cookies) return cookies;
  if (expect.json !== undefined) {
    if (notJson) return notJson;
    const m = matchShape(answer.json, fillDeep(expect.json, vars));
    if (m) return m;
  }
  if (expect.bodyContains && !answer.text.includes(fill(expect.bodyContains, vars))) return `the body does not contain ${JSON.stringify(fill(expect.bodyContains, vars))}`;
  if (expect.ms) return outsideBounds(answer.ms, expect.ms);
  return undefined;
}

export const request: StepKind<RequestStep> = {
  parse(p, step) {
    const what = 'the request step';
    p.knownKeys(step, ['request', 'expect', 'save', 'retryForMs', 'repeatUntil', 'repeat', 'retryWhile', 'on'], what);
    const on = p.string(step, 'on', what);
    const request = parseRequest(p, step, 'request', what);
    const expect = parseExpectation(p, step, what);
    const save = p.textMapping(step, 'save', what);
    for (const [name, from] of Object.entries(save ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) p.sink.key(step.save as Fields, name, `'${name}' is not a variable name (letters, digits and _)`);
      if (!/^(json(\.[^.]+)*|headers\.[a-z0-9-]+|cookies\.[^.\s;=]+)$/i.test(from)) p.fail(step.save as Fields, name, `'${from}' must be json, json.<path>, headers.<name> or cookies.<name>`);
    }
    const retryForMs = p.number(step, 'retryForMs', what, wholeNumber(100, LIMITS.retryForMs));
    const until = p.mapping(step, 'repeatUntil', what, ['max']);
    const max = until && p.number(until, 'max', `'repeatUntil' of ${what}`, wholeNumber(1, LIMITS.repeatMax), 'add the most requests to send');
    const repeatUntil = max === undefined ? undefined : { max };
    const repeat = p.number(step, 'repeat', what, wholeNumber(2, LIMITS.repeatMax));
    if ([retryForMs, repeatUntil, repeat].filter((x) => x !== undefined).length > 1) p.fail(step, undefined, 'give one of retryForMs, repeatUntil and repeat, not several');
    const retryWhile = step.retryWhile === undefined ? undefined : parseExpectation(p, step, what, 'retryWhile');
    if (step.retryWhile !== undefined && step.retryForMs === undefined && step.repeatUntil === undefined) {
      p.fail(step, 'retryWhile', 'retryWhile says which answers are worth sending again: give it with retryForMs or repeatUntil, or leave it out');
    }
    if (!request || !expect || !save || (step.retryWhile !== undefined && !retryWhile)) return undefined;
    return { kind: 'request', request, expect, save, retryForMs, repeatUntil, repeat, retryWhile, ...(on === undefined ? {} : { on }) };
  },

  describe(step, vars) {
    const times = `${step.repeat ? `, ${step.repeat} times` : ''}${step.on ? `, to the instance '${step.on}'` : ''}`;
    // A curl command names the learner's own port, so none for a request to another instance.
    return { request: step.on ? undefined : sentOrUndefined(step.request, vars), sent: `${labelRequest(step.request, vars)}${times}`, expected: `${step.repeat ? 'every answer: ' : ''}${describeExpect(step.expect, vars)}` };
  },

  async run(step, vars, session): Promise<Outcome> {
    const spec = toSent(step.request, vars);
    const to = step.on === undefined ? undefined : session.scope.address(step.on, { host: session.host, port: session.port });
    if (typeof to === 'string') return { ok: false, got: to };
    const exchange = (s: Sent) => (to ? session.timed(session.send(s, { to })) : session.exchange(s));
    let answer = await exchange(spec);
    let why = judge(answer, step.expect, vars);
    let tries = 1;
    const again = async () => {
      session.throwIfCancelled();
      answer = await exchange(spec);
      why = judge(answer, step.expect, vars);
      tries++;
    };
    // Without retryWhile every failing answer may still change; with it, only the ones it matches.
    const inProgress = () => !step.retryWhile || judge(answer, step.retryWhile, vars) === undefined;
    const final = () => `${describeAnswer(answer)} (${why}); a final answer${tries > 1 ? ` (try ${tries})` : ''}, not retried: only one with ${describeExpect(step.retryWhile!, vars)} is still in progress (retryWhile)`;
    while (!why && step.repeat && tries < step.repeat) await again();
    if (why && step.repeat) return { ok: false, got: `answer ${tries} of ${step.repeat}: ${describeAnswer(answer)} (${why})` };
    if (why && step.repeatUntil) {
      while (why && tries < step.repeatUntil.max && inProgress()) await again();
      if (why) return { ok: false, got: inProgress() ? `${tries} requests sent and none matched; the last: ${describeAnswer(answer)} (${why})` : final() };
    }
    if (why && step.retryForMs) {
      const deadline = performance.now() + step.retryForMs;
      while (why && performance.now() < deadline && inProgress()) {
        await session.pause(250);
        await again();
      }
      if (why) return { ok: false, got: inProgress() ? `still not after ${step.retryForMs / 1000} s (${tries} tries); the last: ${describeAnswer(answer)} (${why})` : final() };
    }
    if (why) return { ok: false, got: `${describeAnswer(answer)} (${why})` };
    for (const [name, from] of Object.entries(step.save)) {
      const value = from.startsWith('cookies.') ? findCookie(answer, from.slice('cookies.'.length))?.value : extract(from, answer);
      if (value === undefined || value === null || typeof value === 'object') return { ok: false, got: `${describeAnswer(answer)} (could not save ${name}: ${from} is ${value === undefined ? 'missing' : 'not a single value'})` };
      vars[name] = String(value);
    }
    const count = step.repeat ? ` (all ${tries} answers)` : tries > 1 ? ` after ${tries} tries` : '';
    return { ok: true, got: `${describeAnswer(answer)}${count}` };
  },
};
