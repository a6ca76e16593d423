import type * as vscode from 'vscode';
import type { RoadmapSource, ShownRoadmap } from '../roadmaps/registry';
import { Disposable } from '../util/dispose';

/** A page shown once per roadmap (a dashboard, a graph). */
export interface RoadmapPage {
  show(): void;
  revive(panel: vscode.WebviewPanel): void;
  refresh(): void;
  dispose(): void;
}

/**
 * One page per roadmap, made the first time it is shown or restored after a reload, closed with
 * the extension. What the page is, and what happens when its roadmap changes, is the subclass's.
 */
export abstract class RoadmapPages<P extends RoadmapPage> extends Disposable {
  protected readonly panels = new Map<string, P>();

  protected constructor(
    protected readonly roadmaps: RoadmapSource,
    protected readonly log: vscode.LogOutputChannel,
    /** How messages name the page: "dashboard", "graph page". */
    private readonly what: string,
  ) {
    super();
    this._register({ dispose: () => [...this.panels.keys()].forEach((id) => this.close(id)) });
  }

  /** A new page for a roadmap shown. */
  protected abstract create(roadmap: ShownRoadmap): P;

  /** The page of a roadmap (the built-in one unless named); undefined when no such roadmap is shown. */
  get(roadmapId = this.roadmaps.main.id): P | undefined {
    const existing = this.panels.get(roadmapId);
    if (existing) return existing;
    const roadmap = this.roadmaps.get(roadmapId);
    if (!roadmap) return undefined;
    const panel = this.create(roadmap);
    this.panels.set(roadmapId, panel);
    return panel;
  }

  show(roadmapId = this.roadmaps.main.id): P {
    const panel = this.get(roadmapId);
    if (!panel) throw new Error(`there is no roadmap '${roadmapId}' in this workspace to show the ${this.what} of`);
    panel.show();
    return panel;
  }

  /** After a reload: the saved state names the roadmap (states saved before name none: the built-in one). */
  async revive(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = state && typeof state === 'object' ? (state as { roadmapId?: unknown }).roadmapId : undefined;
    const roadmapId = typeof saved === 'string' ? saved : this.roadmaps.main.id;
    if (roadmapId !== this.roadmaps.main.id) await this.roadmaps.settled();
    const panel = this.get(roadmapId);
    if (!panel) {
      this.log.info(`${this.what} not restored: its roadmap '${roadmapId}' is not in this workspace`);
      webviewPanel.dispose();
      return;
    }
    panel.revive(webviewPanel);
  }

  protected refresh(): void {
    for (const panel of this.panels.values()) panel.refresh();
  }

  /** Closes a roadmap's page (the next show makes a new one). */
  close(roadmapId: string): void {
    this.panels.get(roadmapId)?.dispose();
    this.panels.delete(roadmapId);
  }
}
