/**
 * Verifies a project: reads its manifest and .env, picks the checks to run, and hands them to a
 * session (session.ts) that starts the learner's server, runs them and always stops it. Every result
 * says what was sent, what was expected and what came back. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import type { Milestone } from '../roadmap/model';
import { MANIFEST_FILE, parseProjectManifest, type ProjectManifest } from './manifest';
import { parseBuildOutput } from './buildProblems';
import type { IdeaChecks } from './checks';
import { VerifyError, type VerifyEvent, type VerifyReport } from './results';
import { STEADY_MS } from './server';
import { runSession, type PlannedMilestone } from './session';
import { Upstreams } from './upstreams';
import { STATEMENT_LOG_ENV, StatementLog } from './statementLog';

export { VerifyError } from './results';
export type { CheckResult, MilestoneResult, StepResult, VerifyEvent, VerifyReport } from './results';

export interface VerifyOptions {
  projectDir: string;
  checks: IdeaChecks;
  /** The idea's milestones from the roadmap, in order. */
  milestones: Milestone[];
  /** Which to run: milestone ids, or `milestone/index` for single checks. Default: all. */
  only?: string[];
  install?: boolean;
  /** Run the manifest's build command before the server starts (watch mode). */
  build?: boolean;
  /**
   * The milestone in focus (watch mode): its checks run first, then those of the milestones before it,
   * as regressions; the ones after it are left out.
   */
  focus?: string;
  /** The environment the server inherits before the project's .env and the checks' env. */
  baseEnv?: NodeJS.ProcessEnv;
  healthTimeoutMs?: number;
  /** How long the same non-2xx health answer may repeat before the run stops with it (default STEADY_MS). */
  healthSteadyMs?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: VerifyEvent) => void;
}

/** Reads and checks the project's starter.json; every problem at file:line:column. */
export function readProjectManifest(projectDir: string): ProjectManifest {
  const file = path.join(projectDir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new VerifyError(
      e.code === 'ENOENT'
        ? `${projectDir} has no ${MANIFEST_FILE}: scaffold a starter ("Roadmap: Scaffold Starter Project"), or describe your own project with "Roadmap: Verify My Own Project" (idea, start, port, healthPath)`
        : `${file} could not be read: ${e.message}`,
    );
  }
  const { manifest, problems } = parseProjectManifest(text);
  if (!manifest) throw new VerifyError(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return manifest;
}

/** KEY=VALUE lines of a .env file; comments, blank lines and `export ` prefixes allowed. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]] = value;
  }
  return out;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The milestones to run, in order: the roadmap's order, or the one in focus first and then those
 * before it. Each has the checks `only` selects; none are left out when it is not given.
 */
export function planChecks(options: Pick<VerifyOptions, 'checks' | 'milestones' | 'only' | 'focus'>): PlannedMilestone[] {
  const selected = (milestone: string, index: number) => !options.only || options.only.includes(milestone) || options.only.includes(`${milestone}/${index}`);
  const at = options.focus === undefined ? -1 : options.milestones.findIndex((m) => m.id === options.focus);
  if (options.focus !== undefined && at < 0) throw new VerifyError(`'${options.focus}' is not a milestone of this idea: ${options.milestones.map((m) => m.id).join(', ')}`);
  const order = at < 0 ? options.milestones : [options.milestones[at], ...options.milestones.slice(0, at)];
  return order
    .filter((m) => options.checks.milestones[m.id])
    .map((m) => {
      const all = options.checks.milestones[m.id];
      return { milestone: m, checks: all.map((check, index) => ({ check, index })).filter((c) => selected(m.id, c.index)), total: all.length };
    })
    .filter((p) => p.checks.length > 0);
}

export async function verifyProject(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const manifest = readProjectManifest(options.projectDir);
  if (manifest.idea !== options.checks.idea) throw new VerifyError(`${options.projectDir} is a '${manifest.idea}' project; these checks are for '${options.checks.idea}'`);
  const report: VerifyReport = { ok: false, outcome: 'failed', idea: manifest.idea, stack: manifest.stack, milestones: [], ms: 0, overheadMs: 0, requests: [] };
  const plan = planChecks(options);

  const dotEnvFile = path.join(options.projectDir, '.env');
  const dotEnv = fs.existsSync(dotEnvFile) ? parseDotEnv(fs.readFileSync(dotEnvFile, 'utf8')) : {};
  const port = await freePort();
  // The caller's environment wins over .env and the manifest's env (as dotenv does); the checks' env and PORT win over all.
  const base = options.baseEnv ?? process.env;
  // The upstreams the checks declare run before the server starts and stop after it (upstreams.ts).
  const upstreams = options.checks.upstreams && (await Upstreams.start(options.checks.upstreams));
  const env: NodeJS.ProcessEnv = { ...manifest.env, ...dotEnv, ...base, ...options.checks.env, ...upstreams?.env(), PORT: String(port) };
  // The statement log stands between the server and PostgreSQL (statementLog.ts), only where the checks ask for it.
  const statementLog = options.checks.statementLog ? await StatementLog.start(env[STATEMENT_LOG_ENV]) : undefined;
  if (statementLog) env[STATEMENT_LOG_ENV] = statementLog.url;
  const envSource = (name: string) => (name in options.checks.env || upstreams?.spec.env === name ? 'the checks' : name in base ? 'the environment' : name in dotEnv ? '.env' : name in manifest.env ? `${MANIFEST_FILE}'s env` : 'nowhere');

  const { waitedMs, buildMs } = await runSession(
    {
      upstreams,
      statementLog,
      projectDir: options.projectDir,
      manifest,
      env,
      envSource,
      port,
      install: !!options.install,
      build: !!options.build,
      healthTimeoutMs: options.healthTimeoutMs ?? 60_000,
      healthSteadyMs: options.healthSteadyMs ?? STEADY_MS,
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
      signal: options.signal,
      emit: (e) => options.onEvent?.(e),
    },
    plan,
    report,
  ).finally(() => Promise.all([upstreams?.stop(), statementLog?.stop()]));
  // A failed build's or start's errors at their file and line; the build's whole output stays out of the report.
  if (report.problem?.kind === 'build' || report.problem?.kind === 'start') {
    const found = parseBuildOutput(report.problem.output ?? report.problem.message, options.projectDir);
    if (found.length) report.buildProblems = found;
    delete report.problem.output;
  }
  report.ok = !report.startProblem && report.milestones.length > 0 && report.milestones.every((m) => m.ok);
  report.outcome = report.problem && report.problem.kind !== 'start' ? 'could-not-run' : report.ok ? 'passed' : 'failed';
  report.ms = performance.now() - started;
  report.overheadMs = Math.max(0, report.ms - waitedMs);
  if (buildMs !== undefined) report.buildMs = buildMs;
  return report;
}
