import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ProgressStore } from '../progress/store';
import type { RoadmapSource, ShownRoadmap } from '../roadmaps/registry';
import type { RoadmapView } from '../tree/roadmapView';
import { RoadmapPages } from '../webview/roadmapPages';
import { GraphPanel } from './graphPanel';
import { LayoutCache } from './layouts';
import { progressSvg } from './svg';
import { summaryMarkdown } from './summary';

export type ImageFormat = 'svg' | 'png';

/**
 * One graph page per roadmap, made the first time it is shown or restored (this code is
 * dist/graphs.js, loaded then), and the progress exports: an image of the graph and a Markdown
 * summary. Exports are written only where the learner saves them: nothing is sent anywhere.
 */
export class Graphs extends RoadmapPages<GraphPanel> {
  readonly layouts: LayoutCache;

  constructor(
    private readonly extensionUri: vscode.Uri,
    roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    private readonly view: RoadmapView,
    private readonly openLesson: (roadmapId: string, nodeId: string) => void,
    log: vscode.LogOutputChannel,
    cacheDir: string | undefined,
  ) {
    super(roadmaps, log, 'graph page');
    this.layouts = new LayoutCache(path.join(__dirname, 'graphWorker.js'), cacheDir);
    this._register(view.tree.onDidChangeTreeData(() => this.refresh()));
    this._register(store.onDidChange((change) => this.panels.get(change.roadmapId)?.refresh()));
    this._register(roadmaps.onDidChange(() => {
      for (const [id, panel] of this.panels) {
        const roadmap = this.roadmaps.get(id);
        if (!roadmap) this.close(id);
        else panel.useRoadmap(roadmap);
      }
    }));
  }

  protected create(roadmap: ShownRoadmap): GraphPanel {
    const title = roadmap === this.roadmaps.main ? 'Roadmap Graph' : `Graph: ${roadmap.index.roadmap.title || roadmap.id}`;
    return new GraphPanel(this.extensionUri, roadmap, this.store, () => this.view.grouping(roadmap.id), this.layouts, {
      openLesson: (r, n) => this.openLesson(r, n),
      export: (r, what) => (what === 'summary' ? this.exportSummary(r) : this.exportImage(r, what)),
    }, this.log, title);
  }

  /**
   * "Export Progress Image": SVG (built here from the layout) or PNG (drawn by the graph page on a
   * canvas). `format` and `target` are asked for when not given. Returns where it was saved.
   */
  async exportImage(roadmapId: string, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
    let chosen: ImageFormat | undefined = format === 'svg' || format === 'png' ? format : undefined;
    if (format !== undefined && !chosen) throw new Error(`unknown image format '${String(format)}': use svg or png`);
    chosen ??= (await vscode.window.showQuickPick([
      { label: 'PNG', description: 'a picture to share anywhere', format: 'png' as const },
      { label: 'SVG', description: 'a drawing that stays sharp at any size', format: 'svg' as const },
    ], { placeHolder: 'Export the progress image as…' }))?.format;
    if (!chosen) return undefined;
    const panel = this.get(roadmapId);
    if (!panel) throw new Error(`there is no roadmap '${roadmapId}' in this workspace`);
    let bytes: Uint8Array;
    if (chosen === 'png') bytes = await panel.renderPng();
    else {
      const layout = await panel.ensureLayout();
      if (!layout) throw new Error(`the graph of '${roadmapId}' could not be laid out; see "Roadmap: Show Log"`);
      bytes = new TextEncoder().encode(progressSvg(panel.view(layout), layout, new Date()));
    }
    return this.save(target, `${roadmapId}-progress-${today()}.${chosen}`, chosen === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] }, bytes, 'Export Progress Image');
  }

  /** "Export Progress Summary": Markdown with a badge, counts kept apart, verified milestones with their date. */
  async exportSummary(roadmapId: string, target?: unknown): Promise<vscode.Uri | undefined> {
    const roadmap = this.roadmaps.get(roadmapId);
    if (!roadmap) throw new Error(`there is no roadmap '${roadmapId}' in this workspace`);
    const text = summaryMarkdown(roadmap.index, {
      statusOf: (id) => this.store.displayStatus(roadmapId, id),
      progressOf: (id) => this.store.get(roadmapId, id),
      milestonePeeked: (key, at) => {
        const peekedAt = this.store.practice(roadmapId, key).peekedAt;
        return peekedAt !== undefined && peekedAt <= at;
      },
      today: new Date(),
    });
    return this.save(target, `${roadmapId}-progress-${today()}.md`, { Markdown: ['md'] }, new TextEncoder().encode(text), 'Export Progress Summary');
  }

  private async save(target: unknown, name: string, filters: Record<string, string[]>, bytes: Uint8Array, title: string): Promise<vscode.Uri | undefined> {
    const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({
      title,
      defaultUri: vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir()), name),
      filters,
    });
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytes);
    this.log.info(`${title}: saved ${uri.fsPath} (${bytes.length} bytes)`);
    void vscode.window.showInformationMessage(`Backend Roadmap: saved ${uri.fsPath}.`);
    return uri;
  }
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
