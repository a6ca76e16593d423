import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { LESSON_PANEL } from '../ids';
import type { RoadmapProgress } from '../progress/store';
import type { LessonStore } from '../roadmap/load';
import type { RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { buildPageHtml } from './html';
import { parseWebviewMessage, type LessonView, type ToWebview } from './protocol';

interface SavedState {
  nodeId?: string;
}

/** The one lesson panel: created on first use, then its content is swapped by message. */
export class LessonPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private nodeId: string | undefined;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: RoadmapIndex,
    private readonly lessons: LessonStore,
    private readonly progress: RoadmapProgress,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(progress.store.onDidChange((change) => {
      if (change.roadmapId === progress.roadmapId && this.nodeId && change.nodeIds.includes(this.nodeId)) {
        this.post({ type: 'status', nodeId: this.nodeId, status: progress.displayStatus(this.nodeId) });
      }
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
      const panel = vscode.window.createWebviewPanel(LESSON_PANEL, 'Lesson', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, this.webviewOptions());
      this.attach(panel);
    } else {
      this.panel.reveal(undefined, false);
      if (this.ready) this.post({ type: 'show', lesson: this.view(nodeId) });
    }
  }

  /** Called by the serializer after a window reload. */
  revive(panel: vscode.WebviewPanel, state: SavedState | undefined): void {
    const id = state?.nodeId;
    if (!id || !this.index.node(id) || this.panel) {
      panel.dispose();
      return;
    }
    this.nodeId = id;
    panel.webview.options = this.webviewOptions();
    this.attach(panel);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    const webview = panel.webview;
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    const view = this.view(this.nodeId!);
    panel.title = view.title;
    webview.html = buildPageHtml(
      { cspSource: webview.cspSource, scriptUri: media('lesson.js'), styleUri: media('lesson.css') },
      randomBytes(16).toString('base64'),
      view.title,
      { lesson: view },
    );
    const subscriptions = [
      webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => {
        for (const s of subscriptions) s.dispose();
        this.panel = undefined;
        this.ready = false;
      }),
    ];
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw, (id) => this.index.node(id) !== undefined);
    if (!message) {
      this.log.warn(`lesson page sent an invalid message, ignored: ${safeJson(raw)}`);
      return;
    }
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
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
    }
  }

  private view(nodeId: string): LessonView {
    const node = this.index.node(nodeId)!;
    return {
      nodeId,
      title: node.title,
      section: this.index.sectionOf.get(nodeId)?.title ?? '',
      summary: node.summary,
      hours: node.hours,
      status: this.progress.displayStatus(nodeId),
      html: this.lessons.html(nodeId) ?? '<p>This node has no lesson yet.</p>',
      resources: node.resources,
    };
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
