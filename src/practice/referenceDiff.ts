/**
 * "Show the Reference Diff": the reference solution for the project's stack beside the learner's own
 * files, in VS Code's diff editor, after the learner has confirmed; from then on, a milestone of the
 * idea passed is marked as passed after a peek.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ProgressStore } from '../progress/store';
import type { Project } from '../verify/projectRun';
import { referenceFiles, referencePatchFile } from './reference';

export const REFERENCE_SCHEME = 'backend-roadmap-reference';

/** Serves the reference's files (read-only) and an empty document for a file the learner does not have. */
export class ReferenceDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REFERENCE_SCHEME, this);

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.registration.dispose();
  }
}

export interface ReferenceDeps {
  store: ProgressStore;
  roadmapId: string;
  distDir: string;
  startersRoot: string;
  documents: ReferenceDocuments;
  log: vscode.LogOutputChannel;
}

/** Whether a reference ships for the project's stack. */
export function hasReference(distDir: string, project: Pick<Project, 'idea' | 'manifest'>): boolean {
  return referencePatchFile(distDir, project.idea.id, project.manifest.stack) !== undefined;
}

/** Asks, marks the idea's milestones as peeked, then opens the diff. False when the learner declined or none ships. */
export async function showReferenceDiff(project: Project, deps: ReferenceDeps): Promise<boolean> {
  const { idea, manifest, dir } = project;
  const patchFile = referencePatchFile(deps.distDir, idea.id, manifest.stack);
  const starterDir = path.join(deps.startersRoot, idea.id, manifest.stack);
  if (!patchFile || !fs.existsSync(starterDir)) {
    void vscode.window.showInformationMessage(`Backend Roadmap: no reference solution ships for ${idea.title} in '${manifest.stack || 'this stack'}' (there are references for the starters' stacks: ts, python, go).`);
    return false;
  }
  const files = referenceFiles(fs.readFileSync(patchFile, 'utf8'), starterDir);
  const choice = await vscode.window.showWarningMessage(
    `Show the reference solution of ${idea.title}?`,
    { modal: true, detail: `It solves every milestone (${files.length} files changed from the starter). A milestone you pass from now on is shown as verified with a "peeked" mark, and counted apart. Milestones you have already passed keep their mark.` },
    'Show the Reference',
  );
  if (choice !== 'Show the Reference') return false;
  for (const m of idea.milestones) await deps.store.markPeeked(deps.roadmapId, `${idea.id}/${m.id}`);
  const resources: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
  for (const f of files) {
    const mine = vscode.Uri.file(path.join(dir, ...f.path.split('/')));
    const reference = vscode.Uri.from({ scheme: REFERENCE_SCHEME, path: `/${idea.id}/${manifest.stack}/${f.path}` });
    deps.documents.set(reference, f.text);
    // A file the learner has not made yet shows as added: an empty left side under the same name.
    const left = fs.existsSync(mine.fsPath) ? mine : reference.with({ query: 'not-yet-written' });
    resources.push([mine, left, reference]);
  }
  const title = `Your files ↔ reference (${idea.title}, ${manifest.stack})`;
  try {
    await vscode.commands.executeCommand('vscode.changes', title, resources);
  } catch (err) {
    // An editor without the multi-file diff shows the first file's.
    deps.log.warn(`vscode.changes is not available (${(err as Error).message}); showing the first file only`);
    const [, left, right] = resources[0];
    await vscode.commands.executeCommand('vscode.diff', left, right, `${files[0].path}: yours ↔ reference`);
  }
  return true;
}
