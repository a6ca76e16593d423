import type * as vscode from 'vscode';
import type { ProgressStore } from '../progress/store';
import type { RoadmapSource } from '../roadmaps/registry';
import type { RoadmapView } from '../tree/roadmapView';
import { Disposable } from '../util/dispose';
import { DashboardPanel } from './dashboardPanel';

/**
 * One dashboard per roadmap, each made the first time it is shown or restored (this code is
 * dist/dashboards.js, loaded then). A dashboard whose roadmap is gone closes.
 */
export class Dashboards extends Disposable {
  private readonly panels = new Map<string, DashboardPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    private readonly view: RoadmapView,
    private readonly writeRetrospective: (roadmapId: string) => Thenable<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(view.tree.onDidChangeTreeData(() => this.refresh()));
    this._register(roadmaps.onDidChange(() => {
      for (const [id, panel] of this.panels) {
        if (this.roadmaps.get(id)?.index !== panel.index) this.close(id);
      }
    }));
    this._register({ dispose: () => [...this.panels.keys()].forEach((id) => this.close(id)) });
  }

  /** The dashboard of a roadmap (the built-in one unless named); undefined when no such roadmap is shown. */
  get(roadmapId = this.roadmaps.main.id): DashboardPanel | undefined {
    const existing = this.panels.get(roadmapId);
    if (existing) return existing;
    const roadmap = this.roadmaps.get(roadmapId);
    if (!roadmap) return undefined;
    const title = roadmap === this.roadmaps.main ? undefined : `Dashboard: ${roadmap.index.roadmap.title || roadmap.id}`;
    const panel = new DashboardPanel(this.extensionUri, roadmap.index, this.store.scope(roadmap.id), () => this.view.grouping(roadmap.id), () => this.writeRetrospective(roadmap.id), this.log, title);
    this.panels.set(roadmapId, panel);
    return panel;
  }

  show(roadmapId = this.roadmaps.main.id): void {
    const panel = this.get(roadmapId);
    if (!panel) throw new Error(`there is no roadmap '${roadmapId}' to show a dashboard of`);
    panel.show();
  }

  /** After a reload: the saved state names the roadmap (states saved before name none: the built-in one). */
  async revive(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = state && typeof state === 'object' ? (state as { roadmapId?: unknown }).roadmapId : undefined;
    const roadmapId = typeof saved === 'string' ? saved : this.roadmaps.main.id;
    if (roadmapId !== this.roadmaps.main.id) await this.roadmaps.settled();
    const panel = this.get(roadmapId);
    if (!panel) {
      this.log.info(`dashboard not restored: its roadmap '${roadmapId}' is not in this workspace`);
      webviewPanel.dispose();
      return;
    }
    panel.revive(webviewPanel);
  }


  private refresh(): void {
    for (const panel of this.panels.values()) panel.refresh();
  }

  private close(roadmapId: string): void {
    this.panels.get(roadmapId)?.dispose();
    this.panels.delete(roadmapId);
  }
}
