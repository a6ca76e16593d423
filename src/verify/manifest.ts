/**
 * A project's starter.json as verify reads it: only what running and checking the server needs, so a
 * project in any language, scaffolded or written by hand, can be verified. Scaffolded starters carry
 * more fields (title, variables, test...); verify ignores them. Every problem says which field and
 * where (line and column in the file). Pure: no `vscode`.
 */
import { closest } from '../roadmap/fields';
import { ID_PATTERN } from '../roadmap/model';
import { MANIFEST_FILE } from '../scaffold/names';

export { MANIFEST_FILE };

/**
 * The idea every exercise's checks belong to: an exercise is a project of one milestone, its topic
 * (exercises/), so a passing exercise verifies its topic under the key `exercises/<topic>`.
 */
export const EXERCISES_IDEA = 'exercises';

export interface ProjectManifest {
  /** The project idea; EXERCISES_IDEA for an exercise. */
  idea: string;
  /** The topic of an exercise folder (exercises/<topic>/); undefined for a project. */
  exercise?: string;
  /** Words the checks may use, such as {{run}} (how to run the learner's program in this stack). */
  vars?: Record<string, string>;
  /** As written: ts, python, go, java, rust, anything; empty when left out. */
  stack: string;
  /** The command that starts the server, run in the project folder with PORT set; empty for an exercise without a server. */
  start: string;
  /** The port the server listens on when the learner runs it (the runner sets PORT instead). */
  port: number;
  healthPath: string;
  /** Commands run in order before the server starts, when an install is asked for. */
  install: string[];
  /** The command that rebuilds the project after a change (watch mode runs it before each check); empty for none. */
  build: string;
  /** Extra environment for the server. */
  env: Record<string, string>;
  /** Services the server needs (postgresql, redis, kafka are probed before it starts). */
  services: string[];
  /** Commands the checks run that must be on PATH (an exercise's nginx, openssl, git). */
  tools?: string[];
  /** Other processes of the project the runner starts beside the server (projectProcesses.ts); left out when none. */
  processes?: ProcessSpec[];
}

/** One more process of the project: a second service, a relay, a worker. */
export interface ProcessSpec {
  /** How steps address it (`on: <name>`) and how its URL is named (`<NAME>_URL`). */
  name: string;
  start: string;
  /** Polled until 2xx before the process counts as started; without it, it must keep running for a moment. */
  healthPath?: string;
}

const PROCESS_FIELDS = ['name', 'start', 'healthPath'];
const PROCESS_NAME = /^[a-z][a-z0-9-]*$/;

/** The fields verify reads; a scaffolded starter's other fields are allowed and ignored. */
export const MANIFEST_FIELDS = ['idea', 'exercise', 'vars', 'tools', 'stack', 'start', 'port', 'healthPath', 'install', 'build', 'env', 'services', 'processes'] as const;
const SCAFFOLD_FIELDS = ['title', 'variables', 'executable', 'test', 'nodes', '$schema'];

export interface ManifestProblem {
  /** The field the problem is about; undefined for the file as a whole. */
  field?: string;
  line: number;
  column: number;
  message: string;
}

/** Line and column (1-based) of a field's key in the JSON text, or of the file's start. */
function locate(text: string, field: string | undefined): { line: number; column: number } {
  const at = field === undefined ? -1 : text.search(new RegExp(`"${field.replace(/[$]/g, '\\$&')}"\\s*:`));
  if (at < 0) return { line: 1, column: 1 };
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where JSON.parse stopped: its "at position N", or the unexpected token found by the excerpt V8 quotes. */
function jsonErrorOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const token = /^Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  const at = token ? text.indexOf(token[2]) : -1;
  return at < 0 ? 0 : at + token![2].indexOf(token![1]);
}

/** Reads starter.json's text: the manifest, or every problem with its place. */
export function parseProjectManifest(text: string): { manifest?: ProjectManifest; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const fail = (field: string | undefined, message: string) => problems.push({ field, ...locate(text, field), message });
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const before = text.slice(0, jsonErrorOffset(text, (err as Error).message)).split('\n');
    problems.push({ line: before.length, column: before[before.length - 1].length + 1, message: `not valid JSON: ${(err as Error).message}` });
    return { problems };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(undefined, 'starter.json must be a JSON object with idea, start, port and healthPath');
    return { problems };
  }
  const m = raw as Record<string, unknown>;
  for (const key of Object.keys(m)) {
    if ((MANIFEST_FIELDS as readonly string[]).includes(key) || SCAFFOLD_FIELDS.includes(key)) continue;
    const guess = closest(key, MANIFEST_FIELDS);
    fail(key, `unknown field '${key}'${guess ? `: did you mean '${guess}'?` : ` (verify reads ${MANIFEST_FIELDS.join(', ')})`}`);
  }
  const text_ = (key: string, example: string) => {
    const v = m[key];
    if (typeof v === 'string' && v.trim()) return v;
    fail(key, v === undefined ? `'${key}' is missing: add it, such as "${key}": ${example}` : `'${key}' must be non-empty text, such as ${example}`);
    return '';
  };
  const list = (key: string) => {
    const v = m[key];
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    fail(key, `'${key}' must be a list of text, such as ["npm install"]`);
    return [];
  };
  const exercise = m.exercise === undefined ? undefined : text_('exercise', '"database-indexes"');
  if (exercise && !ID_PATTERN.test(exercise)) fail('exercise', `'exercise' must be a topic id (lowercase words joined by -), not '${exercise}'`);
  if (exercise !== undefined && m.idea !== undefined) fail('idea', "a folder is a project ('idea') or an exercise ('exercise'), not both");
  const idea = exercise !== undefined ? EXERCISES_IDEA : text_('idea', '"url-shortener"');
  if (exercise === undefined && idea && !ID_PATTERN.test(idea)) fail('idea', `'idea' must be a project idea id (lowercase words joined by -), not '${idea}'`);
  // An exercise runs a server only when it names one; a project always does.
  const server = exercise === undefined || m.start !== undefined;
  const start = server ? text_('start', '"node server.js"') : '';
  const healthPath = server ? text_('healthPath', '"/health"') : '/';
  if (healthPath && !healthPath.startsWith('/')) fail('healthPath', `'healthPath' must start with /, not '${healthPath}'`);
  const port = server ? m.port : 1;
  const vars: Record<string, string> = {};
  if (m.vars !== undefined) {
    if (!m.vars || typeof m.vars !== 'object' || Array.isArray(m.vars)) fail('vars', "'vars' must be an object of names to text, such as { \"run\": \"python3 main.py\" }");
    else for (const [k, v] of Object.entries(m.vars)) {
      if (typeof v === 'string') vars[k] = v;
      else fail('vars', `'vars.${k}' must be text`);
    }
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail('port', port === undefined ? "'port' is missing: add the port the server listens on, such as \"port\": 3000" : `'port' must be a whole number from 1 to 65535${typeof port === 'string' ? `: write ${port} without quotes` : ''}`);
  }
  if (m.stack !== undefined && (typeof m.stack !== 'string' || !m.stack.trim())) fail('stack', "'stack' must be text, such as \"java\"");
  if (m.build !== undefined && (typeof m.build !== 'string' || !m.build.trim())) fail('build', "'build' must be one command, such as \"npm run build\" (leave it out when nothing needs building)");
  const env: Record<string, string> = {};
  if (m.env !== undefined) {
    if (!m.env || typeof m.env !== 'object' || Array.isArray(m.env)) fail('env', "'env' must be an object of names to text, such as { \"LOG_LEVEL\": \"info\" }");
    else
      for (const [k, v] of Object.entries(m.env)) {
        if (typeof v === 'string') env[k] = v;
        else fail('env', `'env.${k}' must be text: write "${String(v)}" in quotes`);
      }
  }
  const processes = parseProcesses(m.processes, fail);
  const tools = list('tools');
  const manifest: ProjectManifest = { idea, ...(exercise !== undefined ? { exercise } : {}), ...(m.vars !== undefined ? { vars } : {}), ...(tools.length ? { tools } : {}), stack: typeof m.stack === 'string' ? m.stack.trim() : '', start, port: port as number, healthPath, install: list('install'), build: typeof m.build === 'string' ? m.build.trim() : '', env, services: list('services'), ...(processes.length ? { processes } : {}) };
  return problems.length ? { problems } : { manifest, problems };
}

/** Reads `processes`: a list of { name, start, healthPath? } with distinct names; each problem names its entry and field. */
function parseProcesses(value: unknown, fail: (field: string, message: string) => void): ProcessSpec[] {
  if (value === undefined) return [];
  const example = '[{ "name": "stock", "start": "node dist/stock.js", "healthPath": "/health" }]';
  if (!Array.isArray(value)) {
    fail('processes', `'processes' must be a list, such as ${example}`);
    return [];
  }
  const out: ProcessSpec[] = [];
  value.forEach((entry: unknown, i) => {
    const at = `processes[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return fail('processes', `${at} must be an object with name and start, such as ${example}`);
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e).filter((k) => !PROCESS_FIELDS.includes(k))) {
      const guess = closest(key, PROCESS_FIELDS);
      fail('processes', `${at} has an unknown field '${key}'${guess ? `: did you mean '${guess}'?` : ` (a process has ${PROCESS_FIELDS.join(', ')})`}`);
    }
    const name = typeof e.name === 'string' ? e.name : '';
    if (!PROCESS_NAME.test(name)) fail('processes', `${at}.name must be a lowercase name (a letter, then letters, digits and -), such as "stock"${e.name === undefined ? '' : `, not ${JSON.stringify(e.name)}`}`);
    else if (out.some((p) => p.name === name)) fail('processes', `${at}.name '${name}' is used twice: every process needs its own name`);
    if (typeof e.start !== 'string' || !e.start.trim()) fail('processes', `${at}.start must be the command that starts it, such as "node dist/stock.js"`);
    const healthPath = e.healthPath;
    if (healthPath !== undefined && (typeof healthPath !== 'string' || !healthPath.startsWith('/'))) fail('processes', `${at}.healthPath must start with /, such as "/health"`);
    if (typeof e.start === 'string' && e.start.trim()) out.push({ name, start: e.start.trim(), ...(typeof healthPath === 'string' ? { healthPath } : {}) });
  });
  return out;
}

/** The minimal starter.json "Verify My Own Project" writes. */
export function manifestText(m: Pick<ProjectManifest, 'idea' | 'start' | 'port' | 'healthPath'> & { stack?: string }): string {
  return `${JSON.stringify({ idea: m.idea, ...(m.stack ? { stack: m.stack } : {}), start: m.start, port: m.port, healthPath: m.healthPath }, null, 2)}\n`;
}

/** What a folder's files say its language is, for the manifest's `stack` (the learner may change it). */
export function guessStack(files: readonly string[]): string | undefined {
  const has = (name: string) => files.includes(name);
  if (has('pom.xml') || has('build.gradle') || has('build.gradle.kts') || files.some((f) => f.endsWith('.java'))) return 'java';
  if (has('Cargo.toml')) return 'rust';
  if (has('go.mod')) return 'go';
  if (has('pyproject.toml') || has('requirements.txt') || files.some((f) => f.endsWith('.py'))) return 'python';
  if (has('tsconfig.json')) return 'ts';
  if (has('package.json')) return 'js';
  if (files.some((f) => f.endsWith('.csproj'))) return 'csharp';
  if (has('Gemfile')) return 'ruby';
  if (has('composer.json')) return 'php';
  return undefined;
}
