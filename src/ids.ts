/** Every id the extension shares with package.json: views, commands, context keys, state keys, settings. */

export const TREE_VIEW = 'backendRoadmap.tree';
export const LESSON_PANEL = 'backendRoadmap.lesson';
export const DASHBOARD_PANEL = 'backendRoadmap.dashboard';
export const REVIEW_PANEL = 'backendRoadmap.review';
export const GRAPH_PANEL = 'backendRoadmap.graph';

export const COMMANDS = {
  openLesson: 'backendRoadmap.openLesson',
  markDone: 'backendRoadmap.markDone',
  markInProgress: 'backendRoadmap.markInProgress',
  markSkipped: 'backendRoadmap.markSkipped',
  resetNode: 'backendRoadmap.resetNode',
  toggleDone: 'backendRoadmap.toggleDone',
  openNotes: 'backendRoadmap.openNotes',
  continue: 'backendRoadmap.continue',
  search: 'backendRoadmap.search',
  revealCurrent: 'backendRoadmap.revealCurrent',
  filter: 'backendRoadmap.filter',
  groupBy: 'backendRoadmap.groupBy',
  exportProgress: 'backendRoadmap.exportProgress',
  importProgress: 'backendRoadmap.importProgress',
  resetAllProgress: 'backendRoadmap.resetAllProgress',
  scaffold: 'backendRoadmap.scaffold',
  openDashboard: 'backendRoadmap.openDashboard',
  writeRetrospective: 'backendRoadmap.writeRetrospective',
  showLog: 'backendRoadmap.showLog',
  verifyProject: 'backendRoadmap.verifyProject',
  verifyOwnProject: 'backendRoadmap.verifyOwnProject',
  verifyDeployed: 'backendRoadmap.verifyDeployed',
  watchMilestone: 'backendRoadmap.watchMilestone',
  startExercise: 'backendRoadmap.startExercise',
  stopWatching: 'backendRoadmap.stopWatching',
  openMilestone: 'backendRoadmap.openMilestone',
  showReferenceDiff: 'backendRoadmap.showReferenceDiff',
  newRoadmapFile: 'backendRoadmap.newRoadmapFile',
  openRoadmapFile: 'backendRoadmap.openRoadmapFile',
  reviewDue: 'backendRoadmap.reviewDue',
  glossary: 'backendRoadmap.glossary',
  showGraph: 'backendRoadmap.showGraph',
  exportProgressImage: 'backendRoadmap.exportProgressImage',
  exportProgressSummary: 'backendRoadmap.exportProgressSummary',
} as const;

export const CONTEXT_KEYS = {
  filter: 'backendRoadmap.filter',
  grouping: 'backendRoadmap.grouping',
  /** Set only when the built-in roadmap could not be loaded: the view's welcome text says so. */
  loadFailed: 'backendRoadmap.loadFailed',
  /** Getting Started steps (contributes.walkthroughs) complete when these turn true. */
  lessonOpened: 'backendRoadmap.lessonOpened',
  scaffolded: 'backendRoadmap.scaffolded',
  verifiedOnce: 'backendRoadmap.verifiedOnce',
} as const;

/** The Getting Started walkthrough: `<publisher>.<name>#<id>`, as workbench.action.openWalkthrough takes it. */
export const WALKTHROUGH = 'backend-roadmap.backend-roadmap#start';

export const STATE_KEYS = {
  view: 'backendRoadmap.view',
} as const;

export const SETTINGS = {
  section: 'backendRoadmap',
  syncProgress: 'syncProgressAcrossWorkspaces',
  weeklyHours: 'weeklyHours',
  scaffoldOpenIn: 'scaffold.openIn',
  customRoadmaps: 'customRoadmaps.include',
} as const;

/** The Problems panel's collection for roadmap files of the learner's own. */
export const DIAGNOSTICS = 'backendRoadmap';
/** The source named beside each of those problems. */
export const DIAGNOSTIC_SOURCE = 'roadmap';
