/**
 * Remote mode, the pure part: which checks can run against a server someone deployed, where the
 * runner controls no process and sets no environment, and why the others are skipped. A check is
 * skipped as a whole at its first step that needs what only a local run has. Pure: no `vscode`.
 */
import type { Check, IdeaChecks } from './checks';
import { remoteBlocker } from './steps/remote';

export { remoteBlocker } from './steps/remote';

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
