/**
 * `git`: checks the state of a git repository in the exercise folder through the git CLI (`git -C
 * <repo> ...`, no shell, processes.ts): branches, the current branch, merges, tags (annotated or
 * not), a clean tree, no conflict left, the number of commits, a file and a message as committed,
 * ignored and tracked paths. Each key is one fact; the step fails on the first that does not hold,
 * naming it. It only reads: no command it runs changes the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fill } from '../match';
import type { Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';
import { runProgram } from '../processes';
import type { Outcome, StepKind } from './kind';
import { outsideReason, resolveInside } from './inside';
import { describeTextChecks, judgeText, parseTextChecks, type TextChecks } from './textChecks';

export interface GitStep {
  kind: 'git';
  repo: string;
  branches?: string[];
  current?: string;
  merged?: { into: string; branches: string[] };
  tags?: string[];
  annotated?: string[];
  clean?: boolean;
  conflicts?: boolean;
  commits?: { on: string; min?: number; max?: number };
  file?: { ref: string; path: string; text: TextChecks };
  message?: { ref: string; text: TextChecks };
  ignored?: string[];
  tracked?: string[];
}

const FACTS = ['branches', 'current', 'merged', 'tags', 'annotated', 'clean', 'conflicts', 'commits', 'file', 'message', 'ignored', 'tracked'] as const;

/** A name git could read as an option, or that is no revision at all. */
function badRef(ref: string): string | undefined {
  if (ref.startsWith('-')) return `'${ref}' starts with '-', which git would read as an option`;
  if (/[\s:]/.test(ref)) return `'${ref}' is not a branch, tag or commit name (it holds a space or ':')`;
  return undefined;
}

function refs(p: Parser, o: Fields, key: string, what: string): string[] | undefined {
  if (o[key] === undefined) return undefined;
  const list = typeof o[key] === 'string' ? [o[key] as string] : p.strings(o, key, what);
  list.forEach((r) => badRef(r) && p.fail(o, key, `${badRef(r)} (in '${key}' of ${what})`));
  return list;
}

function ref(p: Parser, o: Fields, key: string, what: string, fallback?: string): string | undefined {
  const r = o[key] === undefined ? fallback : p.string(o, key, what, fallback === undefined ? `give the branch, tag or commit` : undefined);
  if (r !== undefined && badRef(r)) return p.fail(o, key, `${badRef(r)} (in '${key}' of ${what})`);
  return r;
}

function paths(p: Parser, o: Fields, key: string, what: string): string[] | undefined {
  if (o[key] === undefined) return undefined;
  const list = p.strings(o, key, what);
  list.forEach((f) => outsideReason(f) && p.fail(o, key, `the path '${f}' ${outsideReason(f)}`));
  return list;
}

export const git: StepKind<GitStep> = {
  parse(p, step) {
    const before = p.problems.length;
    const what = 'the git step';
    const body = p.stepBody(step, 'git', ['repo', ...FACTS], 'add what the repository must hold, such as { branches: [main], clean: true }');
    if (!body) return undefined;
    const repo = body.repo === undefined ? '.' : p.string(body, 'repo', what);
    if (repo !== undefined && outsideReason(repo)) p.fail(body, 'repo', `the path '${repo}' ${outsideReason(repo)}`);
    if (!FACTS.some((k) => body[k] !== undefined)) p.fail(body, undefined, `${what} needs at least one of ${FACTS.join(', ')}`);
    const out: GitStep = { kind: 'git', repo: repo ?? '.' };
    out.branches = refs(p, body, 'branches', what);
    out.current = body.current === undefined ? undefined : ref(p, body, 'current', what);
    const merged = p.mapping(body, 'merged', what, ['into', 'branches']);
    if (merged) {
      const into = ref(p, merged, 'into', `'merged' of ${what}`);
      const branches = refs(p, merged, 'branches', `'merged' of ${what}`);
      if (!branches?.length) p.fail(merged, undefined, `'merged' of ${what} needs branches: the branches merged into '${into ?? 'main'}'`);
      if (into !== undefined && branches) out.merged = { into, branches };
    }
    out.tags = refs(p, body, 'tags', what);
    out.annotated = refs(p, body, 'annotated', what);
    out.clean = p.boolean(body, 'clean', what);
    out.conflicts = p.boolean(body, 'conflicts', what);
    const commits = p.mapping(body, 'commits', what, ['on', 'min', 'max']);
    if (commits) {
      const on = ref(p, commits, 'on', `'commits' of ${what}`, 'HEAD');
      const min = p.number(commits, 'min', `'commits' of ${what}`, wholeNumber(0, 1_000_000));
      const max = p.number(commits, 'max', `'commits' of ${what}`, wholeNumber(0, 1_000_000));
      if (commits.min === undefined && commits.max === undefined) p.fail(commits, undefined, `'commits' of ${what} needs min, max or both`);
      else if (min !== undefined && max !== undefined && min > max) p.fail(commits, 'min', `'min' of 'commits' must not be more than max`);
      if (on !== undefined) out.commits = { on, min, max };
    }
    const file = p.mapping(body, 'file', what, ['ref', 'path', 'contains', 'notContains', 'matches']);
    if (file) {
      const at = `'file' of ${what}`;
      const r = ref(p, file, 'ref', at, 'HEAD');
      const f = p.string(file, 'path', at, 'give the path of the file in the repository, such as app.txt');
      if (f !== undefined && outsideReason(f)) p.fail(file, 'path', `the path '${f}' ${outsideReason(f)}`);
      const text = parseTextChecks(p, file, at, ['contains', 'notContains', 'matches']);
      if (r !== undefined && f !== undefined) out.file = { ref: r, path: f, text };
    }
    const message = p.mapping(body, 'message', what, ['ref', 'matches', 'contains', 'notContains']);
    if (message) {
      const at = `'message' of ${what}`;
      const r = ref(p, message, 'ref', at, 'HEAD');
      const text = parseTextChecks(p, message, at, ['contains', 'notContains', 'matches']);
      if (!text.contains.length && !text.notContains.length && text.matches === undefined) p.fail(message, undefined, `${at} needs matches, contains or notContains`);
      if (r !== undefined) out.message = { ref: r, text };
    }
    out.ignored = paths(p, body, 'ignored', what);
    out.tracked = paths(p, body, 'tracked', what);
    return p.problems.length > before ? undefined : out;
  },

  describe(step, vars) {
    const show = (t: string) => {
      try {
        return fill(t, vars);
      } catch {
        return t;
      }
    };
    const list = (xs: string[]) => xs.map(show).join(', ');
    const parts: string[] = [];
    if (step.branches) parts.push(`branches ${list(step.branches)}`);
    if (step.current !== undefined) parts.push(`on branch ${show(step.current)}`);
    if (step.merged) parts.push(`${list(step.merged.branches)} merged into ${show(step.merged.into)}`);
    if (step.tags) parts.push(`tags ${list(step.tags)}`);
    if (step.annotated) parts.push(`annotated tags ${list(step.annotated)}`);
    if (step.clean !== undefined) parts.push(step.clean ? 'no uncommitted change to a tracked file' : 'uncommitted changes');
    if (step.conflicts !== undefined) parts.push(step.conflicts ? 'a merge conflict in progress' : 'no conflict left (no unmerged path, no conflict marker)');
    if (step.commits) parts.push(`${[step.commits.min !== undefined && `at least ${step.commits.min}`, step.commits.max !== undefined && `at most ${step.commits.max}`].filter(Boolean).join(' and ')} commits on ${show(step.commits.on)}`);
    if (step.file) parts.push(`${show(step.file.path)} at ${show(step.file.ref)}${describeTextChecks(step.file.text, vars) ? ` ${describeTextChecks(step.file.text, vars)}` : ' committed'}`);
    if (step.message) parts.push(`the message of ${show(step.message.ref)} ${describeTextChecks(step.message.text, vars)}`);
    if (step.ignored) parts.push(`ignored: ${list(step.ignored)}`);
    if (step.tracked) parts.push(`tracked: ${list(step.tracked)}`);
    return { sent: `a look at the git repository ${show(step.repo) === '.' ? 'of the exercise folder' : `in ${show(step.repo)}`}`, expected: parts.join('; ') };
  },

  async run(step, vars, session): Promise<Outcome> {
    const where = resolveInside(session.dir, fill(step.repo, vars));
    if ('refused' in where) return { ok: false, got: where.refused };
    const repo = where.file;
    const name = step.repo === '.' ? 'the exercise folder' : fill(step.repo, vars);
    if (!fs.statSync(repo, { throwIfNoEntry: false })?.isDirectory()) return { ok: false, got: `there is no folder ${name}` };
    // The learner's settings stay (user, aliases are not used); what would point git elsewhere goes.
    const env: NodeJS.ProcessEnv = { ...session.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' };
    for (const k of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_CEILING_DIRECTORIES']) delete env[k];
    const git = (...args: string[]) => session.timed(runProgram('git', ['-C', repo, ...args], { cwd: repo, env }));
    const top = await git('rev-parse', '--show-toplevel');
    if (top.code === 127) return { ok: false, got: `git could not be run: ${top.stderr.trim()}` };
    if (top.code !== 0) return { ok: false, got: `${name} is not a git repository: run git init there` };
    if (path.resolve(top.stdout.trim()) !== fs.realpathSync(repo)) return { ok: false, got: `${name} is not a git repository of its own (git found the one at ${top.stdout.trim()}): run git init in it` };
    const f = (t: string) => fill(t, vars);
    const exists = async (refName: string) => (await git('rev-parse', '--verify', '--quiet', `${refName}^{commit}`)).code === 0;
    const names = async (prefix: string) => (await git('for-each-ref', '--format=%(refname:short)', prefix)).stdout.split('\n').filter(Boolean);
    const noSuch = async (kind: 'branch' | 'tag', n: string) => {
      const all = await names(kind === 'branch' ? 'refs/heads' : 'refs/tags');
      return `no ${kind} '${n}' (${all.length ? `there ${all.length === 1 ? 'is' : 'are'}: ${all.join(', ')}` : 'there is none'})`;
    };
    const checked: string[] = [];

    for (const b of (step.branches ?? []).map(f)) if (!(await exists(`refs/heads/${b}`))) return { ok: false, got: `branches: ${await noSuch('branch', b)}` };
    if (step.branches) checked.push(`branches ${step.branches.map(f).join(', ')}`);
    if (step.current !== undefined) {
      const head = await git('symbolic-ref', '--quiet', '--short', 'HEAD');
      const on = head.stdout.trim();
      if (head.code !== 0) return { ok: false, got: `current: HEAD is detached at ${(await git('rev-parse', '--short', 'HEAD')).stdout.trim()}, expected the branch ${f(step.current)}: git switch ${f(step.current)}` };
      if (on !== f(step.current)) return { ok: false, got: `current: on branch ${on}, expected ${f(step.current)}` };
      checked.push(`on ${on}`);
    }
    if (step.merged) {
      const into = f(step.merged.into);
      if (!(await exists(into))) return { ok: false, got: `merged: no branch or commit '${into}'` };
      for (const b of step.merged.branches.map(f)) {
        if (!(await exists(b))) return { ok: false, got: `merged: ${await noSuch('branch', b)}` };
        const r = await git('merge-base', '--is-ancestor', b, into);
        if (r.code !== 0) return { ok: false, got: `merged: ${b} is not merged into ${into}${r.code === 1 ? '' : ` (${r.stderr.trim()})`}` };
      }
      checked.push(`${step.merged.branches.map(f).join(', ')} merged into ${into}`);
    }
    for (const t of [...(step.tags ?? []), ...(step.annotated ?? [])].map(f)) if ((await git('rev-parse', '--verify', '--quiet', `refs/tags/${t}`)).code !== 0) return { ok: false, got: `${(step.tags ?? []).map(f).includes(t) ? 'tags' : 'annotated'}: ${await noSuch('tag', t)}` };
    for (const t of (step.annotated ?? []).map(f)) {
      const type = (await git('cat-file', '-t', `refs/tags/${t}`)).stdout.trim();
      if (type !== 'tag') return { ok: false, got: `annotated: ${t} is a lightweight tag (it names a ${type} directly): make it with git tag -a ${t} -m "..."` };
    }
    if (step.tags || step.annotated) checked.push(`tags ${[...new Set([...(step.tags ?? []), ...(step.annotated ?? [])].map(f))].join(', ')}`);
    if (step.clean !== undefined) {
      const changes = (await git('status', '--porcelain=v1', '--untracked-files=no')).stdout.split('\n').filter(Boolean);
      if (step.clean && changes.length) return { ok: false, got: `clean: ${changes.length} uncommitted change${changes.length === 1 ? '' : 's'}: ${changes.slice(0, 5).map((l) => l.trim()).join('; ')}${changes.length > 5 ? '; ...' : ''}` };
      if (!step.clean && !changes.length) return { ok: false, got: 'clean: no uncommitted change to a tracked file, expected some' };
      checked.push(step.clean ? 'clean' : `${changes.length} uncommitted changes`);
    }
    if (step.conflicts !== undefined) {
      const unmerged = [...new Set((await git('diff', '--name-only', '--diff-filter=U')).stdout.split('\n').filter(Boolean))];
      if (step.conflicts && !unmerged.length) return { ok: false, got: 'conflicts: no unmerged path, expected a merge stopped on a conflict' };
      if (!step.conflicts && unmerged.length) return { ok: false, got: `conflicts: unmerged: ${unmerged.join(', ')}: resolve each, then git add it and commit` };
      if (!step.conflicts) {
        const markers = await git('grep', '-n', '-I', '-E', '-e', '^(<<<<<<<|>>>>>>>)( |$)');
        const first = markers.stdout.split('\n').filter(Boolean);
        if (markers.code === 0 && first.length) return { ok: false, got: `conflicts: a conflict marker is left in ${first.slice(0, 3).map((l) => l.replace(/^([^:]+):(\d+):.*$/, '$1 line $2')).join(', ')}` };
      }
      checked.push(step.conflicts ? `unmerged: ${unmerged.join(', ')}` : 'no conflict');
    }
    if (step.commits) {
      const on = f(step.commits.on);
      const r = await git('rev-list', '--count', on, '--');
      if (r.code !== 0) return { ok: false, got: `commits: no branch or commit '${on}'${on === 'HEAD' ? ' (no commit yet)' : ''}` };
      const n = Number(r.stdout.trim());
      const { min, max } = step.commits;
      if ((min !== undefined && n < min) || (max !== undefined && n > max)) return { ok: false, got: `commits: ${n} on ${on}, expected ${[min !== undefined && `at least ${min}`, max !== undefined && `at most ${max}`].filter(Boolean).join(' and ')}` };
      checked.push(`${n} commits on ${on}`);
    }
    if (step.file) {
      const at = f(step.file.ref);
      const p = f(step.file.path);
      if (outsideReason(p)) return { ok: false, got: `file: the path '${p}' ${outsideReason(p)}` };
      if (!(await exists(at))) return { ok: false, got: `file: no branch or commit '${at}'` };
      const r = await git('show', `${at}:${p}`);
      if (r.code !== 0) return { ok: false, got: `file: ${p} is not in the commit at ${at}` };
      const why = judgeText(r.stdout, step.file.text, vars, `file: ${p} at ${at}`);
      if (why) return { ok: false, got: why };
      checked.push(`${p} at ${at}`);
    }
    if (step.message) {
      const at = f(step.message.ref);
      const r = await git('log', '-1', '--format=%B', at, '--');
      if (r.code !== 0) return { ok: false, got: `message: no branch or commit '${at}'` };
      const why = judgeText(r.stdout.trim(), step.message.text, vars, `message: the message of ${at} (${JSON.stringify(r.stdout.trim().split('\n')[0])})`);
      if (why) return { ok: false, got: why };
      checked.push(`the message of ${at}`);
    }
    for (const p of (step.ignored ?? []).map(f)) {
      const r = await git('check-ignore', '-q', '--', p);
      if (r.code === 1) return { ok: false, got: `ignored: ${p} is not ignored${(await git('ls-files', '--error-unmatch', '--', p)).code === 0 ? ' (it is tracked: git rm --cached it)' : ': add it to .gitignore'}` };
      if (r.code !== 0) return { ok: false, got: `ignored: git check-ignore failed on ${p}: ${r.stderr.trim()}` };
    }
    if (step.ignored) checked.push(`ignored ${step.ignored.map(f).join(', ')}`);
    for (const p of (step.tracked ?? []).map(f)) if ((await git('cat-file', '-e', `HEAD:${p}`)).code !== 0) return { ok: false, got: `tracked: ${p} is not in the last commit: git add it and commit` };
    if (step.tracked) checked.push(`tracked ${step.tracked.map(f).join(', ')}`);
    return { ok: true, got: checked.join('; ') };
  },
};
