/**
 * `compare`: the same request several times; the first answer's time and the median of the later
 * ones (cache hits) must stay within absolute bounds, and, where given, the median within `ratio`
 * times the first. A ratio alone is refused: the first request to any code is slower anyway
 * (warm-up), so a ratio alone lets noise decide whether a server without a cache passes.
 */
import { percentile } from '../match';
import { anyNumber, STATUS, wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { describeAnswer, labelRequest, parseRequest, toSent, type RequestSpec, sentOrUndefined } from './requestSpec';
import { describeBounds, outsideBounds, parseBounds, type TimeBounds } from './timeBounds';

export interface CompareStep {
  kind: 'compare';
  request: RequestSpec;
  status: number;
  samples: number;
  firstMs?: TimeBounds;
  laterMs?: TimeBounds;
  ratio?: number;
}

const MAX_SAMPLES = 100;

export const compare: StepKind<CompareStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'compare', ['request', 'status', 'samples', 'firstMs', 'laterMs', 'ratio']);
    if (!body) return undefined;
    const what = 'the compare step';
    const request = parseRequest(p, body, 'request', what);
    const status = p.numberOr(body, 'status', what, STATUS, 200);
    const samples = p.numberOr(body, 'samples', what, wholeNumber(3, MAX_SAMPLES), 5);
    const firstMs = parseBounds(p, body, 'firstMs', what);
    const laterMs = parseBounds(p, body, 'laterMs', what);
    const ratio = p.number(body, 'ratio', what, anyNumber(0.01, 0.99));
    if (body.firstMs === undefined && body.laterMs === undefined) {
      return p.fail(step, 'compare', 'the compare step needs an absolute bound, firstMs or laterMs (such as laterMs: { atMost: 20 } for hits when the check injects a 40 ms delay): a ratio alone lets warm-up noise decide');
    }
    if (!request || status === undefined || samples === undefined || (body.firstMs !== undefined && !firstMs) || (body.laterMs !== undefined && !laterMs) || (body.ratio !== undefined && ratio === undefined)) return undefined;
    return { kind: 'compare', request, status, samples, firstMs, laterMs, ratio };
  },

  describe(step, vars) {
    return {
      request: sentOrUndefined(step.request, vars),
      sent: `${labelRequest(step.request, vars)}, ${step.samples + 1} times`,
      expected: [
        `status ${step.status}`,
        step.firstMs && `the first answer ${describeBounds(step.firstMs)}`,
        step.laterMs && `the median of the later answers ${describeBounds(step.laterMs)}`,
        step.ratio !== undefined && `the median of the later answers at most ${step.ratio} x the first one's time`,
      ]
        .filter(Boolean)
        .join('; '),
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
    const measured = `first answer in ${cold.toFixed(1)} ms, median of the next ${warm.length} ${median.toFixed(1)} ms`;
    const why =
      (step.firstMs && outsideBounds(cold, step.firstMs)?.replace(/^took/, 'the first answer took')) ||
      (step.laterMs && outsideBounds(median, step.laterMs)?.replace(/^took/, 'the later answers took (median)')) ||
      (step.ratio !== undefined && median > cold * step.ratio ? `the median needs to be at most ${(cold * step.ratio).toFixed(1)} ms, ${step.ratio} x the first` : undefined);
    return { ok: !why, got: why ? `${measured} (${why})` : measured };
  },
};
