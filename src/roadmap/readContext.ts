/** What the readers of one roadmap's parts (nodes, plans, projects) share while they read it. */
import * as path from 'path';
import type { Fields, PathPart } from './fields';
import type { NodeGraph } from './graph';
import type { LinkSite } from './links';
import type { RoadmapFields } from './roadmapFields';
import type { SourceSet } from './source';

export interface ReadOptions {
  /**
   * The bar for the shipped content: every node has a summary, three resources (their addresses held to the links rule) and a lesson of
   * 350-900 words. Custom roadmaps are held only to structural rules.
   */
  strict?: boolean;
  /** How a file is shown in problems (relative to the working folder, say). */
  displayPath?: (file: string) => string;
  /**
   * A learner's own roadmap: one self-contained file. `include` is refused, a `lessonFile` must stay
   * in the file's folder, the built-in roadmap's id is taken, and a node may leave out its lesson
   * and hours (a hint says so).
   */
  custom?: boolean;
}

export interface LessonSource {
  markdown: string;
  file: string;
}

export interface ReadContext {
  readonly src: SourceSet;
  readonly options: ReadOptions;
  readonly fields: RoadmapFields;
  readonly graph: NodeGraph;
  readonly lessons: Map<string, LessonSource>;
  /** A roadmap of your own: the nodes that carry a quiz (read by the quiz reader), by id. */
  readonly quizNodes: Map<string, Fields>;
  /** Where each lesson is written, for problems found once every lesson is read. */
  readonly lessonSites: Map<string, { owner: Fields; key: PathPart }>;
  /** Every resource read, in order, with its node: the links rule checks them together (links.ts). */
  readonly resourceSites: LinkSite<Fields>[];
  /** The folder a custom roadmap's lesson files must stay in. */
  readonly folder: string;
}

/** Whether nodes must have a lesson and hours: always, except in a roadmap of the learner's own. */
export function nodesNeedLessonAndHours(options: ReadOptions): boolean {
  return !options.custom || options.strict === true;
}

/** Whether a path named by the roadmap (a lesson file, a starter folder) stays in its file's folder, links followed. */
export function insideRoadmapFolder(ctx: ReadContext, file: string): boolean {
  const rel = path.relative(ctx.src.realpath(ctx.folder), ctx.src.realpath(file));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
