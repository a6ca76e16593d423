/**
 * `instance`: starts another instance of the learner's server for the rest of the check, on its own
 * free PORT with the same command, environment and services, and waits for its health path; websocket
 * steps reach it with `on: <name>`. The end of the check stops it and everything it started
 * (checkScope.ts). Pure Node.
 */
import type { StepKind } from './kind';

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface InstanceStep {
  kind: 'instance';
  name: string;
}

export const instance: StepKind<InstanceStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'instance', ['name'], 'add name: how later steps call this instance (on: <name>)');
    if (!body) return undefined;
    const name = p.string(body, 'name', 'the instance step', 'add name: how later steps call this instance (on: <name>)');
    if (name === undefined) return undefined;
    if (!NAME.test(name)) return p.fail(body, 'name', `'${name}' is not an instance name (a letter, then letters, digits, - and _)`);
    return { kind: 'instance', name };
  },

  describe(step, _vars, ctx) {
    return {
      sent: `a second instance of the server, '${step.name}', started beside the first with its own PORT and the same environment and services`,
      expected: `its ${ctx.healthPath} answers 2xx`,
    };
  },

  async run(step, _vars, session) {
    const started = await session.timed(session.scope.startInstance(step.name));
    return 'problem' in started ? { ok: false, got: started.problem } : { ok: true, got: `the instance '${step.name}' is healthy on PORT=${started.port}` };
  },
};
