import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import type { VerifyReport } from '../../../src/verify/runner';
import { activateExtension } from './helpers';

/**
 * "Verify Deployed Server" in the extension host: a blog platform project of the workspace, checked
 * against a server that stands in for its deployment (nothing is started from the project).
 */
describe('Verify Deployed Server in the extension host', function () {
  this.timeout(60_000);
  let api: BackendRoadmapApi;
  let project: string;
  let server: http.Server;
  let port: number;

  before(async () => {
    ({ api } = await activateExtension());
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the test host opens a workspace folder');
    project = path.join(root, 'my-deployed-blog');
    fs.rmSync(project, { recursive: true, force: true });
    fs.mkdirSync(project, { recursive: true });
    // Only what verify reads of a project; remote mode runs none of it.
    fs.writeFileSync(path.join(project, 'starter.json'), JSON.stringify({ idea: 'blog-platform-capstone', stack: 'ts', start: 'node does-not-exist.js', port: 3000, healthPath: '/health' }));
    server = http.createServer((req, res) => {
      res.writeHead(req.url === '/health' || req.url === '/posts' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/posts' ? '[]' : '{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    await api.verify!.refresh();
  });
  after(async () => {
    fs.rmSync(project, { recursive: true, force: true });
    await new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  });

  it('runs the checks that need no process control in a Testing view run and lists the skipped ones with why', async () => {
    const report = await vscode.commands.executeCommand<VerifyReport | undefined>(COMMANDS.verifyDeployed, project, `http://127.0.0.1:${port}`);
    assert.ok(report, 'the command returns the report');
    assert.strictEqual(api.verify!.lastRemoteReport, report);
    assert.deepStrictEqual(report.remote?.skipped.map((s) => `${s.milestone}/${s.index}`), ['performance/0', 'performance/3']);
    assert.match(report.remote!.skipped[1].reason, /restarts the server/);
    const byId = new Map(report.milestones.map((m) => [m.id, m]));
    assert.strictEqual(byId.get('baseline')?.ok, true, 'health, the list and an unknown route answer as the baseline asks');
    assert.strictEqual(byId.get('baseline')?.complete, true);
    assert.strictEqual(byId.get('features')?.ok, false, 'the stand-in has no users');
    assert.match(byId.get('deployed')!.checks[0].steps[0].got, /is plain http:\/\/: deploy behind HTTPS/);
    assert.strictEqual(byId.get('performance')?.complete, false, 'a milestone with skipped checks is never complete');
  });

  it('refuses a URL that is not http(s) and runs nothing', async () => {
    const before = api.verify!.lastRemoteReport;
    const report = await vscode.commands.executeCommand<VerifyReport | undefined>(COMMANDS.verifyDeployed, project, 'ftp://blog.example.com');
    assert.strictEqual(report, undefined);
    assert.strictEqual(api.verify!.lastRemoteReport, before);
  });
});
