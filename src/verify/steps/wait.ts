/**
 * `wait: <ms>`: lets time pass without a request, so a later answer can show that something did NOT
 * happen yet (a retry that must wait out its backoff). The time counts as the server's.
 */
import { wholeNumber } from '../parser';
import type { StepKind } from './kind';

export interface WaitStep {
  kind: 'wait';
  ms: number;
}

export const wait: StepKind<WaitStep> = {
  parse(p, step) {
    p.knownKeys(step, ['wait'], 'the wait step');
    const ms = p.number(step, 'wait', 'the wait step', wholeNumber(1, 60_000), 'give the milliseconds to wait, such as wait: 500');
    return ms === undefined ? undefined : { kind: 'wait', ms };
  },

  describe(step) {
    return { sent: `nothing for ${step.ms} ms`, expected: 'the time to pass' };
  },

  async run(step, _vars, session) {
    const started = performance.now();
    await session.timed(session.pause(step.ms));
    session.throwIfCancelled();
    return { ok: true, got: `waited ${Math.round(performance.now() - started)} ms` };
  },
};
