import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { closest, parseCommandArgs } from '../../src/cli/args';
import { type Command, UsageError } from '../../src/cli/command';

const root = path.resolve(__dirname, '../../..');
const cliFile = path.join(root, 'dist', 'cli.js');
const cliIn = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [cliFile, ...args], { cwd, encoding: 'utf8' });
const cli = (...args: string[]) => cliIn(root, ...args);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-cli-test-'));
}

describe('command-line twin (dist/cli.js)', () => {
  it('prints help with --help and exits 0', () => {
    const r = cli('--help');
    assert.strictEqual(r.status, 0);
    assert.match(r.stdout, /Usage: node dist\/cli\.js <command>/);
    assert.match(r.stdout, /lint \[file\]/);
  });

  it('exits 2 with a message on an unknown command', () => {
    const r = cli('frobnicate');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });

  it('lints a broken file as file:line:column: message and exits 1', () => {
    const r = cli('lint', 'test/fixtures/roadmaps/bad-url.roadmap.yaml');
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^test\/fixtures\/roadmaps\/bad-url\.roadmap\.yaml:18:18: URL 'http:\/\/developer\.mozilla\.org\/en-US\/docs\/Web\/HTTP' is not a valid https URL/m);
  });

  it('passes a valid file with exit 0', () => {
    const r = cli('lint', 'test/fixtures/roadmaps/valid.roadmap.yaml');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ok \(1 sections, 2 nodes, 2 lessons, 1 plans, 1 project ideas\)/);
  });
});

describe('command line: usage errors', () => {
  it('names an unknown option, suggests the one meant and points at the command\'s help (exit 2)', () => {
    const r = cli('verify', '--dri', '.');
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr.trim(), 'unknown option --dri (did you mean --dir?); see node dist/cli.js verify --help');
    assert.strictEqual(r.stdout, '');
  });

  it('reads -dir as the word written, not as the short options -d -i -r', () => {
    const r = cli('scaffold', 'url-shortener', '-dir', 'x', '--stack', 'ts');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^unknown option -dir \(did you mean --dir\?\)/);
  });

  it('points at the command an option belongs to when it is written before the command', () => {
    const r = cli('--strict', 'lint');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /unknown option --strict \(an option of lint: write it after the command, as in node dist\/cli\.js lint --strict\); see node dist\/cli\.js --help/);
  });

  it('says which option lacks its value, at the end and before another option', () => {
    const atEnd = cli('compile', '--out');
    assert.strictEqual(atEnd.status, 2);
    assert.strictEqual(atEnd.stderr.trim(), '--out needs a value: --out <dir>; see node dist/cli.js compile --help');
    const beforeOption = cli('verify', '--dir', '--install');
    assert.strictEqual(beforeOption.status, 2);
    assert.match(beforeOption.stderr, /--dir needs a value, but is followed by the option '--install' \(a value that starts with '-' is written --dir=--install\)/);
    const empty = cli('verify', '--dir=');
    assert.strictEqual(empty.status, 2);
    assert.match(empty.stderr, /--dir needs a value: --dir <project>/);
  });

  it('refuses a value for a switch', () => {
    const r = cli('lint', '--strict=yes');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--strict takes no value, but got 'yes'/);
  });

  it('lists everything a command still needs in one message', () => {
    const r = cli('scaffold');
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr.trim(), 'scaffold needs <idea-id> (the project idea, as node dist/cli.js list prints it), --stack ts|python|go and --dir <path>; see node dist/cli.js scaffold --help');
    assert.match(cli('verify').stderr, /^verify needs --dir <project>;/);
  });

  it('refuses arguments a command does not take', () => {
    const r = cli('lint', 'a.yaml', 'b.yaml');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /^unexpected argument 'b\.yaml': lint takes \[file\] only; see node dist\/cli\.js lint --help/);
    assert.match(cli('list', 'extra').stderr, /^unexpected argument 'extra': list takes no arguments/);
  });

  it('suggests the command meant, lists the commands and points at the help', () => {
    const r = cli('lnt');
    assert.strictEqual(r.status, 2);
    assert.strictEqual(r.stderr.trim(), "unknown command 'lnt' (did you mean lint?); the commands are lint, compile, list, scaffold, verify, exercise, quiz and help; see node dist/cli.js --help");
    assert.match(cli('help', 'nope').stderr, /^unknown command 'nope'; the commands are/);
  });

  it('refuses a timeout that is not a number of seconds before it starts anything', () => {
    const r = cli('verify', '--dir', '.', '--timeout', 'soon');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /--timeout must be a number of seconds, not 'soon'; see node dist\/cli\.js verify --help/);
  });

  it('shows the help on stdout and exits 2 when no command is given', () => {
    const r = cli();
    assert.strictEqual(r.status, 2);
    assert.match(r.stdout, /^Usage: node dist\/cli\.js <command>/);
  });
});

describe('command line: parsing a command\'s arguments (src/cli/args.ts)', () => {
  const command: Command = {
    name: 'demo',
    summary: 'A command for the test.',
    positionals: [{ name: 'thing', help: 'The thing.' }, { name: 'other', optional: true, help: 'Another thing.' }],
    options: { dir: { type: 'string', value: '<path>', required: true, help: 'Where.' }, force: { type: 'boolean', help: 'Force it.' } },
    run: () => 0,
  };

  it('gives strings, switches and positionals apart', () => {
    const { help, args } = parseCommandArgs(command, ['a', '--dir=x', '--force', 'b']);
    assert.strictEqual(help, false);
    assert.deepStrictEqual(args.positionals, ['a', 'b']);
    assert.deepStrictEqual(args.strings, { dir: 'x' });
    assert.deepStrictEqual([...args.flags], ['force']);
  });

  it('asks for help before checking what is missing', () => {
    assert.strictEqual(parseCommandArgs(command, ['-h']).help, true);
    assert.strictEqual(parseCommandArgs(command, ['--help']).help, true);
  });

  it('throws a UsageError that names the command whose help applies', () => {
    assert.throws(
      () => parseCommandArgs(command, ['a', '--dri', 'x']),
      (err: unknown) => err instanceof UsageError && err.command === 'demo' && err.explained() === 'unknown option --dri (did you mean --dir?); see node dist/cli.js demo --help',
    );
    assert.throws(() => parseCommandArgs(command, ['--dir', 'x']), /demo needs <thing> \(the thing\)/);
  });

  it('suggests only names close enough to be the one meant', () => {
    assert.strictEqual(closest('dri', ['dir', 'install']), 'dir');
    assert.strictEqual(closest('instal', ['dir', 'install']), 'install');
    assert.strictEqual(closest('STACK', ['stack']), 'stack');
    assert.strictEqual(closest('frobnicate', ['lint', 'compile', 'list']), undefined);
    assert.strictEqual(closest('x', ['h']), undefined);
  });
});

describe('command line: one lint for both kinds of file', () => {
  let dir: string;
  const section = ['id: basics', 'title: Basics', 'nodes:', '  - id: http', '    title: HTTP', '    hours: 2', '    lesson: Requests and responses.', ''].join('\n');
  const entry = ['id: team', 'title: Team', 'sections:', '  - include: basics.yaml', ''].join('\n');

  before(() => {
    dir = tempDir();
    fs.writeFileSync(path.join(dir, 'basics.yaml'), section);
    fs.writeFileSync(path.join(dir, 'team.yaml'), entry);
    fs.writeFileSync(path.join(dir, 'team.roadmap.yaml'), entry);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a roadmap entry with the files it includes', () => {
    const r = cliIn(dir, 'lint', 'team.yaml');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.strictEqual(r.stdout.trim(), 'team.yaml: ok (1 sections, 1 nodes, 1 lessons, 0 plans, 0 project ideas)');
  });

  it('reads the same text in a *.roadmap.yaml as a roadmap of your own, which is one file', () => {
    const r = cliIn(dir, 'lint', 'team.roadmap.yaml');
    assert.strictEqual(r.status, 1);
    assert.match(r.stdout, /^team\.roadmap\.yaml:4:\d+: a roadmap of your own is one file: write the sections here instead of including 'basics\.yaml'$/m);
    assert.strictEqual(r.stderr.trim(), '1 problem in team.roadmap.yaml');
  });

  it('prints a missing file of either kind the same way', () => {
    for (const file of ['gone.yaml', 'gone.roadmap.yaml']) {
      const r = cliIn(dir, 'lint', file);
      assert.strictEqual(r.status, 1, file);
      assert.strictEqual(r.stdout.trim(), `${file}:1:1: file not found`);
      assert.strictEqual(r.stderr.trim(), `1 problem in ${file}`);
    }
  });

  it('holds either kind to the content bar with --strict', () => {
    fs.writeFileSync(path.join(dir, 'one.roadmap.yaml'), ['id: one', 'title: One', 'sections:', ...section.split('\n').map((l, i) => (l ? `${i === 0 ? '  - ' : '    '}${l}` : l))].join('\n'));
    for (const file of ['team.yaml', 'one.roadmap.yaml']) {
      assert.strictEqual(cliIn(dir, 'lint', file).status, 0, `${file} passes the structural rules`);
      const r = cliIn(dir, 'lint', file, '--strict');
      assert.strictEqual(r.status, 1, file);
      assert.match(r.stdout, /node 'http' has no resources: add at least three/, file);
    }
  });
});

describe('command line: --help for each command', () => {
  const commands: Record<string, string[]> = {
    lint: ['[file]', '--strict'],
    compile: ['[file]', '--out <dir>'],
    list: [],
    scaffold: ['<idea-id>', '--stack ts|python|go', '--dir <path>', '--name <name>'],
    verify: ['--dir <project>', '--install', '--only <milestone>[,...]', '--timeout <seconds>', '--report <file>'],
  };

  for (const [name, parts] of Object.entries(commands)) {
    it(`${name} --help shows its usage and every option, and does not run it`, () => {
      const r = cli(name, '--help');
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stderr, '');
      const [usage] = r.stdout.split('\n');
      assert.ok(usage.startsWith(`Usage: node dist/cli.js ${name}`), usage);
      for (const part of parts) assert.ok(usage.includes(part), `${part} in ${usage}`);
      for (const option of parts.filter((p) => p.startsWith('--'))) assert.match(r.stdout, new RegExp(`^  ${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +\\S`, 'm'), `${option} is described`);
      assert.match(r.stdout, /^ {2}-h, --help +Show this help\.$/m);
      assert.strictEqual(cli(name, '-h').stdout, r.stdout, '-h is --help');
      assert.strictEqual(cli('help', name).stdout, r.stdout, 'help <command> is <command> --help');
      assert.ok(cli('--help').stdout.includes(`  ${usage.slice('Usage: node dist/cli.js '.length)}`), 'the main help shows the same usage line');
    });
  }
});

describe('command line: verify names the folder', () => {
  it('prints the folder by name and in full for --dir .', () => {
    const dir = path.join(tempDir(), 'my-shortener');
    fs.mkdirSync(dir);
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'verify', 'url-shortener-lite', 'starter.json'), 'utf8'));
      // A server that exits at once: the header is printed before the run fails, quickly.
      fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ ...manifest, start: 'node -e process.exit(3)' }));
      const r = cliIn(dir, 'verify', '--dir', '.', '--only', 'baseline', '--timeout', '5');
      assert.strictEqual(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`^Verifying URL shortener \\(ts\\) in my-shortener \\(${fs.realpathSync(dir).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)$`, 'm'));
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
