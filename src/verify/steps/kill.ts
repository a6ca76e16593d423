/**
 * `kill`: SIGKILL to the server and everything it started, as a crash or a pulled plug would, then a
 * fresh start; optionally only once a request's answer holds (`when`), so the crash lands mid-job
 * (a job's effect is written, its work not finished). Data and the check's variables survive it.
 */
import { MAX_WITHIN_MS, wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { describeExpect, judge, parseExpectation, type Expectation } from './request';
import { describeAnswer, labelRequest, parseRequest, sentOrUndefined, toSent, type RequestSpec } from './requestSpec';

export interface KillStep {
  kind: 'kill';
  /** Polled until its answer holds; the kill follows at once. */
  when?: { request: RequestSpec; expect: Expectation; withinMs: number };
}

/** Between polls of `when`: short, so the kill lands soon after the condition starts to hold. */
const POLL_MS = 50;

export const kill: StepKind<KillStep> = {
  parse(p, step) {
    const what = 'the kill step';
    if (step.kill === true) {
      p.knownKeys(step, ['kill'], what);
      return { kind: 'kill' };
    }
    const body = p.stepBody(step, 'kill', ['when'], "write 'kill: true', or 'kill: { when: { request, expect, withinMs } }'");
    if (!body) return undefined;
    const when = p.mapping(body, 'when', what, ['request', 'expect', 'withinMs'], 'add the request whose answer must hold before the kill');
    if (!when) return undefined;
    const at = `'when' of ${what}`;
    const request = parseRequest(p, when, 'request', at);
    const expect = parseExpectation(p, when, at);
    const withinMs = p.numberOr(when, 'withinMs', at, wholeNumber(100, MAX_WITHIN_MS), 10_000);
    if (!request || !expect || withinMs === undefined) return undefined;
    if (expect.ms) return p.fail(when, 'expect', `${at} waits for what an answer says, not how long it takes: leave out ms`);
    return { kind: 'kill', when: { request, expect, withinMs } };
  },

  describe(step, vars) {
    const when = step.when;
    return {
      request: when && sentOrUndefined(when.request, vars),
      sent: when ? `${labelRequest(when.request, vars)} until it answers ${describeExpect(when.expect, vars)}, then SIGKILL to the server` : 'SIGKILL to the server',
      expected: `${when ? `that answer within ${when.withinMs / 1000} s; ` : ''}the server starts again and answers its health path`,
    };
  },

  async run(step, vars, session) {
    let held = '';
    if (step.when) {
      const { request, expect, withinMs } = step.when;
      const spec = toSent(request, vars);
      const deadline = performance.now() + withinMs;
      let tries = 0;
      for (;;) {
        session.throwIfCancelled();
        const answer = await session.exchange(spec);
        tries++;
        const why = judge(answer, expect, vars);
        if (!why) {
          held = `${describeAnswer(answer)}${tries > 1 ? ` after ${tries} tries` : ''}, then `;
          break;
        }
        // The server died on its own: that is the learner's crash, not the runner's.
        if (!session.server.running) return { ok: false, got: `the server ${session.server.describeExit()} before the kill; the last answer: ${describeAnswer(answer)} (${why})` };
        if (performance.now() >= deadline) return { ok: false, got: `not killed: still not after ${withinMs / 1000} s (${tries} tries); the last: ${describeAnswer(answer)} (${why})` };
        await session.pause(POLL_MS);
      }
    }
    const exit = await session.timed(session.server.kill());
    const problem = await session.ensureRunning();
    const killed = `the server ${session.server.describeExit(exit)}`;
    return problem ? { ok: false, got: `${held}${killed}; it did not start again: ${problem}` } : { ok: true, got: `${held}${killed} and started again` };
  },
};
