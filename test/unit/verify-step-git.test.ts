/**
 * The git step against real repositories made with the git CLI in temporary folders: branches, a
 * merge, tags, a conflict (in progress and resolved with its markers left), ignored and tracked files.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describeStep, runStep } from '../../src/verify/steps';
import { realSession, parsedStep as step, stepProblems as problems } from './helpers/stepSession';

const ENV = { PATH: process.env.PATH, HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Learner', GIT_AUTHOR_EMAIL: 'l@x.io', GIT_COMMITTER_NAME: 'Learner', GIT_COMMITTER_EMAIL: 'l@x.io' };

describe('verify: the git step, on real repositories', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: string;
  const g = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { env: ENV, stdio: 'pipe' }).toString();
  const write = (name: string, text: string) => fs.writeFileSync(path.join(repo, name), text);
  const run = (body: unknown) => runStep(step({ git: { repo: 'project', ...(body as object) } }), { unique: 'u1' }, realSession(0, { dir, env: ENV }));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-git-step-'));
    repo = path.join(dir, 'project');
    fs.mkdirSync(repo);
    g('init', '-q', '-b', 'main');
    write('app.txt', 'hello\n');
    write('.gitignore', '.env\nnode_modules/\n');
    g('add', '.');
    g('commit', '-q', '-m', 'feat: first');
    g('switch', '-q', '-c', 'feature/login');
    write('login.txt', 'login\n');
    g('add', 'login.txt');
    g('commit', '-q', '-m', 'feat: login');
    g('switch', '-q', 'main');
    g('merge', '-q', '--no-ff', '-m', 'Merge feature/login', 'feature/login');
    g('tag', '-a', 'v1.0.0', '-m', 'release 1');
    g('tag', 'light');
    g('branch', 'wip', 'main');
    g('switch', '-q', 'wip');
    write('wip.txt', 'wip\n');
    g('add', 'wip.txt');
    g('commit', '-q', '-m', 'wip');
    g('switch', '-q', 'main');
    write('.env', 'SECRET=1\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('passes when every fact holds, and lists what it saw', async () => {
    const r = await run({
      branches: ['main', 'feature/login'],
      current: 'main',
      merged: { into: 'main', branches: ['feature/login'] },
      tags: ['v1.0.0', 'light'],
      annotated: ['v1.0.0'],
      clean: true,
      conflicts: false,
      commits: { on: 'main', min: 3, max: 10 },
      file: { ref: 'main', path: 'login.txt', contains: ['login'], notContains: ['TODO'] },
      message: { ref: 'HEAD', matches: '^Merge ' },
      ignored: ['.env', 'node_modules/a.js'],
      tracked: ['app.txt', '.gitignore'],
    });
    assert.deepStrictEqual(r, { ok: true, got: 'branches main, feature/login; on main; feature/login merged into main; tags v1.0.0, light; clean; no conflict; 3 commits on main; login.txt at main; the message of HEAD; ignored .env, node_modules/a.js; tracked app.txt, .gitignore' });
  });

  it('fails on the first fact that does not hold, naming it', async () => {
    assert.deepStrictEqual(await run({ branches: ['main', 'develop'] }), { ok: false, got: "branches: no branch 'develop' (there are: feature/login, main, wip)" });
    assert.deepStrictEqual(await run({ current: 'wip' }), { ok: false, got: 'current: on branch main, expected wip' });
    assert.deepStrictEqual(await run({ merged: { into: 'main', branches: ['feature/login', 'wip'] } }), { ok: false, got: 'merged: wip is not merged into main' });
    assert.deepStrictEqual(await run({ tags: ['v2.0.0'] }), { ok: false, got: "tags: no tag 'v2.0.0' (there are: light, v1.0.0)" });
    assert.deepStrictEqual(await run({ annotated: ['light'] }), { ok: false, got: 'annotated: light is a lightweight tag (it names a commit directly): make it with git tag -a light -m "..."' });
    assert.deepStrictEqual(await run({ commits: { on: 'main', min: 5 } }), { ok: false, got: 'commits: 3 on main, expected at least 5' });
    assert.deepStrictEqual(await run({ commits: { on: 'nope', max: 5 } }), { ok: false, got: "commits: no branch or commit 'nope'" });
    assert.deepStrictEqual(await run({ file: { ref: 'feature/login', path: 'app.txt', contains: ['goodbye'] } }), { ok: false, got: 'file: app.txt at feature/login does not contain "goodbye"' });
    assert.deepStrictEqual(await run({ file: { ref: 'main', path: 'wip.txt' } }), { ok: false, got: 'file: wip.txt is not in the commit at main' });
    assert.deepStrictEqual(await run({ message: { ref: 'wip', matches: '^feat: ' } }), { ok: false, got: 'message: the message of wip ("wip") does not match /^feat: /m' });
    assert.deepStrictEqual(await run({ tracked: ['.env'] }), { ok: false, got: 'tracked: .env is not in the last commit: git add it and commit' });
    g('add', '-f', '.env');
    g('commit', '-q', '-m', 'oops');
    assert.deepStrictEqual(await run({ ignored: ['.env'] }), { ok: false, got: 'ignored: .env is not ignored (it is tracked: git rm --cached it)' });
    assert.deepStrictEqual(await run({ ignored: ['dist/x.js'] }), { ok: false, got: 'ignored: dist/x.js is not ignored: add it to .gitignore' });
    g('switch', '-q', '--detach', 'v1.0.0');
    assert.match((await run({ current: 'main' })).got, /^current: HEAD is detached at [0-9a-f]+, expected the branch main: git switch main$/);
  });

  it('sees an uncommitted change, but not an untracked file', async () => {
    write('new.txt', 'untracked\n');
    assert.strictEqual((await run({ clean: true })).ok, true);
    write('app.txt', 'changed\n');
    assert.deepStrictEqual(await run({ clean: true }), { ok: false, got: 'clean: 1 uncommitted change: M app.txt' });
    assert.deepStrictEqual(await run({ clean: false }), { ok: true, got: '1 uncommitted changes' });
  });

  it('sees a conflict in progress, and conflict markers committed after it', async () => {
    g('switch', '-q', '-c', 'left');
    write('app.txt', 'left\n');
    g('commit', '-q', '-am', 'left');
    g('switch', '-q', 'main');
    write('app.txt', 'right\n');
    g('commit', '-q', '-am', 'right');
    assert.throws(() => g('merge', '-q', 'left'));
    assert.deepStrictEqual(await run({ conflicts: true }), { ok: true, got: 'unmerged: app.txt' });
    assert.deepStrictEqual(await run({ conflicts: false }), { ok: false, got: 'conflicts: unmerged: app.txt: resolve each, then git add it and commit' });
    // Marked resolved with the markers still in the file.
    g('add', 'app.txt');
    g('commit', '-q', '--no-edit');
    assert.deepStrictEqual(await run({ conflicts: false }), { ok: false, got: 'conflicts: a conflict marker is left in app.txt line 1, app.txt line 5' });
    write('app.txt', 'left and right\n');
    g('commit', '-q', '-am', 'resolve');
    assert.deepStrictEqual(await run({ conflicts: false, clean: true, merged: { into: 'main', branches: ['left'] } }), { ok: true, got: 'left merged into main; clean; no conflict' });
  });

  it('says when the folder is not a repository, or only inside one', async () => {
    fs.mkdirSync(path.join(dir, 'plain'));
    const plain = await runStep(step({ git: { repo: 'plain', clean: true } }), {}, realSession(0, { dir, env: ENV }));
    assert.deepStrictEqual(plain, { ok: false, got: 'plain is not a git repository: run git init there' });
    fs.mkdirSync(path.join(repo, 'sub'));
    const sub = await runStep(step({ git: { repo: 'project/sub', clean: true } }), {}, realSession(0, { dir, env: ENV }));
    assert.match(sub.got, /^project\/sub is not a git repository of its own \(git found the one at .*project\): run git init in it$/);
    const missing = await runStep(step({ git: { repo: 'nope', clean: true } }), {}, realSession(0, { dir, env: ENV }));
    assert.deepStrictEqual(missing, { ok: false, got: 'there is no folder nope' });
  });

  it('refuses a wrong step at the path of each mistake', () => {
    assert.deepStrictEqual(problems({ git: { repo: '..' } }), [
      "milestones.a.0.steps.0.git.repo: the path '..' has a '..' part: give a path inside the exercise folder",
      'milestones.a.0.steps.0.git: the git step needs at least one of branches, current, merged, tags, annotated, clean, conflicts, commits, file, message, ignored, tracked',
    ]);
    assert.deepStrictEqual(problems({ git: { branch: ['main'], clean: 'yes', commits: { on: '--all' }, message: { ref: 'HEAD' }, merged: { into: 'main' }, tracked: ['/etc/passwd'] } }), [
      "milestones.a.0.steps.0.git.branch: unknown key 'branch' in 'git' of the step: did you mean 'branches'?",
      "milestones.a.0.steps.0.git.merged: 'merged' of the git step needs branches: the branches merged into 'main'",
      "milestones.a.0.steps.0.git.clean: 'clean' of the git step must be true or false, not 'yes'",
      "milestones.a.0.steps.0.git.commits.on: '--all' starts with '-', which git would read as an option (in 'on' of 'commits' of the git step)",
      "milestones.a.0.steps.0.git.commits: 'commits' of the git step needs min, max or both",
      "milestones.a.0.steps.0.git.message: 'message' of the git step needs matches, contains or notContains",
      "milestones.a.0.steps.0.git.tracked: the path '/etc/passwd' is absolute: give a path relative to the exercise folder",
    ]);
  });

  it('says in words what it looks at', () => {
    const d = describeStep(step({ git: { branches: ['main'], merged: { into: 'main', branches: ['feature/login'] }, annotated: ['v1.0.0'], conflicts: false, commits: { on: 'main', min: 3 } } }), {}, { healthPath: '/health' });
    assert.deepStrictEqual(d, { sent: 'a look at the git repository of the exercise folder', expected: 'branches main; feature/login merged into main; annotated tags v1.0.0; no conflict left (no unmerged path, no conflict marker); at least 3 commits on main' });
  });
});
