/**
 * Milestone checks as data (roadmap/verify/<idea>.yaml): their types and a parser that turns a
 * plain value into checked steps, or says what is wrong and where. Pure: no `vscode`, no YAML.
 */

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
export type Method = (typeof METHODS)[number];

export interface RequestSpec {
  method: Method;
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  body?: string;
}

export interface Expectation {
  status?: number[];
  headers?: Record<string, string>;
  json?: unknown;
  bodyContains?: string;
}

export type Step =
  | { kind: 'request'; request: RequestSpec; expect: Expectation; save: Record<string, string>; retryForMs?: number; repeatUntil?: { max: number } }
  | { kind: 'restart' }
  | { kind: 'compare'; request: RequestSpec; status: number; samples: number; ratio: number }
  | { kind: 'load'; request: RequestSpec; rate: number; seconds: number; status: number; p95Ms: number }
  | { kind: 'log'; json: unknown; withinMs: number }
  | { kind: 'shutdown'; inflight: RequestSpec; status: number; signal: NodeJS.Signals; exitCode: number; withinMs: number };

export interface Check {
  name: string;
  steps: Step[];
}

export interface IdeaChecks {
  idea: string;
  /** Extra environment for the server while it is verified. */
  env: Record<string, string>;
  /** Milestone id to its checks, in file order. */
  milestones: Record<string, Check[]>;
}

/** A problem with the path inside the file where it is, for a locator to turn into line:column. */
export interface CheckProblem {
  path: (string | number)[];
  message: string;
  /** The problem is the key itself (the last part of the path), not its value. */
  key?: boolean;
}

const STEP_KINDS = ['request', 'restart', 'compare', 'load', 'log', 'shutdown'] as const;
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT'] as const;
/** Bounds that keep a check file from asking for something unreasonable of the learner's machine. */
const LIMITS = { retryForMs: 60_000, repeatMax: 2_000, samples: 100, rate: 500, seconds: 60, withinMs: 60_000 };

type Path = (string | number)[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Parser {
  readonly problems: CheckProblem[] = [];

  fail(path: Path, message: string, key = false): undefined {
    this.problems.push(key ? { path, message, key } : { path, message });
    return undefined;
  }

  keys(value: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail([...path, key], `unknown key '${key}' (expected one of: ${allowed.join(', ')})`, true);
    }
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    return typeof value === 'string' && value.length > 0 ? value : this.fail(path, `${what} must be a non-empty string`);
  }

  number(value: unknown, path: Path, what: string, min: number, max: number, integer = true): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      return this.fail(path, `${what} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
    return value;
  }

  status(value: unknown, path: Path): number | undefined {
    return this.number(value, path, 'status', 100, 599);
  }

  stringMap(value: unknown, path: Path, what: string): Record<string, string> | undefined {
    if (value === undefined) return {};
    if (!isObject(value)) return this.fail(path, `${what} must be a map of names to strings`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') this.fail([...path, k], `${what} values must be strings: write "${String(v)}" in quotes`);
      else this.fail([...path, k], `${what} values must be strings`);
    }
    return out;
  }

  request(value: unknown, path: Path): RequestSpec | undefined {
    if (!isObject(value)) return this.fail(path, 'request must be a map with at least a path');
    this.keys(value, path, ['method', 'path', 'headers', 'json', 'body']);
    const method = value.method === undefined ? 'GET' : String(value.method).toUpperCase();
    if (!(METHODS as readonly string[]).includes(method)) this.fail([...path, 'method'], `method must be one of ${METHODS.join(', ')}`);
    const p = this.string(value.path, [...path, 'path'], 'path');
    if (p !== undefined && !p.startsWith('/')) this.fail([...path, 'path'], `path must start with / (got '${p}')`);
    if (value.json !== undefined && value.body !== undefined) this.fail(path, 'give either json or body, not both');
    if (value.body !== undefined && typeof value.body !== 'string') this.fail([...path, 'body'], 'body must be a string (use json for structured data)');
    const headers = this.stringMap(value.headers, [...path, 'headers'], 'headers');
    if (p === undefined || headers === undefined) return undefined;
    return { method: method as Method, path: p, headers: lowerKeys(headers), json: value.json, body: value.body as string | undefined };
  }

  expectation(value: unknown, path: Path): Expectation | undefined {
    if (!isObject(value)) return this.fail(path, 'expect must be a map: status, headers, json or bodyContains');
    this.keys(value, path, ['status', 'headers', 'json', 'bodyContains']);
    const out: Expectation = {};
    if (value.status !== undefined) {
      const list = Array.isArray(value.status) ? value.status : [value.status];
      if (list.length === 0) this.fail([...path, 'status'], 'status must list at least one code');
      out.status = list.map((s, i) => this.status(s, Array.isArray(value.status) ? [...path, 'status', i] : [...path, 'status'])).filter((s): s is number => s !== undefined);
    }
    if (value.headers !== undefined) out.headers = lowerKeys(this.stringMap(value.headers, [...path, 'headers'], 'headers') ?? {});
    if (value.json !== undefined) out.json = value.json;
    if (value.bodyContains !== undefined) out.bodyContains = this.string(value.bodyContains, [...path, 'bodyContains'], 'bodyContains');
    if (Object.keys(out).length === 0) this.fail(path, 'expect must say something: status, headers, json or bodyContains');
    return out;
  }

  step(value: unknown, path: Path): Step | undefined {
    if (!isObject(value)) return this.fail(path, `a step must be a map with one of: ${STEP_KINDS.join(', ')}`);
    const kinds = STEP_KINDS.filter((k) => k in value);
    if (kinds.length !== 1) return this.fail(path, kinds.length === 0 ? `a step needs one of: ${STEP_KINDS.join(', ')}` : `a step has one kind, not ${kinds.join(' and ')}`);
    const kind = kinds[0];
    const body = value[kind];
    switch (kind) {
      case 'request': {
        this.keys(value, path, ['request', 'expect', 'save', 'retryForMs', 'repeatUntil']);
        const request = this.request(body, [...path, 'request']);
        const expect = this.expectation(value.expect, [...path, 'expect']);
        const save = this.stringMap(value.save, [...path, 'save'], 'save');
        for (const [name, from] of Object.entries(save ?? {})) {
          if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) this.fail([...path, 'save', name], `'${name}' is not a variable name (letters, digits and _)`);
          if (!/^(json(\.[^.]+)*|headers\.[a-z0-9-]+)$/i.test(from)) this.fail([...path, 'save', name], `'${from}' must be json, json.<path> or headers.<name>`);
        }
        const retryForMs = value.retryForMs === undefined ? undefined : this.number(value.retryForMs, [...path, 'retryForMs'], 'retryForMs', 100, LIMITS.retryForMs);
        let repeatUntil: { max: number } | undefined;
        if (value.repeatUntil !== undefined) {
          const r = value.repeatUntil;
          const max = isObject(r) ? this.number(r.max, [...path, 'repeatUntil', 'max'], 'repeatUntil.max', 1, LIMITS.repeatMax) : this.fail([...path, 'repeatUntil'], 'repeatUntil must be a map with max');
          if (max !== undefined) repeatUntil = { max };
        }
        if (retryForMs !== undefined && repeatUntil) this.fail(path, 'give either retryForMs or repeatUntil, not both');
        if (!request || !expect || !save) return undefined;
        return { kind, request, expect, save, retryForMs, repeatUntil };
      }
      case 'restart':
        this.keys(value, path, ['restart']);
        return body === true ? { kind } : this.fail([...path, 'restart'], 'restart must be true');
      case 'compare': {
        this.keys(value, path, ['compare']);
        if (!isObject(body)) return this.fail([...path, kind], 'compare must be a map: request, status, samples, ratio');
        this.keys(body, [...path, kind], ['request', 'status', 'samples', 'ratio']);
        const request = this.request(body.request, [...path, kind, 'request']);
        const status = this.status(body.status ?? 200, [...path, kind, 'status']);
        const samples = this.number(body.samples ?? 5, [...path, kind, 'samples'], 'samples', 3, LIMITS.samples);
        const ratio = this.number(body.ratio, [...path, kind, 'ratio'], 'ratio', 0.01, 0.99, false);
        if (!request || status === undefined || samples === undefined || ratio === undefined) return undefined;
        return { kind, request, status, samples, ratio };
      }
      case 'load': {
        this.keys(value, path, ['load']);
        if (!isObject(body)) return this.fail([...path, kind], 'load must be a map: request, rate, seconds, status, p95Ms');
        this.keys(body, [...path, kind], ['request', 'rate', 'seconds', 'status', 'p95Ms']);
        const request = this.request(body.request, [...path, kind, 'request']);
        const rate = this.number(body.rate, [...path, kind, 'rate'], 'rate', 1, LIMITS.rate);
        const seconds = this.number(body.seconds, [...path, kind, 'seconds'], 'seconds', 1, LIMITS.seconds);
        const status = this.status(body.status ?? 200, [...path, kind, 'status']);
        const p95Ms = this.number(body.p95Ms, [...path, kind, 'p95Ms'], 'p95Ms', 1, 60_000, false);
        if (!request || rate === undefined || seconds === undefined || status === undefined || p95Ms === undefined) return undefined;
        return { kind, request, rate, seconds, status, p95Ms };
      }
      case 'log': {
        this.keys(value, path, ['log']);
        if (!isObject(body) || !isObject(body.json)) return this.fail([...path, kind], 'log must be a map with json: the shape of one output line');
        this.keys(body, [...path, kind], ['json', 'withinMs']);
        const withinMs = this.number(body.withinMs ?? 2000, [...path, kind, 'withinMs'], 'withinMs', 0, LIMITS.withinMs);
        return withinMs === undefined ? undefined : { kind, json: body.json, withinMs };
      }
      case 'shutdown': {
        this.keys(value, path, ['shutdown']);
        if (!isObject(body)) return this.fail([...path, kind], 'shutdown must be a map: inflight, status, signal, exitCode, withinMs');
        this.keys(body, [...path, kind], ['inflight', 'status', 'signal', 'exitCode', 'withinMs']);
        const inflight = this.request(body.inflight, [...path, kind, 'inflight']);
        const status = this.status(body.status ?? 200, [...path, kind, 'status']);
        const signal = body.signal ?? 'SIGTERM';
        if (!(SIGNALS as readonly unknown[]).includes(signal)) this.fail([...path, kind, 'signal'], `signal must be one of ${SIGNALS.join(', ')}`);
        const exitCode = this.number(body.exitCode ?? 0, [...path, kind, 'exitCode'], 'exitCode', 0, 255);
        const withinMs = this.number(body.withinMs ?? 5000, [...path, kind, 'withinMs'], 'withinMs', 100, LIMITS.withinMs);
        if (!inflight || status === undefined || exitCode === undefined || withinMs === undefined) return undefined;
        return { kind, inflight, status, signal: signal as NodeJS.Signals, exitCode, withinMs };
      }
    }
  }
}

function lowerKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Checks a parsed check file. `milestoneIds` are the idea's milestones from the roadmap, in order:
 * every check must name one of them and every one of them needs at least one check.
 */
export function parseIdeaChecks(raw: unknown, milestoneIds?: readonly string[]): { checks?: IdeaChecks; problems: CheckProblem[] } {
  const p = new Parser();
  if (!isObject(raw)) return { problems: [{ path: [], message: 'a check file must be a map with idea, env and milestones' }] };
  p.keys(raw, [], ['idea', 'env', 'milestones']);
  const idea = p.string(raw.idea, ['idea'], 'idea');
  const env = p.stringMap(raw.env, ['env'], 'env');
  if (env && 'PORT' in env) p.fail(['env', 'PORT'], 'PORT is chosen by the runner; leave it out');
  const milestones: Record<string, Check[]> = {};
  if (!isObject(raw.milestones)) p.fail(['milestones'], 'milestones must be a map from milestone id to a list of checks');
  else {
    for (const [id, list] of Object.entries(raw.milestones)) {
      const at = ['milestones', id];
      if (milestoneIds && !milestoneIds.includes(id)) p.fail(at, `'${id}' is not a milestone of ${idea ?? 'this idea'} (its milestones: ${milestoneIds.join(', ')})`, true);
      if (!Array.isArray(list) || list.length === 0) {
        p.fail(at, 'a milestone needs a list of at least one check');
        continue;
      }
      const checks: Check[] = [];
      const names = new Set<string>();
      list.forEach((c, i) => {
        const cat = [...at, i];
        if (!isObject(c)) return p.fail(cat, 'a check must be a map with name and steps');
        p.keys(c, cat, ['name', 'steps']);
        const name = p.string(c.name, [...cat, 'name'], 'name');
        if (name && names.has(name)) p.fail([...cat, 'name'], `two checks of '${id}' are both named '${name}'`);
        if (name) names.add(name);
        if (!Array.isArray(c.steps) || c.steps.length === 0) return p.fail([...cat, 'steps'], 'steps must be a list of at least one step');
        const steps = c.steps.map((s, j) => p.step(s, [...cat, 'steps', j]));
        if (name && steps.every((s): s is Step => s !== undefined)) checks.push({ name, steps });
      });
      milestones[id] = checks;
    }
    for (const id of milestoneIds ?? []) if (!(id in raw.milestones)) p.fail(['milestones'], `milestone '${id}' has no checks`);
  }
  if (p.problems.length || !idea || !env) return { problems: p.problems };
  // File order may differ from the roadmap's: keep the roadmap's.
  const ordered = milestoneIds ? Object.fromEntries(milestoneIds.filter((id) => id in milestones).map((id) => [id, milestones[id]])) : milestones;
  return { checks: { idea, env, milestones: ordered }, problems: [] };
}
