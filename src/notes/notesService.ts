import * as vscode from 'vscode';
import { uriExists } from '../util/uriExists';
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';
import type { RoadmapSource } from '../roadmaps/registry';
import { Disposable } from '../util/dispose';
import { NOTES_DIR, RETROSPECTIVES_DIR, nodeIdOfNoteFile, notePathSegments, noteTemplate } from './notes';

/** Knows which nodes have notes in the first workspace folder, and opens or creates them. */
export class NotesService extends Disposable {
  /** `roadmapId/nodeId` of every node with notes. */
  private readonly withNotes = new Set<string>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private started = false;

  constructor(private readonly roadmaps: Pick<RoadmapSource, 'get'>) {
    super();
  }

  /** Watches the notes folder and reads which nodes have notes (after the tree's first paint). */
  start(): void {
    const folder = this.folder();
    if (!folder || this.started) return;
    this.started = true;
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `${NOTES_DIR.join('/')}/**/*.md`)));
    this._register(watcher.onDidCreate((uri) => this.track(uri, true)));
    this._register(watcher.onDidDelete((uri) => this.track(uri, false)));
    void this.scan(folder);
  }

  has(nodeId: string, roadmapId = BUILTIN_ROADMAP_ID): boolean {
    return this.withNotes.has(`${roadmapId}/${nodeId}`);
  }

  /** Opens the node's notes beside the lesson, creating them from a template the first time. */
  async open(nodeId: string, roadmapId = BUILTIN_ROADMAP_ID): Promise<vscode.TextEditor | undefined> {
    const index = this.roadmaps.get(roadmapId)?.index;
    const node = index?.node(nodeId);
    if (!node) throw new Error(`no node '${nodeId}' in the roadmap '${roadmapId}'`);
    const section = index!.sectionOf.get(nodeId)?.title ?? '';
    return this.openOrCreate(notePathSegments(nodeId, roadmapId), 'notes', (today) => noteTemplate(node.title || node.id, section, today), vscode.ViewColumn.Beside);
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
    if (!(await uriExists(uri))) {
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
    // Notes are files directly in .roadmap/notes/ (the built-in roadmap's) or one folder below it
    // (a workspace roadmap's, by its id); retrospectives live beside them.
    let at = -1;
    for (let i = parts.length - 2; i >= 1 && at < 0; i--) if (parts[i - 1] === NOTES_DIR[0] && parts[i] === NOTES_DIR[1]) at = i;
    if (at < 0) return;
    const below = parts.slice(at + 1);
    const roadmapId = below.length === 1 ? BUILTIN_ROADMAP_ID : below.length === 2 ? nodeIdOfNoteFile(`${below[0]}.md`) : undefined;
    const id = nodeIdOfNoteFile(below[below.length - 1]);
    if (!id || !roadmapId) return;
    const key = `${roadmapId}/${id}`;
    const had = this.withNotes.has(key);
    if (present) this.withNotes.add(key);
    else this.withNotes.delete(key);
    if (had !== present) this.changed.fire();
  }

  private async scan(folder: vscode.Uri): Promise<void> {
    const notes = vscode.Uri.joinPath(folder, ...NOTES_DIR);
    const read = async (dir: vscode.Uri) => {
      try {
        return await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return []; // No notes folder yet.
      }
    };
    for (const [name, type] of await read(notes)) {
      const id = type === vscode.FileType.File ? nodeIdOfNoteFile(name) : undefined;
      if (id) this.withNotes.add(`${BUILTIN_ROADMAP_ID}/${id}`);
      const roadmapId = type === vscode.FileType.Directory ? nodeIdOfNoteFile(`${name}.md`) : undefined;
      if (!roadmapId) continue;
      for (const [file, fileType] of await read(vscode.Uri.joinPath(notes, name))) {
        const nodeId = fileType === vscode.FileType.File ? nodeIdOfNoteFile(file) : undefined;
        if (nodeId) this.withNotes.add(`${roadmapId}/${nodeId}`);
      }
    }
    if (this.withNotes.size > 0) this.changed.fire();
  }
}
