/**
 * Remote mode: runs a project's checks against a server someone deployed (`verify --url`), over
 * HTTPS with the certificate checked. Nothing is started or stopped here: the checks that need the
 * server's process or an environment the runner sets are skipped, each with its reason (remote.ts),
 * and the report lists them. Pure Node, no `vscode`.
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import * as tls from 'tls';
import type { Milestone } from '../roadmap/model';
import type { Check, IdeaChecks } from './checks';
import type { CheckScope } from './checkScope';
import { HttpFailure, sendTo, type Answer, type Sent, type Target } from './http';
import { TemplateError, type Vars } from './match';
import { planRemote } from './remote';
import { Cancelled, type CheckResult, type StepResult, type VerifyEvent, type VerifyReport } from './results';
import { planChecks } from './runner';
import type { ServerProcess } from './server';
import { describeStep, runStep } from './steps';
import type { StepSession } from './steps/kind';

export interface RemoteOptions {
  /** The deployed server's base URL (parseRemoteUrl checked it). */
  url: URL;
  idea: string;
  stack?: string;
  checks: IdeaChecks;
  milestones: Milestone[];
  only?: string[];
  healthPath: string;
  /** Authorities trusted besides the machine's own (PEM texts), for a certificate of one's own. */
  ca?: string[];
  /** Where plain http:// is tried (default 80). */
  plainPort?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: VerifyEvent) => void;
}

/** A step session on a deployed server: requests over the network, no process behind it. */
class RemoteSession implements StepSession {
  readonly target: Target;
  readonly agent: http.Agent;
  readonly remote: { url: URL; plainPort: number };
  readonly requests: Sent[] = [];
  waited = 0;

  constructor(private readonly options: RemoteOptions) {
    const { url } = options;
    const ca = options.ca?.length ? [...tls.rootCertificates, ...options.ca] : undefined;
    const secure = url.protocol === 'https:';
    this.target = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || (secure ? 443 : 80), https: secure ? { ca, prefix: url.pathname.replace(/\/$/, '') } : undefined };
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 64, ca }) : new http.Agent({ keepAlive: true, maxSockets: 64 });
    this.remote = { url, plainPort: options.plainPort ?? 80 };
  }

  get port(): number {
    return this.target.port;
  }
  // A deployed server has no folder here: only HTTP steps run remotely (remote.ts).
  get dir(): string {
    return process.cwd();
  }
  get env(): NodeJS.ProcessEnv {
    return process.env;
  }
  get host(): string {
    return this.target.host;
  }
  get healthPath(): string {
    return this.options.healthPath;
  }
  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs ?? 10_000;
  }
  // Steps that use these are skipped before they run (remote.ts); reaching one is a bug in that list.
  get server(): ServerProcess {
    throw new Error('remote mode has no server process: this step should have been skipped (src/verify/remote.ts)');
  }
  get scope(): CheckScope {
    throw new Error('remote mode opens nothing beside the server: this step should have been skipped (src/verify/remote.ts)');
  }

  send(spec: Sent, options: { timeoutMs?: number; ownConnection?: boolean } = {}): Promise<Answer> {
    this.requests.push(spec);
    return sendTo(this.target, spec, options.timeoutMs ?? this.requestTimeoutMs, options.ownConnection ? undefined : this.agent);
  }
  exchange(spec: Sent): Promise<Answer> {
    return this.timed(this.send(spec));
  }
  async timed<T>(p: Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await p;
    } finally {
      this.waited += performance.now() - t;
    }
  }
  addWaited(ms: number): void {
    this.waited += ms;
  }
  async ensureRunning(): Promise<string | undefined> {
    return undefined;
  }
  throwIfCancelled(): void {
    if (this.options.signal?.aborted) throw new Cancelled();
  }
  pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.options.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }

  /** A check's steps in order with fresh variables, up to the first failure. */
  async runCheck(check: Check): Promise<StepResult[]> {
    const vars: Vars = { unique: `u${randomBytes(6).toString('hex')}`, port: String(this.port) };
    const results: StepResult[] = [];
    for (const step of check.steps) {
      const { sent, expected } = describeStep(step, vars, this);
      let r: StepResult;
      try {
        const outcome = await runStep(step, vars, this);
        r = { ok: outcome.ok, sent, expected, got: outcome.got };
      } catch (err) {
        if (err instanceof Cancelled) throw err;
        r = { ok: false, sent, expected, got: err instanceof TemplateError || err instanceof HttpFailure ? err.message : `error: ${(err as Error).message}` };
      }
      results.push(r);
      if (!r.ok) break;
    }
    return results;
  }
}

/** Runs the checks a deployed server can answer; the others are listed in `report.remote.skipped`. */
export async function verifyRemote(options: RemoteOptions): Promise<VerifyReport> {
  const started = performance.now();
  const emit = (e: VerifyEvent) => options.onEvent?.(e);
  const plan = planChecks(options);
  const { run, skipped } = planRemote(options.checks, plan.map((p) => p.milestone.id));
  const selected = new Set(plan.flatMap((p) => p.checks.map((c) => `${p.milestone.id}/${c.index}`)));
  const session = new RemoteSession(options);
  const report: VerifyReport = {
    ok: false, outcome: 'failed', idea: options.idea, stack: options.stack ?? '', milestones: [], ms: 0, overheadMs: 0, requests: session.requests,
    remote: { url: options.url.href, skipped: skipped.filter((s) => selected.has(`${s.milestone}/${s.index}`)) },
  };
  try {
    emit({ type: 'info', text: `remote: ${options.url.href} (nothing is started or stopped; ${report.remote!.skipped.length} checks need a local run and are skipped)` });
    const health = await session.timed(session.send({ method: 'GET', path: options.healthPath, headers: {} })).catch((err: Error) => err);
    if (health instanceof Error || health.status !== 200) {
      const why = health instanceof Error ? health.message : `${health.status} ${health.text.slice(0, 200)}`;
      report.problem = { kind: 'start', message: `the deployed server did not answer GET ${options.healthPath} at ${options.url.href} with 200: ${why}` };
      report.startProblem = report.problem.message;
    }
    for (const planned of report.problem ? [] : plan) {
      const results: CheckResult[] = [];
      for (const { check, index } of planned.checks.filter((c) => run.has(`${planned.milestone.id}/${c.index}`))) {
        session.throwIfCancelled();
        emit({ type: 'checkStarted', milestone: planned.milestone.id, index });
        const t = performance.now();
        const steps = await session.runCheck(check);
        const failed = steps.find((s) => !s.ok);
        const message = failed && `sent: ${failed.sent}\nexpected: ${failed.expected}\ngot: ${failed.got}`;
        const result: CheckResult = { milestone: planned.milestone.id, index, name: check.name, ok: !failed, outcome: failed ? 'failed' : 'passed', steps, message, ms: performance.now() - t };
        results.push(result);
        emit({ type: 'checkFinished', result });
      }
      if (!results.length) continue;
      const ok = results.every((r) => r.ok);
      const m = planned.milestone;
      // Never complete when a check was skipped: a remote run alone does not verify such a milestone.
      report.milestones.push({ id: m.id, title: m.title, nodes: m.nodes, ok, outcome: ok ? 'passed' : 'failed', complete: results.length === planned.total, checks: results });
    }
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    report.problem = { kind: 'cancelled', message: 'cancelled' };
  } finally {
    session.agent.destroy();
  }
  report.ok = !report.problem && report.milestones.length > 0 && report.milestones.every((m) => m.ok);
  report.outcome = report.problem?.kind === 'cancelled' ? 'could-not-run' : report.ok ? 'passed' : 'failed';
  report.ms = performance.now() - started;
  report.overheadMs = Math.max(0, report.ms - session.waited);
  return report;
}
