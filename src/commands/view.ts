import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { Grouping, NodeFilter } from '../progress/plan';
import type { CommandServices } from './index';

/** The tree's filter and grouping. Both accept their value as an argument (tests, keybindings). */
export function viewCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  return {
    [COMMANDS.filter]: async (arg?: unknown) => {
      const options: { label: string; value: NodeFilter }[] = [
        { label: 'All topics', value: 'all' },
        { label: 'Hide done', value: 'hide-done' },
        { label: 'In progress only', value: 'in-progress' },
      ];
      let value = options.find((o) => o.value === arg)?.value;
      if (!value) {
        const current = s.view.options.filter;
        const picked = await vscode.window.showQuickPick(
          options.map((o) => ({ ...o, description: o.value === current ? 'current' : undefined })),
          { placeHolder: 'Show which topics?' },
        );
        value = picked?.value;
      }
      if (value) await s.view.setOptions({ filter: value });
    },
    [COMMANDS.groupBy]: async (arg?: unknown) => {
      const options: { label: string; description?: string; value: Grouping }[] = [
        { label: 'Topics', description: 'the roadmap\'s sections', value: { kind: 'topics' } },
        ...s.index.roadmap.plans.map((p) => ({ label: p.title, description: p.summary, value: { kind: 'plan' as const, planId: p.id } })),
      ];
      const key = (g: Grouping) => (g.kind === 'plan' ? g.planId : 'topics');
      let value = typeof arg === 'string' ? options.find((o) => key(o.value) === arg)?.value : undefined;
      if (typeof arg === 'string' && !value) throw new Error(`unknown grouping '${arg}': use topics or a plan id (${s.index.roadmap.plans.map((p) => p.id).join(', ')})`);
      if (!value) {
        const current = key(s.view.options.grouping);
        const picked = await vscode.window.showQuickPick(
          options.map((o) => ({ ...o, detail: key(o.value) === current ? 'current' : undefined })),
          { placeHolder: 'Group topics by…' },
        );
        value = picked?.value;
      }
      if (value) await s.view.setOptions({ grouping: value });
    },
  };
}
