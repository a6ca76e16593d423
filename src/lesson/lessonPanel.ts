import * as vscode from 'vscode';
import { LESSON_PANEL } from '../ids';
import type { RoadmapProgress } from '../progress/store';
import type { LessonStore } from '../roadmap/load';
import type { RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { pageOptions, renderPage, wirePanel } from '../util/webviewPage';
import { parseWebviewMessage, type FromWebview, type LessonView, type ToWebview } from './protocol';
import { buildLessonView } from './view';

interface SavedState {
  nodeId?: string;
}

/** What the lesson page can ask of the rest of the extension. */
export interface LessonActions {
  /** Node ids in the order previous/next walk. */
  order(): string[];
  hasNotes(nodeId: string): boolean;
  onDidChangeNotes: vscode.Event<void>;
  openNotes(nodeId: string): Thenable<unknown>;
  openDashboard(): Thenable<unknown>;
  scaffold(projectId: string): Thenable<unknown>;
  hasStarter(projectId: string): boolean;
}

/** The one lesson panel: created on first use, then its content is swapped by message. */
export class LessonPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private nodeId: string | undefined;
  private ready = false;
  /** Messages the page sent that were refused, for tests and the log. */
  rejected = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: RoadmapIndex,
    private readonly lessons: LessonStore,
    private readonly progress: RoadmapProgress,
    private readonly actions: LessonActions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(progress.store.onDidChange((change) => {
      if (change.roadmapId !== progress.roadmapId || !this.nodeId) return;
      // A status shown anywhere on the page (this node, a prerequisite, previous or next) may have changed.
      if (change.nodeIds.includes(this.nodeId)) this.post({ type: 'status', nodeId: this.nodeId, status: progress.displayStatus(this.nodeId) });
      else if (this.ready) this.post({ type: 'show', lesson: this.view(this.nodeId) });
    }));
    this._register(actions.onDidChangeNotes(() => {
      if (this.nodeId) this.post({ type: 'notes', nodeId: this.nodeId, hasNotes: actions.hasNotes(this.nodeId) });
    }));
  }

  get currentNodeId(): string | undefined {
    return this.nodeId;
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(nodeId: string): void {
    if (!this.index.node(nodeId)) throw new Error(`no node '${nodeId}' in the roadmap`);
    this.nodeId = nodeId;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(LESSON_PANEL, 'Lesson', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, pageOptions(this.extensionUri));
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
      if (this.ready) this.post({ type: 'show', lesson: this.view(nodeId) });
    }
  }

  /** Called by the serializer after a window reload; a state that names no node disposes the panel. */
  revive(panel: vscode.WebviewPanel, state: SavedState | undefined): void {
    const id = state?.nodeId;
    if (!id || !this.index.node(id) || this.panel) {
      this.log.info(`lesson panel not restored: saved state ${JSON.stringify(state ?? null)} names no node of the roadmap`);
      panel.dispose();
      return;
    }
    this.nodeId = id;
    panel.webview.options = pageOptions(this.extensionUri);
    this.attach(panel);
  }

  /** Handles a message as if the page had sent it: every message is checked first. */
  async handleMessage(raw: unknown): Promise<boolean> {
    const message = parseWebviewMessage(raw, {
      knownNode: (id) => this.index.node(id) !== undefined,
      knownProject: (id) => this.index.roadmap.projects.some((p) => p.id === id),
    });
    if (!message || (message.type === 'scaffold' && !this.actions.hasStarter(message.projectId))) {
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
        if (this.nodeId) this.post({ type: 'show', lesson: this.view(this.nodeId) });
        return;
      case 'setStatus':
        await this.progress.setStatus(message.nodeId, message.status);
        return;
      case 'openNode':
        this.show(message.nodeId);
        return;
      case 'openNotes':
        await this.actions.openNotes(message.nodeId);
        return;
      case 'openDashboard':
        await this.actions.openDashboard();
        return;
      case 'scaffold':
        await this.actions.scaffold(message.projectId);
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
    }
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const view = this.view(this.nodeId!);
    panel.title = view.title;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    renderPage(panel.webview, this.extensionUri, { script: 'lesson.js', style: 'lesson.css', title: view.title, state: { lesson: view } });
    wirePanel(panel, 'lesson page', (raw) => this.handleMessage(raw), () => {
      this.panel = undefined;
      this.ready = false;
    }, this.log);
  }

  private view(nodeId: string): LessonView {
    return buildLessonView(this.index, nodeId, {
      statusOf: (id) => this.progress.displayStatus(id),
      html: (id) => this.lessons.html(id),
      hasNotes: (id) => this.actions.hasNotes(id),
      order: this.actions.order(),
      hasStarter: (id) => this.actions.hasStarter(id),
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
