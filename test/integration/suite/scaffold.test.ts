import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

describe('scaffold command in the extension host', () => {
  let api: BackendRoadmapApi;
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-scaffold-it-'));

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });
  after(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('writes the chosen starter and marks its topics in progress', async () => {
    const result = await vscode.commands.executeCommand<{ target: string; files: string[]; inProgress: string[] }>(COMMANDS.scaffold, 'containerized-microservice', { stack: 'ts', parent: vscode.Uri.file(parent), name: 'svc-one', git: false, open: 'none' });
    assert.ok(result, 'no result');
    assert.strictEqual(result.target, path.join(parent, 'svc-one'));
    for (const f of ['package.json', 'Dockerfile', 'docker-compose.yml', '.env.example', 'README.md', '.github/workflows/ci.yml', 'starter.json']) {
      assert.ok(fs.existsSync(path.join(result.target, f)), `missing ${f}`);
    }
    assert.match(fs.readFileSync(path.join(result.target, 'package.json'), 'utf8'), /"name": "svc-one"/);
    assert.match(fs.readFileSync(path.join(result.target, 'Dockerfile'), 'utf8'), /HEALTHCHECK/);
    assert.ok(result.inProgress.includes('docker'));
    assert.strictEqual(api.progress.status('docker'), 'in-progress');
  });

  it('scaffolds every idea that has starters, in each of its stacks, through the command', async () => {
    const startersDir = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'roadmap', 'starters');
    const ideas = fs.readdirSync(startersDir).sort();
    assert.strictEqual(ideas.length, 18, `every idea of the roadmap has starters: ${ideas.join(', ')}`);
    for (const idea of ideas) {
      for (const stack of fs.readdirSync(path.join(startersDir, idea)).sort()) {
        const name = `p-${idea}-${stack}`.slice(0, 40);
        const result = await vscode.commands.executeCommand<{ target: string; files: string[] }>(COMMANDS.scaffold, idea, { stack, parent: vscode.Uri.file(parent), name, git: false, open: 'none' });
        assert.ok(result, `${idea}/${stack}: no result`);
        const manifest = JSON.parse(fs.readFileSync(path.join(result.target, 'starter.json'), 'utf8'));
        assert.deepStrictEqual([manifest.idea, manifest.stack], [idea, stack]);
        for (const f of ['README.md', 'Dockerfile', 'docker-compose.yml', '.env.example', '.github/workflows/ci.yml']) assert.ok(fs.existsSync(path.join(result.target, f)), `${idea}/${stack}: missing ${f}`);
        const leftovers = result.files.filter((f) => /\{\{\s*name\s*\}\}/.test(fs.readFileSync(path.join(result.target, f), 'utf8')));
        assert.deepStrictEqual(leftovers, [], `${idea}/${stack}: {{name}} left unexpanded`);
      }
    }
  });

  it('refuses a folder that is not empty and leaves it alone', async () => {
    const busy = path.join(parent, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const result = await vscode.commands.executeCommand(COMMANDS.scaffold, 'containerized-microservice', { stack: 'ts', parent: vscode.Uri.file(parent), name: 'busy', git: false, open: 'none' });
    assert.strictEqual(result, undefined);
    assert.deepStrictEqual(fs.readdirSync(busy), ['notes.txt']);
  });

  // Every idea of the built-in roadmap has starters: an idea without one is a workspace roadmap's.
  const sketch = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'sketches.roadmap.yaml');
  const withSketches = async (body: () => Promise<void>) => {
    const yaml = [
      'id: sketches',
      'title: Sketches',
      'sections:',
      '  - { id: start, title: Start, nodes: [{ id: first-api, title: A first API, summary: One endpoint. }] }',
      'projects:',
      '  - { id: sketch, title: Sketch, level: beginner, summary: An idea with no starter., nodes: [first-api], milestones: [{ id: hello, title: Hello, description: GET /hello answers 200. }] }',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(sketch(), new TextEncoder().encode(yaml));
    try {
      await waitFor(() => (api.roadmaps?.files().length ?? 0) === 1, 'the workspace roadmap to load', 20_000);
      await body();
    } finally {
      await vscode.workspace.fs.delete(sketch());
      await waitFor(() => (api.roadmaps?.files().length ?? 0) === 0, 'the workspace roadmap to go', 20_000);
    }
  };

  it('refuses an idea without a starter, and a stack the idea does not have', async () => {
    await withSketches(async () => {
      assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.scaffold, { roadmapId: 'sketches', projectId: 'sketch' }, { parent: vscode.Uri.file(parent), name: 'x', git: false, open: 'none' }), undefined);
    });
    assert.strictEqual(await vscode.commands.executeCommand(COMMANDS.scaffold, 'containerized-microservice', { stack: 'cobol', parent: vscode.Uri.file(parent), name: 'y', git: false, open: 'none' }), undefined);
    assert.ok(!fs.existsSync(path.join(parent, 'x')) && !fs.existsSync(path.join(parent, 'y')));
  });

  it('lets the lesson page scaffold only ideas that have a starter', async () => {
    await withSketches(async () => {
      // The sketch's own lesson page knows the idea, which has no starter to write.
      await vscode.commands.executeCommand(COMMANDS.openLesson, { roadmapId: 'sketches', nodeId: 'first-api' });
      assert.strictEqual(await api.lessons!.handleMessage({ type: 'scaffold', projectId: 'sketch' }), false);
      assert.strictEqual(await api.lessons!.handleMessage({ type: 'scaffold', projectId: 'no-such-idea' }), false);
    });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
