/**
 * The verify commands: "Roadmap: Verify Project" runs a project of the workspace; "Roadmap: Verify
 * My Own Project" verifies a server in any language, describing it in a starter.json when it has
 * none (the idea, the start command, the port, the health path). Both run code, so both need a
 * trusted workspace.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import { MANIFEST_FILE } from '../scaffold/names';
import type { VerifyController } from './controller';
import { guessStack, manifestText } from './manifest';
import type { VerifyReport } from './runner';

async function trusted(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage('Backend Roadmap: verifying a project runs its code, so it needs a trusted workspace. Nothing was run.', 'Manage Workspace Trust');
  if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** "Roadmap: Verify Project": picks a project of the workspace and runs all its milestones. */
export async function verifyProjectCommand(verify: VerifyController, arg?: unknown): Promise<VerifyReport | undefined> {
  if (!(await trusted())) return undefined;
  const items = await verify.projectItems();
  let dir = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : undefined;
  if (!dir) {
    if (items.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        'Backend Roadmap: no project with milestone checks in this workspace. Scaffold a starter, or verify a server you wrote in any language.',
        'Scaffold Starter Project',
        'Verify My Own Project',
      );
      if (choice === 'Scaffold Starter Project') await vscode.commands.executeCommand(COMMANDS.scaffold);
      else if (choice) return (await vscode.commands.executeCommand(COMMANDS.verifyOwnProject)) as VerifyReport | undefined;
      return undefined;
    }
    const picked = items.length === 1 ? items[0] : (await vscode.window.showQuickPick(items.map((i) => ({ label: i.label, description: i.description, item: i })), { title: 'Verify which project?' }))?.item;
    if (!picked?.uri) return undefined;
    dir = picked.uri.fsPath;
  }
  return verify.verify(dir);
}

const TITLE = 'Verify My Own Project';

/** The workspace folders and the folders directly in them, where a learner's server usually is. */
function candidateFolders(): { label: string; description: string; dir: string }[] {
  const out: { label: string; description: string; dir: string }[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    out.push({ label: folder.name, description: folder.uri.fsPath, dir: folder.uri.fsPath });
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(folder.uri.fsPath, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_FOLDERS.has(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push({ label: `${folder.name}/${e.name}`, description: path.join(folder.uri.fsPath, e.name), dir: path.join(folder.uri.fsPath, e.name) });
    }
  }
  return out;
}

const SKIPPED_FOLDERS = new Set(['node_modules', 'venv', 'target', 'dist', 'build', 'out', 'vendor', '__pycache__']);

async function pickFolder(arg: unknown): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  const choose = { label: '$(folder-opened) Choose a folder…', description: '', dir: '' };
  const picked = await vscode.window.showQuickPick([...candidateFolders(), choose], { title: `${TITLE}: which folder holds your server?`, matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.dir) return picked.dir;
  const uris = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: `${TITLE}: the folder of your server` });
  return uris?.[0]?.fsPath;
}

/**
 * "Roadmap: Verify My Own Project": in a folder with a starter.json, verifies it; in one without,
 * asks for the idea, the start command, the port and the health path, writes the manifest, and runs.
 */
export async function verifyOwnProjectCommand(verify: VerifyController, arg?: unknown): Promise<VerifyReport | undefined> {
  if (!(await trusted())) return undefined;
  const dir = await pickFolder(arg);
  if (!dir) return undefined;
  const manifestFile = path.join(dir, MANIFEST_FILE);
  if (fs.existsSync(manifestFile)) return verifyWhenFound(verify, dir);
  const ideas = verify.checkedIdeas();
  const idea = await vscode.window.showQuickPick(
    ideas.map((p) => ({ label: p.title, description: p.id, detail: p.milestones.map((m) => m.title).join(' · '), id: p.id })),
    { title: `${TITLE} (1/4): which project idea does your server build?`, matchOnDescription: true },
  );
  if (!idea) return undefined;
  const start = await vscode.window.showInputBox({
    title: `${TITLE} (2/4): the command that starts your server, run in ${path.basename(dir)}`,
    prompt: 'It must listen on the port in the PORT environment variable when it is set.',
    placeHolder: 'java Server.java · cargo run --release · node server.js',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Give the command that starts your server.'),
  });
  if (start === undefined) return undefined;
  const port = await vscode.window.showInputBox({
    title: `${TITLE} (3/4): the port your server listens on when PORT is not set`,
    value: '3000',
    ignoreFocusOut: true,
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : 'A port is a whole number from 1 to 65535.'),
  });
  if (port === undefined) return undefined;
  const healthPath = await vscode.window.showInputBox({
    title: `${TITLE} (4/4): the path that answers 200 once your server is ready`,
    value: '/health',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim().startsWith('/') ? undefined : 'The path starts with /, such as /health.'),
  });
  if (healthPath === undefined) return undefined;
  const stack = guessStack(fs.readdirSync(dir));
  // Written only when absent, and only this one file: nothing of the learner's is overwritten.
  try {
    fs.writeFileSync(manifestFile, manifestText({ idea: idea.id, stack, start: start.trim(), port: Number(port), healthPath: healthPath.trim() }), { flag: 'wx' });
  } catch (err) {
    void vscode.window.showErrorMessage(`Backend Roadmap: could not write ${manifestFile}: ${(err as Error).message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Backend Roadmap: wrote ${MANIFEST_FILE} in ${path.basename(dir)}; edit it to change how your server starts. Verifying now.`);
  return verifyWhenFound(verify, dir);
}

/** Verifies `dir` once discovery has seen its manifest; a manifest that cannot be verified is shown, not run. */
async function verifyWhenFound(verify: VerifyController, dir: string): Promise<VerifyReport | undefined> {
  await verify.refresh();
  const known = (await verify.projectItems()).some((i) => i.uri?.fsPath === dir);
  if (!known) {
    const choice = await vscode.window.showErrorMessage(`Backend Roadmap: ${path.join(dir, MANIFEST_FILE)} cannot be verified; the Problems panel says why.`, 'Open starter.json', 'Show Problems');
    if (choice === 'Open starter.json') await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, MANIFEST_FILE)));
    else if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
    return undefined;
  }
  return verify.verify(dir);
}
