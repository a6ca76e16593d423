import * as path from 'path';
import {
  ID_PATTERN,
  PROJECT_LEVELS,
  RESOURCE_TYPES,
  type Milestone,
  type Plan,
  type PlanItem,
  type PlanNote,
  type PlanPeriod,
  type PlanPhase,
  type ProjectIdea,
  type Resource,
  type Roadmap,
  type RoadmapNode,
  type Section,
} from './model';
import { CUSTOM_OVERSIZE_HINT, MAX_LESSON_BYTES } from './limits';
import type { Problem } from './problems';
import { SourceSet, type Location, type SourceReader, type PathPart } from './source';
import { BUILTIN_ROADMAP_ID } from '../progress/store';


export interface ReadOptions {
  /**
   * The bar for the shipped content: every node has a summary, two resources and a lesson of
   * 350-900 words. Custom roadmaps are held only to structural rules.
   */
  strict?: boolean;
  /** How a file is shown in problems (relative to the working folder, say). */
  displayPath?: (file: string) => string;
  /**
   * A learner's own roadmap: one self-contained file. `include` is refused, a `lessonFile` must stay
   * in the file's folder, and the built-in roadmap's id is taken.
   */
  custom?: boolean;
}

export interface LessonSource {
  markdown: string;
  file: string;
}

export interface ReadResult {
  /** Present when the file could be read far enough to have a shape; may still carry problems. */
  roadmap?: Roadmap;
  /** Where the roadmap's id is written, for problems that involve other files (the same id twice). */
  idLocation?: Location;
  lessons: Map<string, LessonSource>;
  problems: Problem[];
}

/** The keys each kind of mapping may hold; the JSON schema lists the same ones. */
export const KEYS = {
  roadmap: ['$schema', 'id', 'title', 'description', 'version', 'sections', 'plans', 'projects'],
  include: ['include'],
  section: ['id', 'title', 'description', 'nodes'],
  node: ['id', 'title', 'summary', 'hours', 'prerequisites', 'lesson', 'lessonFile', 'resources'],
  resource: ['type', 'title', 'url'],
  plan: ['id', 'title', 'summary', 'unit', 'length', 'hoursPerWeek', 'phases', 'timeline', 'quickWins', 'leverageMoves', 'retrospective'],
  retrospective: ['everyWeeks', 'prompts'],
  phase: ['id', 'title', 'goal', 'length', 'duration', 'hours', 'successMetric', 'periods', 'nodes', 'checkpoints', 'signals'],
  period: ['from', 'to', 'title', 'items'],
  studyItem: ['title', 'hours', 'nodes'],
  project: ['id', 'title', 'level', 'summary', 'nodes', 'stacks', 'milestones'],
  milestone: ['id', 'title', 'description', 'nodes'],
  planNote: ['title', 'summary', 'url', 'nodes'],
} as const;

type Obj = Record<string, unknown>;

const LESSON_WORDS = { min: 350, max: 900 };
/** The four parts every built-in lesson has, in this order. */
export const LESSON_HEADINGS = ['Why it matters', 'Key ideas', 'Try it in VS Code', 'Self-check'];
const SELF_CHECK_QUESTIONS = { min: 3, max: 5 };

/** Reads a roadmap (YAML + Markdown), checks every rule, and returns what it could build. */
export function readRoadmap(entry: string, reader: SourceReader, options: ReadOptions = {}): ReadResult {
  const src = new SourceSet(reader, options.displayPath, options.custom ? CUSTOM_OVERSIZE_HINT : undefined);
  const v = new Validator(src, options);
  const roadmap = v.roadmap(path.resolve(entry));
  return { roadmap, idLocation: v.idLocation, lessons: v.lessons, problems: src.problems };
}

class Validator {
  readonly lessons = new Map<string, LessonSource>();
  private readonly nodeSites = new Map<string, { owner: Obj; key: PathPart }>();
  private readonly nodeRefs: { id: string; owner: object; key: PathPart; what: string }[] = [];
  private readonly lessonSites = new Map<string, { owner: Obj; key: PathPart }>();
  idLocation: Location | undefined;
  /** The folder a custom roadmap's lesson files must stay in. */
  private folder = '';

  constructor(private readonly src: SourceSet, private readonly options: ReadOptions) {}

  roadmap(entry: string): Roadmap | undefined {
    this.folder = path.dirname(entry);
    const root = this.src.load(entry);
    if (root === undefined) return undefined;
    if (!isObj(root)) {
      const at = root !== null && typeof root === 'object' ? this.src.locate(root) : { file: this.src.displayPath(entry), line: 1, column: 1 };
      this.src.problems.push({ ...at, message: 'a roadmap file must be a mapping with id, title and sections' });
      return undefined;
    }
    this.keys(root, KEYS.roadmap, 'roadmap');
    if (root.id !== undefined) this.idLocation = this.src.locate(root, 'id');
    if (this.options.custom && root.id === BUILTIN_ROADMAP_ID) {
      this.src.report(root, 'id', `roadmap id '${BUILTIN_ROADMAP_ID}' belongs to the built-in roadmap: choose another id (progress is kept by it)`);
    }
    const roadmap: Roadmap = {
      id: this.id(root, 'id', 'roadmap'),
      title: this.text(root, 'title', 'roadmap'),
      description: this.text(root, 'description', 'roadmap', false),
      sections: [],
      plans: [],
      projects: [],
    };
    const sectionIds = new Set<string>();
    for (const item of this.items(root, 'sections', true)) {
      const section = this.section(item);
      if (sectionIds.has(section.id)) this.src.report(item, 'id', `duplicate section id '${section.id}': section ids must be unique`);
      sectionIds.add(section.id);
      roadmap.sections.push(section);
    }
    const planIds = new Set<string>();
    for (const item of this.items(root, 'plans', false)) {
      const plan = this.plan(item);
      if (!plan) continue;
      if (planIds.has(plan.id)) this.src.report(item, 'id', `duplicate plan id '${plan.id}': plan ids must be unique`);
      planIds.add(plan.id);
      roadmap.plans.push(plan);
    }
    const projectIds = new Set<string>();
    for (const item of this.items(root, 'projects', false)) {
      const project = this.project(item);
      if (!project) continue;
      if (projectIds.has(project.id)) this.src.report(item, 'id', `duplicate project id '${project.id}': project ids must be unique`);
      projectIds.add(project.id);
      roadmap.projects.push(project);
    }
    this.checkReferences();
    this.checkCycles(roadmap);
    if (this.options.strict) this.checkRepeatedProse();
    return roadmap;
  }

  /** The items of a list that may pull items from other files with `- include: path`. */
  private *items(owner: Obj, key: string, required: boolean): Generator<Obj> {
    const list = owner[key];
    if (list === undefined) {
      if (required) this.src.report(owner, undefined, `missing '${key}': add a list of ${key}`);
      return;
    }
    if (!Array.isArray(list)) {
      this.src.report(owner, key, `'${key}' must be a list`);
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!isObj(item)) {
        this.src.report(list, i, `each entry of '${key}' must be a mapping`);
        continue;
      }
      if (typeof item.include === 'string' && this.options.custom) {
        this.src.report(item, 'include', `a roadmap of your own is one file: write the ${key} here instead of including '${item.include}'`);
      } else if (typeof item.include === 'string') {
        this.keys(item, KEYS.include, 'include entry');
        const file = this.includePath(item, item.include);
        if (!file) continue;
        const included = this.src.load(file, { owner: item, key: 'include' });
        if (included === undefined) continue;
        const parts = Array.isArray(included) ? included : [included];
        for (let j = 0; j < parts.length; j++) {
          if (isObj(parts[j])) yield parts[j] as Obj;
          else this.src.report(Array.isArray(included) ? included : item, Array.isArray(included) ? j : 'include', `an included ${key} file must hold a mapping or a list of mappings`);
        }
      } else {
        yield item;
      }
    }
  }

  private includePath(owner: Obj, relative: string): string | undefined {
    if (path.isAbsolute(relative) || relative.includes('\0')) {
      this.src.report(owner, 'include', `include path '${relative}' must be relative to this file`);
      return undefined;
    }
    return this.src.resolve(owner, relative);
  }

  private section(o: Obj): Section {
    this.keys(o, KEYS.section, 'section');
    const section: Section = { id: this.id(o, 'id', 'section'), title: this.text(o, 'title', 'section'), nodes: [] };
    const nodes = o.nodes;
    if (!Array.isArray(nodes) || nodes.length === 0) {
      this.src.report(o, Array.isArray(nodes) ? 'nodes' : undefined, `section '${section.id}' has no nodes: add a 'nodes' list`);
      return section;
    }
    nodes.forEach((n, i) => {
      if (!isObj(n)) return this.src.report(nodes, i, 'each node must be a mapping with id, title and lesson');
      const node = this.node(n);
      if (node) section.nodes.push(node);
    });
    return section;
  }

  private node(o: Obj): RoadmapNode | undefined {
    this.keys(o, KEYS.node, 'node');
    const id = this.id(o, 'id', 'node');
    if (!id) return undefined;
    const first = this.nodeSites.get(id);
    if (first) {
      const at = this.src.locate(first.owner, first.key);
      this.src.report(o, 'id', `duplicate node id '${id}' (first defined at ${at.file}:${at.line}:${at.column}): give each node its own id`);
      return undefined;
    }
    this.nodeSites.set(id, { owner: o, key: 'id' });
    const node: RoadmapNode = {
      id,
      title: this.text(o, 'title', `node '${id}'`),
      summary: this.text(o, 'summary', `node '${id}'`, this.options.strict === true),
      hours: this.hours(o, 'hours', `node '${id}'`, true) ?? 0,
      prerequisites: this.refs(o, 'prerequisites', `prerequisite of '${id}'`),
      resources: this.resources(o, id),
    };
    if (node.prerequisites.includes(id)) this.src.report(o, 'prerequisites', `node '${id}' lists itself as a prerequisite: remove it`);
    if (this.options.strict && node.summary.length > 160) this.src.report(o, 'summary', `summary of '${id}' is ${node.summary.length} characters: keep it under 160`);
    this.lesson(o, id);
    return node;
  }

  private lesson(o: Obj, id: string): void {
    let markdown: string | undefined;
    let file = this.src.fileOf(o) ?? '';
    let site: PathPart = 'lesson';
    if (o.lesson !== undefined && o.lessonFile !== undefined) {
      this.src.reportKey(o, 'lessonFile', `node '${id}' has both 'lesson' and 'lessonFile': keep one`);
    }
    if (typeof o.lessonFile === 'string') {
      site = 'lessonFile';
      if (path.isAbsolute(o.lessonFile) || o.lessonFile.includes('\0') || !o.lessonFile.endsWith('.md')) {
        this.src.report(o, 'lessonFile', `lessonFile '${o.lessonFile}' must be a relative path to a .md file`);
        return;
      }
      file = this.src.resolve(o, o.lessonFile);
      if (this.options.custom && !isInside(this.src.realpath(this.folder), this.src.realpath(file))) {
        this.src.report(o, 'lessonFile', `lessonFile '${o.lessonFile}' is outside this roadmap's folder: keep lessons beside the roadmap file or in a folder under it`);
        return;
      }
      markdown = this.src.readText(file);
      if (markdown === undefined) {
        this.src.report(o, 'lessonFile', `lesson file not found: ${this.src.displayPath(file)}; create it or fix the path (relative to this file)`);
        return;
      }
      if (Buffer.byteLength(markdown) > MAX_LESSON_BYTES) {
        this.src.report(o, 'lessonFile', `lesson file ${this.src.displayPath(file)} is larger than ${MAX_LESSON_BYTES / 1024} KiB: split the topic into smaller ones`);
        return;
      }
    } else if (typeof o.lesson === 'string') {
      markdown = o.lesson;
    } else if (o.lesson !== undefined || o.lessonFile !== undefined) {
      this.src.report(o, o.lesson !== undefined ? 'lesson' : 'lessonFile', `lesson of '${id}' must be Markdown text ('lesson') or a path ('lessonFile')`);
      return;
    } else {
      this.src.report(o, 'id', `node '${id}' has no lesson: add 'lessonFile: lessons/${id}.md' or an inline 'lesson: |' block`);
      return;
    }
    if (markdown.trim() === '') {
      this.src.report(o, site, `lesson of '${id}' is empty: write the lesson`);
      return;
    }
    if (this.options.strict) for (const problem of lessonShapeProblems(markdown)) this.src.report(o, site, `lesson of '${id}' ${problem}`);
    this.lessons.set(id, { markdown, file });
    this.lessonSites.set(id, { owner: o, key: site });
  }

  /** A paragraph that appears in two lessons is filler or a copy: each lesson says its own thing. */
  private checkRepeatedProse(): void {
    const seen = new Map<string, string>();
    for (const [id, lesson] of this.lessons) {
      const prose = lesson.markdown.replace(/^```[\s\S]*?^```/gm, '');
      for (const paragraph of prose.split(/\n\s*\n/)) {
        const text = paragraph.replace(/\s+/g, ' ').trim().toLowerCase();
        if (text.split(' ').length < 12 || text.startsWith('#')) continue;
        const first = seen.get(text);
        if (first && first !== id) {
          const site = this.lessonSites.get(id)!;
          this.src.report(site.owner, site.key, `lesson of '${id}' repeats a paragraph of the lesson of '${first}': "${paragraph.trim().slice(0, 60)}…"; write it for this topic`);
        } else seen.set(text, id);
      }
    }
  }

  private resources(o: Obj, id: string): Resource[] {
    const list = o.resources;
    if (list === undefined) {
      if (this.options.strict) this.src.report(o, 'id', `node '${id}' has no resources: add at least two`);
      return [];
    }
    if (!Array.isArray(list)) {
      this.src.report(o, 'resources', `'resources' of '${id}' must be a list of {type, title, url}`);
      return [];
    }
    if (this.options.strict && list.length < 2) this.src.report(o, 'resources', `node '${id}' has ${list.length} resource(s): add at least two`);
    const out: Resource[] = [];
    list.forEach((r, i) => {
      if (!isObj(r)) return this.src.report(list, i, 'each resource must be a mapping with type, title and url');
      this.keys(r, KEYS.resource, 'resource');
      const type = r.type;
      if (typeof type !== 'string' || !(RESOURCE_TYPES as readonly string[]).includes(type)) {
        this.src.report(r, 'type', `resource type '${String(type ?? '')}' is not one of ${RESOURCE_TYPES.join(', ')}`);
        return;
      }
      const url = this.url(r, 'url', 'resource');
      const title = this.text(r, 'title', 'resource');
      if (url && title) out.push({ type: type as Resource['type'], title, url });
    });
    return out;
  }

  private plan(o: Obj): Plan | undefined {
    this.keys(o, KEYS.plan, 'plan');
    const id = this.id(o, 'id', 'plan');
    const unit = o.unit;
    if (unit !== 'week' && unit !== 'month') this.src.report(o, unit === undefined ? 'id' : 'unit', `plan '${id}' needs 'unit: week' or 'unit: month'`);
    const plan: Plan = {
      id,
      title: this.text(o, 'title', `plan '${id}'`),
      summary: this.text(o, 'summary', `plan '${id}'`, false),
      unit: unit === 'month' ? 'month' : 'week',
      length: this.count(o, 'length', `plan '${id}'`),
      hoursPerWeek: this.hours(o, 'hoursPerWeek', `plan '${id}'`, false),
      phases: [],
      timeline: [],
      quickWins: this.notes(o, 'quickWins'),
      leverageMoves: this.notes(o, 'leverageMoves'),
    };
    const phases = o.phases;
    if (!Array.isArray(phases) || phases.length === 0) {
      this.src.report(o, 'id', `plan '${id}' has no phases: add a 'phases' list`);
      return plan;
    }
    const phaseIds = new Set<string>();
    let next = 1;
    for (let i = 0; i < phases.length; i++) {
      const p = phases[i];
      if (!isObj(p)) {
        this.src.report(phases, i, 'each phase must be a mapping');
        continue;
      }
      const phase = this.phase(p, plan, next);
      if (phaseIds.has(phase.id)) this.src.report(p, 'id', `duplicate phase id '${phase.id}' in plan '${id}'`);
      phaseIds.add(phase.id);
      if (phase.periods.length > 0) next = phase.periods[phase.periods.length - 1].to + 1;
      else if (phase.length !== undefined) next += phase.length;
      plan.phases.push(phase);
    }
    if (plan.length !== undefined && plan.phases.every((p) => p.length !== undefined)) {
      const sum = plan.phases.reduce((s, p) => s + (p.length ?? 0), 0);
      if (sum !== plan.length) this.src.report(o, 'length', `plan '${id}' is ${plan.length} ${plan.unit}s long but its phases add up to ${sum}: fix the phase lengths or the total`);
    }
    if (Array.isArray(o.timeline)) plan.timeline = this.periods(o.timeline, plan, 1, `timeline of '${id}'`);
    else if (o.timeline !== undefined) this.src.report(o, 'timeline', `'timeline' of '${id}' must be a list of periods`);
    if (o.retrospective !== undefined) {
      const r = o.retrospective;
      if (!isObj(r)) this.src.report(o, 'retrospective', `'retrospective' must be a mapping with everyWeeks and prompts`);
      else {
        this.keys(r, KEYS.retrospective, 'retrospective');
        plan.retrospective = { everyWeeks: this.count(r, 'everyWeeks', 'retrospective') ?? 1, prompts: this.strings(r, 'prompts') };
      }
    }
    return plan;
  }

  private phase(o: Obj, plan: Plan, start: number): PlanPhase {
    this.keys(o, KEYS.phase, 'phase');
    const where = `phase '${String(o.id ?? '?')}' of plan '${plan.id}'`;
    const phase: PlanPhase = {
      id: this.id(o, 'id', 'phase'),
      title: this.text(o, 'title', where),
      goal: optional(this.text(o, 'goal', where, false)),
      length: this.count(o, 'length', where),
      duration: optional(this.text(o, 'duration', where, false)),
      hours: this.hours(o, 'hours', where, false),
      successMetric: optional(this.text(o, 'successMetric', where, false)),
      periods: [],
      nodes: [],
      checkpoints: this.strings(o, 'checkpoints'),
      signals: this.strings(o, 'signals'),
    };
    if (Array.isArray(o.periods)) phase.periods = this.periods(o.periods, plan, start, where);
    else if (o.periods !== undefined) this.src.report(o, 'periods', `'periods' of ${where} must be a list`);
    if (phase.periods.length > 0 && phase.length !== undefined) {
      const covered = phase.periods.reduce((n, p) => n + p.to - p.from + 1, 0);
      if (covered !== phase.length) this.src.report(o, 'length', `${where} is ${phase.length} ${plan.unit}s long but its periods cover ${covered}: make them match`);
    }
    if (phase.hours !== undefined) {
      const items = phase.periods.flatMap((p) => p.items);
      const sum = items.reduce((s, it) => s + (it.hours ?? 0), 0);
      if (items.length > 0 && sum !== phase.hours) {
        this.src.report(o, 'hours', `${where} says ${phase.hours} hours but its study items add up to ${sum}: fix the items or the total`);
      }
    }
    const nodes = new Set<string>(this.refs(o, 'nodes', `node of ${where}`));
    for (const period of phase.periods) for (const item of period.items) for (const n of item.nodes) nodes.add(n);
    phase.nodes = [...nodes];
    return phase;
  }

  private periods(list: unknown[], plan: Plan, start: number, where: string): PlanPeriod[] {
    const out: PlanPeriod[] = [];
    let expected = start;
    list.forEach((p, i) => {
      if (!isObj(p)) return this.src.report(list, i, `each period of ${where} must be a mapping with from, to and items`);
      this.keys(p, KEYS.period, 'period');
      const from = this.count(p, 'from', where, true) ?? expected;
      const to = this.count(p, 'to', where) ?? from;
      if (from !== expected) this.src.report(p, 'from', `${where}: ${plan.unit} ${from} follows ${plan.unit} ${expected - 1}; periods must be consecutive, so this one should start at ${expected}`);
      if (to < from) this.src.report(p, 'to', `${where}: period ends (${to}) before it starts (${from})`);
      const items: PlanItem[] = [];
      if (Array.isArray(p.items)) {
        p.items.forEach((it, j) => {
          if (!isObj(it)) return this.src.report(p.items as unknown[], j, 'each study item must be a mapping with title, hours and nodes');
          this.keys(it, KEYS.studyItem, 'study item');
          items.push({ title: this.text(it, 'title', 'study item'), hours: this.hours(it, 'hours', 'study item', false), nodes: this.refs(it, 'nodes', 'node of a study item') });
        });
      } else if (p.items !== undefined) this.src.report(p, 'items', `'items' of ${where} must be a list`);
      out.push({ from, to: Math.max(from, to), title: optional(this.text(p, 'title', where, false)), items });
      expected = Math.max(from, to) + 1;
    });
    return out;
  }

  private notes(o: Obj, key: string): PlanNote[] {
    const list = o[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      this.src.report(o, key, `'${key}' must be a list`);
      return [];
    }
    const out: PlanNote[] = [];
    list.forEach((n, i) => {
      if (!isObj(n)) return this.src.report(list, i, `each entry of '${key}' must be a mapping with title and summary`);
      this.keys(n, KEYS.planNote, key);
      out.push({
        title: this.text(n, 'title', key),
        summary: this.text(n, 'summary', key),
        url: n.url === undefined ? undefined : this.url(n, 'url', key),
        nodes: this.refs(n, 'nodes', `node of ${key}`),
      });
    });
    return out;
  }

  private project(o: Obj): ProjectIdea | undefined {
    this.keys(o, KEYS.project, 'project');
    const id = this.id(o, 'id', 'project');
    const level = o.level;
    if (typeof level !== 'string' || !(PROJECT_LEVELS as readonly string[]).includes(level)) {
      this.src.report(o, level === undefined ? 'id' : 'level', `project '${id}' needs a level: one of ${PROJECT_LEVELS.join(', ')}`);
    }
    const project: ProjectIdea = {
      id,
      title: this.text(o, 'title', `project '${id}'`),
      level: (PROJECT_LEVELS as readonly string[]).includes(String(level)) ? (level as ProjectIdea['level']) : 'beginner',
      summary: this.text(o, 'summary', `project '${id}'`),
      nodes: this.refs(o, 'nodes', `node of project '${id}'`),
      stacks: this.strings(o, 'stacks'),
      milestones: [],
    };
    if (project.nodes.length === 0) this.src.report(o, 'id', `project '${id}' names no nodes: list the nodes it practises in 'nodes'`);
    const list = o.milestones;
    if (!Array.isArray(list) || list.length === 0) {
      this.src.report(o, Array.isArray(list) ? 'milestones' : 'id', `project '${id}' has no milestones: add a 'milestones' list`);
      return project;
    }
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if (!isObj(m)) return this.src.report(list, i, 'each milestone must be a mapping with id, title and description');
      this.keys(m, KEYS.milestone, 'milestone');
      const milestone: Milestone = {
        id: this.id(m, 'id', 'milestone'),
        title: this.text(m, 'title', 'milestone'),
        description: this.text(m, 'description', 'milestone'),
        nodes: this.refs(m, 'nodes', `node of milestone`),
      };
      if (seen.has(milestone.id)) this.src.report(m, 'id', `duplicate milestone id '${milestone.id}' in project '${id}'`);
      seen.add(milestone.id);
      project.milestones.push(milestone);
    });
    return project;
  }

  // ---- references and cycles --------------------------------------------------------------

  private checkReferences(): void {
    for (const ref of this.nodeRefs) {
      if (!this.nodeSites.has(ref.id)) {
        const hint = closest(ref.id, [...this.nodeSites.keys()]);
        this.src.report(ref.owner, ref.key, `unknown node id '${ref.id}' (${ref.what})${hint ? `: did you mean '${hint}'?` : ': use the id of a node in this roadmap'}`);
      }
    }
  }

  private checkCycles(roadmap: Roadmap): void {
    const prereqs = new Map<string, string[]>();
    for (const s of roadmap.sections) for (const n of s.nodes) prereqs.set(n.id, n.prerequisites.filter((p) => p !== n.id));
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    // Depth-first with an explicit stack: a long chain of prerequisites in a big file must not
    // overflow the call stack.
    for (const root of prereqs.keys()) {
      if (state.has(root)) continue;
      const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
      state.set(root, 'visiting');
      while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        const list = prereqs.get(frame.id)!;
        if (frame.next >= list.length) {
          stack.pop();
          state.set(frame.id, 'done');
          continue;
        }
        const p = list[frame.next++];
        if (!prereqs.has(p)) continue;
        const s = state.get(p);
        if (s === 'visiting') {
          const ids = stack.map((f) => f.id);
          const cycle = [...ids.slice(ids.indexOf(p)), p];
          const key = [...cycle].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            const site = this.nodeSites.get(frame.id)!;
            const written = (site.owner.prerequisites as unknown[]) ?? [];
            this.src.report(written, written.indexOf(p), `prerequisites form a cycle: ${cycle.join(' -> ')}; remove one of these prerequisites`);
          }
        } else if (s === undefined) {
          state.set(p, 'visiting');
          stack.push({ id: p, next: 0 });
        }
      }
    }
  }

  // ---- field readers ----------------------------------------------------------------------

  private keys(o: Obj, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        const hint = closest(k, allowed);
        this.src.reportKey(o, k, `unknown key '${k}' in ${what}${hint ? `: did you mean '${hint}'?` : `: allowed keys are ${allowed.join(', ')}`}`);
      }
    }
  }

  private id(o: Obj, key: string, what: string): string {
    const v = o[key];
    if (v === undefined) {
      this.src.report(o, undefined, `${what} has no '${key}': add a kebab-case id such as 'my-topic'`);
      return '';
    }
    if (typeof v !== 'string' || !ID_PATTERN.test(v)) {
      this.src.report(o, key, `${what} id '${String(v)}' is not kebab-case: use lowercase letters, digits and single hyphens`);
      return typeof v === 'string' ? v : String(v);
    }
    return v;
  }

  private text(o: Obj, key: string, what: string, required = true): string {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      if (required) this.src.report(o, v === undefined ? undefined : key, `${what} has no '${key}': add one`);
      return '';
    }
    if (typeof v !== 'string') {
      this.src.report(o, key, `'${key}' of ${what} must be text`);
      return String(v);
    }
    return v;
  }

  private strings(o: Obj, key: string): string[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) {
      this.src.report(o, key, `'${key}' must be a list of text`);
      return [];
    }
    return v as string[];
  }

  private hours(o: Obj, key: string, what: string, required: boolean): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.src.report(o, undefined, `${what} has no '${key}': add the estimated hours`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 10000) {
      this.src.report(o, key, `'${key}' of ${what} must be a positive number of hours, not '${String(v)}'`);
      return undefined;
    }
    return v;
  }

  private count(o: Obj, key: string, what: string, required = false): number | undefined {
    const v = o[key];
    if (v === undefined) {
      if (required) this.src.report(o, undefined, `${what}: a period needs '${key}'`);
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
      this.src.report(o, key, `'${key}' of ${what} must be a whole number above zero, not '${String(v)}'`);
      return undefined;
    }
    return v;
  }

  private url(o: Obj, key: string, what: string): string | undefined {
    const v = o[key];
    if (typeof v !== 'string') {
      this.src.report(o, v === undefined ? undefined : key, `${what} has no '${key}': add an https URL`);
      return undefined;
    }
    let parsed: URL | undefined;
    try {
      parsed = new URL(v);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname) {
      this.src.report(o, key, `URL '${v}' is not a valid https URL: use an https:// address`);
      return undefined;
    }
    return v;
  }

  private refs(o: Obj, key: string, what: string): string[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.src.report(o, key, `'${key}' must be a list of node ids`);
      return [];
    }
    const out: string[] = [];
    v.forEach((id, i) => {
      if (typeof id !== 'string') return this.src.report(v, i, `'${key}' entries must be node ids`);
      this.nodeRefs.push({ id, owner: v, key: i, what });
      out.push(id);
    });
    return out;
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `file` is `folder` or lies under it. */
function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

function optional(s: string): string | undefined {
  return s === '' ? undefined : s;
}

/** What keeps a lesson from the built-in content bar: length, its four parts, its self-check. */
export function lessonShapeProblems(markdown: string): string[] {
  const problems: string[] = [];
  const words = countWords(markdown);
  if (words < LESSON_WORDS.min || words > LESSON_WORDS.max) problems.push(`has ${words} words: keep it between ${LESSON_WORDS.min} and ${LESSON_WORDS.max}`);
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const headings = [...prose.matchAll(/^## (.+?)\s*$/gm)].map((m) => m[1]).filter((h) => LESSON_HEADINGS.includes(h));
  if (headings.join('|') !== LESSON_HEADINGS.join('|')) problems.push(`needs the headings ${LESSON_HEADINGS.map((h) => `'## ${h}'`).join(', ')} in this order`);
  if (/^# /m.test(prose)) problems.push(`has a top-level '# ' heading: the page shows the title, start at '##'`);
  const selfCheck = prose.split(/^## Self-check\s*$/m)[1];
  if (selfCheck !== undefined) {
    const questions = (selfCheck.match(/^\d+\. /gm) ?? []).length;
    if (questions < SELF_CHECK_QUESTIONS.min || questions > SELF_CHECK_QUESTIONS.max) {
      problems.push(`has ${questions} self-check questions: ask ${SELF_CHECK_QUESTIONS.min} to ${SELF_CHECK_QUESTIONS.max} as a numbered list`);
    }
  }
  return problems;
}

export function countWords(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The allowed name nearest to a misspelt one, when it is near enough to be a likely typo. */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    if (commonPrefix(word, c) >= Math.min(5, word.length - 1)) return c;
    const d = distance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
