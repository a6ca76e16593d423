/**
 * One verify run: installs when asked, starts the learner's server, waits for its health path, runs
 * the planned checks milestone by milestone, and always stops the server and everything it started,
 * whether the checks pass, fail, throw or are cancelled. What a step does is its kind's business
 * (steps/); the session gives steps the server, requests and the clock. Pure Node, no `vscode`.
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import type { Milestone } from '../roadmap/model';
import type { Check } from './checks';
import { CheckScope, type Address } from './checkScope';
import { HttpFailure, send, type Answer, type Sent } from './http';
import type { ProjectManifest } from './manifest';
import { TemplateError, type Vars } from './match';
import { runToEnd } from './processes';
import { ProjectProcesses } from './projectProcesses';
import { Cancelled, outcomeOf, type CheckResult, type RunProblem, type StepResult, type VerifyEvent, type VerifyReport } from './results';
import { classifyStart, ServerProcess } from './server';

export { classifyStart };
import { combinedFix, missingTools, probeServices } from './services';
import { describeStep, runStep } from './steps';
import type { StepSession } from './steps/kind';
import { curlCommand } from './steps/requestSpec';
import type { Upstreams } from './upstreams';
import type { StatementLog } from './statementLog';

/** The checks to run of one milestone, with their index among all of its checks. */
export interface PlannedMilestone {
  milestone: Milestone;
  checks: { check: Check; index: number }[];
  /** How many checks the milestone has in all, run or not. */
  total: number;
}

export interface SessionOptions {
  projectDir: string;
  manifest: ProjectManifest;
  /** The server's whole environment, PORT included. */
  env: NodeJS.ProcessEnv;
  /** Where a variable of `env` came from, in words (".env", "the environment"). */
  envSource: (name: string) => string;
  port: number;
  install: boolean;
  /** Run the manifest's build command first (watch mode). */
  build: boolean;
  healthTimeoutMs: number;
  healthSteadyMs: number;
  requestTimeoutMs: number;
  signal?: AbortSignal;
  emit: (e: VerifyEvent) => void;
  /** The upstreams the check file declares, already running. */
  upstreams?: Upstreams;
  /** The statement log in front of DATABASE_URL, already running, when the check file asks for it. */
  statementLog?: StatementLog;
}

/** The server of one run and what steps may do with it; counts the time spent waiting on it. */
class Session implements StepSession {
  readonly server: ServerProcess;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  /** Milliseconds spent installing, waiting for the server and its answers. */
  waited = 0;
  /** How long the build command took, when it ran. */
  buildMs: number | undefined;
  /** Every request the steps sent, in order. */
  readonly requests: Sent[] = [];
  /** What the running check opened beside the server (connections, instances); closed at its end. */
  readonly scope: CheckScope;

  constructor(
    private readonly options: SessionOptions,
    /** The manifest's other processes, started before the server and stopped with it. */
    readonly processes?: ProjectProcesses,
  ) {
    const { manifest, projectDir, env, port } = options;
    const server = { command: manifest.start, cwd: projectDir, env, healthPath: manifest.healthPath, onOutput: (text: string) => options.emit({ type: 'output', text }) };
    this.server = new ServerProcess({ ...server, port });
    this.scope = new CheckScope({ server, healthTimeoutMs: options.healthTimeoutMs, signal: options.signal, processes });
  }

  get port(): number {
    return this.options.port;
  }

  /** The folder and environment the exercise kinds of steps (command, sql, file, git, tests) work in. */
  get dir(): string { return this.options.projectDir; }
  get env(): NodeJS.ProcessEnv { return this.options.env; }

  get upstreams(): Upstreams | undefined {
    return this.options.upstreams;
  }

  get statementLog(): StatementLog | undefined {
    return this.options.statementLog;
  }

  get host(): string {
    return this.server.host;
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

  send(spec: Sent, options: { timeoutMs?: number; ownConnection?: boolean; to?: Address } = {}): Promise<Answer> {
    this.requests.push(spec);
    const { port, host } = options.to ?? this;
    return send(port, spec, options.timeoutMs ?? this.requestTimeoutMs, options.ownConnection || options.to ? undefined : this.agent, host);
  }

  exchange(spec: Sent): Promise<Answer> {
    return this.timed(this.send(spec));
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
  async install(): Promise<RunProblem | undefined> {
    const { manifest, projectDir, env, signal, emit } = this.options;
    for (const command of manifest.install) {
      emit({ type: 'info', text: `$ ${command}` });
      const r = await this.timed(runToEnd(command, { cwd: projectDir, env, signal, onOutput: (text) => emit({ type: 'output', text }) }));
      if (r.code !== 0) return { kind: 'install', message: `installing failed: '${command}' exited with code ${r.code}. Its last output:\n${r.tail}` };
    }
    return undefined;
  }

  /** Runs the manifest's build command, when it has one; undefined, or why it failed. */
  async build(): Promise<RunProblem | undefined> {
    const { manifest, projectDir, env, signal, emit } = this.options;
    if (!manifest.build) return undefined;
    emit({ type: 'info', text: `$ ${manifest.build}` });
    const started = performance.now();
    const r = await this.timed(runToEnd(manifest.build, { cwd: projectDir, env, signal, onOutput: (text) => emit({ type: 'output', text }) }));
    this.buildMs = performance.now() - started;
    if (signal?.aborted) throw new Cancelled();
    return r.code === 0 ? undefined : { kind: 'build', message: `the build failed: '${manifest.build}' exited with code ${r.code}. Its last output:\n${r.tail}`, output: r.output };
  }

  /** Every service the manifest names must answer before the server starts. */
  async probeServices(): Promise<RunProblem | undefined> {
    const { manifest, projectDir, env, envSource, emit } = this.options;
    const missing = missingTools(manifest.tools, env);
    if (missing) return { kind: 'service', message: missing };
    const known = manifest.services.filter(Boolean);
    if (!known.length) return undefined;
    const problems = await this.timed(probeServices(projectDir, known, env, envSource));
    if (!problems.length) {
      emit({ type: 'info', text: `services reachable: ${known.join(', ')}` });
      return undefined;
    }
    return { kind: 'service', message: problems.map((p) => p.message).join('\n'), fix: combinedFix(problems, projectDir) };
  }

  async ensureRunning(): Promise<string | undefined> {
    return (await this.start())?.message;
  }

  /** Starts the server unless it runs; undefined, or why it could not, classified. */
  async start(): Promise<RunProblem | undefined> {
    const { manifest, port, emit } = this.options;
    const down = await this.timed(this.processes?.startMissing() ?? Promise.resolve(undefined));
    if (down) {
      this.throwIfCancelled();
      return { kind: classifyStart(down, null), message: down };
    }
    // An exercise without a server: its steps run commands, queries and file checks in its folder.
    if (!manifest.start || this.server.running) return undefined;
    // Whatever the last run left of its process group (children of a crashed server) goes first.
    await this.server.stop();
    emit({ type: 'info', text: `$ ${manifest.start}   (PORT=${port})` });
    this.server.start();
    const h = await this.timed(this.server.waitHealthy(this.options.healthTimeoutMs, this.options.signal, this.options.healthSteadyMs));
    if (!h.ok) {
      const exit = this.server.exit;
      await this.server.stop();
      return { kind: classifyStart(h.message, exit?.code ?? null), message: h.message };
    }
    emit({ type: 'info', text: `healthy: ${manifest.healthPath} answered after ${(h.ms / 1000).toFixed(1)} s` });
    return undefined;
  }

  /** Runs a check's steps in order with fresh variables, up to the first failure. */
  async runCheck(check: Check): Promise<StepResult[]> {
    const vars: Vars = { ...this.options.manifest.vars, unique: `u${randomBytes(6).toString('hex')}`, port: String(this.port) };
    const results: StepResult[] = [];
    try {
      await this.runSteps(check, vars, results);
    } finally {
      await this.timed(this.scope.close());
    }
    return results;
  }

  private async runSteps(check: Check, vars: Vars, results: StepResult[]): Promise<void> {
    for (const step of check.steps) {
      const { sent, expected, request } = describeStep(step, vars, this);
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
      if (!r.ok && request) r.curl = curlCommand(request, this.options.manifest.port);
      results.push(r);
      if (!r.ok) break;
    }
  }

  /** Adds what the server did, when it is no longer running, to a failure. */
  private crashNote(): string {
    const { server } = this;
    return this.options.manifest.start && !server.running && !server.stoppedByRunner ? `\nThe server ${server.describeExit()} during this check. Its last output:\n${server.tail()}` : '';
  }

  /** Stopping the learner's server is its time, not the runner's. */
  async close(): Promise<void> {
    this.agent.destroy();
    await this.timed(Promise.all([this.server.stop(), this.processes?.stopAll()]));
  }
}

const checkResult = (milestone: string, index: number, name: string, fields: Pick<CheckResult, 'ok' | 'steps' | 'message' | 'ms'> & { problem?: RunProblem }): CheckResult => {
  const { problem, ...rest } = fields;
  return { milestone, index, name, ...rest, outcome: outcomeOf(problem, fields.ok) };
};

/** Runs the plan against the project's server and fills in the report's milestones and start problem. */
export async function runSession(options: SessionOptions, plan: PlannedMilestone[], report: VerifyReport): Promise<{ waitedMs: number; buildMs?: number }> {
  const { emit } = options;
  const { manifest, projectDir: cwd, env, port: mainPort, healthTimeoutMs, healthSteadyMs, signal } = options;
  const onOutput = (process: string, text: string) => emit({ type: 'output', text, process });
  const processes = manifest.processes?.length ? await ProjectProcesses.create({ specs: manifest.processes, cwd, env, mainPort, healthTimeoutMs, healthSteadyMs, signal, onOutput, onInfo: (text) => emit({ type: 'info', text }) }) : undefined;
  const session = new Session(processes ? { ...options, env: { ...env, ...processes.urls } } : options, processes);
  report.requests = session.requests;
  const milestoneResult = ({ milestone, total }: PlannedMilestone, checks: CheckResult[]) => {
    const ok = checks.every((r) => r.ok);
    const outcome = checks.some((c) => c.outcome === 'failed') ? 'failed' : checks.some((c) => c.outcome === 'could-not-run') ? 'could-not-run' : 'passed';
    return { id: milestone.id, title: milestone.title, nodes: milestone.nodes, ok, outcome, complete: checks.length === total, checks } as const;
  };
  const setProblem = (problem: RunProblem) => {
    report.problem ??= problem;
    report.startProblem ??= problem.message;
  };
  const failAll = (problem: RunProblem) => {
    setProblem(problem);
    for (const planned of plan) {
      const results = planned.checks.map(({ check, index }) => checkResult(planned.milestone.id, index, check.name, { ok: false, steps: [], message: problem.message, ms: 0, problem }));
      results.forEach((result) => emit({ type: 'checkFinished', result }));
      report.milestones.push(milestoneResult(planned, results));
    }
  };

  try {
    let startProblem = (options.install ? await session.install() : undefined) ?? (options.build ? await session.build() : undefined) ?? (await session.probeServices()) ?? (await session.start());
    if (startProblem) {
      failAll(startProblem);
      return { waitedMs: session.waited, buildMs: session.buildMs };
    }
    for (const planned of plan) {
      const results: CheckResult[] = [];
      for (const { check, index } of planned.checks) {
        session.throwIfCancelled();
        emit({ type: 'checkStarted', milestone: planned.milestone.id, index });
        const t = performance.now();
        let result: CheckResult;
        // A server stopped on purpose by a shutdown step, or one that crashed, starts again.
        const problem: RunProblem | undefined = startProblem ?? (await session.start());
        if (problem) {
          startProblem = problem;
          setProblem(problem);
          result = checkResult(planned.milestone.id, index, check.name, { ok: false, steps: [], message: `the server could not be started again: ${problem.message}`, ms: 0, problem });
        } else {
          const steps = await session.runCheck(check);
          const failed = steps.find((s) => !s.ok);
          const message = failed ? `sent: ${failed.sent}\nexpected: ${failed.expected}\ngot: ${failed.got}${failed.curl ? `\nagain by hand, with your server running: ${failed.curl}` : ''}` : undefined;
          result = checkResult(planned.milestone.id, index, check.name, { ok: !failed, steps, message, ms: performance.now() - t });
        }
        results.push(result);
        emit({ type: 'checkFinished', result });
      }
      report.milestones.push(milestoneResult(planned, results));
    }
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    setProblem({ kind: 'cancelled', message: 'cancelled' });
  } finally {
    await session.close();
  }
  return { waitedMs: session.waited, buildMs: session.buildMs };
}
