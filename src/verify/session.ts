/**
 * One verify run: installs when asked, starts the learner's server, waits for its health path, runs
 * the planned checks milestone by milestone, and always stops the server and everything it started,
 * whether the checks pass, fail, throw or are cancelled. What a step does is its kind's business
 * (steps/); the session gives steps the server, requests and the clock. Pure Node, no `vscode`.
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import type { Milestone } from '../roadmap/model';
import type { StarterManifest } from '../scaffold/manifest';
import type { Check } from './checks';
import { HttpFailure, send, type Answer, type Sent } from './http';
import { TemplateError, type Vars } from './match';
import { runToEnd } from './processes';
import { Cancelled, type CheckResult, type StepResult, type VerifyEvent, type VerifyReport } from './results';
import { ServerProcess } from './server';
import { describeStep, runStep } from './steps';
import type { StepSession } from './steps/kind';

/** The checks to run of one milestone, with their index among all of its checks. */
export interface PlannedMilestone {
  milestone: Milestone;
  checks: { check: Check; index: number }[];
  /** How many checks the milestone has in all, run or not. */
  total: number;
}

export interface SessionOptions {
  projectDir: string;
  manifest: StarterManifest;
  /** The server's whole environment, PORT included. */
  env: NodeJS.ProcessEnv;
  port: number;
  install: boolean;
  healthTimeoutMs: number;
  requestTimeoutMs: number;
  signal?: AbortSignal;
  emit: (e: VerifyEvent) => void;
}

/** The server of one run and what steps may do with it; counts the time spent waiting on it. */
class Session implements StepSession {
  readonly server: ServerProcess;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  /** Milliseconds spent installing, waiting for the server and its answers. */
  waited = 0;

  constructor(private readonly options: SessionOptions) {
    const { manifest, projectDir, env, port } = options;
    this.server = new ServerProcess({ command: manifest.start, cwd: projectDir, env, port, healthPath: manifest.healthPath, onOutput: (text) => options.emit({ type: 'output', text }) });
  }

  get port(): number {
    return this.options.port;
  }

  get healthPath(): string {
    return this.options.manifest.healthPath;
  }

  get requestTimeoutMs(): number {
    return this.options.requestTimeoutMs;
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

  exchange(spec: Sent): Promise<Answer> {
    return this.timed(send(this.port, spec, this.requestTimeoutMs, this.agent));
  }

  throwIfCancelled(): void {
    if (this.options.signal?.aborted) throw new Cancelled();
  }

  pause(ms: number): Promise<void> {
    const signal = this.options.signal;
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  }

  /** Runs the manifest's install commands in order; undefined, or why one failed. */
  async install(): Promise<string | undefined> {
    const { manifest, projectDir, env, signal, emit } = this.options;
    for (const command of manifest.install) {
      emit({ type: 'info', text: `$ ${command}` });
      const r = await this.timed(runToEnd(command, { cwd: projectDir, env, signal, onOutput: (text) => emit({ type: 'output', text }) }));
      if (r.code !== 0) return `installing failed: '${command}' exited with code ${r.code}. Its last output:\n${r.tail}`;
    }
    return undefined;
  }

  async ensureRunning(): Promise<string | undefined> {
    const { manifest, port, emit } = this.options;
    if (this.server.running) return undefined;
    // Whatever the last run left of its process group (children of a crashed server) goes first.
    await this.server.stop();
    emit({ type: 'info', text: `$ ${manifest.start}   (PORT=${port})` });
    this.server.start();
    const h = await this.timed(this.server.waitHealthy(this.options.healthTimeoutMs, this.options.signal));
    if (!h.ok) {
      await this.server.stop();
      return h.message;
    }
    emit({ type: 'info', text: `healthy: ${manifest.healthPath} answered after ${(h.ms / 1000).toFixed(1)} s` });
    return undefined;
  }

  /** Runs a check's steps in order with fresh variables, up to the first failure. */
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
        const message = err instanceof TemplateError || err instanceof HttpFailure ? err.message : `error: ${(err as Error).message}`;
        r = { ok: false, sent, expected, got: message };
        // A crash shows first as a refused or reset connection; its exit follows within moments.
        if (err instanceof HttpFailure && (err.kind === 'refused' || err.kind === 'reset')) await this.timed(this.server.waitExit(500));
      }
      if (!r.ok) r.got += this.crashNote();
      results.push(r);
      if (!r.ok) break;
    }
    return results;
  }

  /** Adds what the server did, when it is no longer running, to a failure. */
  private crashNote(): string {
    const { server } = this;
    return !server.running && !server.stoppedByRunner ? `\nThe server ${server.describeExit()} during this check. Its last output:\n${server.tail()}` : '';
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.server.stop();
  }
}

/** Runs the plan against the project's server and fills in the report's milestones and start problem. */
export async function runSession(options: SessionOptions, plan: PlannedMilestone[], report: VerifyReport): Promise<{ waitedMs: number }> {
  const { emit } = options;
  const session = new Session(options);
  const milestoneResult = ({ milestone, total }: PlannedMilestone, checks: CheckResult[]) => ({ id: milestone.id, title: milestone.title, nodes: milestone.nodes, ok: checks.every((r) => r.ok), complete: checks.length === total, checks });
  const failAll = (problem: string) => {
    report.startProblem = problem;
    for (const planned of plan) {
      const results = planned.checks.map(({ check, index }): CheckResult => ({ milestone: planned.milestone.id, index, name: check.name, ok: false, steps: [], message: problem, ms: 0 }));
      results.forEach((result) => emit({ type: 'checkFinished', result }));
      report.milestones.push({ ...milestoneResult(planned, results), ok: false });
    }
  };

  try {
    let startProblem = (options.install ? await session.install() : undefined) ?? (await session.ensureRunning());
    if (startProblem) {
      failAll(startProblem);
      return { waitedMs: session.waited };
    }
    for (const planned of plan) {
      const results: CheckResult[] = [];
      for (const { check, index } of planned.checks) {
        session.throwIfCancelled();
        emit({ type: 'checkStarted', milestone: planned.milestone.id, index });
        const t = performance.now();
        let result: CheckResult;
        // A server stopped on purpose by a shutdown step, or one that crashed, starts again.
        const problem = startProblem ?? (await session.ensureRunning());
        if (problem) {
          startProblem = problem;
          result = { milestone: planned.milestone.id, index, name: check.name, ok: false, steps: [], message: `the server could not be started again: ${problem}`, ms: 0 };
        } else {
          const steps = await session.runCheck(check);
          const failed = steps.find((s) => !s.ok);
          result = {
            milestone: planned.milestone.id,
            index,
            name: check.name,
            ok: !failed,
            steps,
            message: failed ? `sent: ${failed.sent}\nexpected: ${failed.expected}\ngot: ${failed.got}` : undefined,
            ms: performance.now() - t,
          };
        }
        results.push(result);
        emit({ type: 'checkFinished', result });
      }
      report.milestones.push(milestoneResult(planned, results));
    }
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    report.startProblem = 'cancelled';
  } finally {
    await session.close();
  }
  return { waitedMs: session.waited };
}
