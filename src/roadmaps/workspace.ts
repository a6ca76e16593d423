import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, DIAGNOSTICS, SETTINGS } from '../ids';
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';
import { DEFAULT_CUSTOM_ROADMAP_GLOB } from './encoding';
import type { CustomRoadmapLoader, LoadedCustomRoadmap } from './loader';
import type { Problem } from '../roadmap/problems';
import { bundles } from '../bundles';
import { Disposable } from '../util/dispose';

/** One `*.roadmap.yaml` file of the workspace, as last loaded. */
export interface WorkspaceRoadmapFile {
  uri: vscode.Uri;
  loaded: LoadedCustomRoadmap;
  /**
   * Who else has this roadmap's id (an earlier file in path order, or the built-in roadmap), when
   * someone does: this file is then not shown as a roadmap, since progress is kept by id.
   */
  conflict?: string;
}

/** How many roadmap files one workspace may bring; more are ignored with a warning in the log. */
const MAX_FILES = 200;
const DEBOUNCE_MS = 200;

/**
 * The learner's own roadmaps: finds them, watches them, loads them through the worker, and keeps
 * the Problems panel in step. Nothing is read until something asks (`start`): the tree view when it
 * first shows, a command, or a roadmap file being opened or saved.
 */
export class WorkspaceRoadmaps extends Disposable {
  private readonly entries = new Map<string, WorkspaceRoadmapFile>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when a roadmap appears, changes or goes, once per batch of file events. */
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection(DIAGNOSTICS));
  private watcher: vscode.Disposable | undefined;
  private started: Promise<void> | undefined;
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  /** Required, and its worker started, when a file is first read. */
  private loaderInstance: CustomRoadmapLoader | undefined;

  constructor(private readonly workerFile: string, private readonly log: vscode.LogOutputChannel) {
    super();
    this._register({ dispose: () => (clearTimeout(this.timer), this.watcher?.dispose(), this.loaderInstance?.dispose()) });
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (this.started && e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.customRoadmaps}`)) this.started = this.scan();
    }));
    // Saving is the learner's "check it now"; the file watcher may lag behind or be unavailable.
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => this.matches(doc) && (this.started ? this.schedule(doc.uri) : void this.start())));
    this._register(vscode.workspace.onDidOpenTextDocument((doc) => this.matches(doc) && void this.start()));
  }

  /** Scans the workspace the first time; later calls return the same promise. */
  start(): Promise<void> {
    return (this.started ??= this.scan());
  }

  get isStarted(): boolean {
    return this.started !== undefined;
  }

  /** Resolves when the scan and every load it caused (or a batch of changes in progress) are done. */
  async settled(): Promise<void> {
    await this.start();
    await this.flushing;
  }

  /** Every roadmap file found, in path order. */
  list(): WorkspaceRoadmapFile[] {
    return [...this.entries.values()].sort((a, b) => a.uri.fsPath.localeCompare(b.uri.fsPath));
  }

  /** The roadmap shown under this id (a file whose id another file already took is not). */
  get(roadmapId: string): WorkspaceRoadmapFile | undefined {
    for (const entry of this.entries.values()) if (!entry.conflict && entry.loaded.index && entry.loaded.roadmapId === roadmapId) return entry;
    return undefined;
  }

  private loader(): CustomRoadmapLoader {
    return (this.loaderInstance ??= new (bundles.roadmapLoader().CustomRoadmapLoader)(this.workerFile));
  }

  private glob(): string {
    return vscode.workspace.getConfiguration(SETTINGS.section).get<string>(SETTINGS.customRoadmaps, DEFAULT_CUSTOM_ROADMAP_GLOB).trim();
  }

  private matches(doc: vscode.TextDocument): boolean {
    const glob = this.glob();
    return glob !== '' && doc.uri.scheme === 'file' && !inNodeModules(doc.uri) && vscode.languages.match({ pattern: glob, scheme: 'file' }, doc) > 0;
  }

  private async scan(): Promise<void> {
    this.watcher?.dispose();
    this.watcher = undefined;
    const glob = this.glob();
    if (glob === '' || !vscode.workspace.workspaceFolders?.length) {
      this.entries.clear();
      this.publish();
      return;
    }
    const watcher = vscode.workspace.createFileSystemWatcher(glob);
    this.watcher = vscode.Disposable.from(watcher, watcher.onDidCreate((u) => this.schedule(u)), watcher.onDidChange((u) => this.schedule(u)), watcher.onDidDelete((u) => this.schedule(u)));
    const uris = (await vscode.workspace.findFiles(glob, '**/node_modules/**', MAX_FILES + 1)).filter((u) => u.scheme === 'file');
    if (uris.length > MAX_FILES) this.log.warn(`more than ${MAX_FILES} roadmap files match '${glob}'; only the first ${MAX_FILES} are shown (narrow ${SETTINGS.section}.${SETTINGS.customRoadmaps})`);
    const found = new Set(uris.slice(0, MAX_FILES).map((u) => u.toString()));
    for (const key of this.entries.keys()) if (!found.has(key)) this.entries.delete(key);
    for (const key of found) this.dirty.add(key);
    await this.flush();
  }

  private schedule(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || inNodeModules(uri)) return;
    this.log.trace(`roadmap file event: ${uri.fsPath}`);
    this.dirty.add(uri.toString());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), DEBOUNCE_MS);
  }

  /** Loads every file that changed since the last flush, one batch at a time, then publishes once. */
  private flush(): Promise<void> {
    clearTimeout(this.timer);
    this.flushing = this.flushing.then(async () => {
      const keys = [...this.dirty];
      this.dirty.clear();
      if (keys.length === 0) return;
      let changed = false;
      await Promise.all(keys.map(async (key) => {
        const uri = vscode.Uri.parse(key);
        let loaded: LoadedCustomRoadmap | undefined;
        try {
          loaded = await this.loader().load(uri.fsPath);
        } catch (err) {
          this.log.error(`roadmap file ${uri.fsPath} could not be loaded: ${(err as Error).stack ?? err}`);
          return;
        }
        const before = this.entries.get(key);
        if (!loaded) {
          if (this.entries.delete(key)) {
            changed = true;
            this.log.info(`roadmap file ${vscode.workspace.asRelativePath(uri)} is gone`);
          }
          return;
        }
        if (before?.loaded === loaded) return;
        this.entries.set(key, { uri, loaded });
        changed = true;
        this.log.info(`roadmap file ${vscode.workspace.asRelativePath(uri)}: ${loaded.index ? `${loaded.index.order.length} nodes` : 'not readable'}, ${loaded.problems.length} problem(s)`);
      }));
      if (changed) this.publish();
    });
    return this.flushing;
  }

  /** Settles which file owns which id, refreshes the Problems panel, and tells the tree. */
  private publish(): void {
    // The validator has already reported a file that takes the built-in roadmap's id.
    const owners = new Map<string, string>([[BUILTIN_ROADMAP_ID, 'the built-in roadmap']]);
    this.diagnostics.clear();
    for (const entry of this.list()) {
      entry.conflict = undefined;
      const id = entry.loaded.roadmapId;
      const diagnostics = entry.loaded.problems.map(toDiagnostic);
      if (id && entry.loaded.index) {
        const owner = owners.get(id);
        if (owner) {
          entry.conflict = owner;
          const at = entry.loaded.idLocation ?? { line: 1, column: 1 };
          if (id !== BUILTIN_ROADMAP_ID) diagnostics.push(toDiagnostic({ ...at, file: entry.uri.fsPath, message: `roadmap id '${id}' is already used by ${owner}: give each roadmap its own id (progress is kept by it)` }));
        } else owners.set(id, vscode.workspace.asRelativePath(entry.uri));
      }
      this.diagnostics.set(entry.uri, diagnostics);
    }
    this.changed.fire();
  }
}

function inNodeModules(uri: vscode.Uri): boolean {
  return /[\\/]node_modules[\\/]/.test(uri.fsPath);
}

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const end = p.endLine !== undefined && p.endColumn !== undefined ? new vscode.Position(p.endLine - 1, Math.max(0, p.endColumn - 1)) : start;
  // A hint (a node without a lesson or hours yet) is listed as information: VS Code leaves Hint
  // diagnostics out of the Problems panel, where a learner looks for what to fill in next.
  const severity = p.severity === 'hint' ? vscode.DiagnosticSeverity.Information : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
  const d = new vscode.Diagnostic(new vscode.Range(start, end.isAfter(start) ? end : start), p.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  return d;
}
