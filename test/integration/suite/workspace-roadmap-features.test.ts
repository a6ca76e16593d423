import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import type { TreeElement } from '../../../src/tree/roadmapTree';
import { activateExtension, waitFor } from './helpers';

/** A roadmap of titles, summaries and resources only, with a plan and an idea with a starter beside it. */
const LEAN = fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/workspace-roadmaps/lean.roadmap.yaml'), 'utf8');

const MANIFEST = {
  idea: 'hello-api', stack: 'ts', title: 'Hello API', variables: [{ name: 'name', description: 'a lowercase name', pattern: '[a-z][a-z0-9-]*', default: 'hello-api' }],
  install: [], start: 'node main.js', test: { unit: 'node --test', integration: 'node --test' }, port: 3000, healthPath: '/health', nodes: ['http-basics'],
};

describe('a workspace roadmap has every feature of the built-in one', function () {
  this.timeout(60_000);
  let api: BackendRoadmapApi;
  let folder: vscode.Uri;
  const tree = () => api.view!.tree;
  const label = (el: TreeElement) => String(tree().getTreeItem(el).label);
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const leanRoot = () => tree().getChildren().find((r) => label(r) === 'Lean roadmap');

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand('workbench.view.extension.backendRoadmap');
    folder = vscode.workspace.workspaceFolders![0].uri;
    const starter = vscode.Uri.joinPath(folder, 'starters', 'hello-api');
    await vscode.workspace.fs.createDirectory(starter);
    await write(vscode.Uri.joinPath(starter, 'starter.json'), JSON.stringify(MANIFEST));
    await write(vscode.Uri.joinPath(starter, 'main.js'), "console.log('{{name}} says hello');\n");
    await write(vscode.Uri.joinPath(folder, 'lean.roadmap.yaml'), LEAN);
    await waitFor(() => leanRoot() !== undefined, 'the Lean roadmap root', 15_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of ['lean.roadmap.yaml', 'starters', '.roadmap']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name), { recursive: true }).then(undefined, () => undefined);
    }
    await waitFor(() => (api.roadmaps?.files().length ?? 0) === 0, 'the workspace roadmaps to go', 15_000);
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });

  it('shows a node with no lesson and no hours, with hours counted as unknown rather than zero', async () => {
    const [section] = tree().getChildren(leanRoot()!);
    assert.deepStrictEqual(tree().getChildren(section).map(label), ['HTTP basics', 'A first API']);
    assert.match(String(tree().getTreeItem(section).description), /^0\/2 · 3 h\+ left/, 'the unknown hours show as more than the known ones');
    const basics = tree().getChildren(section)[0];
    assert.match(String(tree().getTreeItem(basics).description), /^\? h/);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(vscode.Uri.joinPath(folder, 'lean.roadmap.yaml')).filter((d) => d.severity === vscode.DiagnosticSeverity.Error), []);
    await vscode.commands.executeCommand(COMMANDS.openLesson, { roadmapId: 'lean', nodeId: 'http-basics' });
    assert.deepStrictEqual(api.lessons!.currentNode, { roadmapId: 'lean', nodeId: 'http-basics' });
  });

  it('offers its plan in Group By, and the tree follows it for that roadmap alone', async () => {
    const builtin = api.view!.grouping();
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'two-weeks', 'lean');
    assert.deepStrictEqual(api.view!.grouping('lean'), { kind: 'plan', planId: 'two-weeks' });
    assert.deepStrictEqual(api.view!.grouping(), builtin, 'the built-in roadmap keeps its grouping');
    assert.deepStrictEqual(tree().getChildren(leanRoot()!).map(label), ['Week one', 'Not in this plan']);
    // A plan of another roadmap is refused (with a message), and the grouping stays.
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'six-month', 'lean');
    assert.deepStrictEqual(api.view!.grouping('lean'), { kind: 'plan', planId: 'two-weeks' });
  });

  it('has a dashboard of its own, following its plan, with its signals and retrospective prompts', async () => {
    await vscode.commands.executeCommand(COMMANDS.openDashboard, 'lean');
    const lean = api.dashboards!.get('lean')!;
    assert.strictEqual(lean.isOpen, true);
    const view = lean.view();
    assert.strictEqual(view.roadmapId, 'lean');
    assert.strictEqual(view.plan?.id, 'two-weeks');
    assert.strictEqual(view.total, 2);
    const key = view.plan!.phases[0].signals[0].key;
    assert.ok(await lean.handleMessage({ type: 'toggleSignal', key, checked: true }));
    assert.match(api.store.signals('lean')[key] ?? '', /^\d{4}-\d\d-\d\dT/, 'the signal is saved with the time it was ticked');
    assert.strictEqual(api.store.signals('backend')[key], undefined, 'the built-in roadmap\'s signals are apart');
    assert.match(lean.retrospectiveNote(new Date('2026-12-04T10:00:00Z')), /## What did the API teach you\?/);
  });

  it('scaffolds its project idea from the starter folder beside the file and marks that roadmap\'s topics in progress', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'lean-'));
    const result = await vscode.commands.executeCommand<{ target: string; inProgress: string[] }>(COMMANDS.scaffold, { roadmapId: 'lean', projectId: 'hello-api' }, { stack: 'ts', parent: vscode.Uri.file(parent), name: 'my-hello', git: false, open: 'none' });
    assert.ok(result, 'the scaffold command returned nothing');
    assert.strictEqual(fs.readFileSync(path.join(result.target, 'main.js'), 'utf8'), "console.log('my-hello says hello');\n");
    assert.deepStrictEqual(result.inProgress.sort(), ['first-api', 'http-basics']);
    assert.strictEqual(api.store.status('lean', 'first-api'), 'in-progress');
    assert.strictEqual(api.progress.status('first-api'), 'todo');
    fs.rmSync(parent, { recursive: true, force: true });
  });
});
