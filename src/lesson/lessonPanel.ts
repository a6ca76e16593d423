import * as vscode from 'vscode';
import { LESSON_PANEL } from '../ids';
import type { ProgressStore } from '../progress/store';
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';
import type { NodeRef, RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { pageOptions, renderPage, wirePanel } from '../util/webviewPage';
import { parseWebviewMessage, type FromWebview, type LessonView, type ToWebview } from './protocol';
import { buildLessonView } from './view';

interface SavedState {
  nodeId?: string;
  /** Absent in states saved before roadmaps of the workspace's own: the built-in roadmap. */
  roadmapId?: string;
}

/** One roadmap as the lesson page sees it. */
export interface LessonRoadmap {
  index: RoadmapIndex;
  html(nodeId: string): string | undefined;
  /** Node ids in the order previous/next walk. */
  order(): string[];
  hasStarter(projectId: string): boolean;
  /** Whether the page names the roadmap (a workspace roadmap's lessons do). */
  showTitle: boolean;
}

/** What the lesson page can ask of the rest of the extension. */
export interface LessonActions {
  /** The built-in roadmap or one of the workspace's, by id. */
  roadmap(roadmapId: string): LessonRoadmap | undefined;
  /** Resolves once the workspace's roadmaps are loaded (a panel restored after a reload waits for them). */
  roadmapsLoaded(): Promise<void>;
  onDidChangeRoadmaps: vscode.Event<void>;
  hasNotes(nodeId: string, roadmapId: string): boolean;
  onDidChangeNotes: vscode.Event<void>;
  openNotes(nodeId: string, roadmapId: string): Thenable<unknown>;
  openDashboard(roadmapId: string): Thenable<unknown>;
  scaffold(projectId: string, roadmapId: string): Thenable<unknown>;
}

/** The one lesson panel: created on first use, then its content is swapped by message. */
export class LessonPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private current: NodeRef | undefined;
  private ready = false;
  /** Messages the page sent that were refused, for tests and the log. */
  rejected = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ProgressStore,
    private readonly actions: LessonActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(store.onDidChange((change) => {
      const at = this.current;
      if (!at || change.roadmapId !== at.roadmapId) return;
      // A status shown anywhere on the page (this node, a prerequisite, previous or next) may have changed.
      if (change.nodeIds.includes(at.nodeId)) this.post({ type: 'status', nodeId: at.nodeId, status: store.displayStatus(at.roadmapId, at.nodeId) });
      else if (this.ready) this.post({ type: 'show', lesson: this.view(at) });
    }));
    this._register(actions.onDidChangeNotes(() => {
      const at = this.current;
      if (at) this.post({ type: 'notes', nodeId: at.nodeId, hasNotes: actions.hasNotes(at.nodeId, at.roadmapId) });
    }));
    // A workspace roadmap's file was saved: show the lesson as it now reads, if the node is still there.
    this._register(actions.onDidChangeRoadmaps(() => {
      const at = this.current;
      if (at && this.ready && actions.roadmap(at.roadmapId)?.index.node(at.nodeId)) this.post({ type: 'show', lesson: this.view(at) });
    }));
  }

  get currentNodeId(): string | undefined {
    return this.current?.nodeId;
  }

  /** The node shown, with its roadmap. */
  get currentNode(): NodeRef | undefined {
    return this.current;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Whether the page has said it is ready: until then a lesson waits for it instead of being posted. */
  get isReady(): boolean {
    return this.ready;
  }

  show(nodeId: string, roadmapId = BUILTIN_ROADMAP_ID): void {
    const roadmap = this.actions.roadmap(roadmapId);
    if (!roadmap) throw new Error(`no roadmap '${roadmapId}' is loaded`);
    if (!roadmap.index.node(nodeId)) throw new Error(`no node '${nodeId}' in the roadmap '${roadmap.index.roadmap.title || roadmapId}'`);
    this.current = { roadmapId, nodeId };
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(LESSON_PANEL, 'Lesson', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, pageOptions(this.extensionUri));
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
      if (this.ready) this.post({ type: 'show', lesson: this.view(this.current) });
    }
  }

  /** Called by the serializer after a window reload; a state that names no node disposes the panel. */
  async revive(panel: vscode.WebviewPanel, state: SavedState | undefined): Promise<void> {
    const nodeId = state?.nodeId;
    const roadmapId = typeof state?.roadmapId === 'string' ? state.roadmapId : BUILTIN_ROADMAP_ID;
    if (!this.actions.roadmap(roadmapId)) await this.actions.roadmapsLoaded();
    if (typeof nodeId !== 'string' || !this.actions.roadmap(roadmapId)?.index.node(nodeId) || this.panel) {
      this.log.info(`lesson panel not restored: saved state ${JSON.stringify(state ?? null)} names no node of a loaded roadmap`);
      panel.dispose();
      return;
    }
    this.current = { roadmapId, nodeId };
    panel.webview.options = pageOptions(this.extensionUri);
    this.attach(panel);
  }

  /** Handles a message as if the page had sent it: every message is checked first. */
  async handleMessage(raw: unknown): Promise<boolean> {
    const roadmap = this.current && this.actions.roadmap(this.current.roadmapId);
    const message = parseWebviewMessage(raw, {
      knownNode: (id) => roadmap?.index.node(id) !== undefined,
      knownProject: (id) => roadmap?.index.roadmap.projects.some((p) => p.id === id) === true,
    });
    if (!message || (message.type === 'scaffold' && !roadmap?.hasStarter(message.projectId))) {
      this.rejected++;
      this.log.warn(`lesson page sent a message that was refused: ${safeJson(raw)}`);
      return false;
    }
    await this.act(message);
    return true;
  }

  private async act(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.current) this.post({ type: 'show', lesson: this.view(this.current) });
        return;
      case 'setStatus':
        await this.store.setStatus(this.current!.roadmapId, message.nodeId, message.status);
        return;
      case 'openNode':
        this.show(message.nodeId, this.current!.roadmapId);
        return;
      case 'openNotes':
        await this.actions.openNotes(message.nodeId, this.current!.roadmapId);
        return;
      case 'openDashboard':
        await this.actions.openDashboard(this.current!.roadmapId);
        return;
      case 'scaffold':
        await this.actions.scaffold(message.projectId, this.current!.roadmapId);
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
    }
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const view = this.view(this.current!);
    panel.title = view.title;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    renderPage(panel.webview, this.extensionUri, { script: 'lesson.js', style: 'lesson.css', title: view.title, state: { lesson: view } });
    wirePanel(panel, 'lesson page', (raw) => this.handleMessage(raw), () => {
      this.panel = undefined;
      this.ready = false;
    }, this.log);
  }

  private view({ roadmapId, nodeId }: NodeRef): LessonView {
    const roadmap = this.actions.roadmap(roadmapId);
    if (!roadmap) throw new Error(`no roadmap '${roadmapId}' is loaded`);
    return buildLessonView(roadmap.index, nodeId, {
      statusOf: (id) => this.store.displayStatus(roadmapId, id),
      html: (id) => roadmap.html(id),
      hasNotes: (id) => this.actions.hasNotes(id, roadmapId),
      order: roadmap.order(),
      hasStarter: (id) => roadmap.hasStarter(id),
      showRoadmapTitle: roadmap.showTitle,
    });
  }

  private post(message: ToWebview): void {
    if (message.type === 'show' && this.panel) this.panel.title = message.lesson.title;
    void this.panel?.webview.postMessage(message);
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v);
  }
}
