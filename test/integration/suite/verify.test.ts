import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import { activateExtension } from './helpers';

/** A small URL shortener (file-backed, so it survives restarts) standing in for a learner's project. */
const fixture = path.resolve(__dirname, '../../../../test/fixtures/verify/url-shortener-lite');

describe('Verify Project in the extension host', function () {
  this.timeout(120_000);
  let api: BackendRoadmapApi;
  let project: string;

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the test host opens a workspace folder');
    project = path.join(root, 'my-shortener');
    fs.rmSync(project, { recursive: true, force: true });
    fs.cpSync(fixture, project, { recursive: true });
  });
  after(async () => {
    fs.rmSync(project, { recursive: true, force: true });
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });

  it('lists the project, its milestones and their checks as test items', async () => {
    const items = await api.verify!.projectItems();
    assert.strictEqual(items.length, 1);
    const [item] = items;
    assert.strictEqual(item.label, 'URL shortener (TypeScript (Node))');
    assert.strictEqual(item.uri?.fsPath, project);
    const milestones: vscode.TestItem[] = [];
    item.children.forEach((m) => milestones.push(m));
    assert.deepStrictEqual(milestones.map((m) => m.label), api.index!.roadmap.projects.find((p) => p.id === 'url-shortener')!.milestones.map((m) => m.title));
    assert.match(String(milestones[0].description), /^baseline · verifies web-servers-basics, rest, postgresql$/);
    const checks: string[] = [];
    milestones[0].children.forEach((c) => checks.push(c.label));
    assert.ok(checks.includes('a link still redirects after a restart'), checks.join(', '));
  });

  it('passes the baseline, fails the rest with what was sent and what came back, and marks only the baseline nodes verified', async () => {
    const report = await vscode.commands.executeCommand<Awaited<ReturnType<NonNullable<BackendRoadmapApi['verify']>['verify']>>>(COMMANDS.verifyProject, project);
    assert.ok(report, 'the command returns the report');
    assert.strictEqual(report.startProblem, undefined);
    const byId = new Map(report.milestones.map((m) => [m.id, m]));
    assert.strictEqual(byId.get('baseline')?.ok, true);
    for (const id of ['validation', 'stats', 'cache', 'aliases']) assert.strictEqual(byId.get(id)?.ok, false, `${id} fails on the baseline project`);
    const scheme = byId.get('validation')!.checks.find((c) => c.name === 'a URL without a scheme answers 400 with an error')!;
    assert.match(scheme.message!, /^sent: POST \/links \{"url":"example\.com\/u[0-9a-f]+"\}\nexpected: status 400, JSON \{"error":"<string>"\}\ngot: 201 /);
    for (const id of ['web-servers-basics', 'rest', 'postgresql']) assert.strictEqual(api.progress.displayStatus(id), 'verified', `${id} is verified`);
    for (const id of ['json-apis', 'owasp-risks']) assert.notStrictEqual(api.progress.displayStatus(id), 'verified', `${id} is not verified yet`);
  });

  it('turns a milestone verified once the learner implements it', async () => {
    fs.writeFileSync(path.join(project, 'features.json'), JSON.stringify({ validation: true }));
    const report = await api.verify!.verify(project);
    assert.strictEqual(report?.milestones.find((m) => m.id === 'validation')?.ok, true);
    for (const id of ['json-apis', 'owasp-risks']) assert.strictEqual(api.progress.displayStatus(id), 'verified', `${id} is verified`);
    const entry = api.store.get('backend', 'json-apis');
    assert.ok(entry?.verified?.['url-shortener/validation'], 'the verified mark names the milestone that proved it');
    const element = api.view!.tree.element('json-apis');
    assert.ok(element, 'the node is in the tree');
    const icon = api.view!.tree.getTreeItem(element).iconPath as vscode.ThemeIcon;
    assert.strictEqual(icon.id, 'verified-filled');
  });

  it('refuses a folder that is not a scaffolded project, with a clear message', async () => {
    await assert.rejects(api.verify!.verify(path.join(project, 'nowhere')), /is not a scaffolded project with milestone checks/);
  });

  it('verifies a project in a language with no starter, described by the four fields verify needs, found at any depth', async () => {
    const own = path.join(project, 'services', 'elixir-shortener');
    fs.mkdirSync(own, { recursive: true });
    fs.copyFileSync(path.join(fixture, 'server.js'), path.join(own, 'server.js'));
    fs.writeFileSync(path.join(own, 'starter.json'), JSON.stringify({ idea: 'url-shortener', stack: 'elixir', start: 'node server.js', port: 4000, healthPath: '/health' }));
    try {
      const report = await vscode.commands.executeCommand<Awaited<ReturnType<NonNullable<BackendRoadmapApi['verify']>['verify']>>>(COMMANDS.verifyOwnProject, vscode.Uri.file(own));
      assert.ok(report, 'the command verifies a folder that already has a manifest');
      assert.strictEqual(report.stack, 'elixir');
      assert.strictEqual(report.milestones.find((m) => m.id === 'baseline')?.outcome, 'passed');
      assert.strictEqual(report.milestones.find((m) => m.id === 'validation')?.outcome, 'failed');
      const item = (await api.verify!.projectItems()).find((i) => i.uri?.fsPath === own);
      assert.strictEqual(item?.label, 'URL shortener (elixir)', 'the stack is shown as written');
      const failed = report.milestones.find((m) => m.id === 'validation')!.checks.find((c) => !c.ok)!;
      assert.match(failed.message!, /\nagain by hand, with your server running: curl -i -X POST http:\/\/localhost:4000\/links -H 'content-type: application\/json' --data-raw '/, 'a failure carries a curl command for the project\'s own port');
    } finally {
      fs.rmSync(path.join(project, 'services'), { recursive: true, force: true });
    }
  });

  it('shows a starter.json it cannot verify in the Problems panel and as an error item, never skipping it in silence', async () => {
    const broken = path.join(project, 'deep', 'inside', 'api');
    fs.mkdirSync(broken, { recursive: true });
    const file = path.join(broken, 'starter.json');
    fs.writeFileSync(file, '{\n  "idea": "url-shortener",\n  "start": "node server.js",\n  "port": 3000,\n  "helthPath": "/health"\n}\n');
    try {
      await api.verify!.refresh();
      const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(file));
      assert.deepStrictEqual(
        diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
        ["5:3 starter.json: unknown field 'helthPath': did you mean 'healthPath'?", `1:1 starter.json: 'healthPath' is missing: add it, such as "healthPath": "/health"`],
      );
      const errors: vscode.TestItem[] = [];
      api.verify!.controller.items.forEach((i) => i.error && errors.push(i));
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0].label, /deep\/inside\/api\/starter\.json cannot be verified$/);
      assert.match(String(errors[0].error), /^starter\.json:5:3: unknown field 'helthPath': did you mean 'healthPath'\?$/m);
      fs.writeFileSync(file, '{ "idea": "distributed-cahce", "start": "node server.js", "port": 3000, "healthPath": "/health" }');
      await api.verify!.refresh();
      assert.match(vscode.languages.getDiagnostics(vscode.Uri.file(file))[0].message, /'distributed-cahce' is not a project idea of the roadmap \(task-manager-api, url-shortener, .*distributed-cache.* have checks\)/);
    } finally {
      fs.rmSync(path.join(project, 'deep'), { recursive: true, force: true });
      await api.verify!.refresh();
    }
    assert.deepStrictEqual(vscode.languages.getDiagnostics(vscode.Uri.file(file)), [], 'the problem goes with the file');
  });
});
