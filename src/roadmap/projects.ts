/** Reading a roadmap's project ideas and their milestones. */
import * as path from 'path';
import type { Fields } from './fields';
import { UniqueIds } from './graph';
import { KEYS } from './keys';
import { PROJECT_LEVELS, type ProjectIdea } from './model';
import { insideRoadmapFolder, type ReadContext } from './readContext';

export function readProject(ctx: ReadContext, o: Fields): ProjectIdea {
  const { fields, src } = ctx;
  fields.knownKeys(o, KEYS.project, 'project');
  const id = fields.id(o, 'id', 'project');
  const what = `project '${id}'`;
  const level = o.level;
  const known = (PROJECT_LEVELS as readonly unknown[]).includes(level);
  if (!known) src.value(o, level === undefined ? 'id' : 'level', `${what} needs a level: one of ${PROJECT_LEVELS.join(', ')}`);
  const project: ProjectIdea = {
    id,
    title: fields.text(o, 'title', what),
    level: known ? (level as ProjectIdea['level']) : 'beginner',
    summary: fields.text(o, 'summary', what),
    nodes: fields.refs(o, 'nodes', `node of ${what}`),
    stacks: fields.strings(o, 'stacks', what),
    milestones: [],
  };
  const starter = readStarter(ctx, o, what);
  if (starter) project.starter = starter;
  if (project.nodes.length === 0) src.value(o, 'id', `${what} names no nodes: list the nodes it practises in 'nodes'`);
  const list = o.milestones;
  if (!Array.isArray(list) || list.length === 0) {
    src.value(o, Array.isArray(list) ? 'milestones' : 'id', `${what} has no milestones: add a 'milestones' list`);
    return project;
  }
  const ids = new UniqueIds(src, 'milestone', what);
  for (const [m] of fields.mappings(list, 'each milestone must be a mapping with id, title and description')) {
    fields.knownKeys(m, KEYS.milestone, 'milestone');
    const milestone = {
      id: fields.id(m, 'id', 'milestone'),
      title: fields.text(m, 'title', 'milestone'),
      description: fields.text(m, 'description', 'milestone'),
      nodes: fields.refs(m, 'nodes', 'node of milestone'),
    };
    ids.check(milestone.id, m);
    project.milestones.push(milestone);
  }
  return project;
}

/**
 * A workspace roadmap's idea may name a folder of starters (one starter.json, or one folder per
 * stack with its own) beside the roadmap file; it may not leave the file's folder.
 */
function readStarter(ctx: ReadContext, o: Fields, what: string): string | undefined {
  const starter = o.starter;
  if (starter === undefined) return undefined;
  const { src } = ctx;
  if (!ctx.options.custom) {
    src.key(o, 'starter', `${what}: 'starter' belongs to a roadmap of your own; the built-in ideas' starters live in roadmap/starters/<idea>/<stack>/`);
    return undefined;
  }
  if (typeof starter !== 'string' || starter.trim() === '' || path.isAbsolute(starter) || starter.includes('\0')) {
    src.value(o, 'starter', `${what}: 'starter' must be a folder relative to this file, such as starters/${typeof o.id === 'string' ? o.id : 'my-idea'}`);
    return undefined;
  }
  const folder = src.resolve(o, starter);
  if (path.resolve(folder) === path.resolve(ctx.folder) || !insideRoadmapFolder(ctx, folder)) {
    src.value(o, 'starter', `${what}: starter folder '${starter}' is outside this roadmap's folder: keep it beside the roadmap file or under it`);
    return undefined;
  }
  return starter;
}
