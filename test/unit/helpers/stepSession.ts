import * as assert from 'assert';
import * as http from 'http';
import { parseIdeaChecks } from '../../../src/verify/checks';
import { Parser } from '../../../src/verify/parser';
import { parseStep, type Step } from '../../../src/verify/steps';
import { CheckScope } from '../../../src/verify/checkScope';
import { send, type Answer, type Sent } from '../../../src/verify/http';
import type { StepSession } from '../../../src/verify/steps/kind';

export interface RealSessionOptions {
  /** Each request's limit, unless the step gives its own (default 5000 ms). */
  timeoutMs?: number;
  /** The session's agent (default: no keep-alive). */
  agent?: http.AgentOptions;
  /** Set `now` to make the session behave as a cancelled run: pauses end at once, throwIfCancelled throws. */
  cancelled?: { now: boolean };
  /** The exercise folder the step works in (default: the current directory). */
  dir?: string;
  /** The environment of the project's commands (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A step session on a real server at 127.0.0.1:`port`, for step tests that need no server process:
 * `sent` lists what the steps sent, `waited` the time they counted as the server's, and `scope` holds
 * the connections and instances a check opens (closed by the test).
 */
export function realSession(port: number, options: RealSessionOptions = {}): StepSession & { sent: Sent[]; waited: number; scope: CheckScope } {
  const timeoutMs = options.timeoutMs ?? 5000;
  const agent = new http.Agent(options.agent ?? { keepAlive: false });
  const cancelled = options.cancelled ?? { now: false };
  const session = {
    sent: [] as Sent[],
    waited: 0,
    port,
    host: '127.0.0.1',
    healthPath: '/health',
    requestTimeoutMs: timeoutMs,
    dir: options.dir ?? process.cwd(),
    env: options.env ?? process.env,
    agent,
    server: undefined as never,
    scope: new CheckScope({ server: { command: 'true', cwd: '.', env: {}, healthPath: '/health' }, healthTimeoutMs: 2000 }),
    exchange: (spec: Sent) => session.send(spec),
    send(spec: Sent, o: { timeoutMs?: number; ownConnection?: boolean } = {}): Promise<Answer> {
      session.sent.push(spec);
      return send(port, spec, o.timeoutMs ?? timeoutMs, o.ownConnection ? undefined : agent);
    },
    timed: <T>(p: Promise<T>) => p,
    addWaited(ms: number) {
      session.waited += ms;
    },
    ensureRunning: async () => undefined,
    throwIfCancelled() {
      if (cancelled.now) throw new Error('cancelled');
    },
    pause: (ms: number) => new Promise<void>((r) => setTimeout(r, cancelled.now ? 0 : ms)),
  };
  return session;
}

/** Starts `handler` on a free loopback port; close() stops it. */
export async function listen(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** One step read from a check file, which must read without a problem. */
export function parsedStep(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

/** Each problem of one step in a check file, as "path: message". */
export function stepProblems(value: unknown): string[] {
  const r = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [value] }] } }, ['a']);
  return r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
}
