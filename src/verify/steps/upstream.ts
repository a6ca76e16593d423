/**
 * `upstream`: asks one of the upstreams the check file declares (upstreams.ts) what it received:
 * how many requests (to one path, when the step names it) and the shape of the last of them. So a
 * check proves that a gateway forwarded a request as it came, or that a refused one never arrived.
 */
import { describe, fill, fillDeep, matchShape } from '../match';
import { wholeNumber } from '../parser';
import type { Outcome, StepKind } from './kind';

export interface UpstreamStep {
  kind: 'upstream';
  name: string;
  /** Only requests to this path (after the gateway's prefix, without the query); may use {{variables}}. */
  path?: string;
  count?: number;
  /** The shape of the last request counted (method, path, query, headers, body). */
  last?: unknown;
}

export const upstream: StepKind<UpstreamStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'upstream', ['name', 'path', 'count', 'last'], 'add name (an upstream of the file) and count or last');
    if (!body) return undefined;
    const what = 'the upstream step';
    const name = p.string(body, 'name', what, "add the name of an upstream listed under 'upstreams: running'");
    const path = p.string(body, 'path', what);
    const count = body.count === undefined ? undefined : p.number(body, 'count', what, wholeNumber(0, 10_000));
    const last = body.last === undefined ? undefined : p.mappingOf(body, 'last', what, 'fields of the request to match');
    if (body.count === undefined && body.last === undefined) return p.fail(body, undefined, `${what} needs count, last or both`);
    if (name === undefined || (body.count !== undefined && count === undefined) || (body.last !== undefined && last === undefined)) return undefined;
    return { kind: 'upstream', name, path, count, last };
  },

  describe(step) {
    const which = step.path ? `requests to ${step.path}` : 'requests';
    const expected = [step.count !== undefined ? `exactly ${step.count} ${which}` : '', step.last !== undefined ? `the last of its ${which} matching ${describe(step.last, 160)}` : ''];
    return { sent: `(asks the upstream ${step.name} what it received)`, expected: `${step.name} received ${expected.filter(Boolean).join('; ')}` };
  },

  async run(step, vars, session): Promise<Outcome> {
    const all = session.upstreams?.received(step.name);
    if (!all) return { ok: false, got: `no upstream named ${step.name} is running: list it under 'upstreams: running' in the check file` };
    const path = step.path === undefined ? undefined : fill(step.path, vars);
    const counted = path === undefined ? all : all.filter((r) => r.path === path);
    const which = path ? ` to ${path}` : '';
    if (step.count !== undefined && counted.length !== step.count) {
      const last = counted.at(-1);
      return { ok: false, got: `${step.name} received ${counted.length} requests${which}${last ? `; the last: ${describe(last, 200)}` : ''}` };
    }
    if (step.last !== undefined) {
      const last = counted.at(-1);
      if (!last) return { ok: false, got: `${step.name} received no request${which}` };
      const mismatch = matchShape(last, fillDeep(step.last, vars), 'request');
      if (mismatch) return { ok: false, got: `${mismatch} (the last request${which}: ${describe(last, 200)})` };
    }
    return { ok: true, got: `${step.name} received ${counted.length} requests${which}` };
  },
};
