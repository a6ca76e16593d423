import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ProjectIdea } from '../../src/roadmap/model';
import { MAX_ALIAS_COUNT } from '../../src/roadmap/limits';
import { readCheckFiles } from '../../src/verify/files';

const idea: ProjectIdea = {
  id: 'demo',
  title: 'Demo',
  level: 'beginner',
  summary: '',
  nodes: [],
  stacks: [],
  milestones: ['baseline', 'later'].map((id) => ({ id, title: id, description: '', nodes: [] })),
};

/** The problems of one check file named demo.yaml, as file:line:column: message. */
function problemsOf(text: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-check-file-'));
  try {
    fs.writeFileSync(path.join(dir, 'demo.yaml'), text);
    return readCheckFiles(dir, [idea], (f) => path.basename(f)).problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('verify: check files are read and located like roadmap files', () => {
  it('places each problem of a step at its key, its value, or the mapping that lacks a field', () => {
    const got = problemsOf(
      [
        'idea: demo',
        'env: { DEBUG: 1 }',
        'milestones:',
        '  baseline:',
        '    - name: reads',
        '      steps:',
        '        - request: { path: /a, methd: POST }',
        '          expect: { status: [200, 99] }',
        '          save: { 1bad: json.id }',
        '        - compare: { request: { path: /b }, samples: 2 }',
        '        - shutdown: { inflight: { path: /c }, signal: SIGKILL }',
        '        - log: { withinMs: 10 }',
        '  later:',
        '    - steps: []',
      ].join('\n'),
    );
    assert.deepStrictEqual(got, [
      "demo.yaml:2:15: 'DEBUG' of 'env' of the check file must be text: write \"1\" in quotes",
      "demo.yaml:7:32: unknown key 'methd' in 'request' of the request step: did you mean 'method'?",
      "demo.yaml:8:35: entry 2 of 'status' of 'expect' of the request step must be a whole number from 100 to 599, not '99'",
      "demo.yaml:9:19: '1bad' is not a variable name (letters, digits and _)",
      "demo.yaml:10:54: 'samples' of the compare step must be a whole number from 3 to 100, not '2'",
      'demo.yaml:10:20: the compare step needs an absolute bound, firstMs or laterMs (such as laterMs: { atMost: 20 } for hits when the check injects a 40 ms delay): a ratio alone lets warm-up noise decide',
      "demo.yaml:11:55: 'signal' of the shutdown step must be one of SIGTERM, SIGINT, SIGHUP, SIGQUIT",
      "demo.yaml:12:16: the log step has no 'json': add the shape of one output line, such as { level: info }",
      "demo.yaml:14:7: check 1 of 'later' has no 'name': add a name that says what the check shows",
      'demo.yaml:14:14: check 1 of \'later\' needs at least one step',
    ]);
  });

  it('reports an unclosed quote at the quote, and a file of too many aliases at the first alias, with the one alias limit', () => {
    assert.deepStrictEqual(problemsOf('idea: demo\nmilestones:\n  baseline:\n    - name: "reads\n      steps: []\n'), [
      'demo.yaml:4:13: YAML syntax: the text quoted with " here is never closed: end it with "',
    ]);
    const bomb = ['idea: demo', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    const [problem, ...rest] = problemsOf(bomb.join('\n'));
    assert.deepStrictEqual(rest, []);
    assert.match(problem, new RegExp(`^demo\\.yaml:3:8: YAML could not be expanded: .*; use fewer aliases \\(at most ${MAX_ALIAS_COUNT}\\)$`));
  });
});
