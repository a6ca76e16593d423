import type * as vscode from 'vscode';
import type { ProgressStore } from '../progress/store';
import type { RoadmapSource, ShownRoadmap } from '../roadmaps/registry';
import type { RoadmapView } from '../tree/roadmapView';
import { RoadmapPages } from '../webview/roadmapPages';
import { DashboardPanel } from './dashboardPanel';

/**
 * One dashboard per roadmap, each made the first time it is shown or restored (this code is
 * dist/dashboards.js, loaded then). A dashboard whose roadmap is gone closes.
 */
export class Dashboards extends RoadmapPages<DashboardPanel> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    private readonly view: RoadmapView,
    private readonly writeRetrospective: (roadmapId: string) => Thenable<unknown>,
    log: vscode.LogOutputChannel,
  ) {
    super(roadmaps, log, 'dashboard');
    this._register(view.tree.onDidChangeTreeData(() => this.refresh()));
    this._register(roadmaps.onDidChange(() => {
      for (const [id, panel] of this.panels) {
        if (this.roadmaps.get(id)?.index !== panel.index) this.close(id);
      }
    }));
  }

  protected create(roadmap: ShownRoadmap): DashboardPanel {
    const title = roadmap === this.roadmaps.main ? undefined : `Dashboard: ${roadmap.index.roadmap.title || roadmap.id}`;
    return new DashboardPanel(this.extensionUri, roadmap.index, this.store.scope(roadmap.id), () => this.view.grouping(roadmap.id), () => this.writeRetrospective(roadmap.id), this.log, title, roadmap.verifiable && ((id: string) => roadmap.verifiable!(id)));
  }
}
