import * as vscode from 'vscode';
import { COMMANDS } from '../ids';
import type { NotesService } from '../notes/notesService';
import { orderedNodeIds } from '../progress/plan';
import type { RoadmapSource } from '../roadmaps/registry';
import type { RoadmapView } from '../tree/roadmapView';
import type { LessonActions, MilestonePages } from './lessonPanel';
import type { LessonTerm } from './protocol';
import { lessonTerms } from './terms';
import type { ExerciseSummary } from '../exercise/summary';

/** What the lesson page may ask of the rest of the extension, answered from the roadmaps shown. */
export function lessonActions(roadmaps: RoadmapSource, view: RoadmapView, notes: NotesService, practice: { hasChecks(projectId: string): boolean; milestones(): MilestonePages; exercise(nodeId: string): ExerciseSummary | undefined }, language: { onDidChange: vscode.Event<void> }): LessonActions {
  // Which glossary terms each lesson uses: found once per lesson shown (a workspace roadmap's lessons may change, so by its roadmap too).
  const termCache = new Map<string, LessonTerm[]>();
  roadmaps.onDidChange(() => termCache.clear());
  return {
    roadmap: (roadmapId) => {
      const roadmap = roadmaps.get(roadmapId);
      return roadmap && {
        index: roadmap.index,
        html: (id) => roadmap.lessonHtml(id),
        // Previous and next walk the order the tree shows this roadmap in.
        order: () => orderedNodeIds(roadmap.index, view.grouping(roadmapId)),
        hasStarter: (projectId) => roadmap.starterFolder(projectId) !== undefined,
        showTitle: roadmapId !== roadmaps.main.id,
      };
    },
    roadmapsLoaded: () => roadmaps.settled(),
    onDidChangeRoadmaps: roadmaps.onDidChange,
    hasNotes: (id, roadmapId) => notes.has(id, roadmapId),
    onDidChangeNotes: notes.onDidChange,
    openNotes: (id, roadmapId) => notes.open(id, roadmapId),
    openDashboard: (roadmapId) => vscode.commands.executeCommand(COMMANDS.openDashboard, roadmapId),
    scaffold: (projectId, roadmapId) => vscode.commands.executeCommand(COMMANDS.scaffold, { roadmapId, projectId }),
    hasChecks: (projectId) => practice.hasChecks(projectId),
    milestones: () => practice.milestones(),
    exercise: (nodeId) => practice.exercise(nodeId),
    startExercise: (nodeId) => vscode.commands.executeCommand(COMMANDS.startExercise, nodeId),
    chooseLanguage: (nodeId) => vscode.commands.executeCommand(COMMANDS.chooseLanguage, nodeId),
    onDidChangeLanguage: language.onDidChange,
    quiz: (roadmapId, nodeId) => roadmaps.get(roadmapId)?.quiz(nodeId),
    terms: (roadmapId, nodeId) => {
      const roadmap = roadmaps.get(roadmapId);
      const html = roadmap?.lessonHtml(nodeId);
      if (!roadmap || html === undefined) return undefined;
      const key = `${roadmapId}\n${nodeId}`;
      if (!termCache.has(key)) termCache.set(key, lessonTerms(html, nodeId, roadmap.glossary(), (id) => roadmap.index.node(id)?.title ?? id));
      return termCache.get(key);
    },
  };
}
