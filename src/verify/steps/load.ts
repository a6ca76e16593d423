/** `load`: one request at a fixed rate for some seconds; every answer must have the status and the p95 stay under a bound. */
import { send } from '../http';
import { percentile } from '../match';
import { anyNumber, STATUS, wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { labelRequest, parseRequest, toSent, type RequestSpec, sentOrUndefined } from './requestSpec';

export interface LoadStep {
  kind: 'load';
  request: RequestSpec;
  rate: number;
  seconds: number;
  status: number;
  p95Ms: number;
}

const LIMITS = { rate: 500, seconds: 60 };

export const load: StepKind<LoadStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'load', ['request', 'rate', 'seconds', 'status', 'p95Ms']);
    if (!body) return undefined;
    const what = 'the load step';
    const request = parseRequest(p, body, 'request', what);
    const rate = p.number(body, 'rate', what, wholeNumber(1, LIMITS.rate), 'add the requests to send per second');
    const seconds = p.number(body, 'seconds', what, wholeNumber(1, LIMITS.seconds), 'add how many seconds to send them for');
    const status = p.numberOr(body, 'status', what, STATUS, 200);
    const p95Ms = p.number(body, 'p95Ms', what, anyNumber(1, 60_000), 'add the time in milliseconds that 95% of the answers must come within');
    if (!request || rate === undefined || seconds === undefined || status === undefined || p95Ms === undefined) return undefined;
    return { kind: 'load', request, rate, seconds, status, p95Ms };
  },

  describe(step, vars) {
    return {
      request: sentOrUndefined(step.request, vars),
      sent: `${labelRequest(step.request, vars)} at ${step.rate}/s for ${step.seconds} s`,
      expected: `status ${step.status} for every request, p95 under ${step.p95Ms} ms`,
    };
  },

  async run(step, vars, session) {
    const spec = toSent(step.request, vars);
    const count = step.rate * step.seconds;
    const interval = 1000 / step.rate;
    const t0 = performance.now();
    const pending: Promise<{ ms: number; status?: number; error?: string }>[] = [];
    for (let i = 0; i < count; i++) {
      const at = t0 + i * interval;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      session.throwIfCancelled();
      pending.push(
        send(session.port, spec, session.requestTimeoutMs, session.agent, session.host).then(
          (a) => ({ ms: a.ms, status: a.status }),
          (e: Error) => ({ ms: session.requestTimeoutMs, error: e.message }),
        ),
      );
    }
    const answers = await Promise.all(pending);
    // The whole schedule is spent waiting on the server, not in the runner.
    session.addWaited(performance.now() - t0);
    const wrong = answers.filter((a) => a.status !== step.status);
    const p95 = percentile(answers.map((a) => a.ms), 95);
    const p50 = percentile(answers.map((a) => a.ms), 50);
    const firstWrong = wrong[0] ? `; ${wrong.length} wrong, the first: ${wrong[0].error ?? `status ${wrong[0].status}`}` : '';
    return { ok: wrong.length === 0 && p95 < step.p95Ms, got: `${count} requests at ${step.rate}/s: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${firstWrong}` };
  },
};
