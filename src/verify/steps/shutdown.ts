/**
 * `shutdown`: sends a request, then a signal to the server's own process; the in-flight request must
 * still get its answer and the server exit with the code in time. The session starts it again after.
 */
import { MAX_WITHIN_MS, STATUS, wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { describeAnswer, labelRequest, parseRequest, toSent, type RequestSpec, sentOrUndefined } from './requestSpec';

export interface ShutdownStep {
  kind: 'shutdown';
  inflight: RequestSpec;
  status: number;
  signal: NodeJS.Signals;
  exitCode: number;
  withinMs: number;
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const;

export const shutdown: StepKind<ShutdownStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'shutdown', ['inflight', 'status', 'signal', 'exitCode', 'withinMs']);
    if (!body) return undefined;
    const what = 'the shutdown step';
    const inflight = parseRequest(p, body, 'inflight', what);
    const status = p.numberOr(body, 'status', what, STATUS, 200);
    const signal = body.signal ?? 'SIGTERM';
    if (!(SIGNALS as readonly unknown[]).includes(signal)) p.fail(body, 'signal', `'signal' of ${what} must be one of ${SIGNALS.join(', ')}`);
    const exitCode = p.numberOr(body, 'exitCode', what, wholeNumber(0, 255), 0);
    const withinMs = p.numberOr(body, 'withinMs', what, wholeNumber(100, MAX_WITHIN_MS), 5000);
    if (!inflight || status === undefined || exitCode === undefined || withinMs === undefined) return undefined;
    return { kind: 'shutdown', inflight, status, signal: signal as NodeJS.Signals, exitCode, withinMs };
  },

  describe(step, vars) {
    return {
      request: sentOrUndefined(step.inflight, vars),
      sent: `${labelRequest(step.inflight, vars)}, then ${step.signal}`,
      expected: `the in-flight request answers ${step.status}, then the server exits with code ${step.exitCode} within ${step.withinMs / 1000} s`,
    };
  },

  async run(step, vars, session) {
    const { server } = session;
    // Its own connection, not the agent's, and time enough to outlast the signal.
    const inflight = session.send(toSent(step.inflight, vars), { timeoutMs: step.withinMs + session.requestTimeoutMs, ownConnection: true }).then(
      (a) => a,
      (e: Error) => e,
    );
    await session.timed(new Promise((r) => setTimeout(r, 100)));
    server.signal(step.signal);
    const exit = await session.timed(server.waitExit(step.withinMs));
    const answer = await session.timed(inflight);
    const answered = answer instanceof Error ? `the in-flight request failed: ${answer.message}` : `the in-flight request got ${describeAnswer(answer)}`;
    if (!exit) {
      await server.stop();
      return { ok: false, got: `${answered}; the server was still running ${step.withinMs / 1000} s after ${step.signal}` };
    }
    const ok = !(answer instanceof Error) && answer.status === step.status && exit.code === step.exitCode && !exit.signal;
    return { ok, got: `${answered}; the server ${server.describeExit(exit)}` };
  },
};
