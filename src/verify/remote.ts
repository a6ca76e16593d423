/**
 * Remote mode, the pure part: which checks can run against a server someone deployed, where the
 * runner controls no process and sets no environment, and why the others are skipped. A check is
 * skipped as a whole at its first step that needs what only a local run has. Pure: no `vscode`.
 */
import type { Check, IdeaChecks } from './checks';
import type { Step } from './steps';

/** Why a step cannot run against a deployed server; undefined when it can. */
export function remoteBlocker(step: Step, env: Record<string, string>): string | undefined {
  // A delay or a limit the check file injects is a number (SLOW_QUERY_MS: "100"); a secret is not.
  const injected = Object.entries(env).filter(([, v]) => /^\d+(\.\d+)?$/.test(v)).map(([k, v]) => `${k}=${v}`);
  const timed = injected.length > 0;
  const timing = `its time bounds are tied to ${injected.join(', ')}, which the runner sets only for a server it starts`;
  switch (step.kind) {
    case 'restart':
      return 'it restarts the server, and a deployed server is not the runner\'s to restart';
    case 'kill':
      return 'it kills the server\'s process, and a deployed server is not the runner\'s process';
    case 'shutdown':
      return 'it stops the server and watches it shut down, which needs the server\'s process';
    case 'instance':
      return 'it starts another instance of the server, which needs the project on this machine';
    case 'log':
      return 'it reads the server\'s output, which a deployed server does not send here';
    case 'upstream':
      return 'it reads what the server sent to an upstream the runner starts on this machine';
    case 'follow':
      return 'it follows a link to this machine only';
    case 'websocket':
      return 'remote mode sends HTTPS requests; it does not open WebSockets';
    case 'token':
      return step.secret === undefined ? undefined : 'it signs a token with a secret the runner gives the server it starts';
    case 'compare':
    case 'load':
      return timed ? timing : undefined;
    case 'request':
      if (step.on !== undefined) return 'it asks another instance of the server, which remote mode does not start';
      return step.expect.ms && timed ? timing : undefined;
    case 'parallel':
      return step.requests.some((r) => r.ms) && timed ? timing : undefined;
    default:
      return undefined;
  }
}

/** Why a whole check cannot run remotely: its first blocked step's reason, with the step's place. */
export function remoteSkipReason(check: Check, env: Record<string, string>): string | undefined {
  for (const [i, step] of check.steps.entries()) {
    const why = remoteBlocker(step, env);
    if (why) return `step ${i + 1} (${step.kind}): ${why}`;
  }
  return undefined;
}

export interface SkippedCheck {
  milestone: string;
  index: number;
  name: string;
  reason: string;
}

/** The checks of `milestoneIds` split into those a remote run sends and those it skips, with why. */
export function planRemote(checks: IdeaChecks, milestoneIds: readonly string[]): { run: Set<string>; skipped: SkippedCheck[] } {
  const run = new Set<string>();
  const skipped: SkippedCheck[] = [];
  for (const milestone of milestoneIds) {
    (checks.milestones[milestone] ?? []).forEach((check, index) => {
      const reason = remoteSkipReason(check, checks.env);
      if (reason) skipped.push({ milestone, index, name: check.name, reason });
      else run.add(`${milestone}/${index}`);
    });
  }
  return { run, skipped };
}

/** A deployed server's address, or why it is refused: only http(s) URLs without credentials or query. */
export function parseRemoteUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a URL: give the deployed server's address, such as https://blog.example.com`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol}// is not a web address: remote mode verifies a server over https:// (such as https://blog.example.com)`;
  if (url.username || url.password) return `${url.href} holds a user name or password: leave them out of the URL`;
  if (url.search || url.hash) return `${url.href} has a query or fragment: give the server's base address only`;
  return url;
}
