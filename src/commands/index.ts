import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { CustomRoadmaps } from '../custom/customRoadmaps';
import type { DashboardPanel } from '../dashboard/dashboardPanel';
import type { LessonPanel } from '../lesson/lessonPanel';
import type { NotesService } from '../notes/notesService';
import type { ProgressStore, RoadmapProgress } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import type { RoadmapView } from '../tree/roadmapView';
import type * as DashboardBundle from '../dashboard/bundle';
import { lazyBundle } from '../util/lazy';
import { nodeCommands } from './nodes';
import type * as OnDemand from './onDemand';
import { progressFileCommands } from './progressFile';
import { viewCommands } from './view';

type Handlers = Record<string, (...args: unknown[]) => unknown>;

/** Scaffolding and the roadmap-file commands live in dist/commandsOnDemand.js. */
const onDemand = lazyBundle<typeof OnDemand>('commandsOnDemand');
const dashboardBundle = lazyBundle<typeof DashboardBundle>('dashboardPanel');

export interface CommandServices {
  index: RoadmapIndex;
  store: ProgressStore;
  progress: RoadmapProgress;
  lessons: LessonPanel;
  view: RoadmapView;
  notes: NotesService;
  dashboard: DashboardPanel;
  log: vscode.LogOutputChannel;
  startersRoot: string;
  /** The workspace's own roadmap files. */
  customs: CustomRoadmaps;
  /** "Roadmap: Verify Project" (its code is in dist/verifyUi.js). */
  verifyProject(arg?: unknown): Promise<unknown>;
}

/** Every command of the extension, registered in one place. */
export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const handlers: Handlers = {
    ...nodeCommands(s),
    ...viewCommands(s),
    ...progressFileCommands(s),
    ...loadedOnUse([COMMANDS.scaffold], () => onDemand().scaffoldCommands(s, s.startersRoot)),
    ...loadedOnUse([COMMANDS.newRoadmapFile, COMMANDS.openRoadmapFile], () => onDemand().customRoadmapCommands(s)),
    [COMMANDS.openDashboard]: () => s.dashboard.show(),
    [COMMANDS.writeRetrospective]: () => writeRetrospective(s),
    [COMMANDS.showLog]: () => s.log.show(),
    [COMMANDS.verifyProject]: (arg) => s.verifyProject(arg),
  };
  return Object.entries(handlers).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        s.log.error(`${id}: ${(err as Error).stack ?? err}`);
        void vscode.window.showErrorMessage(`Backend Roadmap: ${(err as Error).message}`);
        return undefined;
      }
    }),
  );
}

/** Handlers for `ids` whose code is in a bundle of its own, made by `load` when one of them first runs. */
function loadedOnUse(ids: string[], load: () => Handlers): Handlers {
  let loaded: Handlers | undefined;
  return Object.fromEntries(ids.map((id) => [id, (...args: unknown[]) => {
    const handler = (loaded ??= load())[id];
    if (!handler) throw new Error(`command ${id} has no handler in its bundle: list it where it is made`);
    return handler(...args);
  }]));
}

/** Today's retrospective note, with the prompts of the plan the dashboard follows. */
export function writeRetrospective(s: CommandServices): Thenable<unknown> {
  const view = s.dashboard.view();
  return s.notes.openRetrospective((today) => dashboardBundle().retrospectiveNote(view.plan?.prompts ?? [], today, view.percent));
}

/** With no roadmap, every command still exists (so the palette shows no errors) and explains. */
export function registerCommandsWithoutRoadmap(log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.values(COMMANDS).map((id) =>
    vscode.commands.registerCommand(id, () => (id === COMMANDS.showLog ? log.show() : void vscode.window.showErrorMessage('Backend Roadmap: the roadmap could not be loaded; see "Roadmap: Show Log".'))),
  );
}
