/**
 * `each`: one request sent once for every `{{i}}` from 1 to `count`, one after another, every answer
 * held to the same expectation: a check writes 200 keys of fixed names, or reads every one of them
 * back through a node that survived. The first answer that does not hold fails the step and says
 * which `i` it was. `{{i}}` is filled in first, so `{{item{{i}}}}` is the value saved as item1, item2...
 * With `atLeast: k`, k answers that hold pass the step (and end it), the others may miss: one timed
 * read on a busy machine can land in a stall, so a check reads three cached items once each, where a
 * read that misses the cache cannot be fast however often it is tried. Pure Node.
 */
import { wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { describeExpect, judge, parseExpectation, type Expectation } from './request';
import { describeAnswer, labelRequest, parseRequest, toSent, type RequestSpec } from './requestSpec';

export interface EachStep {
  kind: 'each';
  count: number;
  request: RequestSpec;
  expect: Expectation;
  /** The instance (steps/instance.ts, steps/instances.ts) to send to; the session's server when absent. */
  on?: string;
  /** How many answers must hold; all of them when absent. */
  atLeast?: number;
}

export const each: StepKind<EachStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'each', ['count', 'request', 'expect', 'on', 'atLeast'], 'add { count: 200, request: { ... }, expect: { ... } }');
    if (!body) return undefined;
    const what = 'the each step';
    const count = p.number(body, 'count', what, wholeNumber(1, 1000), 'add count: how many times to send it, with {{i}} from 1 to count');
    const request = parseRequest(p, body, 'request', what);
    const expect = parseExpectation(p, body, what);
    const on = p.string(body, 'on', what);
    const atLeast = body.atLeast === undefined ? undefined : p.number(body, 'atLeast', what, wholeNumber(1, 1000));
    if (count === undefined || !request || !expect || (body.atLeast !== undefined && atLeast === undefined)) return undefined;
    if (atLeast !== undefined && atLeast > count) return p.fail(body, 'atLeast', `${what} asks ${atLeast} answers to hold but sends ${count}`);
    return { kind: 'each', count, request, expect, ...(on === undefined ? {} : { on }), ...(atLeast === undefined ? {} : { atLeast }) };
  },

  describe(step, vars) {
    const at = { ...vars, i: '{{i}}' };
    return {
      sent: `${labelRequest(step.request, at)} for every {{i}} from 1 to ${step.count}${step.on ? `, to the node '${step.on}'` : ''}`,
      expected: `${step.atLeast === undefined ? 'every answer' : `at least ${step.atLeast} of the ${step.count} answers`}: ${describeExpect(step.expect, at)}`,
    };
  },

  async run(step, vars, session) {
    const to = step.on === undefined ? undefined : session.scope.address(step.on, { host: session.host, port: session.port });
    if (typeof to === 'string') return { ok: false, got: to };
    const missed: string[] = [];
    for (let i = 1; i <= step.count; i++) {
      session.throwIfCancelled();
      const at = { ...vars, i: String(i) };
      const sent = toSent(withI(step.request, i), at);
      const answer = await (to ? session.timed(session.send(sent, { to })) : session.exchange(sent));
      const why = judge(answer, withI(step.expect, i), at);
      if (!why && step.atLeast !== undefined && i - missed.length >= step.atLeast) {
        return { ok: true, got: `${step.atLeast} of ${i} answers held${missed.length ? `; missed: ${missed.join('; ')}` : ''}` };
      }
      if (!why) continue;
      const miss = `for i=${i} (${sent.method} ${sent.path}): ${describeAnswer(answer)} (${why})`;
      if (step.atLeast === undefined) return { ok: false, got: miss };
      missed.push(miss);
      // Too few left to reach atLeast: the verdict is known.
      if (step.count - missed.length < step.atLeast) return { ok: false, got: `${step.count - missed.length} of ${step.count} answers could still hold, ${step.atLeast} must: ${missed.join('; ')}` };
    }
    return { ok: true, got: `all ${step.count} answers held` };
  },
};

/** A request or expectation with `{{i}}` written in, so the names it leaves (`{{item1}}`) are filled in next. */
function withI<T>(spec: T, i: number): T {
  const write = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{\{\s*i\s*\}\}/g, String(i));
    if (Array.isArray(value)) return value.map(write);
    if (value && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, write(v)]));
    return value;
  };
  return write(spec) as T;
}
