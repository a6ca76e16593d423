import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS, TREE_VIEW } from '../../../src/ids';
import { activateExtension, countWebviewTabs, waitFor } from './helpers';

describe('extension wiring', () => {
  let api: BackendRoadmapApi;
  let manifest: { contributes: { commands: { command: string; category?: string }[] } };

  before(async () => {
    ({ api, manifest } = await activateExtension());
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    // VS Code adds '<view id>.focus' and similar commands for every view; those are not ours.
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('backendRoadmap.') && !c.startsWith(`${TREE_VIEW}.`)).sort();
    assert.deepStrictEqual(registered, contributed);
    assert.deepStrictEqual(Object.values(COMMANDS).sort(), contributed);
  });

  it('puts every command in the Roadmap category', () => {
    for (const c of manifest.contributes.commands) assert.strictEqual(c.category, 'Roadmap', c.command);
  });

  it('loads the built-in roadmap', () => {
    assert.ok(api.index, 'roadmap did not load');
    assert.ok(api.index.order.length > 100, `only ${api.index.order.length} nodes`);
    assert.strictEqual(api.index.roadmap.sections[0].title, 'Internet fundamentals');
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
});
