/** Every id the extension shares with package.json: views, commands, context keys, state keys. */

export const VIEW_CONTAINER = 'backendRoadmap';
export const TREE_VIEW = 'backendRoadmap.tree';
export const LESSON_PANEL = 'backendRoadmap.lesson';

export const COMMANDS = {
  openLesson: 'backendRoadmap.openLesson',
  markDone: 'backendRoadmap.markDone',
  showLog: 'backendRoadmap.showLog',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
