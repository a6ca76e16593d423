import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { RoadmapIndex } from '../roadmap/model';
import { countNodes } from './plan';
import type { RoadmapProgress } from './store';
import { Disposable } from '../util/dispose';

/** "$(milestone) 12% · Next: DNS": click to continue with the next node. */
export class ProgressStatusBar extends Disposable {
  readonly item = this._register(vscode.window.createStatusBarItem('backendRoadmap.progress', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly index: RoadmapIndex, private readonly progress: RoadmapProgress, private readonly next: () => string | undefined) {
    super();
    this.item.name = 'Backend Roadmap Progress';
    this.item.command = COMMANDS.continue;
    this.update();
  }

  /** Shown after the tree's first paint: nothing the learner waits for when opening the view. */
  show(): void {
    this.item.show();
  }

  update(): void {
    const c = countNodes(this.index, this.index.order, (id) => this.progress.displayStatus(id));
    const nextId = this.next();
    const next = nextId ? this.index.node(nextId)?.title : undefined;
    this.item.text = `$(milestone) ${c.percent}%${next ? ` · Next: ${next}` : ''}`;
    this.item.tooltip = `Backend Roadmap: ${c.done} of ${c.total - c.skipped} topics done, ${c.hoursLeft} hours left.${next ? `\nClick to continue with "${next}".` : '\nEverything is done.'}`;
    this.item.accessibilityInformation = { label: `Roadmap ${c.percent} percent done${next ? `, next: ${next}` : ''}` };
  }
}
