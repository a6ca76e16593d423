import * as vscode from 'vscode';
import { COMMANDS, DASHBOARD_PANEL, SETTINGS } from '../ids';
import type { Grouping } from '../progress/plan';
import type { RoadmapProgress } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import { WebviewPage } from '../webview/page';
import type { Ready } from '../webview/protocol';
import { sectionChartSvg } from './chart';
import { buildDashboard, dashboardUrls, DEFAULT_WEEKLY_HOURS, retrospectiveNote } from './model';
import { parseDashboardMessage, type FromDashboard, type ToDashboard } from './protocol';

/** The progress dashboard: one panel, refreshed by message when progress or settings change. */
export class DashboardPanel extends WebviewPage<ToDashboard, FromDashboard> {
  constructor(
    extensionUri: vscode.Uri,
    readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    private readonly grouping: () => Grouping,
    private readonly writeRetrospective: () => Thenable<unknown>,
    log: vscode.LogOutputChannel,
    /** The tab's title: the built-in roadmap's is "Roadmap Dashboard", a workspace roadmap's names it. */
    private readonly tabTitle = 'Roadmap Dashboard',
    /** Topics the learner's own code can verify (the built-in roadmap's); undefined where none can. */
    private readonly verifiable?: (nodeId: string) => boolean,
  ) {
    super(extensionUri, log, { viewType: DASHBOARD_PANEL, name: 'dashboard', script: 'dashboard.js', style: 'dashboard.css' });
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.weeklyHours}`) && this.refresh()));
  }

  show(): void {
    if (!this.openPanel(vscode.ViewColumn.Active)) this.refresh();
  }

  revive(panel: vscode.WebviewPanel): void {
    this.reviveOrDispose(panel);
  }

  /** Draws the dashboard again (once, however many times this is called in one turn). */
  refresh(): void {
    this.invalidate();
  }

  protected parse(raw: unknown): FromDashboard | undefined {
    const view = this.view();
    const keys = new Set(view.plan?.phases.flatMap((p) => p.signals.map((s) => s.key)) ?? []);
    const urls = dashboardUrls(view);
    return parseDashboardMessage(raw, (key) => keys.has(key), (url) => urls.has(url));
  }

  protected async act(message: Exclude<FromDashboard, Ready>): Promise<void> {
    switch (message.type) {
      case 'toggleSignal':
        await this.progress.store.setSignal(this.progress.roadmapId, message.key, message.checked);
        return;
      case 'writeRetrospective':
        await this.writeRetrospective();
        return;
      case 'showGraph':
        await vscode.commands.executeCommand(COMMANDS.showGraph, this.progress.roadmapId);
        return;
      case 'chooseLanguage':
        await vscode.commands.executeCommand(COMMANDS.chooseLanguage);
        return;
      case 'openExternal':
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
      case 'setWeeklyHours':
        await vscode.workspace.getConfiguration(SETTINGS.section).update(SETTINGS.weeklyHours, message.hours, vscode.ConfigurationTarget.Global);
        return;
    }
  }

  protected title(): string {
    return this.tabTitle;
  }

  /** Today's retrospective note, with the prompts of the plan this dashboard follows. */
  retrospectiveNote(today: Date): string {
    const view = this.view();
    return retrospectiveNote(view.plan?.prompts ?? [], today, view.percent);
  }

  protected snapshot(): ToDashboard {
    return { type: 'show', dashboard: this.view() };
  }

  view(): ToDashboard['dashboard'] {
    const grouping = this.grouping();
    const dashboard = buildDashboard(this.index, {
      planId: grouping.kind === 'plan' ? grouping.planId : undefined,
      statusOf: (id) => this.progress.displayStatus(id),
      peeked: (id) => this.progress.peeked(id),
      verifiable: this.verifiable,
      weeklyHours: vscode.workspace.getConfiguration(SETTINGS.section).get<number>(SETTINGS.weeklyHours, DEFAULT_WEEKLY_HOURS),
      today: new Date(),
      signals: this.progress.store.signals(this.progress.roadmapId),
    });
    return { ...dashboard, chart: sectionChartSvg(dashboard.sections) };
  }
}
