/**
 * `restart: true`: stops the server and starts it again, keeping the check's variables (data must
 * survive). `restart: { on: <name> }` does the same to one of the manifest's processes, and starts
 * one a `kill` step left down.
 */
import type { StepKind } from './kind';

export interface RestartStep {
  kind: 'restart';
  /** One of the manifest's processes instead of the server. */
  on?: string;
}

export const restart: StepKind<RestartStep> = {
  parse(p, step) {
    p.knownKeys(step, ['restart'], 'the restart step');
    if (step.restart === true) return { kind: 'restart' };
    if (step.restart && typeof step.restart === 'object' && !Array.isArray(step.restart)) {
      const body = p.stepBody(step, 'restart', ['on'], "write 'restart: true', or 'restart: { on: <process> }'");
      const on = body && p.string(body, 'on', 'the restart step', 'add on: the process to start again');
      return on === undefined ? undefined : { kind: 'restart', on };
    }
    return p.fail(step, 'restart', "restart must be true, or { on: <process> }");
  },

  describe(step, _vars, ctx) {
    if (step.on !== undefined) return { sent: `a restart of the process '${step.on}'`, expected: 'it is up again' };
    return { sent: 'a restart of the server', expected: `${ctx.healthPath} answers 2xx again` };
  },

  async run(step, _vars, session) {
    if (step.on !== undefined) {
      const server = session.processes?.server(step.on);
      if (!server) return { ok: false, got: `no process named '${step.on}' in starter.json (its processes: ${session.processes?.names.join(', ') || 'none'})` };
      await session.timed(server.stop());
      const problem = await session.timed(session.processes!.start(step.on));
      return problem ? { ok: false, got: problem } : { ok: true, got: `the process '${step.on}' started again and is up` };
    }
    await session.server.stop();
    const problem = await session.ensureRunning();
    return problem ? { ok: false, got: problem } : { ok: true, got: 'the server started again and is healthy' };
  },
};
