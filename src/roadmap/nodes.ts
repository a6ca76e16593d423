/** Reading a roadmap's sections and their nodes: fields, resources and lessons. */
import * as path from 'path';
import { lessonShapeProblems, nodeShapeProblems, sectionDescriptionProblem } from './editorial';
import type { Fields, PathPart } from './fields';
import { CUSTOM_NODE_KEYS, KEYS } from './keys';
import { MAX_LESSON_BYTES } from './limits';
import { ID_PATTERN, RESOURCE_TYPES, type Resource, type RoadmapNode, type Section } from './model';
import { insideRoadmapFolder, nodesNeedLessonAndHours, type ReadContext } from './readContext';

export function readSection(ctx: ReadContext, o: Fields): Section {
  ctx.fields.knownKeys(o, KEYS.section, 'section');
  const id = ctx.fields.id(o, 'id', 'section');
  // The built-in roadmap explains its order; a roadmap of your own may.
  const description = ctx.fields.string(o, 'description', `section '${id}'`, ctx.options.strict ? 'say in 1-3 sentences why the section comes here: what it builds on and what later needs it' : undefined);
  const section: Section = { id, title: ctx.fields.text(o, 'title', 'section'), ...(description ? { description } : {}), nodes: [] };
  if (description && ctx.options.strict) {
    const problem = sectionDescriptionProblem(description);
    if (problem) ctx.src.value(o, 'description', `description of section '${id}' ${problem}`);
  }
  const nodes = o.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    ctx.src.value(o, Array.isArray(nodes) ? 'nodes' : undefined, `section '${section.id}' has no nodes: add a 'nodes' list`);
    return section;
  }
  const needs = nodesNeedLessonAndHours(ctx.options) ? 'id, title, hours and lesson' : 'id and title';
  for (const [n] of ctx.fields.mappings(nodes, `each node must be a mapping with ${needs}`)) {
    const node = readNode(ctx, n);
    if (node) section.nodes.push(node);
  }
  return section;
}

function readNode(ctx: ReadContext, o: Fields): RoadmapNode | undefined {
  const { fields, options } = ctx;
  fields.knownKeys(o, options.custom ? CUSTOM_NODE_KEYS : KEYS.node, 'node');
  const id = fields.id(o, 'id', 'node');
  if (!id || !ctx.graph.addNode(id, o)) return undefined;
  const what = `node '${id}'`;
  const required = nodesNeedLessonAndHours(options);
  const hours = fields.hours(o, 'hours', what, required);
  if (!required && o.hours === undefined) {
    ctx.src.value(o, undefined, `${what} has no 'hours': its time counts as unknown; add the estimated hours`, 'hint');
  }
  const node: RoadmapNode = {
    id,
    title: fields.text(o, 'title', what),
    summary: fields.text(o, 'summary', what, options.strict === true),
    ...(hours === undefined ? {} : { hours }),
    prerequisites: fields.refs(o, 'prerequisites', `prerequisite of '${id}'`),
    resources: readResources(ctx, o, id),
    ...readChoiceAndOptional(ctx, o, id),
  };
  if (node.prerequisites.includes(id)) ctx.src.value(o, 'prerequisites', `node '${id}' lists itself as a prerequisite: remove it`);
  if (options.strict) for (const p of nodeShapeProblems(id, node.summary, o.resources)) ctx.src.value(o, p.key, p.message);
  readLesson(ctx, o, id);
  // Checked by the quiz reader (src/quiz/inline.ts), which knows the format, once the file is read.
  if (o.quiz !== undefined && options.custom) ctx.quizNodes.set(id, o);
  return node;
}

/** `choice: <group>` (one of several alternatives) and `optional: <why>`; a node is one or the other. */
function readChoiceAndOptional(ctx: ReadContext, o: Fields, id: string): Pick<RoadmapNode, 'choice' | 'optional'> {
  const what = `node '${id}'`;
  const out: Pick<RoadmapNode, 'choice' | 'optional'> = {};
  if (o.choice !== undefined) {
    if (typeof o.choice === 'string' && ID_PATTERN.test(o.choice)) out.choice = o.choice;
    else ctx.src.value(o, 'choice', `'choice' of ${what} must name its choice group in kebab-case, such as 'language'`);
  }
  if (o.optional !== undefined) {
    if (typeof o.optional === 'string' && o.optional.trim() !== '') out.optional = o.optional.trim();
    else ctx.src.value(o, 'optional', `'optional' of ${what} must say why the topic is optional (text shown to the learner), not '${String(o.optional)}'`);
  }
  if (out.choice && out.optional) ctx.src.key(o, 'optional', `${what} is part of the choice '${out.choice}' and also optional: a choice's other topics are optional already; remove 'optional'`);
  return out;
}

/** A node's (or a plan phase's) resources; `record` puts their addresses in for the links rule, which is about nodes. */
export function readResources(ctx: ReadContext, o: Fields, id: string, record = true): Resource[] {
  const list = o.resources;
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    ctx.src.value(o, 'resources', `'resources' of '${id}' must be a list of {type, title, url}`);
    return [];
  }
  const out: Resource[] = [];
  for (const [r] of ctx.fields.mappings(list, 'each resource must be a mapping with type, title and url')) {
    ctx.fields.knownKeys(r, KEYS.resource, 'resource');
    const type = r.type;
    if (typeof type !== 'string' || !(RESOURCE_TYPES as readonly string[]).includes(type)) {
      ctx.src.value(r, 'type', `resource type '${String(type ?? '')}' is not one of ${RESOURCE_TYPES.join(', ')}`);
      continue;
    }
    const url = ctx.fields.url(r, 'url', 'resource');
    const title = ctx.fields.text(r, 'title', 'resource');
    if (url && record) ctx.resourceSites.push({ node: id, url, at: r });
    if (url && title) out.push({ type: type as Resource['type'], title, url });
  }
  return out;
}

/** Reads a node's lesson, inline or from its file, into `ctx.lessons`. */
function readLesson(ctx: ReadContext, o: Fields, id: string): void {
  const { src } = ctx;
  let markdown: string | undefined;
  let file = src.fileOf(o) ?? '';
  let site: PathPart = 'lesson';
  if (o.lesson !== undefined && o.lessonFile !== undefined) {
    src.key(o, 'lessonFile', `node '${id}' has both 'lesson' and 'lessonFile': keep one`);
  }
  if (typeof o.lessonFile === 'string') {
    site = 'lessonFile';
    if (path.isAbsolute(o.lessonFile) || o.lessonFile.includes('\0') || !o.lessonFile.endsWith('.md')) {
      src.value(o, 'lessonFile', `lessonFile '${o.lessonFile}' must be a relative path to a .md file`);
      return;
    }
    file = src.resolve(o, o.lessonFile);
    if (ctx.options.custom && !insideRoadmapFolder(ctx, file)) {
      src.value(o, 'lessonFile', `lessonFile '${o.lessonFile}' is outside this roadmap's folder: keep lessons beside the roadmap file or in a folder under it`);
      return;
    }
    const read = src.readText(file);
    if ('missing' in read) {
      src.value(o, 'lessonFile', `lesson file not found: ${src.displayPath(file)}; create it or fix the path (relative to this file)`);
      return;
    }
    // A file that is not UTF-8 has been reported at its bad byte.
    if ('unreadable' in read) return;
    markdown = read.text;
    if (Buffer.byteLength(markdown) > MAX_LESSON_BYTES) {
      src.value(o, 'lessonFile', `lesson file ${src.displayPath(file)} is larger than ${MAX_LESSON_BYTES / 1024} KiB: split the topic into smaller ones`);
      return;
    }
  } else if (typeof o.lesson === 'string') {
    markdown = o.lesson;
  } else if (o.lesson !== undefined || o.lessonFile !== undefined) {
    src.value(o, o.lesson !== undefined ? 'lesson' : 'lessonFile', `lesson of '${id}' must be Markdown text ('lesson') or a path ('lessonFile')`);
    return;
  } else if (nodesNeedLessonAndHours(ctx.options)) {
    src.value(o, 'id', `node '${id}' has no lesson: add 'lessonFile: lessons/${id}.md' or an inline 'lesson: |' block`);
    return;
  } else {
    src.value(o, 'id', `node '${id}' has no lesson: its page shows the summary and resources; add 'lessonFile: lessons/${id}.md' or an inline 'lesson: |' block to write one`, 'hint');
    return;
  }
  if (markdown.trim() === '') {
    src.value(o, site, `lesson of '${id}' is empty: write the lesson`);
    return;
  }
  if (ctx.options.strict) for (const problem of lessonShapeProblems(markdown)) src.value(o, site, `lesson of '${id}' ${problem}`);
  ctx.lessons.set(id, { markdown, file });
  ctx.lessonSites.set(id, { owner: o, key: site });
}

