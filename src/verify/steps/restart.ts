/** `restart: true`: stops the server and starts it again, keeping the check's variables (data must survive). */
import type { StepKind } from './kind';

export interface RestartStep {
  kind: 'restart';
}

export const restart: StepKind<RestartStep> = {
  parse(p, step) {
    p.knownKeys(step, ['restart'], 'the restart step');
    return step.restart === true ? { kind: 'restart' } : p.fail(step, 'restart', 'restart must be true');
  },

  describe(_step, _vars, ctx) {
    return { sent: 'a restart of the server', expected: `${ctx.healthPath} answers 2xx again` };
  },

  async run(_step, _vars, session) {
    await session.server.stop();
    const problem = await session.ensureRunning();
    return problem ? { ok: false, got: problem } : { ok: true, got: 'the server started again and is healthy' };
  },
};
