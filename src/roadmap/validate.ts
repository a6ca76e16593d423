/**
 * Reads a roadmap (YAML + Markdown) and checks every rule: the entry that puts the parts together.
 * The parts live beside it: field readers (fields.ts, roadmapFields.ts), nodes and lessons
 * (nodes.ts), plans (plans.ts), projects (projects.ts), the checks over all ids (graph.ts), the
 * built-in content's bar (editorial.ts), and the YAML files with their locations (source.ts).
 */
import * as path from 'path';
import { repeatedParagraphs } from './editorial';
import { isMapping, type Fields } from './fields';
import { NodeGraph, UniqueIds } from './graph';
import { KEYS } from './keys';
import { linkProblems } from './links';
import { CUSTOM_OVERSIZE_HINT } from './limits';
import { BUILTIN_ROADMAP_ID, type Roadmap } from './model';
import { readSection } from './nodes';
import { readPlan } from './plans';
import type { Problem } from './problems';
import { readProject } from './projects';
import type { LessonSource, ReadContext, ReadOptions } from './readContext';
import { RoadmapFields } from './roadmapFields';
import { SourceSet, type Location, type PathPart, type SourceReader } from './source';

export type { LessonSource, ReadOptions };

export interface ReadResult {
  /** Present when the file could be read far enough to have a shape; may still carry problems. */
  roadmap?: Roadmap;
  /** Where the roadmap's id is written, for problems that involve other files (the same id twice). */
  idLocation?: Location;
  lessons: Map<string, LessonSource>;
  /** A roadmap of your own: the nodes that carry a quiz, by id (the built-in one keeps quizzes apart). */
  quizNodes: Map<string, Fields>;
  /** Where the value at `sub` under an object of the files read is written: for checks made after reading. */
  locate(obj: object, sub: readonly PathPart[], isKey?: boolean): Location;
  /** Where a node's lesson is written: its inline `lesson` value or its `lessonFile` path. */
  lessonLocation(id: string): Location | undefined;
  problems: Problem[];
}

/** Reads a roadmap (YAML + Markdown), checks every rule, and returns what it could build. */
export function readRoadmap(entry: string, reader: SourceReader, options: ReadOptions = {}): ReadResult {
  const src = new SourceSet(reader, options.displayPath, options.custom ? CUSTOM_OVERSIZE_HINT : undefined);
  const graph = new NodeGraph(src);
  const file = path.resolve(entry);
  const ctx: ReadContext = { src, options, graph, fields: new RoadmapFields(src, graph), lessons: new Map(), quizNodes: new Map(), lessonSites: new Map(), resourceSites: [], folder: path.dirname(file) };
  const { roadmap, idLocation } = readRoot(ctx, file);
  const lessonLocation = (id: string) => {
    const site = ctx.lessonSites.get(id);
    return site ? src.locatePath(site.owner, [site.key]) : undefined;
  };
  return { roadmap, idLocation, lessons: ctx.lessons, quizNodes: ctx.quizNodes, locate: (obj, sub, isKey) => src.locatePath(obj, sub, isKey), lessonLocation, problems: src.problems };
}

function readRoot(ctx: ReadContext, file: string): { roadmap?: Roadmap; idLocation?: Location } {
  const { src, fields, options } = ctx;
  const root = src.load(file);
  if (root === undefined) return {};
  if (!isMapping(root)) {
    const at = root !== null && typeof root === 'object' ? src.locate(root) : { file: src.displayPath(file), line: 1, column: 1 };
    src.problems.push({ ...at, message: 'a roadmap file must be a mapping with id, title and sections' });
    return {};
  }
  fields.knownKeys(root, KEYS.roadmap, 'roadmap');
  const idLocation = root.id === undefined ? undefined : src.locate(root, 'id');
  if (options.custom && root.id === BUILTIN_ROADMAP_ID) {
    src.value(root, 'id', `roadmap id '${BUILTIN_ROADMAP_ID}' belongs to the built-in roadmap: choose another id (progress is kept by it)`);
  }
  const roadmap: Roadmap = {
    id: fields.id(root, 'id', 'roadmap'),
    title: fields.text(root, 'title', 'roadmap'),
    description: fields.text(root, 'description', 'roadmap', false),
    sections: [],
    plans: [],
    projects: [],
  };
  const sectionIds = new UniqueIds(src, 'section');
  for (const item of entries(ctx, root, 'sections', true)) {
    const section = readSection(ctx, item);
    sectionIds.check(section.id, item);
    roadmap.sections.push(section);
  }
  const planIds = new UniqueIds(src, 'plan');
  for (const item of entries(ctx, root, 'plans', false)) {
    const plan = readPlan(ctx, item);
    planIds.check(plan.id, item);
    roadmap.plans.push(plan);
  }
  const projectIds = new UniqueIds(src, 'project');
  for (const item of entries(ctx, root, 'projects', false)) {
    const project = readProject(ctx, item);
    projectIds.check(project.id, item);
    roadmap.projects.push(project);
  }
  ctx.graph.checkReferences();
  ctx.graph.checkCycles(roadmap);
  if (options.strict) {
    for (const p of linkProblems(ctx.resourceSites)) src.value(p.at, 'url', p.message);
    for (const r of repeatedParagraphs(ctx.lessons)) {
      const site = ctx.lessonSites.get(r.id)!;
      src.value(site.owner, site.key, `lesson of '${r.id}' repeats a paragraph of the lesson of '${r.first}': "${r.paragraph.slice(0, 60)}…"; write it for this topic`);
    }
  }
  return { roadmap, idLocation };
}

/** The entries of a list that may pull entries from other files with `- include: path`. */
function* entries(ctx: ReadContext, owner: Fields, key: 'sections' | 'plans' | 'projects', required: boolean): Generator<Fields> {
  const { src, fields } = ctx;
  const list = owner[key];
  if (list === undefined) {
    if (required) src.value(owner, undefined, `missing '${key}': add a list of ${key}`);
    return;
  }
  if (!Array.isArray(list)) {
    src.value(owner, key, `'${key}' must be a list`);
    return;
  }
  for (const [item] of fields.mappings(list, `each entry of '${key}' must be a mapping`)) {
    if (typeof item.include !== 'string') {
      yield item;
    } else if (ctx.options.custom) {
      src.value(item, 'include', `a roadmap of your own is one file: write the ${key} here instead of including '${item.include}'`);
    } else {
      fields.knownKeys(item, KEYS.include, 'include entry');
      if (path.isAbsolute(item.include) || item.include.includes('\0')) {
        src.value(item, 'include', `include path '${item.include}' must be relative to this file`);
        continue;
      }
      const included = src.load(src.resolve(item, item.include), { owner: item, key: 'include' });
      if (included === undefined) continue;
      if (!Array.isArray(included)) {
        if (isMapping(included)) yield included;
        else src.value(item, 'include', `an included ${key} file must hold a mapping or a list of mappings`);
        continue;
      }
      yield* fields.mappings(included, `an included ${key} file must hold a mapping or a list of mappings`).map(([m]) => m);
    }
  }
}
