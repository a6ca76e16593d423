import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import type { TreeElement } from '../../../src/tree/roadmapTree';
import { activateExtension, waitFor } from './helpers';

const TEAM = `# A team's roadmap, written by hand.
id: team
title: Team roadmap
sections:
  - id: basics
    title: Team basics
    nodes:
      - id: dns
        title: Our DNS setup
        hours: 2
        lesson: |
          ## Why it matters

          Read [the proxy](#proxy) next. <script>alert(1)</script> [x](command:workbench.action.terminal.new)
      - id: proxy
        title: Our reverse proxy
        hours: 3
        prerequisites: [dns]
        lessonFile: lessons/proxy.md
`;

/** Waits like waitFor, and says what the roadmaps were when it gives up. */
async function until(condition: () => boolean, what: string, api: BackendRoadmapApi): Promise<void> {
  try {
    await waitFor(condition, what, 15_000);
  } catch {
    throw new Error(`timed out waiting for ${what}; roadmap files: ${api.roadmaps!.files().map((e) => `${e.uri.path} (${e.loaded.problems.length} problems)`).join(', ') || 'none'}`);
  }
}

describe('roadmaps of the workspace\'s own (*.roadmap.yaml)', function () {
  this.timeout(60_000);
  let api: BackendRoadmapApi;
  let folder: vscode.Uri;
  let file: vscode.Uri;
  const tree = () => api.view!.tree;
  const roots = () => tree().getChildren();
  const label = (el: TreeElement) => String(tree().getTreeItem(el).label);
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const teamRoot = () => roots().find((r) => label(r) === 'Team roadmap');
  const problems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'roadmap');

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand('workbench.view.extension.backendRoadmap');
    folder = vscode.workspace.workspaceFolders![0].uri;
    file = vscode.Uri.joinPath(folder, 'team.roadmap.yaml');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'lessons'));
    await write(vscode.Uri.joinPath(folder, 'lessons', 'proxy.md'), '## The proxy\n\nIt terminates TLS.\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of ['team.roadmap.yaml', 'z-copy.roadmap.yaml', 'my-path.roadmap.yaml', 'lessons', '.roadmap']) {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name), { recursive: true }).then(undefined, () => undefined);
    }
    // The suites after this one expect the built-in roadmap alone, with its sections at the top.
    await until(() => (api.roadmaps?.files().length ?? 0) === 0, 'the workspace roadmaps to go', api);
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });

  it('shows the built-in roadmap alone, sections at the top, while the workspace has no roadmap file', async () => {
    await api.roadmaps!.settled();
    assert.strictEqual(label(roots()[0]), 'Internet fundamentals');
  });

  it('shows a new file as a second root, with its sections and nodes, next to the built-in roadmap', async () => {
    await write(file, TEAM);
    await waitFor(() => teamRoot() !== undefined, 'the Team roadmap root', 15_000);
    assert.deepStrictEqual(roots().map(label), ['Backend', 'Team roadmap']);
    assert.strictEqual(label(tree().getChildren(roots()[0])[0]), 'Internet fundamentals');
    const [section] = tree().getChildren(teamRoot()!);
    assert.strictEqual(label(section), 'Team basics');
    assert.strictEqual(tree().getTreeItem(section).description, '0/2 · 5 h left');
    const nodes = tree().getChildren(section);
    assert.deepStrictEqual(nodes.map(label), ['Our DNS setup', 'Our reverse proxy']);
    assert.strictEqual(tree().getParent(nodes[0]), section);
    assert.strictEqual(tree().getParent(section), teamRoot());
    assert.deepStrictEqual(problems(file), []);
  });

  it('keeps the statuses of the same node id apart in the two roadmaps', async () => {
    const dns = tree().getChildren(tree().getChildren(teamRoot()!)[0])[0];
    await vscode.commands.executeCommand(COMMANDS.markDone, dns);
    assert.strictEqual(api.store.status('team', 'dns'), 'done');
    assert.strictEqual(api.progress.status('dns'), 'todo', 'the built-in dns is untouched');
    assert.strictEqual((tree().getTreeItem(dns).iconPath as vscode.ThemeIcon).id, 'pass');
    assert.match(String(tree().getTreeItem(teamRoot()!).description), /^1\/2 · 3 h left$/);
    await vscode.commands.executeCommand(COMMANDS.toggleDone, { roadmapId: 'team', nodeId: 'dns' });
    assert.strictEqual(api.store.status('team', 'dns'), 'todo');
  });

  it('opens a workspace node\'s lesson, rendered safely, and the page acts on that roadmap', async () => {
    await vscode.commands.executeCommand(COMMANDS.openLesson, { roadmapId: 'team', nodeId: 'dns' });
    assert.deepStrictEqual(api.lessons!.currentNode, { roadmapId: 'team', nodeId: 'dns' });
    const html = api.roadmaps!.get('team')!.lessonHtml('dns')!;
    assert.match(html, /data-node="proxy"/);
    assert.doesNotMatch(html, /<script|href="command:/);
    assert.match(api.roadmaps!.get('team')!.lessonHtml('proxy')!, /It terminates TLS/);
    assert.ok(await api.lessons!.handleMessage({ type: 'setStatus', nodeId: 'dns', status: 'in-progress' }));
    assert.strictEqual(api.store.status('team', 'dns'), 'in-progress');
    assert.strictEqual(api.progress.status('dns'), 'todo');
    assert.ok(await api.lessons!.handleMessage({ type: 'openNode', nodeId: 'proxy' }));
    assert.deepStrictEqual(api.lessons!.currentNode, { roadmapId: 'team', nodeId: 'proxy' });
    assert.strictEqual(await api.lessons!.handleMessage({ type: 'openNode', nodeId: 'git' }), false, 'a built-in id is not a node of this roadmap');
    await vscode.commands.executeCommand(COMMANDS.openNotes, { roadmapId: 'team', nodeId: 'proxy' });
    assert.ok(vscode.window.activeTextEditor!.document.uri.path.endsWith('/.roadmap/notes/team/proxy.md'));
    await waitFor(() => api.notes!.has('proxy', 'team'), 'the notes to be tracked');
    assert.ok(!api.notes!.has('proxy'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows an edit: the problem shows in the Problems panel at its line and column, the valid part stays, saving the fix clears it', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('prerequisites: [dns]'));
    const col = doc.lineAt(line).text.indexOf('dns');
    const broken = new vscode.WorkspaceEdit();
    broken.replace(file, new vscode.Range(line, col, line, col + 3), 'dnz');
    assert.ok(await vscode.workspace.applyEdit(broken));
    assert.ok(await doc.save());
    await waitFor(() => problems(file).length === 1, 'the problem in the Problems panel', 15_000);
    const [problem] = problems(file);
    assert.match(problem.message, /unknown node id 'dnz' \(prerequisite of 'proxy'\): did you mean 'dns'\?/);
    assert.deepStrictEqual([problem.range.start.line, problem.range.start.character, problem.range.end.character], [line, col, col + 3]);
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(String(tree().getTreeItem(teamRoot()!).description), /1 problem$/);
    assert.strictEqual(tree().getChildren(tree().getChildren(teamRoot()!)[0]).length, 2, 'both nodes still show');

    const fix = new vscode.WorkspaceEdit();
    fix.replace(file, new vscode.Range(line, col, line, col + 3), 'dns');
    assert.ok(await vscode.workspace.applyEdit(fix));
    assert.ok(await doc.save());
    await waitFor(() => problems(file).length === 0, 'the Problems panel to clear', 15_000);
    await waitFor(() => !/problem/.test(String(tree().getTreeItem(teamRoot()!).description)), 'the root to lose its problem count');
  });

  it('keeps a root for a file that cannot be read, with the YAML error at its position', async () => {
    await write(file, TEAM.replace('title: Team roadmap', 'title: [Team roadmap'));
    await waitFor(() => problems(file).length === 1, 'the YAML error', 15_000);
    assert.match(problems(file)[0].message, /^YAML syntax/);
    const root = roots().find((r) => label(r) === 'team.roadmap.yaml')!;
    assert.ok(root, roots().map(label).join());
    assert.match(String(tree().getTreeItem(root).description), /could not be read · 1 problem/);
    assert.deepStrictEqual(tree().getChildren(root), []);
    // Clicking such a root opens the file at the problem.
    assert.strictEqual(tree().getTreeItem(root).command?.command, COMMANDS.openRoadmapFile);
    await vscode.commands.executeCommand(COMMANDS.openRoadmapFile, ...(tree().getTreeItem(root).command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), file.toString());
    assert.deepStrictEqual(editor.selection.start, problems(file)[0].range.start);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await write(file, TEAM);
    await waitFor(() => teamRoot() !== undefined && problems(file).length === 0, 'the roadmap to come back', 15_000);
  });

  it('reports a later file (in path order) with the same roadmap id at its id, and shows only the first', async () => {
    const copy = vscode.Uri.joinPath(folder, 'z-copy.roadmap.yaml');
    await write(copy, TEAM.replace('title: Team roadmap', 'title: Copy'));
    await until(() => problems(copy).length === 1, 'the duplicate id problem', api);
    assert.match(problems(copy)[0].message, /roadmap id 'team' is already used by team\.roadmap\.yaml/);
    assert.strictEqual(problems(copy)[0].range.start.line, 1);
    assert.strictEqual(api.roadmaps!.get('team')!.uri!.toString(), file.toString());
    await vscode.workspace.fs.delete(copy);
    await until(() => api.roadmaps!.files().length === 1, 'the copy to go', api);
  });

  it('shows a node without lesson or hours: hints in the editor (not problems of the file), "? h" in the tree', async () => {
    await write(file, `${TEAM}      - id: later\n        title: Read later\n        summary: See https://example.com/a_b-c.\n`);
    await waitFor(() => problems(file).length === 2, 'the two hints', 15_000);
    assert.deepStrictEqual(problems(file).map((d) => [d.severity, d.range.start.line]), [[vscode.DiagnosticSeverity.Information, 19], [vscode.DiagnosticSeverity.Information, 19]]);
    const [section] = tree().getChildren(teamRoot()!);
    const later = tree().getChildren(section).find((n) => label(n) === 'Read later')!;
    assert.ok(later, 'the node shows');
    assert.strictEqual(tree().getTreeItem(later).description, '? h');
    assert.match(String(tree().getTreeItem(section).description), /^\d\/3 · \d+ h\+ left$/);
    assert.doesNotMatch(String(tree().getTreeItem(teamRoot()!).description), /problem/);
    const tooltip = tree().resolveTreeItem(tree().getTreeItem(later), later).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /See <https:\/\/example\.com\/a_b-c>\\\./, 'the address is not escaped');
    await write(file, TEAM);
    await waitFor(() => problems(file).length === 0 && tree().getChildren(tree().getChildren(teamRoot()!)[0]).length === 2, 'the hints to go', 15_000);
  });

  it('writes a commented example with New Roadmap File, never over an existing file', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(COMMANDS.newRoadmapFile, 'my-path');
    assert.ok(uri && uri.path.endsWith('/my-path.roadmap.yaml'));
    assert.match(vscode.window.activeTextEditor!.document.getText(), /^# A roadmap of your own/);
    await waitFor(() => roots().some((r) => label(r) === 'My path'), 'the example root', 15_000);
    assert.deepStrictEqual(problems(uri), []);
    const again = await vscode.commands.executeCommand(COMMANDS.newRoadmapFile, 'my-path');
    assert.strictEqual(again, undefined, 'refused: the file exists');
    await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('drops the root when its file is removed, and keeps its progress', async () => {
    await vscode.commands.executeCommand(COMMANDS.markDone, { roadmapId: 'team', nodeId: 'proxy' });
    await vscode.workspace.fs.delete(file);
    await until(() => api.roadmaps!.files().length === 0, 'the roots to go', api);
    assert.strictEqual(label(roots()[0]), 'Internet fundamentals');
    assert.strictEqual(api.store.status('team', 'proxy'), 'done', 'progress is kept for when the file comes back');
    assert.deepStrictEqual(problems(file), []);
  });
});
