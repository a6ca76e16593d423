import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import type { TreeElement } from '../../../src/tree/roadmapTree';
import { activateExtension } from './helpers';

describe('tree and progress in the extension host', () => {
  let api: BackendRoadmapApi;

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand('workbench.view.extension.backendRoadmap');
  });
  beforeEach(async () => {
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
    await api.view!.setOptions({ filter: 'all', grouping: { kind: 'topics' } });
  });

  const tree = () => api.view!.tree;
  const item = (id: string) => tree().getTreeItem(tree().element(id)!);
  const firstGroup = () => tree().getChildren()[0];

  it('shows sections with done/total and hours left, and nodes with their hours', () => {
    const group = tree().getTreeItem(firstGroup());
    assert.strictEqual(group.label, 'Internet fundamentals');
    const hours = api.index!.roadmap.sections[0].nodes.reduce((h, n) => h + n.hours!, 0);
    assert.strictEqual(group.description, `0/10 · ${hours} h left`);
    const nodes = tree().getChildren(firstGroup());
    assert.strictEqual(nodes.length, 10);
    assert.strictEqual(tree().getParent(nodes[0]), firstGroup());
    assert.match(String(tree().getTreeItem(nodes[0]).description), /^\d+ h$/);
  });

  it('gives every status its own icon and words', async () => {
    const seen = new Map<string, string>();
    for (const [cmd, status] of [[COMMANDS.resetNode, 'todo'], [COMMANDS.markInProgress, 'in-progress'], [COMMANDS.markDone, 'done'], [COMMANDS.markSkipped, 'skipped']] as const) {
      await vscode.commands.executeCommand(cmd, 'dns');
      const it = item('dns');
      // dns has an exercise: its menu offers Start Exercise whatever its status.
      assert.strictEqual(it.contextValue, `node.${status}.exercise`);
      assert.ok(it.accessibilityInformation!.label.includes(status === 'in-progress' ? 'in progress' : status === 'todo' ? 'to do' : status), it.accessibilityInformation!.label);
      seen.set(status, (it.iconPath as vscode.ThemeIcon).id);
    }
    await api.store.markVerified('backend', ['dns'], 'url-shortener/baseline');
    assert.strictEqual(item('dns').contextValue, 'node.verified.exercise');
    seen.set('verified', (item('dns').iconPath as vscode.ThemeIcon).id);
    assert.strictEqual(new Set(seen.values()).size, 5, JSON.stringify([...seen]));
  });

  it('marks done through the command; the tree, its counts and the status bar follow', async () => {
    assert.strictEqual(api.statusBar!.item.text, '$(milestone) 0% · Next: Set up your machine');
    const changed = new Promise<void>((resolve) => {
      const sub = tree().onDidChangeTreeData(() => (sub.dispose(), resolve()));
    });
    await vscode.commands.executeCommand(COMMANDS.markDone, 'setup-your-machine');
    await changed;
    assert.strictEqual(api.progress.status('setup-your-machine'), 'done');
    assert.strictEqual((item('setup-your-machine').iconPath as vscode.ThemeIcon).id, 'pass');
    const hoursLeft = api.index!.roadmap.sections[0].nodes.reduce((h, n) => h + n.hours!, 0) - api.index!.node('setup-your-machine')!.hours!;
    assert.strictEqual(tree().getTreeItem(firstGroup()).description, `1/10 · ${hoursLeft} h left`);
    assert.strictEqual(api.statusBar!.item.text, '$(milestone) 0% · Next: How does the internet work');
  });

  it('toggles done on the node focused in the tree', async () => {
    await api.view!.reveal('dns');
    assert.strictEqual(api.view!.focusedNodeId(), 'dns');
    await vscode.commands.executeCommand(COMMANDS.toggleDone);
    assert.strictEqual(api.progress.status('dns'), 'done');
    // Right after a refresh the view reports an empty selection for a moment; the toggle must still hit dns.
    await vscode.commands.executeCommand(COMMANDS.toggleDone);
    assert.strictEqual(api.progress.status('dns'), 'todo');
  });

  it('builds tooltips lazily with summary, prerequisites and status', () => {
    const el = tree().element('browsers')!;
    const plain = tree().getTreeItem(el);
    assert.strictEqual(plain.tooltip, undefined);
    const resolved = tree().resolveTreeItem(plain, el);
    const text = (resolved.tooltip as vscode.MarkdownString).value;
    assert.match(text, /Prerequisites: What is HTTP, DNS and how it works/);
    assert.match(text, /to do/);
  });

  it('filters: hide done, in progress only, all', async () => {
    await vscode.commands.executeCommand(COMMANDS.markDone, 'how-the-internet-works');
    await vscode.commands.executeCommand(COMMANDS.markInProgress, 'dns');
    await vscode.commands.executeCommand(COMMANDS.filter, 'hide-done');
    let ids = tree().getChildren(firstGroup()).map((e) => (e as Extract<TreeElement, { kind: 'node' }>).nodeId);
    assert.ok(!ids.includes('how-the-internet-works') && ids.includes('dns'));
    await vscode.commands.executeCommand(COMMANDS.filter, 'in-progress');
    assert.deepStrictEqual(tree().getChildren().map((g) => (g as Extract<TreeElement, { kind: 'group' }>).group.id), ['internet-fundamentals']);
    ids = tree().getChildren(firstGroup()).map((e) => (e as Extract<TreeElement, { kind: 'node' }>).nodeId);
    assert.deepStrictEqual(ids, ['dns']);
    assert.match(api.view!.view.description ?? '', /in progress only/);
    await vscode.commands.executeCommand(COMMANDS.filter, 'all');
    assert.strictEqual(tree().getChildren(firstGroup()).length, 10);
  });

  it('groups by each plan and back to topics, keeping reveal working', async () => {
    for (const plan of api.index!.roadmap.plans) {
      await vscode.commands.executeCommand(COMMANDS.groupBy, plan.id);
      const groups = tree().getChildren().map((g) => (g as Extract<TreeElement, { kind: 'group' }>).group.id);
      assert.strictEqual(groups[0], plan.phases[0].id);
      const el = tree().element('git')!;
      assert.strictEqual(tree().getParent(el)!.kind, 'group');
    }
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'topics');
    assert.strictEqual(tree().getTreeItem(firstGroup()).label, 'Internet fundamentals');
  });

  it('continues with the next node in the chosen plan\'s order', async () => {
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'twenty-four-week');
    assert.strictEqual(api.view!.next(), 'setup-your-machine');
    await vscode.commands.executeCommand(COMMANDS.continue);
    assert.strictEqual(api.lessons!.currentNodeId, 'setup-your-machine');
    await vscode.commands.executeCommand(COMMANDS.markInProgress, 'git');
    assert.strictEqual(api.view!.next(), 'git', 'a node in progress comes first');
  });

  it('counts only the chosen language, shows the others as optional, and says why a section comes where it does', async () => {
    try {
      await vscode.commands.executeCommand(COMMANDS.chooseLanguage, 'go');
      assert.strictEqual(api.index!.chosenIn('language'), 'go');
      assert.strictEqual(vscode.workspace.getConfiguration('backendRoadmap').get('language'), 'go');
      assert.match(String(item('python').description), /optional/);
      assert.doesNotMatch(String(item('go').description), /optional/);
      const languages = tree().getChildren()[1];
      const section = api.index!.roadmap.sections[1];
      const counted = section.nodes.filter((n) => !n.choice || n.id === 'go');
      assert.strictEqual(tree().getTreeItem(languages).description, `0/${counted.length} · ${counted.reduce((h, n) => h + n.hours!, 0)} h left`);
      const tooltip = tree().resolveTreeItem(tree().getTreeItem(languages), languages);
      assert.ok((tooltip.tooltip as vscode.MarkdownString).value.includes(section.description!.slice(0, 40)));
      assert.match((tooltip.tooltip as vscode.MarkdownString).value, /7 optional topics, not counted/);
      await vscode.commands.executeCommand(COMMANDS.groupBy, 'twenty-four-week');
      await vscode.commands.executeCommand(COMMANDS.markDone, 'setup-your-machine');
      assert.strictEqual(api.view!.next(), 'go', 'week 1 names the language: the chosen one is next');
    } finally {
      await vscode.commands.executeCommand(COMMANDS.chooseLanguage, 'pick-a-language');
      await vscode.workspace.getConfiguration('backendRoadmap').update('language', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('exports and imports progress, refusing an invalid file without changes', async () => {
    await vscode.commands.executeCommand(COMMANDS.markDone, 'git');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-export-'));
    const file = vscode.Uri.file(path.join(dir, 'progress.json'));
    await vscode.commands.executeCommand(COMMANDS.exportProgress, file);
    assert.match(fs.readFileSync(file.fsPath, 'utf8'), /"format": "backend-roadmap-progress"/);
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
    assert.strictEqual(api.progress.status('git'), 'todo');
    const summary = await vscode.commands.executeCommand<{ added: number }>(COMMANDS.importProgress, file);
    assert.strictEqual(summary.added, 1);
    assert.strictEqual(api.progress.status('git'), 'done');
    const bad = vscode.Uri.file(path.join(dir, 'bad.json'));
    fs.writeFileSync(bad.fsPath, '{"format":"something-else"}');
    const result = await vscode.commands.executeCommand(COMMANDS.importProgress, bad);
    assert.strictEqual(result, undefined);
    assert.strictEqual(api.progress.status('git'), 'done');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens notes from a template and the tree shows the node has notes', async () => {
    await vscode.commands.executeCommand(COMMANDS.openNotes, 'nginx');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('/.roadmap/notes/nginx.md'), editor.document.uri.path);
    assert.match(editor.document.getText(), /^# Nginx/);
    assert.ok(api.notes!.has('nginx'));
    assert.match(String(item('nginx').description), /notes/);
    assert.strictEqual(item('nginx').contextValue, 'node.todo.notes.exercise');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('keeps progress and view options through a deactivate/activate cycle', async () => {
    await vscode.commands.executeCommand(COMMANDS.markDone, 'docker');
    await vscode.commands.executeCommand(COMMANDS.markSkipped, 'lxc');
    await vscode.commands.executeCommand(COMMANDS.groupBy, 'six-month');
    api = api.restart();
    assert.strictEqual(api.progress.status('docker'), 'done');
    assert.strictEqual(api.progress.status('lxc'), 'skipped');
    assert.deepStrictEqual(api.view!.grouping(), { kind: 'plan', planId: 'six-month' });
    await vscode.commands.executeCommand(COMMANDS.markDone, 'kubernetes');
    assert.strictEqual(api.progress.status('kubernetes'), 'done', 'commands reach the new session');
  });
});
