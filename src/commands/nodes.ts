import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { NodeStatus } from '../progress/store';
import type { CommandServices } from './services';
import { pickNode, resolveNode } from './pickNode';
import { plainDefinition } from '../glossary/terms';

/** Status changes, lessons, notes, search and "continue", for nodes of any roadmap. */
export function nodeCommands(s: CommandServices): Record<string, (...args: unknown[]) => unknown> {
  const setStatus = (status: NodeStatus, placeHolder: string) => async (arg?: unknown) => {
    const ref = await resolveNode(s, arg, placeHolder);
    if (ref) await s.store.setStatus(ref.roadmapId, ref.nodeId, status);
  };
  return {
    [COMMANDS.openLesson]: async (arg?: unknown) => {
      const ref = await resolveNode(s, arg, 'Open the lesson of…');
      if (ref) s.lessons.show(ref.nodeId, ref.roadmapId);
    },
    [COMMANDS.markDone]: setStatus('done', 'Mark done…'),
    [COMMANDS.markInProgress]: setStatus('in-progress', 'Mark in progress…'),
    [COMMANDS.markSkipped]: setStatus('skipped', 'Skip…'),
    [COMMANDS.resetNode]: setStatus('todo', 'Reset the status of…'),
    [COMMANDS.toggleDone]: async (arg?: unknown) => {
      const ref = await resolveNode(s, arg, 'Toggle done on…', true);
      if (!ref) return;
      const done = ['done', 'verified'].includes(s.store.displayStatus(ref.roadmapId, ref.nodeId));
      await s.store.setStatus(ref.roadmapId, ref.nodeId, done ? 'todo' : 'done');
    },
    [COMMANDS.openNotes]: async (arg?: unknown) => {
      const ref = await resolveNode(s, arg, 'Open the notes of…');
      if (ref) await s.notes.open(ref.nodeId, ref.roadmapId);
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
    [COMMANDS.reviewDue]: async () => {
      // Every roadmap's due items in one session; its workspace roadmaps' too, once they are read.
      await s.roadmaps.settled();
      if (!s.review.show()) {
        void vscode.window.showInformationMessage('Backend Roadmap: nothing is due for review. Quiz items you answer on a lesson page come back here when they are due.');
      }
    },
    [COMMANDS.glossary]: async () => {
      // Every roadmap's glossary; a term opens the lesson that teaches it.
      const items = s.roadmaps.list().flatMap((r) => r.glossary().map((t) => ({
        label: t.term,
        description: [t.aliases.join(', '), r.index.node(t.topic)?.title].filter(Boolean).join(' · '),
        detail: plainDefinition(t.definition),
        ref: { roadmapId: r.id, nodeId: t.topic },
      })));
      if (!items.length) return void vscode.window.showInformationMessage('Backend Roadmap: no glossary is loaded.');
      const picked = await vscode.window.showQuickPick(items, { title: 'Glossary', placeHolder: 'A term, or words of its definition; Enter opens the lesson that teaches it', matchOnDescription: true, matchOnDetail: true });
      if (!picked) return;
      await s.view.reveal(picked.ref.nodeId, false, picked.ref.roadmapId);
      s.lessons.show(picked.ref.nodeId, picked.ref.roadmapId);
    },
    [COMMANDS.search]: async () => {
      const ref = await pickNode(s, 'Search topics by title, section, roadmap or status');
      if (!ref) return;
      await s.view.reveal(ref.nodeId, false, ref.roadmapId);
      s.lessons.show(ref.nodeId, ref.roadmapId);
    },
    [COMMANDS.revealCurrent]: async () => {
      const ref = s.lessons.currentNode ?? (s.view.next() ? { roadmapId: s.roadmaps.main.id, nodeId: s.view.next()! } : undefined);
      if (ref) await s.view.reveal(ref.nodeId, true, ref.roadmapId);
    },
  };
}
