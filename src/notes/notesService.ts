import * as vscode from 'vscode';
import type { RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { NOTES_DIR, RETROSPECTIVES_DIR, nodeIdOfNoteFile, notePathSegments, noteTemplate } from './notes';

/** Knows which nodes have notes in the first workspace folder, and opens or creates them. */
export class NotesService extends Disposable {
  private readonly withNotes = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly index: RoadmapIndex) {
    super();
    const folder = this.folder();
    if (!folder) return;
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${NOTES_DIR.join('/')}/*.md`)));
    this._register(watcher.onDidCreate((uri) => this.track(uri, true)));
    this._register(watcher.onDidDelete((uri) => this.track(uri, false)));
    void this.scan(folder);
  }

  has(nodeId: string): boolean {
    return this.withNotes.has(nodeId);
  }

  /** Opens the node's notes beside the lesson, creating them from a template the first time. */
  async open(nodeId: string): Promise<vscode.TextEditor | undefined> {
    const node = this.index.node(nodeId);
    if (!node) throw new Error(`no node '${nodeId}'`);
    const section = this.index.sectionOf.get(nodeId)?.title ?? '';
    return this.openOrCreate(notePathSegments(nodeId), 'notes', (today) => noteTemplate(node.title, section, today), vscode.ViewColumn.Beside);
  }

  /** Writes today's retrospective note (never over an existing one) and opens it. */
  openRetrospective(text: (today: Date) => string): Promise<vscode.TextEditor | undefined> {
    const today = new Date();
    return this.openOrCreate([...RETROSPECTIVES_DIR, `${today.toISOString().slice(0, 10)}.md`], 'retrospectives', text, vscode.ViewColumn.Active);
  }

  /** Opens a Markdown file of the workspace folder, writing `text` first only when it does not exist yet. */
  private async openOrCreate(segments: string[], what: string, text: (today: Date) => string, column: vscode.ViewColumn): Promise<vscode.TextEditor | undefined> {
    const folder = this.folder();
    if (!folder) {
      void vscode.window.showInformationMessage(`Backend Roadmap: open a folder first; ${what} are kept in it under ${segments.slice(0, -1).join('/')}/.`);
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder, ...segments);
    if (!(await exists(uri))) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, ...segments.slice(0, -1)));
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text(new Date())));
      this.track(uri, true);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { viewColumn: column, preview: false });
  }

  private folder(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  private track(uri: vscode.Uri, present: boolean): void {
    const parts = uri.path.split('/');
    // Only files directly in .roadmap/notes/ are notes (retrospectives live beside them).
    if (parts.slice(-NOTES_DIR.length - 1, -1).join('/') !== NOTES_DIR.join('/')) return;
    const id = nodeIdOfNoteFile(parts[parts.length - 1]);
    if (!id) return;
    const had = this.withNotes.has(id);
    if (present) this.withNotes.add(id);
    else this.withNotes.delete(id);
    if (had !== present) this.changed.fire();
  }

  private async scan(folder: vscode.Uri): Promise<void> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(folder, ...NOTES_DIR));
      for (const [name, type] of entries) {
        const id = type === vscode.FileType.File ? nodeIdOfNoteFile(name) : undefined;
        if (id) this.withNotes.add(id);
      }
      if (this.withNotes.size > 0) this.changed.fire();
    } catch {
      // No notes folder yet.
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
