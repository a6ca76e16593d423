/** Reading a roadmap's project ideas and their milestones. */
import type { Fields } from './fields';
import { UniqueIds } from './graph';
import { KEYS } from './keys';
import { PROJECT_LEVELS, type ProjectIdea } from './model';
import type { ReadContext } from './readContext';

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
