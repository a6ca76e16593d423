/**
 * `parallel`: sends several requests at once, each on its own connection, and judges their answers
 * together: how many answers have each status (three checkouts of the last three units succeed, the
 * other five answer 409), and what each request's own answers must be. A request may start a while
 * after the others (`afterMs`), so a check can send one while another is still being processed.
 */
import type { Answer } from '../http';
import { STATUS, wholeNumber, type Parser } from '../parser';
import type { StepKind } from './kind';
import { describeAnswer, labelRequest, parseRequest, toSent, type RequestSpec, sentOrUndefined } from './requestSpec';
import { describeBounds, outsideBounds, parseBounds, type TimeBounds } from './timeBounds';

/** One request of the group: sent `times` times at once, `afterMs` after the step begins. */
export interface ParallelRequest {
  request: RequestSpec;
  times: number;
  afterMs: number;
  /** Each of its answers must have one of these. */
  status?: number[];
  ms?: TimeBounds;
}

export interface ParallelStep {
  kind: 'parallel';
  requests: ParallelRequest[];
  /** Status to how many answers have it; the counts add up to every request sent. */
  statuses?: Record<number, number>;
}

const LIMITS = { times: 50, afterMs: 10_000 };

function parseEntry(p: Parser, entry: Record<string, unknown>, what: string): ParallelRequest | undefined {
  p.knownKeys(entry, ['request', 'times', 'afterMs', 'status', 'ms'], what);
  const request = parseRequest(p, entry, 'request', what);
  const times = p.numberOr(entry, 'times', what, wholeNumber(1, LIMITS.times), 1);
  const afterMs = p.numberOr(entry, 'afterMs', what, wholeNumber(0, LIMITS.afterMs), 0);
  let status: number[] | undefined;
  if (Array.isArray(entry.status)) status = p.numbers(entry, 'status', what, STATUS);
  else if (entry.status !== undefined) status = [p.number(entry, 'status', what, STATUS)].filter((s): s is number => s !== undefined);
  const ms = entry.ms === undefined ? undefined : parseBounds(p, entry, 'ms', what);
  if (!request || times === undefined || afterMs === undefined || (entry.ms !== undefined && !ms)) return undefined;
  return { request, times, afterMs, status, ms };
}

function parseStatuses(p: Parser, owner: Record<string, unknown>, what: string): Record<number, number> | undefined {
  const value = p.mappingOf(owner, 'statuses', what, 'HTTP statuses to how many answers have each');
  if (!value) return undefined;
  const out: Record<number, number> = {};
  for (const key of Object.keys(value)) {
    const status = Number(key);
    if (!Number.isInteger(status) || status < 100 || status > 599) p.sink.key(value, key, `'${key}' under statuses of ${what} is not an HTTP status (100 to 599)`);
    const count = p.number(value, key, `statuses of ${what}`, wholeNumber(0, LIMITS.times * 20));
    if (count !== undefined) out[status] = count;
  }
  return out;
}

const total = (step: ParallelStep) => step.requests.reduce((n, r) => n + r.times, 0);

function describeCounts(counts: Record<number, number>): string {
  return Object.entries(counts).map(([status, n]) => `${n} × ${status}`).join(', ');
}

export const parallel: StepKind<ParallelStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'parallel', ['requests', 'statuses'], 'add requests: a list of { request, times, afterMs, status, ms }');
    if (!body) return undefined;
    const what = 'the parallel step';
    const list = p.list(body, 'requests', what, 'requests', 'add the requests to send at once') ?? [];
    const requests: (ParallelRequest | undefined)[] = [];
    for (const [entry, i] of p.mappings(list, 'each request of a parallel step is a mapping with a request')) requests.push(parseEntry(p, entry, `request ${i + 1} of ${what}`));
    const statuses = body.statuses === undefined ? undefined : parseStatuses(p, body, what);
    if (!list.length) return body.requests === undefined ? undefined : p.fail(body, 'requests', `${what} needs at least one request`);
    if (requests.length !== list.length || requests.some((r) => !r)) return undefined;
    const parsed: ParallelStep = { kind: 'parallel', requests: requests as ParallelRequest[], statuses };
    if (body.statuses !== undefined && !statuses) return undefined;
    if (statuses) {
      const counted = Object.values(statuses).reduce((a, b) => a + b, 0);
      if (counted !== total(parsed)) return p.fail(body, 'statuses', `the counts under statuses add up to ${counted}, but the step sends ${total(parsed)} requests`);
    }
    if (!statuses && parsed.requests.every((r) => !r.status && !r.ms)) return p.fail(body, undefined, `${what} must expect something: statuses for all answers, or status or ms for a request`);
    return parsed;
  },

  describe(step, vars) {
    const first = step.requests[0];
    const sent = step.requests
      .map((r) => `${r.afterMs ? `after ${r.afterMs} ms, ` : ''}${r.times > 1 ? `${r.times} × ` : ''}${labelRequest(r.request, vars)}`)
      .join('; ');
    const expected: string[] = [];
    if (step.statuses) expected.push(`answers ${describeCounts(step.statuses)}`);
    step.requests.forEach((r, i) => {
      const parts = [r.status ? `status ${r.status.join(' or ')}` : '', r.ms ? describeBounds(r.ms) : ''].filter(Boolean);
      if (parts.length) expected.push(`request ${i + 1}: ${parts.join(', ')}`);
    });
    return { request: sentOrUndefined(first.request, vars), sent: `at once, each on its own connection: ${sent}`, expected: expected.join('; ') };
  },

  async run(step, vars, session) {
    // Filled in before anything is sent: an unknown variable fails the step with nothing sent.
    const specs = step.requests.map((r) => toSent(r.request, vars));
    const started = performance.now();
    const pending = step.requests.map((r, i) =>
      Promise.all(
        Array.from({ length: r.times }, async (): Promise<Answer | Error> => {
          if (r.afterMs) await new Promise((resolve) => setTimeout(resolve, r.afterMs - (performance.now() - started)));
          return session.send(specs[i], { ownConnection: true }).catch((e: Error) => e);
        }),
      ),
    );
    const answers = await session.timed(Promise.all(pending));
    const counts: Record<number, number> = {};
    const wrong: string[] = [];
    answers.forEach((group, i) =>
      group.forEach((a) => {
        if (a instanceof Error) return void wrong.push(`request ${i + 1} failed: ${a.message}`);
        counts[a.status] = (counts[a.status] ?? 0) + 1;
        const r = step.requests[i];
        const slow = r.ms && outsideBounds(a.ms, r.ms);
        if (r.status && !r.status.includes(a.status)) wrong.push(`request ${i + 1} got ${describeAnswer(a)}`);
        else if (slow) wrong.push(`request ${i + 1} ${slow}: ${describeAnswer(a)}`);
      }),
    );
    const want = step.statuses;
    const countsOk = !want || Object.keys({ ...want, ...counts }).every((s) => (want[Number(s)] ?? 0) === (counts[Number(s)] ?? 0));
    const got = `answers ${describeCounts(counts) || 'none'}${wrong.length ? `; ${wrong.join('; ')}` : ''}`;
    return { ok: countsOk && wrong.length === 0, got };
  },
};
