import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';
import type { RoadmapIndex } from '../roadmap/model';
import type { GlossaryTerm } from '../glossary/terms';
import type { CompiledQuiz } from '../quiz/compiled';
import { Disposable } from '../util/dispose';
import type { WorkspaceRoadmapFile, WorkspaceRoadmaps } from './workspace';

/**
 * One roadmap the extension shows: the built-in one or a workspace file's. Everything a part of
 * the extension needs to know about a roadmap is here, so none of them asks which kind it is.
 */
export interface ShownRoadmap {
  readonly id: string;
  readonly index: RoadmapIndex;
  /** The workspace file the roadmap was read from; undefined for the built-in roadmap. */
  readonly uri?: vscode.Uri;
  /** A lesson's HTML, or undefined when the node has none (a workspace node may have no lesson yet). */
  lessonHtml(nodeId: string): string | undefined;
  /** The folder that holds a project idea's starters, when the idea has one on disk. */
  starterFolder(projectId: string): string | undefined;
  /** A topic's quiz (self-check answers and graded items), where it has one. */
  quiz(nodeId: string): CompiledQuiz | undefined;
  /** A topic's graded item ids alone (what tells a checked topic), without reading the quizzes' text where that can be avoided. */
  quizItems(nodeId: string): readonly string[] | undefined;
  /** The roadmap's glossary (the built-in one has one; a workspace roadmap none yet). */
  glossary(): readonly GlossaryTerm[];
  /** Whether the learner's own code can verify a topic (a milestone's or an exercise's checks); only the built-in roadmap has checks. */
  verifiable?(nodeId: string): boolean;
}

/** The built-in roadmap's quizzes: compiled to dist/, each file read on first need. */
export interface BuiltinQuizzes {
  quiz(nodeId: string): CompiledQuiz | undefined;
  items(nodeId: string): readonly string[] | undefined;
  /** The glossary, read on first need too. */
  glossary(): readonly GlossaryTerm[];
  /** Topics a milestone's or an exercise's checks can verify. */
  verifiable?(nodeId: string): boolean;
}

/** What the tree, the commands and the pages need of the registry (the bench gives its own). */
export interface RoadmapSource {
  /** The built-in roadmap: the one the status bar and "continue" follow. */
  readonly main: ShownRoadmap;
  get(roadmapId: string): ShownRoadmap | undefined;
  /** Every roadmap shown, the built-in one first, then the workspace's in path order. */
  list(): ShownRoadmap[];
  /** Every workspace roadmap file found, also those that cannot be shown (for the tree's roots). */
  files(): WorkspaceRoadmapFile[];
  /** Fires when a workspace roadmap appears, changes or goes. */
  readonly onDidChange: vscode.Event<void>;
  /** Looks for the workspace's roadmap files the first time (later calls return the same promise). */
  start(): Promise<void>;
  /** Resolves once every file found so far is loaded. */
  settled(): Promise<void>;
}

/** The roadmaps shown: the built-in one and the workspace's own, by id. */
export class Roadmaps extends Disposable implements RoadmapSource {
  readonly onDidChange: vscode.Event<void>;
  /** Each loaded file's roadmap, made once per load so it can be compared by identity. */
  private readonly shown = new WeakMap<object, ShownRoadmap>();

  constructor(readonly main: ShownRoadmap, private readonly workspace: WorkspaceRoadmaps) {
    super();
    this._register(workspace);
    this.onDidChange = workspace.onDidChange;
  }

  get(roadmapId: string): ShownRoadmap | undefined {
    if (roadmapId === this.main.id) return this.main;
    const file = this.workspace.get(roadmapId);
    return file && this.fromFile(file);
  }

  list(): ShownRoadmap[] {
    return [this.main, ...this.files().flatMap((f) => (f.conflict || !f.loaded.index ? [] : [this.fromFile(f)!]))];
  }

  files(): WorkspaceRoadmapFile[] {
    return this.workspace.list();
  }

  start(): Promise<void> {
    return this.workspace.start();
  }

  settled(): Promise<void> {
    return this.workspace.settled();
  }

  private fromFile(file: WorkspaceRoadmapFile): ShownRoadmap | undefined {
    const { loaded, uri } = file;
    const index = loaded.index;
    if (!index) return undefined;
    let roadmap = this.shown.get(loaded);
    if (!roadmap) {
      const folder = path.dirname(uri.fsPath);
      roadmap = {
        id: index.roadmap.id,
        index,
        uri,
        lessonHtml: (nodeId) => loaded.lessonHtml(nodeId),
        quiz: (nodeId) => loaded.quiz(nodeId),
        quizItems: (nodeId) => loaded.quiz(nodeId)?.items.map((i) => i.id),
        glossary: () => [],
        starterFolder: (projectId) => {
          const starter = index.roadmap.projects.find((p) => p.id === projectId)?.starter;
          // The validator keeps a starter folder inside the roadmap file's folder.
          return starter ? existingFolder(path.resolve(folder, starter)) : undefined;
        },
      };
      this.shown.set(loaded, roadmap);
    }
    return roadmap;
  }
}

/** The built-in roadmap: compiled lessons, starters under the extension's roadmap/starters/. */
export function builtinRoadmap(index: RoadmapIndex, lessonHtml: (nodeId: string) => string | undefined, startersRoot: string, quizzes: BuiltinQuizzes): ShownRoadmap {
  const folders = new Map<string, string | undefined>();
  return {
    id: BUILTIN_ROADMAP_ID,
    index,
    lessonHtml,
    quiz: (nodeId) => quizzes.quiz(nodeId),
    quizItems: (nodeId) => quizzes.items(nodeId),
    glossary: () => quizzes.glossary(),
    ...(quizzes.verifiable ? { verifiable: (nodeId: string) => quizzes.verifiable!(nodeId) } : {}),
    starterFolder: (projectId) => {
      if (!folders.has(projectId)) folders.set(projectId, existingFolder(path.join(startersRoot, projectId)));
      return folders.get(projectId);
    },
  };
}

function existingFolder(dir: string): string | undefined {
  try {
    return fs.statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}
