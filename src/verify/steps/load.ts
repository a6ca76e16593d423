/**
 * `load`: one request at a fixed rate for some seconds; every answer must have the status and the p95
 * stay under a bound. The schedule stops as soon as its verdict is known: at the first wrong status,
 * or once more answers are over the bound than the p95 allows, counting every answer still to come
 * (outstanding or not sent yet) as fast. A server that holds its load always gets the whole schedule.
 * A schedule lost by slow answers alone is sent once more, and the second verdict stands.
 * `{{n}}` in the request is its number in the schedule, from 1, so each request can carry ids of its
 * own; such a schedule writes what it sends, so it is never sent twice.
 */
import { percentile } from '../match';
import { anyNumber, STATUS, wholeNumber } from '../parser';
import type { StepKind, StepSession } from './kind';
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

/**
 * How many of `count` answers may take the bound or longer while the p95 stays under it: percentile()
 * takes the ceil(95% of count)-th fastest answer, so the slowest count - that many may be over.
 */
export function overAllowed(count: number): number {
  return count - Math.ceil((95 / 100) * count);
}

interface Timed {
  ms: number;
  status?: number;
  error?: string;
}

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

  describe(step, rawVars) {
    // {{n}} stays as written: it takes every number of the schedule.
    const vars = { ...rawVars, n: '{{n}}' };
    return {
      request: sentOrUndefined(step.request, vars),
      sent: `${labelRequest(step.request, vars)} at ${step.rate}/s for ${step.seconds} s`,
      expected: `status ${step.status} for every request, p95 under ${step.p95Ms} ms`,
    };
  },

  async run(step, vars, session) {
    const first = await schedule(step, vars, session);
    if (first.ok || first.wrongStatus || numbered(step)) return { ok: first.ok, got: first.got };
    // Only slow answers lost it: a busy machine can stall a few answers at once, so the schedule is
    // sent once more. A server whose reads take the delay the check injects (at least the bound)
    // misses it the second time too; a fast one that met a stall holds it.
    const again = await schedule(step, vars, session);
    return { ok: again.ok, got: `${first.got}; measured again: ${again.got}` };
  },
};

/** Whether the request carries `{{n}}`, its number in the schedule. */
function numbered(step: LoadStep): boolean {
  return /\{\{\s*n\s*\}\}/.test(JSON.stringify(step.request));
}

/** Sends one schedule; its verdict, whether a wrong status decided it, and what was measured. */
async function schedule(step: LoadStep, vars: Record<string, string>, session: StepSession): Promise<{ ok: boolean; wrongStatus: boolean; got: string }> {
  const fixed = numbered(step) ? undefined : toSent(step.request, vars);
  const count = step.rate * step.seconds;
  const allowed = overAllowed(count);
  const interval = 1000 / step.rate;
  const answers: Timed[] = [];
  let over = 0;
  let wrongSoFar = 0;
  const record = (a: Timed) => {
    answers.push(a);
    if (a.ms >= step.p95Ms) over++;
    if (a.status !== step.status) wrongSoFar++;
  };
  const settled = () => wrongSoFar > 0 || over > allowed;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  while (pending.length < count && !settled()) {
    const wait = t0 + pending.length * interval - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    session.throwIfCancelled();
    // An answer that came during the wait may have settled it.
    if (settled()) break;
    pending.push(
      session.send(fixed ?? toSent(step.request, { ...vars, n: String(pending.length + 1) })).then(
        (a) => record({ ms: a.ms, status: a.status }),
        (e: Error) => record({ ms: session.requestTimeoutMs, error: e.message }),
      ),
    );
  }
  // What is on its way is waited for, so it cannot weigh on the steps that follow.
  await Promise.all(pending);
  // The whole schedule is spent waiting on the server, not in the runner.
  session.addWaited(performance.now() - t0);
  const sent = pending.length;
  const wrong = answers.filter((a) => a.status !== step.status);
  const times = answers.map((a) => a.ms);
  const p95 = percentile(times, 95);
  const measured = `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;
  const firstWrong = wrong[0] ? `; ${wrong.length} wrong, the first: ${wrong[0].error ?? `status ${wrong[0].status}`}` : '';
  const overText = `${over} answer${over === 1 ? '' : 's'} took ${step.p95Ms} ms or more, where a p95 under ${step.p95Ms} ms allows ${allowed} of ${count}`;
  const wrongStatus = wrong.length > 0;
  if (sent < count) {
    const why = wrongStatus ? firstWrong.slice(2) : overText;
    return { ok: false, wrongStatus, got: `stopped after ${sent} of ${count} requests at ${step.rate}/s, the verdict known: ${why}; ${measured} of those` };
  }
  const ok = !wrongStatus && p95 < step.p95Ms;
  return { ok, wrongStatus, got: `${count} requests at ${step.rate}/s: ${measured}${firstWrong}${!ok && !wrongStatus ? ` (${overText})` : ''}` };
}
