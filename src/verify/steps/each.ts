/**
 * `each`: one request sent once for every `{{i}}` from 1 to `count`, one after another, every answer
 * held to the same expectation: a check writes 200 keys of fixed names, or reads every one of them
 * back through a node that survived. The first answer that does not hold fails the step and says
 * which `i` it was. Pure Node.
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
}

export const each: StepKind<EachStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'each', ['count', 'request', 'expect', 'on'], 'add { count: 200, request: { ... }, expect: { ... } }');
    if (!body) return undefined;
    const what = 'the each step';
    const count = p.number(body, 'count', what, wholeNumber(1, 1000), 'add count: how many times to send it, with {{i}} from 1 to count');
    const request = parseRequest(p, body, 'request', what);
    const expect = parseExpectation(p, body, what);
    const on = p.string(body, 'on', what);
    if (count === undefined || !request || !expect) return undefined;
    return { kind: 'each', count, request, expect, ...(on === undefined ? {} : { on }) };
  },

  describe(step, vars) {
    const at = { ...vars, i: '{{i}}' };
    return {
      sent: `${labelRequest(step.request, at)} for every {{i}} from 1 to ${step.count}${step.on ? `, to the node '${step.on}'` : ''}`,
      expected: `every answer: ${describeExpect(step.expect, at)}`,
    };
  },

  async run(step, vars, session) {
    const to = step.on === undefined ? undefined : session.scope.address(step.on, { host: session.host, port: session.port });
    if (typeof to === 'string') return { ok: false, got: to };
    for (let i = 1; i <= step.count; i++) {
      session.throwIfCancelled();
      const at = { ...vars, i: String(i) };
      const sent = toSent(step.request, at);
      const answer = await (to ? session.timed(session.send(sent, { to })) : session.exchange(sent));
      const why = judge(answer, step.expect, at);
      if (why) return { ok: false, got: `for i=${i} (${sent.method} ${sent.path}): ${describeAnswer(answer)} (${why})` };
    }
    return { ok: true, got: `all ${step.count} answers held` };
  },
};
