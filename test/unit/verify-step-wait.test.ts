import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseIdeaChecks } from '../../src/verify/checks';
import { verifyProject } from '../../src/verify/runner';

/** A real server whose count goes up 400 ms after POST /later: an answer before that must still see 0. */
const SERVER = `
const http = require('node:http');
let count = 0;
http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/later') setTimeout(() => count++, 400);
  res.writeHead(req.url === '/nope' ? 404 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ count }));
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

describe('verify: the wait step', function () {
  this.timeout(20_000);

  it('lets time pass between requests: the count is still 0 100 ms after a POST, and up 600 ms after one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-wait-step-'));
    try {
      fs.writeFileSync(path.join(dir, 'server.js'), SERVER);
      fs.writeFileSync(path.join(dir, 'starter.json'), JSON.stringify({ idea: 'wait-fixture', start: 'node server.js', port: 3000, healthPath: '/health' }));
      const checks = {
        early: [{ name: 'still 0 after 100 ms', steps: [{ request: { method: 'POST', path: '/later' }, expect: { status: 200 } }, { wait: { ms: 100 } }, { request: { path: '/c' }, expect: { json: { count: 0 } } }] }],
        late: [{ name: 'both counts are in after 600 ms', steps: [{ request: { method: 'POST', path: '/later' }, expect: { status: 200 } }, { wait: { ms: 600 } }, { request: { path: '/c' }, expect: { json: { count: 2 } } }] }],
      };
      const parsed = parseIdeaChecks({ idea: 'wait-fixture', milestones: checks }, ['early', 'late']);
      assert.deepStrictEqual(parsed.problems, []);
      const started = performance.now();
      const report = await verifyProject({
        projectDir: dir,
        checks: parsed.checks!,
        milestones: ['early', 'late'].map((id) => ({ id, title: id, description: '', nodes: [] })),
        baseEnv: { PATH: process.env.PATH },
        healthTimeoutMs: 10_000,
      });
      assert.deepStrictEqual(report.milestones.map((m) => m.checks[0].ok), [true, true], JSON.stringify(report.milestones.map((m) => m.checks[0].message)));
      assert.match(report.milestones[1].checks[0].steps[1].got, /^waited \d+ ms$/);
      assert.ok(Number(/\d+/.exec(report.milestones[1].checks[0].steps[1].got)![0]) >= 600);
      assert.ok(performance.now() - started >= 700);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a wait that is not a whole number of milliseconds from 1 to 30000', () => {
    const parsed = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'one', steps: [{ wait: { ms: 0 } }] }, { name: 'two', steps: [{ wait: { ms: '1s' } }] }, { name: 'three', steps: [{ wait: 500 }] }] } }, ['a']);
    assert.deepStrictEqual(
      parsed.problems.map((p) => p.path.join('.')),
      ['milestones.a.0.steps.0.wait.ms', 'milestones.a.1.steps.0.wait.ms', 'milestones.a.2.steps.0.wait'],
    );
  });
});
