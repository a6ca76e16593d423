/**
 * `compare`: the same request several times; the median time of the later answers (cache hits) must
 * be at most `ratio` times the first one's (the miss).
 */
import { percentile } from '../match';
import { anyNumber, STATUS, wholeNumber } from '../parser';
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
  parse(p, step) {
    const body = p.stepBody(step, 'compare', ['request', 'status', 'samples', 'ratio']);
    if (!body) return undefined;
    const what = 'the compare step';
    const request = parseRequest(p, body, 'request', what);
    const status = p.numberOr(body, 'status', what, STATUS, 200);
    const samples = p.numberOr(body, 'samples', what, wholeNumber(3, MAX_SAMPLES), 5);
    const ratio = p.number(body, 'ratio', what, anyNumber(0.01, 0.99), "add the most the later answers may take, as a share of the first one's time, such as 0.5");
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
