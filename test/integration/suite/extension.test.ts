import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS, TREE_VIEW } from '../../../src/ids';

const EXTENSION_ID = 'backend-roadmap.backend-roadmap';

describe('Backend Roadmap in a real extension host', () => {
  let api: BackendRoadmapApi;
  let manifest: { contributes: { commands: { command: string }[] } };

  before(async () => {
    const ext = vscode.extensions.getExtension<BackendRoadmapApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    api = await ext.activate();
    manifest = ext.packageJSON;
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds '<view id>.focus' and similar commands for every view; those are not ours.
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('backendRoadmap.') && !c.startsWith(`${TREE_VIEW}.`)).sort();
    assert.deepStrictEqual(registered, contributed);
    assert.deepStrictEqual(Object.values(COMMANDS).sort(), contributed);
  });

  it('loads the built-in roadmap', () => {
    assert.ok(api.index, 'roadmap did not load');
    assert.ok(api.index.order.length > 100, `only ${api.index.order.length} nodes`);
    assert.strictEqual(api.index.roadmap.sections[0].title, 'Internet fundamentals');
  });

  it('shows sections with done/total and nodes under them in the tree', async () => {
    const tree = api.tree!;
    const sections = tree.getChildren();
    assert.strictEqual(sections.length, api.index!.roadmap.sections.length);
    const first = tree.getTreeItem(sections[0]);
    assert.strictEqual(first.label, 'Internet fundamentals');
    assert.match(String(first.description), /^\d+\/9$/);
    const nodes = tree.getChildren(sections[0]);
    assert.strictEqual(tree.getParent(nodes[0]), sections[0]);
  });

  it('marks a node done through the command and the tree follows', async () => {
    const tree = api.tree!;
    const id = 'what-is-http';
    await api.progress.setStatus(id, 'todo');
    const changed = new Promise<void>((resolve) => {
      const sub = tree.onDidChangeTreeData(() => {
        sub.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand(COMMANDS.markDone, id);
    await changed;
    assert.strictEqual(api.progress.status(id), 'done');
    const item = tree.getTreeItem(tree.element(id)!);
    assert.strictEqual(item.contextValue, 'node.done');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match(item.accessibilityInformation!.label, /done$/);
  });

  it('opens one lesson panel and reuses it for the next lesson', async () => {
    await vscode.commands.executeCommand(COMMANDS.openLesson, 'dns');
    assert.strictEqual(api.lessons!.currentNodeId, 'dns');
    await waitFor(() => countWebviewTabs() === 1, 'the lesson tab to open');
    await vscode.commands.executeCommand(COMMANDS.openLesson, 'hosting');
    assert.strictEqual(api.lessons!.currentNodeId, 'hosting');
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(countWebviewTabs(), 1);
  });

  it('refuses an unknown node id with a clear error and changes nothing', async () => {
    const before = api.progress.ids().length;
    await vscode.commands.executeCommand(COMMANDS.markDone, 'no-such-node');
    assert.strictEqual(api.progress.ids().length, before);
    assert.strictEqual(api.progress.status('no-such-node'), 'todo');
  });
});

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function countWebviewTabs(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length;
}
