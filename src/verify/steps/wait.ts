/**
 * `wait`: lets time pass between two steps of a check, for a rule that ends after a while (a lockout
 * of LOCKOUT_SECONDS, say). The wait is a fixed number of milliseconds written in the check file,
 * tied to the delay the file injects through its env, so it is an absolute bound, never a guess.
 */
import { wholeNumber } from '../parser';
import type { StepKind } from './kind';

export interface WaitStep {
  kind: 'wait';
  ms: number;
}

/** Longer waits make a verify run slow enough to look stuck. */
const MAX_WAIT_MS = 30_000;

export const wait: StepKind<WaitStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'wait', ['ms'], 'add ms: how long to wait, such as { ms: 2500 }');
    if (!body) return undefined;
    const ms = p.number(body, 'ms', 'the wait step', wholeNumber(1, MAX_WAIT_MS), 'add ms: how long to wait, in milliseconds');
    return ms === undefined ? undefined : { kind: 'wait', ms };
  },

  describe(step) {
    return { sent: `(waits ${step.ms} ms)`, expected: 'nothing: the next step runs after the wait' };
  },

  async run(step, _vars, session) {
    const started = performance.now();
    await session.pause(step.ms);
    session.throwIfCancelled();
    // The time is the check's own choice, not the runner's: count it with the server's.
    session.addWaited(performance.now() - started);
    return { ok: true, got: `waited ${Math.round(performance.now() - started)} ms` };
  },
};
