import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import type { BackendRoadmapApi } from '../../../src/extension';
import { COMMANDS } from '../../../src/ids';
import { activateExtension, waitFor } from './helpers';

const repo = path.resolve(__dirname, '../../../..');
const TOPIC = 'web-servers-basics';
/** The Python reference of the exercise's kit: what a learner who solved it would have written. */
const reference = (): string => parse(fs.readFileSync(path.join(repo, 'test', 'fixtures', 'exercises', `${TOPIC}.yaml`), 'utf8')).reference.python.files['server.py'];

/** Waits until `ok()` holds. */
const until = (what: string, ok: () => boolean, ms = 90_000): Promise<void> => waitFor(ok, what, ms);

describe('Start Exercise in the extension host', function () {
  this.timeout(180_000);
  let api: BackendRoadmapApi;
  let folder: string;

  before(async () => {
    ({ api } = await activateExtension());
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
    folder = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'exercises', TOPIC);
    fs.rmSync(folder, { recursive: true, force: true });
  });
  after(async () => {
    await api.practice!.stopWatching();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    await vscode.commands.executeCommand(COMMANDS.resetAllProgress, 'confirmed');
  });

  it('writes the exercise into exercises/<topic>/, opens the file to edit and checks it: the starting files fail', async () => {
    const dir = await vscode.commands.executeCommand<string>(COMMANDS.startExercise, { topic: TOPIC, stack: 'python' });
    assert.strictEqual(dir, folder);
    assert.deepStrictEqual(fs.readdirSync(folder).sort(), ['README.md', 'public', 'secret.txt', 'server.py', 'starter.json']);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(folder, 'server.py'));
    const watch = api.practice!.watching!;
    assert.ok(watch, 'the exercise is watched');
    await until('the first check run to fail', () => watch.phase.kind === 'failed');
    const report = api.verify!.lastReports.get(folder)!;
    assert.deepStrictEqual(report.milestones.map((m) => [m.id, m.ok, m.nodes]), [[TOPIC, false, [TOPIC]]]);
    assert.notStrictEqual(api.progress.displayStatus(TOPIC), 'verified');
    // The Testing view shows the exercise with its checks under its topic.
    const item = (await api.verify!.projectItems()).find((i) => i.uri?.fsPath === folder)!;
    assert.match(item.label, /^Exercise: .* \(Python\)$/);
    let checks = 0;
    item.children.forEach((m) => (checks += m.children.size));
    assert.strictEqual(checks, 4);
  });

  it('saving a right answer runs the checks again, and passing turns the topic verified', async () => {
    const watch = api.practice!.watching!;
    const doc = await vscode.workspace.openTextDocument(path.join(folder, 'server.py'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), reference());
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    await until('the checks to pass', () => watch.phase.kind === 'passed');
    await until('the topic to turn verified', () => api.progress.displayStatus(TOPIC) === 'verified');
    assert.deepStrictEqual(Object.keys(api.progress.get(TOPIC)?.verified ?? {}), [`exercises/${TOPIC}`]);
  });

  it('starting it again opens the same folder and overwrites nothing', async () => {
    const before = fs.readFileSync(path.join(folder, 'server.py'), 'utf8');
    const dir = await vscode.commands.executeCommand<string>(COMMANDS.startExercise, TOPIC);
    assert.strictEqual(dir, folder);
    assert.strictEqual(fs.readFileSync(path.join(folder, 'server.py'), 'utf8'), before);
  });

  it('refuses a folder of the same name that holds something else, and leaves it as it was', async () => {
    await api.practice!.stopWatching();
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'notes.md'), 'mine');
    const dir = await vscode.commands.executeCommand<string | undefined>(COMMANDS.startExercise, { topic: TOPIC, stack: 'go' });
    assert.strictEqual(dir, undefined);
    assert.deepStrictEqual(fs.readdirSync(folder), ['notes.md']);
  });
});
