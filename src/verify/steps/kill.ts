/**
 * `kill`: SIGKILL to the server and everything it started, as a crash or a pulled plug would, then a
 * fresh start; optionally only once a request's answer holds (`when`), so the crash lands mid-job
 * (a job's effect is written, its work not finished). Data and the check's variables survive it.
 * With `on: <name>` it kills one of the manifest's processes (projectProcesses.ts) instead, and with
 * `restart: false` leaves that process down until a `restart: { on: <name> }` step or the next check.
 */
import { MAX_WITHIN_MS, wholeNumber } from '../parser';
import type { Outcome, StepKind, StepSession } from './kind';
import { describeExpect, judge, parseExpectation, type Expectation } from './request';
import { describeAnswer, labelRequest, parseRequest, sentOrUndefined, toSent, type RequestSpec } from './requestSpec';

export interface KillStep {
  kind: 'kill';
  /** Polled until its answer holds; the kill follows at once. */
  when?: { request: RequestSpec; expect: Expectation; withinMs: number };
  /** One of the manifest's processes instead of the server. */
  on?: string;
  /** False: the process stays down (only with `on`). */
  restart: boolean;
}

/** Between polls of `when`: short, so the kill lands soon after the condition starts to hold. */
const POLL_MS = 50;

export const kill: StepKind<KillStep> = {
  parse(p, step) {
    const what = 'the kill step';
    if (step.kill === true) {
      p.knownKeys(step, ['kill'], what);
      return { kind: 'kill', restart: true };
    }
    const body = p.stepBody(step, 'kill', ['when', 'on', 'restart'], "write 'kill: true', or 'kill: { when: { request, expect, withinMs } }', or 'kill: { on: <process> }'");
    if (!body) return undefined;
    const on = p.string(body, 'on', what);
    const restart = body.restart ?? true;
    if (typeof restart !== 'boolean') return p.fail(body, 'restart', `'restart' of ${what} must be true or false`);
    if (!restart && on === undefined) return p.fail(body, 'restart', `'restart: false' leaves a process down: name it with 'on: <process>'`);
    if (body.when === undefined && on !== undefined) return { kind: 'kill', on, restart };
    const when = p.mapping(body, 'when', what, ['request', 'expect', 'withinMs'], 'add the request whose answer must hold before the kill');
    if (!when) return undefined;
    const at = `'when' of ${what}`;
    const request = parseRequest(p, when, 'request', at);
    const expect = parseExpectation(p, when, at);
    const withinMs = p.numberOr(when, 'withinMs', at, wholeNumber(100, MAX_WITHIN_MS), 10_000);
    if (!request || !expect || withinMs === undefined) return undefined;
    if (expect.ms) return p.fail(when, 'expect', `${at} waits for what an answer says, not how long it takes: leave out ms`);
    return { kind: 'kill', when: { request, expect, withinMs }, ...(on === undefined ? {} : { on }), restart };
  },

  describe(step, vars) {
    const when = step.when;
    const target = step.on === undefined ? 'the server' : `the process '${step.on}'`;
    return {
      request: when && sentOrUndefined(when.request, vars),
      sent: when ? `${labelRequest(when.request, vars)} until it answers ${describeExpect(when.expect, vars)}, then SIGKILL to ${target}` : `SIGKILL to ${target}`,
      expected: `${when ? `that answer within ${when.withinMs / 1000} s; ` : ''}${step.restart ? `${target} starts again and is up` : `${target} stays down`}`,
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
    if (step.on !== undefined) return killProcess(session, step.on, step.restart, held);
    const exit = await session.timed(session.server.kill());
    const problem = await session.ensureRunning();
    const killed = `the server ${session.server.describeExit(exit)}`;
    return problem ? { ok: false, got: `${held}${killed}; it did not start again: ${problem}` } : { ok: true, got: `${held}${killed} and started again` };
  },
};

/** Kills one of the manifest's processes and, unless told not to, starts it again. */
async function killProcess(session: StepSession, name: string, restart: boolean, held: string): Promise<Outcome> {
  const server = session.processes?.server(name);
  if (!server) return { ok: false, got: `no process named '${name}' in starter.json (its processes: ${session.processes?.names.join(', ') || 'none'})` };
  const exit = await session.timed(server.kill());
  const killed = `${held}the process '${name}' ${server.describeExit(exit)}`;
  if (!restart) return { ok: true, got: `${killed}; it stays down` };
  const problem = await session.timed(session.processes!.start(name));
  return problem ? { ok: false, got: `${killed}; it did not start again: ${problem}` } : { ok: true, got: `${killed} and started again` };
}
