/**
 * A topic's exercise as data (roadmap/backend/exercises/<topic>.yaml): the task, the starting files
 * of each stack, the services and tools its checks need, and the checks, which are the milestone
 * checks' steps (verify/steps/). An exercise verifies its topic the way a milestone does: it is read
 * as a project idea of one milestone (asIdea), so the runner, the Testing view and watch mode take it
 * as they are. Pure: no `vscode`, no YAML.
 */
import * as path from 'path';
import { isMapping, type Fields } from '../roadmap/fields';
import { ID_PATTERN, type ProjectIdea } from '../roadmap/model';
import { parseChecks, type Check, type IdeaChecks } from '../verify/checks';
import { EXERCISES_IDEA } from '../verify/manifest';
import { Parser, wholeNumber, type CheckProblem } from '../verify/parser';

/** Stacks where the learner writes code, and the language-neutral ones. */
export const CODE_STACKS = ['ts', 'python', 'go', 'java', 'rust', 'php', 'ruby'] as const;
export const NEUTRAL_STACKS = ['sql', 'shell', 'config', 'git', 'http'] as const;
export const EXERCISE_STACKS: readonly string[] = [...CODE_STACKS, ...NEUTRAL_STACKS];
export const STACK_LABELS: Record<string, string> = { ts: 'TypeScript', python: 'Python', go: 'Go', java: 'Java', rust: 'Rust', php: 'PHP', ruby: 'Ruby', sql: 'SQL', shell: 'Shell', config: 'Configuration', git: 'Git', http: 'HTTP' };
/** The services an exercise may name: each has a compose service and an address in write.ts. */
export const KNOWN_SERVICES = ['postgresql', 'mariadb', 'redis', 'kafka', 's3'] as const;
export type ExerciseService = (typeof KNOWN_SERVICES)[number];

export interface ExerciseStack {
  /** The file opened after the exercise is written; one of `files`. */
  open: string;
  /** Starting files: path inside the folder to content. */
  files: Record<string, string>;
  vars: Record<string, string>;
  install: string[];
  build: string;
  /** A server for HTTP steps, when the exercise has one. */
  server?: { start: string; port: number; healthPath: string };
}

export interface Exercise {
  topic: string;
  title: string;
  /** Markdown. */
  task: string;
  services: string[];
  tools: string[];
  env: Record<string, string>;
  /** Commands run once in the new folder after its files are written. */
  setup: string[];
  stacks: Record<string, ExerciseStack>;
  checks: Check[];
}

/** The milestone id an exercise's checks sit under: its topic. */
export const exerciseKey = (topic: string): string => `${EXERCISES_IDEA}/${topic}`;

/** A path inside an exercise folder: relative, forward slashes, never `..`. */
export function safeRelative(file: string): boolean {
  if (!file || file.includes('\\') || file.includes('\0') || path.posix.isAbsolute(file)) return false;
  const normal = path.posix.normalize(file);
  return normal === file.replace(/^\.\//, '') && !normal.startsWith('../') && normal !== '..' && normal !== '.';
}

/**
 * Checks a parsed exercise file. `topic` is the id its name gives; `nodeIds` are the roadmap's node
 * ids (the topic must be one). Every problem has its path in the file.
 */
export function parseExercise(raw: unknown, topic: string, nodeIds?: ReadonlySet<string>): { exercise?: Exercise; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'an exercise file must be a mapping with topic, title, task, stacks and checks' }] };
  const p = new Parser();
  p.track(raw, []);
  const file = 'the exercise';
  p.knownKeys(raw, ['topic', 'title', 'task', 'services', 'tools', 'env', 'setup', 'stacks', 'checks'], file);
  const id = p.string(raw, 'topic', file, `add topic: ${topic}`);
  if (id !== undefined && id !== topic) p.fail(raw, 'topic', `'topic' is '${id}' but the file is named ${topic}.yaml: they must match`);
  if (id && (!ID_PATTERN.test(id) || (nodeIds && !nodeIds.has(id)))) p.fail(raw, 'topic', `'${id}' is not a topic of the roadmap`);
  const title = p.string(raw, 'title', file, 'add a title that says what the learner builds');
  if (title && title.length > 80) p.fail(raw, 'title', `the title is ${title.length} characters; keep it under 80`);
  const task = p.string(raw, 'task', file, 'add the task in Markdown: what to write, in which file, and how to try it');
  const services = p.strings(raw, 'services', file);
  services.forEach((s, i) => (KNOWN_SERVICES as readonly string[]).includes(s) || p.failAt(p.pathOf(raw.services as unknown[], i), `unknown service '${s}' (known: ${KNOWN_SERVICES.join(', ')})`));
  const tools = p.strings(raw, 'tools', file);
  tools.forEach((t, i) => /^[a-z0-9][a-z0-9._+-]*$/.test(t) || p.failAt(p.pathOf(raw.tools as unknown[], i), `'${t}' is not a command name`));
  const env = raw.env === undefined ? {} : p.textMapping(raw, 'env', file);
  const setup = p.strings(raw, 'setup', file);
  const stacks = parseStacks(p, raw);
  const checks = parseExerciseChecks(p, raw);
  if (p.problems.length || !id || !title || !task || !env || !stacks || !checks) return { problems: p.problems };
  return { exercise: { topic: id, title, task, services, tools, env, setup, stacks, checks }, problems: [] };
}

const STACK_KEYS = ['open', 'files', 'vars', 'install', 'build', 'start', 'port', 'healthPath'];

function parseStacks(p: Parser, raw: Fields): Record<string, ExerciseStack> | undefined {
  const written = p.mappingOf(raw, 'stacks', 'the exercise', 'stack names to their starting files', `add at least one stack (${EXERCISE_STACKS.join(', ')})`);
  if (!written) return undefined;
  const out: Record<string, ExerciseStack> = {};
  if (Object.keys(written).length === 0) p.fail(raw, 'stacks', 'add at least one stack');
  for (const name of Object.keys(written)) {
    if (!EXERCISE_STACKS.includes(name)) p.sink.key(written, name, `'${name}' is not a stack (stacks: ${EXERCISE_STACKS.join(', ')})`);
    const s = p.mapping(written, name, 'stacks', STACK_KEYS, 'add open and files');
    if (!s) continue;
    const what = `stack '${name}'`;
    const open = p.string(s, 'open', what, 'add the file the learner edits first');
    const files = p.textMapping(s, 'files', what);
    if (!files) continue;
    if (Object.keys(files).length === 0) p.fail(s, 'files', `${what} needs at least one starting file`);
    for (const f of Object.keys(files)) if (!safeRelative(f)) p.sink.key(s.files as Fields, f, `'${f}' must be a relative path inside the exercise folder, with / and no ..`);
    if (open && !(open in files)) p.fail(s, 'open', `'${open}' is not one of ${what}'s files (${Object.keys(files).join(', ')})`);
    const vars = s.vars === undefined ? {} : p.textMapping(s, 'vars', what);
    if (vars && 'stack' in vars) p.fail(s.vars as Fields, 'stack', '{{stack}} is set by the runner; leave it out');
    const install = p.strings(s, 'install', what);
    const build = s.build === undefined ? '' : p.string(s, 'build', what);
    let server: ExerciseStack['server'];
    const hasServer = ['start', 'port', 'healthPath'].filter((k) => s[k] !== undefined);
    if (hasServer.length) {
      const start = p.string(s, 'start', what, 'add the command that starts the server, with port and healthPath');
      const port = p.number(s, 'port', what, wholeNumber(1, 65535), 'add the port the server listens on when PORT is not set');
      const healthPath = p.string(s, 'healthPath', what, 'add the path that answers 2xx once the server is up, such as /health');
      if (healthPath && !healthPath.startsWith('/')) p.fail(s, 'healthPath', `'healthPath' must start with /`);
      if (start && port && healthPath) server = { start, port, healthPath };
    }
    if (open && vars && build !== undefined) out[name] = { open, files, vars, install, build, ...(server && { server }) };
  }
  return out;
}

function parseExerciseChecks(p: Parser, raw: Fields): Check[] | undefined {
  const list = p.list(raw, 'checks', 'the exercise', 'checks', 'add the checks that prove the task is done');
  if (!list) return undefined;
  if (list.length === 0) p.fail(raw, 'checks', 'add at least one check');
  return parseChecks(p, list);
}

/** The exercise as a project idea of one milestone, its topic, and that milestone's checks. */
export function asIdea(exercise: Exercise): { idea: ProjectIdea; checks: IdeaChecks } {
  const idea: ProjectIdea = {
    id: EXERCISES_IDEA,
    title: `Exercise: ${exercise.title}`,
    level: 'beginner',
    summary: exercise.title,
    nodes: [exercise.topic],
    stacks: Object.keys(exercise.stacks),
    milestones: [{ id: exercise.topic, title: exercise.title, description: exercise.task, nodes: [exercise.topic] }],
  };
  return { idea, checks: { idea: EXERCISES_IDEA, env: exercise.env, milestones: { [exercise.topic]: exercise.checks }, rules: {} } };
}
