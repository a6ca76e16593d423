/**
 * The command-line twin of the extension: the same core modules, usable without VS Code.
 * Run `node dist/cli.js --help`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderLessons } from './roadmap/compile';
import { CUSTOM_ROADMAP_SUFFIX } from './roadmap/custom';
import { LESSONS_JSON, loadCompiledRoadmap, ROADMAP_JSON } from './roadmap/load';
import type { ProjectIdea } from './roadmap/model';
import { diskReader } from './roadmap/nodeFs';
import { readCustomRoadmapFile } from './roadmap/readCustom';
import { formatProblem, isHint, sortProblems } from './roadmap/problems';
import { readRoadmap } from './roadmap/validate';
import { listStarters, scaffold, ScaffoldError } from './scaffold/engine';
import { STACKS } from './scaffold/manifest';
import { readCheckFiles } from './verify/files';
import { loadCompiledChecks, VERIFY_JSON } from './verify/compiled';
import type { IdeaChecks } from './verify/checks';
import { formatCheck, formatReport } from './verify/report';
import { verifyProject, VerifyError, readProjectManifest } from './verify/runner';

const HELP = `Usage: node dist/cli.js <command> [options]

Commands:
  lint [file] [--strict]     Check a roadmap YAML file (no file: the built-in roadmap, held to the
                             content bar: summaries, two resources and a 350-900 word lesson per
                             node; a *.roadmap.yaml: a roadmap of your own, checked as the
                             extension checks it). Prints file:line:column: message per problem;
                             exit 1 if any.
  compile [file] --out <dir> Check, then write roadmap.json and lessons.json (lessons as HTML).
  list                       Print every project idea: its id, title, level and starter stacks.
  scaffold <idea-id> --stack ts|python|go --dir <path> [--name <name>]
                             Write a starter project into a new or empty folder.
  verify --dir <project> [--install] [--only <milestone>[,...]] [--timeout <seconds>] [--report <file>]
                             Start the project's server and run its milestone checks; prints each
                             milestone and check (--report also writes them as JSON); exit 0 only
                             when all pass.
  help                       Show this help.

Options:
  -h, --help                 Show this help.
  -v, --version              Show the version.
`;

/** Where the starter projects live, beside the roadmap content. */
export function startersRoot(): string {
  return path.resolve(__dirname, '..', 'roadmap', 'starters');
}

/** Where the milestone checks live. */
export function checksRoot(): string {
  return path.resolve(__dirname, '..', 'roadmap', 'verify');
}

/** The built-in roadmap's source, found from dist/ or from src/ when run from the repository. */
export function builtinRoadmapFile(): string {
  return path.resolve(__dirname, '..', 'roadmap', 'backend', 'roadmap.yaml');
}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

function display(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2);
      if (inline !== undefined) flags.set(name, inline);
      else if (['out', 'dir', 'stack', 'name', 'only', 'timeout', 'report'].includes(name)) {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        flags.set(name, value);
        i++;
      } else flags.set(name, true);
    } else if (a === '-h') flags.set('help', true);
    else if (a === '-v') flags.set('version', true);
    else positional.push(a);
  }
  return { positional, flags };
}

class UsageError extends Error {}

function lint(file: string | undefined, strict: boolean, io: Io): number {
  const target = file ? path.resolve(file) : builtinRoadmapFile();
  // A *.roadmap.yaml is a learner's own roadmap: checked exactly as the extension checks it.
  if (target.endsWith(CUSTOM_ROADMAP_SUFFIX) && !strict) return lintCustom(target, io);
  const result = readRoadmap(target, diskReader, { strict: strict || !file, displayPath: display, custom: target.endsWith(CUSTOM_ROADMAP_SUFFIX) });
  const checkProblems = !file && result.roadmap ? readCheckFiles(checksRoot(), result.roadmap.projects, display).problems : [];
  const problems = sortProblems([...result.problems, ...checkProblems]);
  for (const p of problems) io.out(formatProblem(p));
  if (problems.length > 0) {
    io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${display(target)}`);
    return 1;
  }
  const r = result.roadmap!;
  const nodes = r.sections.reduce((n, s) => n + s.nodes.length, 0);
  io.out(`${display(target)}: ok (${r.sections.length} sections, ${nodes} nodes, ${result.lessons.size} lessons, ${r.plans.length} plans, ${r.projects.length} project ideas)`);
  return 0;
}

function lintCustom(target: string, io: Io): number {
  const result = readCustomRoadmapFile(target, { displayPath: display });
  if (!result) {
    io.err(`${display(target)}: file not found`);
    return 1;
  }
  const problems = sortProblems(result.problems);
  for (const p of problems) io.out(formatProblem(p));
  const errors = problems.filter((p) => !isHint(p)).length;
  if (errors > 0 || !result.roadmap) {
    io.err(`${errors} problem${errors === 1 ? '' : 's'} in ${display(target)}`);
    return 1;
  }
  const r = result.roadmap;
  const nodes = r.sections.reduce((n, s) => n + s.nodes.length, 0);
  io.out(`${display(target)}: ok (${r.sections.length} sections, ${nodes} nodes, ${Object.keys(result.lessons).length} lessons, ${r.plans.length} plans, ${r.projects.length} project ideas)`);
  return 0;
}

function compile(file: string | undefined, out: string, io: Io): number {
  const target = file ? path.resolve(file) : builtinRoadmapFile();
  // Structural rules only: the content bar is checked by `lint`, so a lesson in progress still builds.
  const result = readRoadmap(target, diskReader, { displayPath: display });
  if (result.problems.length > 0 || !result.roadmap) {
    for (const p of sortProblems(result.problems)) io.err(formatProblem(p));
    io.err(`not compiled: fix the problems above (node dist/cli.js lint ${file ?? ''})`.trimEnd());
    return 1;
  }
  const lessons = renderLessons(result.roadmap, result.lessons);
  // The built-in roadmap's milestone checks compile beside it.
  const checks = file ? undefined : readCheckFiles(checksRoot(), result.roadmap.projects, display);
  if (checks?.problems.length) {
    for (const p of sortProblems(checks.problems)) io.err(formatProblem(p));
    io.err('not compiled: fix the milestone checks above (node dist/cli.js lint)');
    return 1;
  }
  fs.mkdirSync(out, { recursive: true });
  // The source form: the extension checks it again when it reads it.
  if (checks) writeAtomic(path.join(out, VERIFY_JSON), JSON.stringify(checks.raw));
  writeAtomic(path.join(out, ROADMAP_JSON), JSON.stringify(result.roadmap));
  writeAtomic(path.join(out, LESSONS_JSON), JSON.stringify(lessons));
  io.out(`compiled ${display(target)} -> ${display(path.join(out, ROADMAP_JSON))}, ${display(path.join(out, LESSONS_JSON))}`);
  return 0;
}

function list(io: Io): number {
  const projects = builtinProjects(io);
  if (!projects) return 1;
  const { starters, problems } = listStarters(startersRoot());
  for (const p of problems) io.err(p);
  for (const idea of projects) {
    const stacks = starters.filter((s) => s.manifest.idea === idea.id).map((s) => s.manifest.stack);
    io.out(`${idea.id}\t${idea.title}\t${idea.level}\t${stacks.length ? stacks.join(',') : '-'}`);
  }
  return problems.length ? 1 : 0;
}

function scaffoldCommand(ideaId: string | undefined, flags: Map<string, string | true>, io: Io): number {
  const stack = flags.get('stack');
  const dir = flags.get('dir');
  if (!ideaId || typeof stack !== 'string' || typeof dir !== 'string') {
    io.err('usage: node dist/cli.js scaffold <idea-id> --stack ts|python|go --dir <path> [--name <name>]');
    return 2;
  }
  const { starters, problems } = listStarters(startersRoot());
  for (const p of problems) io.err(p);
  const forIdea = starters.filter((s) => s.manifest.idea === ideaId);
  if (forIdea.length === 0) {
    const ideas = [...new Set(starters.map((s) => s.manifest.idea))];
    io.err(`no starter for '${ideaId}'; ideas with starters: ${ideas.join(', ') || 'none'} (node dist/cli.js list)`);
    return 1;
  }
  const starter = forIdea.find((s) => s.manifest.stack === stack);
  if (!starter) {
    io.err(`'${ideaId}' has no '${stack}' starter; stacks: ${forIdea.map((s) => s.manifest.stack).join(', ')} (known stacks: ${STACKS.join(', ')})`);
    return 1;
  }
  const name = flags.get('name');
  try {
    const result = scaffold({ starter, target: dir, variables: typeof name === 'string' ? { name } : {} });
    io.out(`wrote ${result.files.length} files to ${result.target}`);
    io.out(`next: cd ${display(result.target)} && ${starter.manifest.install.join(' && ')} && ${starter.manifest.start}`);
    return 0;
  } catch (err) {
    if (err instanceof ScaffoldError) {
      io.err(`scaffold refused: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

async function verifyCommand(flags: Map<string, string | true>, io: Io): Promise<number> {
  const dir = flags.get('dir');
  if (typeof dir !== 'string') {
    io.err('usage: node dist/cli.js verify --dir <project> [--install] [--only <milestone>[,...]] [--timeout <seconds>] [--report <file>]');
    return 2;
  }
  const timeout = flags.get('timeout');
  const seconds = typeof timeout === 'string' ? Number(timeout) : 60;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    io.err(`--timeout must be a number of seconds, not '${String(timeout)}'`);
    return 2;
  }
  const projectDir = path.resolve(dir);
  const projects = builtinProjects(io);
  if (!projects) return 1;
  let checks: Record<string, IdeaChecks>;
  try {
    checks = loadCompiledChecks(__dirname, projects);
  } catch (err) {
    io.err(`the milestone checks could not be read: ${(err as Error).message}`);
    return 1;
  }
  try {
    const manifest = readProjectManifest(projectDir);
    const idea = projects.find((p) => p.id === manifest.idea);
    const ideaChecks = checks[manifest.idea];
    if (!idea || !ideaChecks) {
      io.err(`no milestone checks for '${manifest.idea}'; ideas with checks: ${Object.keys(checks).join(', ') || 'none'}`);
      return 1;
    }
    const only = typeof flags.get('only') === 'string' ? String(flags.get('only')).split(',').filter(Boolean) : undefined;
    const unknown = (only ?? []).filter((o) => !idea.milestones.some((m) => m.id === o.split('/')[0]));
    if (unknown.length) {
      io.err(`--only: ${unknown.join(', ')} not among the milestones of '${idea.id}': ${idea.milestones.map((m) => m.id).join(', ')}`);
      return 2;
    }
    io.out(`Verifying ${idea.title} (${manifest.stack}) in ${display(projectDir)}`);
    let lastMilestone = '';
    const report = await verifyProject({
      projectDir,
      checks: ideaChecks,
      milestones: idea.milestones,
      only,
      install: flags.has('install'),
      healthTimeoutMs: seconds * 1000,
      onEvent: (e) => {
        if (e.type === 'info') io.out(`  ${e.text}`);
        else if (e.type === 'checkFinished' && !e.result.steps.length) return;
        else if (e.type === 'checkFinished') {
          if (e.result.milestone !== lastMilestone) {
            lastMilestone = e.result.milestone;
            const m = idea.milestones.find((x) => x.id === lastMilestone);
            io.out(`  ${lastMilestone}: ${m?.title ?? ''}`);
          }
          io.out(formatCheck(e.result));
        } else if (e.type === 'output' && process.env.ROADMAP_VERIFY_ECHO) io.err(e.text.trimEnd());
      },
    });
    const reportFile = flags.get('report');
    if (typeof reportFile === 'string') writeAtomic(path.resolve(reportFile), JSON.stringify(report, null, 2));
    io.out('');
    io.out(formatReport(report, false));
    return report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof VerifyError) {
      io.err(`verify: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** The built-in project ideas, from the compiled roadmap beside this file (the YAML sources do not ship in the .vsix). */
function builtinProjects(io: Io): ProjectIdea[] | undefined {
  try {
    return loadCompiledRoadmap(__dirname).roadmap.projects;
  } catch (err) {
    io.err((err as Error).message);
    return undefined;
  }
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export function main(argv: string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): number | Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [command, ...rest] = args.positional;
  if (args.flags.has('version')) {
    io.out(readVersion());
    return 0;
  }
  if (args.flags.has('help') || command === 'help' || command === undefined) {
    io.out(HELP);
    return command === undefined && !args.flags.has('help') ? 2 : 0;
  }
  switch (command) {
    case 'lint':
      return lint(rest[0], args.flags.has('strict'), io);
    case 'compile': {
      const out = args.flags.get('out');
      if (typeof out !== 'string') {
        io.err('compile needs --out <dir>');
        return 2;
      }
      return compile(rest[0], path.resolve(out), io);
    }
    case 'list':
      return list(io);
    case 'scaffold':
      return scaffoldCommand(rest[0], args.flags, io);
    case 'verify':
      return verifyCommand(args.flags, io);
    default:
      io.err(`unknown command '${command}'\n\n${HELP}`);
      return 2;
  }
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
