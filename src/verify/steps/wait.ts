/**
 * `wait: { ms: 4500 }`: lets time pass, for a check whose next step depends on it (a signed link
 * that must have expired). The time is tied to a delay the check file injects through its `env`
 * (SIGNED_URL_SECONDS, say), and says so in a comment beside it.
 */
import { wholeNumber } from '../parser';
import type { StepKind } from './kind';

export interface WaitStep {
  kind: 'wait';
  ms: number;
}

export const wait: StepKind<WaitStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'wait', ['ms'], 'add { ms: 4500 }');
    const ms = body && p.number(body, 'ms', "'wait' of the step", wholeNumber(1, 30_000), 'add the milliseconds to wait (1 to 30000)');
    return ms === undefined ? undefined : { kind: 'wait', ms };
  },

  describe(step) {
    return { sent: `a wait of ${step.ms / 1000} s`, expected: 'nothing (time passes)' };
  },

  async run(step, _vars, session) {
    await session.pause(step.ms);
    session.throwIfCancelled();
    return { ok: true, got: `waited ${step.ms / 1000} s` };
  },
};
