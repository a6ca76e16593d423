import * as vscode from 'vscode';
import { bundles } from '../bundles';
import { COMMANDS } from '../ids';
import { nodeCommands } from './nodes';
import { roadmapIdOf } from './pickNode';
import type { CommandServices } from './services';

export type { CommandServices };

type Handlers = Record<string, (...args: unknown[]) => unknown>;


/** Every command of the extension, registered in one place. */
export function registerCommands(s: CommandServices): vscode.Disposable[] {
  const handlers: Handlers = {
    ...nodeCommands(s),
    ...loadedOnUse([COMMANDS.filter, COMMANDS.groupBy], () => bundles.viewCommands().viewCommands(s)),
    ...loadedOnUse([COMMANDS.exportProgress, COMMANDS.importProgress, COMMANDS.resetAllProgress], () => bundles.progressFileCommands().progressFileCommands(s)),
    ...loadedOnUse([COMMANDS.scaffold], () => bundles.scaffoldCommands().scaffoldCommands(s)),
    ...loadedOnUse([COMMANDS.newRoadmapFile, COMMANDS.openRoadmapFile], () => bundles.roadmapFileCommands().roadmapFileCommands(s)),
    [COMMANDS.openDashboard]: (arg) => s.dashboards.show(roadmapIdOf(s, arg)),
    [COMMANDS.showGraph]: async (arg) => {
      await s.roadmaps.settled();
      s.graphs.show(roadmapIdOf(s, arg));
    },
    [COMMANDS.exportProgressImage]: (arg, format, target) => s.graphs.exportImage(roadmapIdOf(s, arg), format, target),
    [COMMANDS.exportProgressSummary]: (arg, target) => s.graphs.exportSummary(roadmapIdOf(s, arg), target),
    [COMMANDS.writeRetrospective]: (arg) => writeRetrospective(s, roadmapIdOf(s, arg)),
    [COMMANDS.showLog]: () => s.log.show(),
    [COMMANDS.verifyProject]: (arg) => s.verifyProject(arg),
    [COMMANDS.verifyOwnProject]: (arg) => s.verifyOwnProject(arg),
    [COMMANDS.verifyDeployed]: (arg, url) => s.verifyDeployed(arg, url),
    [COMMANDS.watchMilestone]: (arg) => s.practice().watchFrom(arg),
    [COMMANDS.startExercise]: (arg) => s.startExercise(arg),
    [COMMANDS.stopWatching]: () => s.practice().stopWatching(),
    [COMMANDS.openMilestone]: (arg) => s.practice().openMilestone(arg),
    [COMMANDS.showReferenceDiff]: (arg) => s.practice().showReferenceFor(arg),
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

/** Today's retrospective note, with the prompts of the plan a roadmap's dashboard follows. */
export function writeRetrospective(s: Pick<CommandServices, 'dashboards' | 'notes'>, roadmapId?: string): Thenable<unknown> {
  const dashboard = s.dashboards.get(roadmapId);
  if (!dashboard) throw new Error(`there is no roadmap '${roadmapId}' in this workspace`);
  return s.notes.openRetrospective((today) => dashboard.retrospectiveNote(today));
}

/** With no roadmap, every command still exists (so the palette shows no errors) and explains. */
export function registerCommandsWithoutRoadmap(log: vscode.LogOutputChannel): vscode.Disposable[] {
  return Object.values(COMMANDS).map((id) =>
    vscode.commands.registerCommand(id, () => (id === COMMANDS.showLog ? log.show() : void vscode.window.showErrorMessage('Backend Roadmap: the roadmap could not be loaded; see "Roadmap: Show Log".'))),
  );
}
