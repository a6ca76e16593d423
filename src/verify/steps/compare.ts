/**
 * `compare`: the same request several times; the median time of the later answers (cache hits) must
 * be at most `ratio` times the first one's (the miss).
 */
import { percentile } from '../match';
import { isObject } from '../parser';
import type { StepKind } from './kind';
import { describeAnswer, labelRequest, parseRequest, toSent, type RequestSpec } from './requestSpec';

export interface CompareStep {
  kind: 'compare';
  request: RequestSpec;
  status: number;
  samples: number;
  ratio: number;
}

const MAX_SAMPLES = 100;

export const compare: StepKind<CompareStep> = {
  parse(p, value, path) {
    const at = [...path, 'compare'];
    const body = value.compare;
    p.keys(value, path, ['compare']);
    if (!isObject(body)) return p.fail(at, 'compare must be a map: request, status, samples, ratio');
    p.keys(body, at, ['request', 'status', 'samples', 'ratio']);
    const request = parseRequest(p, body.request, [...at, 'request']);
    const status = p.status(body.status ?? 200, [...at, 'status']);
    const samples = p.number(body.samples ?? 5, [...at, 'samples'], 'samples', 3, MAX_SAMPLES);
    const ratio = p.number(body.ratio, [...at, 'ratio'], 'ratio', 0.01, 0.99, false);
    if (!request || status === undefined || samples === undefined || ratio === undefined) return undefined;
    return { kind: 'compare', request, status, samples, ratio };
  },

  describe(step, vars) {
    return {
      sent: `${labelRequest(step.request, vars)}, ${step.samples + 1} times`,
      expected: `status ${step.status}; the median of the later answers at most ${step.ratio} x the first one's time`,
    };
  },

  async run(step, vars, session) {
    const spec = toSent(step.request, vars);
    const times: number[] = [];
    for (let i = 0; i <= step.samples; i++) {
      const a = await session.exchange(spec);
      if (a.status !== step.status) return { ok: false, got: `answer ${i + 1}: ${describeAnswer(a)} (status ${a.status}, expected ${step.status})` };
      times.push(a.ms);
    }
    const [cold, ...warm] = times;
    const median = percentile(warm, 50);
    const bound = cold * step.ratio;
    return { ok: median <= bound, got: `first answer in ${cold.toFixed(1)} ms, median of the next ${warm.length} ${median.toFixed(1)} ms (needs at most ${bound.toFixed(1)} ms)` };
  },
};
