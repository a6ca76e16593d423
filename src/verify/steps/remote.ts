/**
 * What each step kind needs that a deployed server cannot give (remote mode, ../remote.ts): one
 * row per kind that cannot always run against a server the runner did not start, with the reason
 * in words. A kind without a row runs remotely as it is.
 */
import type { Step, StepKindName, StepMap } from './index';

type Env = Record<string, string>;
type Blocker<K extends StepKindName> = (step: StepMap[K], timing: string | undefined) => string | undefined;

const ALWAYS = (why: string) => () => why;

/** Kind to why its step cannot run remotely; `timing` is set when the file injects a delay. */
const BLOCKERS: { [K in StepKindName]?: Blocker<K> } = {
  restart: ALWAYS('it restarts the server, and a deployed server is not the runner\'s to restart'),
  kill: ALWAYS('it kills the server\'s process, and a deployed server is not the runner\'s process'),
  shutdown: ALWAYS('it stops the server and watches it shut down, which needs the server\'s process'),
  instance: ALWAYS('it starts another instance of the server, which needs the project on this machine'),
  log: ALWAYS('it reads the server\'s output, which a deployed server does not send here'),
  upstream: ALWAYS('it reads what the server sent to an upstream the runner starts on this machine'),
  follow: ALWAYS('it follows a link to this machine only'),
  websocket: ALWAYS('remote mode sends HTTPS requests; it does not open WebSockets'),
  command: ALWAYS('it runs a command in the exercise folder on this machine'),
  file: ALWAYS('it reads a file of the exercise folder on this machine'),
  tests: ALWAYS('it runs the learner\'s tests on copies of the exercise folder on this machine'),
  git: ALWAYS('it reads a git repository in the exercise folder on this machine'),
  sql: ALWAYS('it runs a SQL file of the exercise folder on a database it creates beside DATABASE_URL'),
  token: (step) => (step.secret === undefined ? undefined : 'it signs a token with a secret the runner gives the server it starts'),
  compare: (_step, timing) => timing,
  load: (_step, timing) => timing,
  request: (step, timing) => (step.on !== undefined ? 'it asks another instance of the server, which remote mode does not start' : step.expect.ms ? timing : undefined),
  parallel: (step, timing) => (step.requests.some((r) => r.ms) ? timing : undefined),
};

/** Why a step cannot run against a deployed server; undefined when it can. */
export function remoteBlocker(step: Step, env: Env): string | undefined {
  // A delay or a limit the check file injects is a number (SLOW_QUERY_MS: "100"); a secret is not.
  const injected = Object.entries(env).filter(([, v]) => /^\d+(\.\d+)?$/.test(v)).map(([k, v]) => `${k}=${v}`);
  const timing = injected.length ? `its time bounds are tied to ${injected.join(', ')}, which the runner sets only for a server it starts` : undefined;
  const blocker = BLOCKERS[step.kind] as Blocker<typeof step.kind> | undefined;
  return blocker?.(step as never, timing);
}
