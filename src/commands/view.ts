import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { Grouping, NodeFilter } from '../progress/plan';
import type { CommandServices } from './services';
import { roadmapIdOf } from './pickNode';

/** The tree's filter and grouping, and the learner's language. Each accepts its value as an argument (tests, keybindings). */
export function viewCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  return {
    [COMMANDS.chooseLanguage]: async (arg?: unknown) => {
      const options = s.language.options();
      let id = typeof arg === 'string' ? arg : undefined;
      if (id === undefined) {
        const current = s.language.chosen;
        const picked = await vscode.window.showQuickPick(
          options.map((n) => ({ label: n.title, description: n.id === current ? 'current' : n.hours === undefined ? undefined : `${n.hours} h`, detail: n.summary, id: n.id })),
          { placeHolder: 'Which language do you learn? It counts towards your hours; the others stay optional.' },
        );
        id = picked?.id;
      }
      if (id) await s.language.choose(id);
    },
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
    [COMMANDS.groupBy]: async (arg?: unknown, roadmapArg?: unknown) => {
      await s.roadmaps.start();
      // Every roadmap's sections and plans in one list, a separator per roadmap when there are
      // several; from a roadmap's root in the tree, that roadmap's only.
      const only = arg && typeof arg === 'object' ? roadmapIdOf(s, arg) : undefined;
      const roadmaps = s.roadmaps.list().filter((r) => !only || r.id === only);
      const choices: GroupingChoice[] = roadmaps.flatMap(({ id, index }) => [
        { label: 'Topics', description: 'the roadmap\'s sections', roadmapId: id, value: { kind: 'topics' } as Grouping },
        ...index.roadmap.plans.map((p) => ({ label: p.title || p.id, description: p.summary, roadmapId: id, value: { kind: 'plan', planId: p.id } as Grouping })),
      ]);
      const key = (g: Grouping) => (g.kind === 'plan' ? g.planId : 'topics');
      let picked: GroupingChoice | undefined;
      if (typeof arg === 'string') {
        // An argument names a grouping of the built-in roadmap, or of the roadmap given second.
        const roadmapId = roadmapIdOf(s, roadmapArg);
        picked = choices.find((c) => c.roadmapId === roadmapId && key(c.value) === arg);
        if (!picked) throw new Error(`unknown grouping '${arg}': use topics or a plan id (${s.roadmaps.get(roadmapId)!.index.roadmap.plans.map((p) => p.id).join(', ') || 'this roadmap has no plans'})`);
      } else {
        const items: (vscode.QuickPickItem & { choice?: GroupingChoice })[] = [];
        for (const { id, index } of roadmaps) {
          if (roadmaps.length > 1) items.push({ label: index.roadmap.title || id, kind: vscode.QuickPickItemKind.Separator });
          const current = key(s.view.grouping(id));
          for (const choice of choices.filter((c) => c.roadmapId === id)) items.push({ ...choice, detail: key(choice.value) === current ? 'current' : undefined, choice });
        }
        picked = (await vscode.window.showQuickPick(items, { placeHolder: 'Group topics by…' }))?.choice;
      }
      if (picked) await s.view.setOptions({ grouping: picked.value, roadmapId: picked.roadmapId });
    },
  };
}

interface GroupingChoice {
  label: string;
  description?: string;
  roadmapId: string;
  value: Grouping;
}
