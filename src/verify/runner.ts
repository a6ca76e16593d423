/**
 * Verifies a project: reads its manifest, optionally installs, starts the learner's server, waits
 * for its health path, runs the milestone checks and always stops the server and its children.
 * Every result says what was sent, what was expected and what came back. Pure Node, no `vscode`.
 */
import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';
import type { Milestone } from '../roadmap/model';
import { MANIFEST_FILE, parseManifest, type StarterManifest } from '../scaffold/manifest';
import type { Check, Expectation, IdeaChecks, RequestSpec, Step } from './checks';
import { HttpFailure, send, type Answer, type Sent } from './http';
import { describe, extract, fill, fillDeep, matchShape, percentile, TemplateError, type Vars } from './match';
import { ServerProcess } from './server';

export interface StepResult {
  ok: boolean;
  /** What was sent, in one line. */
  sent: string;
  expected: string;
  got: string;
}

export interface CheckResult {
  milestone: string;
  index: number;
  name: string;
  ok: boolean;
  steps: StepResult[];
  /** The first failure in one paragraph, for a test message. */
  message?: string;
  ms: number;
}

export interface MilestoneResult {
  id: string;
  title: string;
  nodes: string[];
  ok: boolean;
  /** True when every check of the milestone ran (a partial run proves nothing about the milestone). */
  complete: boolean;
  checks: CheckResult[];
}

export interface VerifyReport {
  ok: boolean;
  idea: string;
  stack: string;
  /** Why the server could not be installed or started, when it could not. */
  startProblem?: string;
  milestones: MilestoneResult[];
  ms: number;
  /** Time spent in the runner itself: everything but installing, waiting for the server and its answers. */
  overheadMs: number;
}

export type VerifyEvent =
  | { type: 'output'; text: string }
  | { type: 'info'; text: string }
  | { type: 'checkStarted'; milestone: string; index: number }
  | { type: 'checkFinished'; result: CheckResult };

export interface VerifyOptions {
  projectDir: string;
  checks: IdeaChecks;
  /** The idea's milestones from the roadmap, in order. */
  milestones: Milestone[];
  /** Which to run: milestone ids, or `milestone/index` for single checks. Default: all. */
  only?: string[];
  install?: boolean;
  /** The environment the server inherits before the project's .env and the checks' env. */
  baseEnv?: NodeJS.ProcessEnv;
  healthTimeoutMs?: number;
  requestTimeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (e: VerifyEvent) => void;
}

export class VerifyError extends Error {}

/** Reads and checks the project's starter.json. */
export function readProjectManifest(projectDir: string): StarterManifest {
  const file = path.join(projectDir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new VerifyError(e.code === 'ENOENT' ? `${projectDir} has no ${MANIFEST_FILE}: verify works on a project scaffolded by "Roadmap: Scaffold Starter Project"` : `${file} is not valid JSON: ${e.message}`);
  }
  const { manifest, problems } = parseManifest(raw, file);
  if (!manifest) throw new VerifyError(problems.join('\n'));
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

function selected(only: string[] | undefined, milestone: string, index: number): boolean {
  return !only || only.includes(milestone) || only.includes(`${milestone}/${index}`);
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function describeSent(s: Sent): string {
  const auth = s.headers.authorization ? ' (with Authorization)' : '';
  return `${s.method} ${s.path}${s.body !== undefined ? ` ${oneLine(s.body, 160)}` : ''}${auth}`;
}

function describeExpect(e: Expectation, vars: Vars): string {
  // Saved values are shown as they were filled in, where they are known.
  const show = (v: unknown) => {
    try {
      return fillDeep(v, vars);
    } catch {
      return v;
    }
  };
  const parts: string[] = [];
  if (e.status) parts.push(`status ${e.status.join(' or ')}`);
  for (const [k, v] of Object.entries(e.headers ?? {})) parts.push(`header ${k}: ${String(show(v))}`);
  if (e.json !== undefined) parts.push(`JSON ${describe(show(e.json), 160)}`);
  if (e.bodyContains) parts.push(`a body containing ${JSON.stringify(show(e.bodyContains))}`);
  return parts.join(', ');
}

function describeAnswer(a: Answer): string {
  const type = a.headers['content-type'];
  const location = a.headers.location ? ` Location: ${a.headers.location}` : '';
  const body = a.text ? ` ${oneLine(a.text, 200)}` : ' (empty body)';
  return `${a.status}${location}${type ? ` [${type}]` : ''}${body} in ${a.ms.toFixed(1)} ms`;
}

/** Checks one answer against an expectation; undefined when it holds, else why not. */
export function judge(answer: Answer, expect: Expectation, vars: Vars): string | undefined {
  const notJson = expect.json !== undefined && !answer.isJson ? `the body is not JSON${answer.text ? `: ${oneLine(answer.text, 80)}` : ' (it is empty)'}` : undefined;
  if (expect.status && !expect.status.includes(answer.status)) return `status ${answer.status}, expected ${expect.status.join(' or ')}${notJson ? `; ${notJson}` : ''}`;
  for (const [name, raw] of Object.entries(expect.headers ?? {})) {
    const h = answer.headers[name];
    const value = Array.isArray(h) ? h.join(', ') : h;
    if (raw === '<absent>') {
      if (value !== undefined) return `header ${name} should be absent, got '${value}'`;
    } else if (value === undefined) return `header ${name} is missing`;
    else if (raw !== '<present>' && value !== fill(raw, vars)) return `header ${name} is '${value}', expected '${fill(raw, vars)}'`;
  }
  if (expect.json !== undefined) {
    if (notJson) return notJson;
    const m = matchShape(answer.json, fillDeep(expect.json, vars));
    if (m) return m;
  }
  if (expect.bodyContains && !answer.text.includes(fill(expect.bodyContains, vars))) return `the body does not contain ${JSON.stringify(fill(expect.bodyContains, vars))}`;
  return undefined;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}

class Cancelled extends Error {}

export async function verifyProject(options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  let waited = 0;
  const timed = async <T>(p: Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await p;
    } finally {
      waited += performance.now() - t;
    }
  };
  const emit = (e: VerifyEvent) => options.onEvent?.(e);
  const manifest = readProjectManifest(options.projectDir);
  if (manifest.idea !== options.checks.idea) throw new VerifyError(`${options.projectDir} is a '${manifest.idea}' project; these checks are for '${options.checks.idea}'`);
  const requestTimeoutMs = options.requestTimeoutMs ?? 5000;
  const report: VerifyReport = { ok: false, idea: manifest.idea, stack: manifest.stack, milestones: [], ms: 0, overheadMs: 0 };
  const plan = options.milestones
    .filter((m) => options.checks.milestones[m.id])
    .map((m) => ({ milestone: m, checks: options.checks.milestones[m.id].map((check, index) => ({ check, index })).filter((c) => selected(options.only, m.id, c.index)) }))
    .filter((p) => p.checks.length > 0);
  const total = (id: string) => options.checks.milestones[id]?.length ?? 0;

  const failAll = (problem: string) => {
    report.startProblem = problem;
    for (const { milestone, checks } of plan) {
      const results = checks.map(({ check, index }): CheckResult => ({ milestone: milestone.id, index, name: check.name, ok: false, steps: [], message: problem, ms: 0 }));
      results.forEach((result) => emit({ type: 'checkFinished', result }));
      report.milestones.push({ id: milestone.id, title: milestone.title, nodes: milestone.nodes, ok: false, complete: results.length === total(milestone.id), checks: results });
    }
  };

  const baseEnv = options.baseEnv ?? process.env;
  const dotEnvFile = path.join(options.projectDir, '.env');
  const dotEnv = fs.existsSync(dotEnvFile) ? parseDotEnv(fs.readFileSync(dotEnvFile, 'utf8')) : {};
  const port = await freePort();
  // The caller's environment wins over .env (as dotenv does); the checks' env and PORT win over both.
  const env: NodeJS.ProcessEnv = { ...dotEnv, ...baseEnv, ...options.checks.env, PORT: String(port) };

  if (options.install) {
    for (const command of manifest.install) {
      emit({ type: 'info', text: `$ ${command}` });
      const r = await timed(runCommand(command, options.projectDir, env, options.signal, (text) => emit({ type: 'output', text })));
      if (r.code !== 0) {
        failAll(`installing failed: '${command}' exited with code ${r.code}. Its last output:\n${r.tail}`);
        return finish();
      }
    }
  }

  const server = new ServerProcess({ command: manifest.start, cwd: options.projectDir, env, port, healthPath: manifest.healthPath, onOutput: (text) => emit({ type: 'output', text }) });
  const healthTimeoutMs = options.healthTimeoutMs ?? 60_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let startProblem: string | undefined;
  const ensureRunning = async (): Promise<string | undefined> => {
    if (server.running) return undefined;
    // Whatever the last run left of its process group (children of a crashed server) goes first.
    await server.stop();
    emit({ type: 'info', text: `$ ${manifest.start}   (PORT=${port})` });
    server.start();
    const h = await timed(server.waitHealthy(healthTimeoutMs, options.signal));
    if (!h.ok) {
      await server.stop();
      return h.message;
    }
    emit({ type: 'info', text: `healthy: ${manifest.healthPath} answered after ${(h.ms / 1000).toFixed(1)} s` });
    return undefined;
  };

  try {
    startProblem = await ensureRunning();
    if (startProblem) {
      failAll(startProblem);
      return finish();
    }
    for (const { milestone, checks } of plan) {
      const results: CheckResult[] = [];
      for (const { check, index } of checks) {
        if (options.signal?.aborted) throw new Cancelled();
        emit({ type: 'checkStarted', milestone: milestone.id, index });
        const t = performance.now();
        let result: CheckResult;
        // A server stopped on purpose by a shutdown step, or one that crashed, starts again.
        const problem = startProblem ?? (await ensureRunning());
        if (problem) {
          startProblem = problem;
          result = { milestone: milestone.id, index, name: check.name, ok: false, steps: [], message: `the server could not be started again: ${problem}`, ms: 0 };
        } else {
          const steps = await runCheck(check);
          const failed = steps.find((s) => !s.ok);
          result = {
            milestone: milestone.id,
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
      report.milestones.push({ id: milestone.id, title: milestone.title, nodes: milestone.nodes, ok: results.every((r) => r.ok), complete: results.length === total(milestone.id), checks: results });
    }
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    report.startProblem = 'cancelled';
  } finally {
    agent.destroy();
    await server.stop();
  }
  return finish();

  function finish(): VerifyReport {
    report.ok = !report.startProblem && report.milestones.length > 0 && report.milestones.every((m) => m.ok);
    report.ms = performance.now() - started;
    report.overheadMs = Math.max(0, report.ms - waited);
    return report;
  }

  /** Adds what the server did, when it is no longer running, to a failure. */
  function crashNote(): string {
    return !server.running && !server.stoppedByRunner ? `\nThe server ${server.describeExit()} during this check. Its last output:\n${server.tail()}` : '';
  }

  async function exchange(spec: Sent): Promise<Answer> {
    return timed(send(port, spec, requestTimeoutMs, agent));
  }

  async function runCheck(check: Check): Promise<StepResult[]> {
    const vars: Vars = { unique: `u${randomBytes(6).toString('hex')}`, port: String(port) };
    const results: StepResult[] = [];
    for (const step of check.steps) {
      let r: StepResult;
      try {
        r = await runStep(step, vars);
      } catch (err) {
        if (err instanceof Cancelled) throw err;
        const message = err instanceof TemplateError || err instanceof HttpFailure ? err.message : `error: ${(err as Error).message}`;
        r = { ok: false, sent: stepLabel(step, vars), expected: stepExpectation(step, vars), got: message };
        // A crash shows first as a refused or reset connection; its exit follows within moments.
        if (err instanceof HttpFailure && (err.kind === 'refused' || err.kind === 'reset')) await timed(server.waitExit(500));
      }
      if (!r.ok) r.got += crashNote();
      results.push(r);
      if (!r.ok) break;
    }
    return results;
  }

  function toSent(spec: RequestSpec, vars: Vars): Sent {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.headers)) headers[k] = fill(v, vars);
    let body: string | undefined;
    if (spec.json !== undefined) {
      body = JSON.stringify(fillDeep(spec.json, vars));
      headers['content-type'] ??= 'application/json';
    } else if (spec.body !== undefined) body = fill(spec.body, vars);
    return { method: spec.method, path: fill(spec.path, vars), headers, body };
  }

  function stepLabel(step: Step, vars: Vars): string {
    const safe = (spec: RequestSpec) => {
      try {
        return describeSent(toSent(spec, vars));
      } catch {
        return `${spec.method} ${spec.path}`;
      }
    };
    switch (step.kind) {
      case 'request':
        return safe(step.request);
      case 'compare':
        return `${safe(step.request)}, ${step.samples + 1} times`;
      case 'load':
        return `${safe(step.request)} at ${step.rate}/s for ${step.seconds} s`;
      case 'shutdown':
        return `${safe(step.inflight)}, then ${step.signal}`;
      case 'restart':
        return 'a restart of the server';
      case 'log':
        return '(reads the server output)';
    }
  }

  function stepExpectation(step: Step, vars: Vars): string {
    switch (step.kind) {
      case 'request':
        return describeExpect(step.expect, vars);
      case 'compare':
        return `status ${step.status}; the median of the later answers at most ${step.ratio} x the first one's time`;
      case 'load':
        return `status ${step.status} for every request, p95 under ${step.p95Ms} ms`;
      case 'shutdown':
        return `the in-flight request answers ${step.status}, then the server exits with code ${step.exitCode} within ${step.withinMs / 1000} s`;
      case 'restart':
        return `${manifest.healthPath} answers 2xx again`;
      case 'log':
        return `an output line of JSON matching ${describe(step.json, 160)}`;
    }
  }

  async function runStep(step: Step, vars: Vars): Promise<StepResult> {
    const sent = stepLabel(step, vars);
    const expected = stepExpectation(step, vars);
    const result = (ok: boolean, got: string): StepResult => ({ ok, sent, expected, got });
    switch (step.kind) {
      case 'request': {
        const spec = toSent(step.request, vars);
        let answer = await exchange(spec);
        let why = judge(answer, step.expect, vars);
        let tries = 1;
        if (why && step.repeatUntil) {
          while (why && tries < step.repeatUntil.max) {
            if (options.signal?.aborted) throw new Cancelled();
            answer = await exchange(spec);
            why = judge(answer, step.expect, vars);
            tries++;
          }
          if (why) return result(false, `${tries} requests sent and none matched; the last: ${describeAnswer(answer)} (${why})`);
        }
        if (why && step.retryForMs) {
          const deadline = performance.now() + step.retryForMs;
          while (why && performance.now() < deadline) {
            await delay(250, options.signal);
            if (options.signal?.aborted) throw new Cancelled();
            answer = await exchange(spec);
            why = judge(answer, step.expect, vars);
            tries++;
          }
          if (why) return result(false, `still not after ${step.retryForMs / 1000} s (${tries} tries); the last: ${describeAnswer(answer)} (${why})`);
        }
        if (why) return result(false, `${describeAnswer(answer)} (${why})`);
        for (const [name, from] of Object.entries(step.save)) {
          const value = extract(from, answer);
          if (value === undefined || value === null || typeof value === 'object') return result(false, `${describeAnswer(answer)} (could not save ${name}: ${from} is ${value === undefined ? 'missing' : 'not a single value'})`);
          vars[name] = String(value);
        }
        return result(true, `${describeAnswer(answer)}${tries > 1 ? ` after ${tries} tries` : ''}`);
      }
      case 'restart': {
        await server.stop();
        const problem = await ensureRunning();
        return problem ? result(false, problem) : result(true, 'the server started again and is healthy');
      }
      case 'compare': {
        const spec = toSent(step.request, vars);
        const times: number[] = [];
        for (let i = 0; i <= step.samples; i++) {
          const a = await exchange(spec);
          if (a.status !== step.status) return result(false, `answer ${i + 1}: ${describeAnswer(a)} (status ${a.status}, expected ${step.status})`);
          times.push(a.ms);
        }
        const [cold, ...warm] = times;
        const median = percentile(warm, 50);
        const bound = cold * step.ratio;
        const got = `first answer in ${cold.toFixed(1)} ms, median of the next ${warm.length} ${median.toFixed(1)} ms (needs at most ${bound.toFixed(1)} ms)`;
        return result(median <= bound, got);
      }
      case 'load': {
        const spec = toSent(step.request, vars);
        const count = step.rate * step.seconds;
        const interval = 1000 / step.rate;
        const t0 = performance.now();
        const pending: Promise<{ ms: number; status?: number; error?: string }>[] = [];
        for (let i = 0; i < count; i++) {
          const at = t0 + i * interval;
          const wait = at - performance.now();
          if (wait > 1) await new Promise((r) => setTimeout(r, wait));
          if (options.signal?.aborted) throw new Cancelled();
          pending.push(
            send(port, spec, requestTimeoutMs, agent).then(
              (a) => ({ ms: a.ms, status: a.status }),
              (e: Error) => ({ ms: requestTimeoutMs, error: e.message }),
            ),
          );
        }
        const answers = await Promise.all(pending);
        // The whole schedule is spent waiting on the server, not in the runner.
        waited += performance.now() - t0;
        const wrong = answers.filter((a) => a.status !== step.status);
        const p95 = percentile(answers.map((a) => a.ms), 95);
        const p50 = percentile(answers.map((a) => a.ms), 50);
        const firstWrong = wrong[0] ? `; ${wrong.length} wrong, the first: ${wrong[0].error ?? `status ${wrong[0].status}`}` : '';
        const got = `${count} requests at ${step.rate}/s: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms${firstWrong}`;
        return result(wrong.length === 0 && p95 < step.p95Ms, got);
      }
      case 'log': {
        const shape = fillDeep(step.json, vars);
        const deadline = performance.now() + step.withinMs;
        for (;;) {
          const lines = server.outputLines;
          let parsed = 0;
          for (const line of lines) {
            const t = line.trim();
            if (!t.startsWith('{')) continue;
            let value: unknown;
            try {
              value = JSON.parse(t);
            } catch {
              continue;
            }
            parsed++;
            if (matchShape(value, shape) === undefined) return result(true, oneLine(t, 200));
          }
          if (performance.now() >= deadline) {
            const last = lines.length ? oneLine(lines[lines.length - 1], 160) : '(no output)';
            return result(false, `none of ${lines.length} output lines (${parsed} of them JSON) matched; the last line: ${last}`);
          }
          await timed(delay(100, options.signal));
        }
      }
      case 'shutdown': {
        const spec = toSent(step.inflight, vars);
        const inflight = send(port, spec, step.withinMs + requestTimeoutMs).then(
          (a) => a,
          (e: Error) => e,
        );
        await timed(delay(100));
        server.signal(step.signal);
        const exit = await timed(server.waitExit(step.withinMs));
        const answer = await timed(inflight);
        const answered = answer instanceof Error ? `the in-flight request failed: ${answer.message}` : `the in-flight request got ${describeAnswer(answer)}`;
        if (!exit) {
          await server.stop();
          return result(false, `${answered}; the server was still running ${step.withinMs / 1000} s after ${step.signal}`);
        }
        const ok = !(answer instanceof Error) && answer.status === step.status && exit.code === step.exitCode && !exit.signal;
        return result(ok, `${answered}; the server ${server.describeExit(exit)}`);
      }
    }
  }
}

/** Runs one install command through the shell; resolves with its exit code and the end of its output. */
function runCommand(command: string, cwd: string, env: NodeJS.ProcessEnv, signal: AbortSignal | undefined, onOutput: (text: string) => void): Promise<{ code: number; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (c: Buffer) => {
      const text = c.toString('utf8');
      onOutput(text);
      out = (out + text).slice(-4000);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const onAbort = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Gone.
      }
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => resolve({ code: 127, tail: err.message }));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      const tail = out.split('\n').slice(-20).map((l) => `    | ${l}`).join('\n');
      resolve({ code: code ?? 1, tail });
    });
  });
}
