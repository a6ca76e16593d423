/** `verify --url <https://...>`: remote mode of verify, against a server the learner deployed (verify/remoteRun.ts). */
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectIdea } from '../roadmap/model';
import type { IdeaChecks } from '../verify/checks';
import type { ProjectManifest } from '../verify/manifest';
import { parseRemoteUrl } from '../verify/remote';
import { verifyRemote } from '../verify/remoteRun';
import { formatReport } from '../verify/report';
import { type OptionSpec, UsageError } from './command';
import { type Io, writeAtomic } from './io';
import { printEvents } from './verifyWatch';

export const REMOTE_OPTIONS: Record<string, OptionSpec> = {
  url: { type: 'string', value: '<https://...>', help: 'Remote mode: run the checks that need no process control (no restart, kill, log or injected timing) against this deployed server instead of starting one, and list the ones skipped with why. --dir still names the project (its idea and health path).' },
  ca: { type: 'string', value: '<file>', help: 'With --url: a PEM file of a certificate authority to trust besides the machine\'s own (a certificate of your own making).' },
  'plain-port': { type: 'string', value: '<port>', help: 'With --url: the port where plain http:// must redirect to https:// or be refused (default 80).' },
};

/** Options that start or build something on this machine: they mean nothing for a deployed server. */
const LOCAL_ONLY = ['install', 'watch', 'milestone'];

export async function verifyDeployed(
  a: { strings: Record<string, string>; flags: Set<string>; idea: ProjectIdea; checks: IdeaChecks; manifest: ProjectManifest; only?: string[] },
  io: Io,
): Promise<number> {
  const { strings, flags, idea } = a;
  const url = parseRemoteUrl(strings.url);
  if (typeof url === 'string') throw new UsageError(`--url: ${url}`, 'verify');
  const local = LOCAL_ONLY.filter((o) => flags.has(o) || strings[o] !== undefined);
  if (local.length) throw new UsageError(`--${local[0]} is for a local run: with --url nothing is installed, built or started on this machine`, 'verify');
  const plainPort = strings['plain-port'] === undefined ? 80 : Number(strings['plain-port']);
  if (!Number.isInteger(plainPort) || plainPort < 1 || plainPort > 65535) throw new UsageError(`--plain-port must be a port number (1 to 65535), not '${strings['plain-port']}'`, 'verify');
  let ca: string[] | undefined;
  if (strings.ca !== undefined) {
    try {
      ca = [fs.readFileSync(path.resolve(strings.ca), 'utf8')];
    } catch (err) {
      io.err(`--ca: ${path.resolve(strings.ca)} could not be read (${(err as Error).message}): give a PEM file of the authority that signed the server's certificate`);
      return 2;
    }
  }
  io.out(`Verifying ${idea.title} deployed at ${url.href} (remote mode: nothing is started; checks that need the server's process are skipped)`);
  const report = await verifyRemote({ url, idea: idea.id, stack: a.manifest.stack, checks: a.checks, milestones: idea.milestones, only: a.only, healthPath: a.manifest.healthPath, ca, plainPort, onEvent: printEvents(idea, io) });
  if (strings.report !== undefined) writeAtomic(path.resolve(strings.report), JSON.stringify(report, null, 2));
  io.out('');
  io.out(formatReport(report, false));
  return report.outcome === 'passed' ? 0 : report.outcome === 'could-not-run' ? 3 : 1;
}
