import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import { activateExtension, waitFor } from './helpers';

const repo = path.resolve(__dirname, '../../../..');
const fixture = path.join(repo, 'test', 'fixtures', 'verify', 'url-shortener-lite');

/** Waits until `ok()` holds. */
const until = (what: string, ok: () => boolean, ms = 60_000): Promise<void> => waitFor(ok, what, ms);

/** Replaces a file's text through the editor and saves it, as a learner does. */
async function editAndSave(file: string, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(file);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save(), `${file} saved`);
}

describe('Watch mode and milestone pages in the extension host', function () {
  this.timeout(180_000);
  let api: BackendRoadmapApi;
  let project: string;
  const typesFile = () => path.join(project, 'types.ts');

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    project = path.join(root, 'watched-shortener');
    fs.rmSync(project, { recursive: true, force: true });
    fs.cpSync(fixture, project, { recursive: true });
    // A build with the real TypeScript compiler, on a file with a type error.
    const manifest = JSON.parse(fs.readFileSync(path.join(project, 'starter.json'), 'utf8'));
    manifest.build = `node ${JSON.stringify(path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'))} --noEmit --strict types.ts`;
    fs.writeFileSync(path.join(project, 'starter.json'), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(typesFile(), 'export const port: number = "3000";\n');
    await api.verify!.refresh();
  });
  after(async () => {
    await api.practice!.stopWatching();
    fs.rmSync(project, { recursive: true, force: true });
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });

  it('a build that fails shows its errors in the Problems panel at file and line, and nothing is checked', async () => {
    await vscode.commands.executeCommand(COMMANDS.watchMilestone, { dir: project, milestone: 'validation' });
    const watch = api.practice!.watching!;
    assert.ok(watch, 'watching');
    await until('the build to fail', () => watch.phase.kind === 'could-not-run');
    const diagnostics = vscode.languages.getDiagnostics(vscode.Uri.file(typesFile()));
    assert.deepStrictEqual(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.source]), [[0, 13, 'tsc']]);
    assert.match(diagnostics[0].message, /Type 'string' is not assignable to type 'number'/);
    assert.strictEqual(api.verify!.lastReports.get(project)?.outcome, 'could-not-run');
    // The milestone page opened beside, on the milestone watched.
    assert.deepStrictEqual(api.lessons!.currentMilestone, { roadmapId: 'backend', projectId: 'url-shortener', milestoneId: 'validation' });
  });

  it('saving the fix clears the errors and runs the milestone in focus, then the baseline', async () => {
    const watch = api.practice!.watching!;
    await editAndSave(typesFile(), 'export const port: number = 3000;\n');
    await until('a run to fail on the code', () => watch.phase.kind === 'failed');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(vscode.Uri.file(typesFile())), []);
    const report = api.verify!.lastReports.get(project)!;
    assert.deepStrictEqual(report.milestones.map((m) => [m.id, m.ok]), [['validation', false], ['baseline', true]]);
    const view = api.practice!.view({ roadmapId: 'backend', projectId: 'url-shortener', milestoneId: 'validation' })!;
    assert.strictEqual(view.checks.find((c) => c.name === 'a URL without a scheme answers 400 with an error')?.last?.outcome, 'failed');
    assert.ok(view.watch?.focus);
  });

  it('opens hints one at a time and keeps the count in the progress store', async () => {
    const ref = { roadmapId: 'backend', projectId: 'url-shortener', milestoneId: 'validation' };
    await api.practice!.act(ref, 'hint');
    await api.practice!.act(ref, 'hint');
    const view = api.practice!.view(ref)!;
    assert.strictEqual(view.hints.opened.length, 2);
    assert.strictEqual(view.hints.stack, 'ts');
    assert.strictEqual(api.store.practice('backend', 'url-shortener/validation').hints, 2);
  });

  it('passes on the save of the full fix and verifies the milestone\'s topics without a command', async () => {
    const watch = api.practice!.watching!;
    // A file written on disk is no save: nothing runs until the learner saves in the editor.
    fs.writeFileSync(path.join(project, 'features.json'), '{}');
    await new Promise((r) => setTimeout(r, 1000));
    assert.strictEqual(watch.phase.kind, 'failed', 'no run without a save');
    await editAndSave(path.join(project, 'features.json'), JSON.stringify({ validation: true }));
    await until('the milestone to pass', () => watch.phase.kind === 'passed');
    for (const id of ['json-apis', 'owasp-risks']) assert.strictEqual(api.progress.displayStatus(id), 'verified', id);
    assert.strictEqual(api.progress.peeked('json-apis'), false);
    // Without a focus given, the next watch moves on to the first milestone not passed yet.
    await api.practice!.stopWatching();
    assert.strictEqual(api.practice!.watching, undefined);
  });

  it('the Testing view\'s watch toggle on a milestone watches it until it is turned off', async () => {
    const [item] = await api.verify!.projectItems().then((items) => items.filter((i) => i.uri?.fsPath === project));
    let stats: vscode.TestItem | undefined;
    item.children.forEach((m) => {
      if (m.label === 'Click statistics') stats = m;
    });
    assert.ok(stats);
    const source = new vscode.CancellationTokenSource();
    const done = api.verify!.runProfile.runHandler(new vscode.TestRunRequest([stats], undefined, api.verify!.runProfile, true), source.token);
    await until('watching stats', () => api.practice!.watching?.current === 'stats' && api.practice!.watching.phase.kind === 'failed');
    source.cancel();
    await done;
    assert.strictEqual(api.practice!.watching, undefined, 'turning the toggle off stops watching');
  });

  it('offers the milestone page on the topics a milestone with checks verifies, from the tree', async () => {
    const item = (id: string) => api.view!.tree.getTreeItem(api.view!.tree.element(id)!);
    assert.match(String(item('rest-graphql-grpc').contextValue), /\.milestone$/);
    assert.doesNotMatch(String(item('dns').contextValue), /\.milestone/, 'no milestone with checks verifies DNS');
    // One milestone verifies REST, GraphQL and gRPC: the page opens at once.
    await vscode.commands.executeCommand(COMMANDS.openMilestone, 'rest-graphql-grpc');
    assert.deepStrictEqual(api.lessons!.currentMilestone, { roadmapId: 'backend', projectId: 'task-manager-api', milestoneId: 'graphql' });
  });

  it('opens a milestone page from a page reference and refuses a milestone without checks', async () => {
    await vscode.commands.executeCommand(COMMANDS.openMilestone, { projectId: 'url-shortener', milestoneId: 'aliases' });
    assert.deepStrictEqual(api.lessons!.currentMilestone, { roadmapId: 'backend', projectId: 'url-shortener', milestoneId: 'aliases' });
    const before = api.lessons!.currentMilestone;
    await vscode.commands.executeCommand(COMMANDS.openMilestone, { projectId: 'url-shortener', milestoneId: 'no-such' });
    assert.deepStrictEqual(api.lessons!.currentMilestone, before, 'nothing else opened');
  });
});
