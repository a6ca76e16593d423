import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { RoadmapIndex } from '../roadmap/model';
import { countNodes } from './plan';
import type { RoadmapProgress } from './store';
import { Disposable } from '../util/dispose';

/**
 * "$(milestone) 12% · Next: DNS": click to continue with the next node; beside it, while quiz items
 * are due, "$(mortar-board) 3 due": click to review them.
 */
export class ProgressStatusBar extends Disposable {
  readonly item = this._register(vscode.window.createStatusBarItem('backendRoadmap.progress', vscode.StatusBarAlignment.Left, 50));
  readonly review = this._register(vscode.window.createStatusBarItem('backendRoadmap.review', vscode.StatusBarAlignment.Left, 49));
  private shown = false;

  constructor(
    private readonly index: RoadmapIndex,
    private readonly progress: RoadmapProgress,
    private readonly next: () => string | undefined,
    /** Quiz items due at `now` in every roadmap shown (the review page runs them all). */
    private readonly due: (now: Date) => number,
  ) {
    super();
    this.item.name = 'Backend Roadmap Progress';
    this.item.command = COMMANDS.continue;
    this.review.name = 'Backend Roadmap Review';
    this.review.command = COMMANDS.reviewDue;
    this.update();
    // Items come due while the window stays open.
    const hourly = setInterval(() => this.update(), 3_600_000);
    this._register({ dispose: () => clearInterval(hourly) });
  }

  /** Shown after the tree's first paint: nothing the learner waits for when opening the view. */
  show(): void {
    this.shown = true;
    this.item.show();
    this.update();
  }

  update(): void {
    const c = countNodes(this.index, this.index.order, (id) => this.progress.displayStatus(id));
    const nextId = this.next();
    const next = nextId ? this.index.node(nextId)?.title : undefined;
    this.item.text = `$(milestone) ${c.percent}%${next ? ` · Next: ${next}` : ''}`;
    this.item.tooltip = `Backend Roadmap: ${c.done} of ${c.total - c.skipped} topics done, ${c.hoursLeft} hours left.${next ? `\nClick to continue with "${next}".` : '\nEverything is done.'}`;
    this.item.accessibilityInformation = { label: `Roadmap ${c.percent} percent done${next ? `, next: ${next}` : ''}` };
    const due = this.due(new Date());
    this.review.text = `$(mortar-board) ${due} due`;
    this.review.tooltip = `Backend Roadmap: ${due} quiz item${due === 1 ? '' : 's'} due for review. Click to review.`;
    this.review.accessibilityInformation = { label: `${due} quiz items due for review` };
    if (this.shown && due > 0) this.review.show();
    else this.review.hide();
  }
}
