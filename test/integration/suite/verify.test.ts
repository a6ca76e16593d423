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
});
