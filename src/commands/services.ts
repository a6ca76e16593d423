import type * as vscode from 'vscode';
import type { Dashboards } from '../dashboard/dashboards';
import type { Graphs } from '../graph/graphs';
import type { LessonPanel } from '../lesson/lessonPanel';
import type { NotesService } from '../notes/notesService';
import type { Practice } from '../practice/practice';
import type { ProgressStore } from '../progress/store';
import type { ReviewPanel } from '../review/reviewPanel';
import type { RoadmapSource } from '../roadmaps/registry';
import type { RoadmapView } from '../tree/roadmapView';

/** What the commands act on, handed to each group of them. */
export interface CommandServices {
  roadmaps: RoadmapSource;
  store: ProgressStore;
  lessons: LessonPanel;
  /** The review page (dist/reviewPanel.js, loaded on first use). */
  review: ReviewPanel;
  view: RoadmapView;
  notes: NotesService;
  dashboards: Dashboards;
  /** Graph pages and progress exports (dist/graphs.js, loaded on first use). */
  graphs: Graphs;
  log: vscode.LogOutputChannel;
  /** "Roadmap: Verify Project" (its code is in dist/verifyUi.js). */
  verifyProject(arg?: unknown): Promise<unknown>;
  /** "Roadmap: Verify My Own Project" (dist/verifyUi.js too). */
  verifyOwnProject(arg?: unknown): Promise<unknown>;
  /** "Roadmap: Verify Deployed Server" (dist/verifyUi.js too). */
  verifyDeployed(arg?: unknown, url?: unknown): Promise<unknown>;
  /** "Roadmap: Start Exercise" (dist/verifyUi.js): the folder it wrote or reopened. */
  startExercise(arg?: unknown): Promise<string | undefined>;
  /** Watch mode, milestone pages and references (dist/verifyUi.js). */
  practice(): Practice;
}
