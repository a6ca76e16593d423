import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { NodeStatus } from '../progress/store';
import type { CommandServices } from './index';
import { pickNode, resolveNode } from './pickNode';

/** Status changes, lessons, notes, search and "continue". */
export function nodeCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  const setStatus = (status: NodeStatus, placeHolder: string) => async (arg?: unknown) => {
    const id = await resolveNode(s, arg, placeHolder);
    if (id) await s.progress.setStatus(id, status);
  };
  return {
    [COMMANDS.openLesson]: async (arg?: unknown) => {
      const id = await resolveNode(s, arg, 'Open the lesson of…');
      if (id) s.lessons.show(id);
    },
    [COMMANDS.markDone]: setStatus('done', 'Mark done…'),
    [COMMANDS.markInProgress]: setStatus('in-progress', 'Mark in progress…'),
    [COMMANDS.markSkipped]: setStatus('skipped', 'Skip…'),
    [COMMANDS.resetNode]: setStatus('todo', 'Reset the status of…'),
    [COMMANDS.toggleDone]: async (arg?: unknown) => {
      const id = await resolveNode(s, arg, 'Toggle done on…', true);
      if (!id) return;
      const done = ['done', 'verified'].includes(s.progress.displayStatus(id));
      await s.progress.setStatus(id, done ? 'todo' : 'done');
    },
    [COMMANDS.openNotes]: async (arg?: unknown) => {
      const id = await resolveNode(s, arg, 'Open the notes of…');
      if (id) await s.notes.open(id);
    },
    [COMMANDS.continue]: async () => {
      const id = s.view.next();
      if (!id) {
        void vscode.window.showInformationMessage('Backend Roadmap: every topic is done or skipped. Well done!');
        return;
      }
      await s.view.reveal(id);
      s.lessons.show(id);
    },
    [COMMANDS.search]: async () => {
      const id = await pickNode(s, 'Search topics by title, section or status');
      if (!id) return;
      await s.view.reveal(id);
      s.lessons.show(id);
    },
    [COMMANDS.revealCurrent]: async () => {
      const id = s.lessons.currentNodeId ?? s.view.next();
      if (id) await s.view.reveal(id, true);
    },
  };
}
