import * as vscode from 'vscode';
import { DASHBOARD_PANEL, SETTINGS } from '../ids';
import type { Grouping } from '../progress/plan';
import type { RoadmapProgress } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import { Disposable } from '../util/dispose';
import { pageOptions, renderPage, wirePanel } from '../util/webviewPage';
import { sectionChartSvg } from './chart';
import { buildDashboard, DEFAULT_WEEKLY_HOURS, retrospectiveNote } from './model';
import { parseDashboardMessage, type FromDashboard, type ToDashboard } from './protocol';

/** The progress dashboard: one panel, refreshed by message when progress or settings change. */
export class DashboardPanel extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  rejected = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    private readonly grouping: () => Grouping,
    private readonly writeRetrospective: () => Thenable<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.weeklyHours}`) && this.refresh()));
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, false);
      this.refresh();
      return;
    }
    this.attach(vscode.window.createWebviewPanel(DASHBOARD_PANEL, 'Roadmap Dashboard', vscode.ViewColumn.Active, pageOptions(this.extensionUri)));
  }

  revive(panel: vscode.WebviewPanel): void {
    if (this.panel) {
      panel.dispose();
      return;
    }
    panel.webview.options = pageOptions(this.extensionUri);
    this.attach(panel);
  }

  refresh(): void {
    if (this.ready) this.post({ type: 'show', dashboard: this.view() });
  }

  async handleMessage(raw: unknown): Promise<boolean> {
    const keys = new Set(this.view().plan?.phases.flatMap((p) => p.signals.map((s) => s.key)) ?? []);
    const message = parseDashboardMessage(raw, (key) => keys.has(key));
    if (!message) {
      this.rejected++;
      this.log.warn(`dashboard sent a message that was refused: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return false;
    }
    await this.act(message);
    return true;
  }

  private async act(message: FromDashboard): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'toggleSignal':
        await this.progress.store.setSignal(this.progress.roadmapId, message.key, message.checked);
        return;
      case 'writeRetrospective':
        await this.writeRetrospective();
        return;
      case 'setWeeklyHours':
        await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.weeklyHours, message.hours, vscode.ConfigurationTarget.Global);
        return;
    }
  }

  view(): ToDashboard['dashboard'] {
    const grouping = this.grouping();
    const dashboard = buildDashboard(this.index, {
      planId: grouping.kind === 'plan' ? grouping.planId : undefined,
      statusOf: (id) => this.progress.displayStatus(id),
      weeklyHours: vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.weeklyHours, DEFAULT_WEEKLY_HOURS),
      today: new Date(),
      signals: this.progress.store.signals(this.progress.roadmapId),
    });
    return { ...dashboard, chart: sectionChartSvg(dashboard.sections) };
  }

  /** Today's retrospective note, with the prompts of the plan this dashboard follows. */
  retrospectiveNote(today: Date): string {
    const view = this.view();
    return retrospectiveNote(view.plan?.prompts ?? [], today, view.percent);
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    renderPage(panel.webview, this.extensionUri, { script: 'dashboard.js', style: 'dashboard.css', title: 'Roadmap Dashboard', state: { dashboard: this.view() } });
    wirePanel(panel, 'dashboard', (raw) => this.handleMessage(raw), () => {
      this.panel = undefined;
      this.ready = false;
    }, this.log);
  }

  private post(message: ToDashboard): void {
    void this.panel?.webview.postMessage(message);
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}
