/** The roadmap as the extension and the CLI use it: compiled from YAML + Markdown at build time. */

/** The id the built-in roadmap's progress is kept under; a roadmap of the workspace's own may not take it. */
export const BUILTIN_ROADMAP_ID = 'backend';

/** The choice group of the built-in roadmap that the setting `backendRoadmap.language` chooses in. */
export const LANGUAGE_CHOICE = 'language';

/** Ids are kebab-case: lowercase letters, digits and single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const RESOURCE_TYPES = ['article', 'video', 'course', 'book', 'docs', 'practice', 'tool'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const PROJECT_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

export interface Resource {
  type: ResourceType;
  title: string;
  url: string;
}

export interface RoadmapNode {
  id: string;
  title: string;
  summary: string;
  /** Estimated hours; a roadmap of the workspace's own may leave it out, and then it is unknown, not 0. */
  hours?: number;
  prerequisites: string[];
  resources: Resource[];
  /**
   * The choice group the node belongs to ('language'): the learner studies one node of the group,
   * and the others are optional for them. Prerequisites and plans that name any node of the group
   * mean the chosen one.
   */
  choice?: string;
  /** Why the node is optional: it counts towards no total, "next up" passes it, and it is still there to open and finish. */
  optional?: string;
}

export interface Section {
  id: string;
  title: string;
  /** Why the section comes where it does: what it builds on and what comes after that needs it. */
  description?: string;
  nodes: RoadmapNode[];
}

export interface PlanItem {
  title: string;
  hours?: number;
  nodes: string[];
}

export interface PlanPeriod {
  from: number;
  to: number;
  title?: string;
  items: PlanItem[];
}

export interface PlanPhase {
  id: string;
  title: string;
  goal?: string;
  /** Length in the plan's unit (weeks or months), when the plan gives one. */
  length?: number;
  /** The plan's own wording of the length, such as "1-2 months". */
  duration?: string;
  hours?: number;
  successMetric?: string;
  periods: PlanPeriod[];
  /** Every node the phase covers: its own list and the nodes of its periods, in order. */
  nodes: string[];
  checkpoints: string[];
  signals: string[];
  /** Courses and guides that carry the phase, where the plan names them. */
  resources?: Resource[];
}

export interface PlanNote {
  title: string;
  summary: string;
  url?: string;
  nodes: string[];
}

export interface Plan {
  id: string;
  title: string;
  summary: string;
  unit: 'week' | 'month';
  length?: number;
  hoursPerWeek?: number;
  phases: PlanPhase[];
  timeline: PlanPeriod[];
  quickWins: PlanNote[];
  leverageMoves: PlanNote[];
  retrospective?: { everyWeeks: number; prompts: string[] };
  /** What to have before week one: what the learner should know, and the tools to set up. */
  readiness?: { prerequisites: string[]; checklist: string[] };
  /** Sample weeks, day by day (the plan's first weeks). */
  sampleWeeks?: PlanWeek[];
  /** What to measure along the way, and where to find people to learn with. */
  metrics?: PlanNote[];
  support?: PlanNote[];
}

export interface PlanWeek {
  title: string;
  days: { day: string; text: string; nodes: string[] }[];
}

export interface Milestone {
  id: string;
  title: string;
  description: string;
  nodes: string[];
}

export interface ProjectIdea {
  id: string;
  title: string;
  level: ProjectLevel;
  summary: string;
  nodes: string[];
  stacks: string[];
  milestones: Milestone[];
  /** A workspace roadmap's idea may name a folder of starters beside the roadmap file. */
  starter?: string;
}

export interface Roadmap {
  id: string;
  title: string;
  description: string;
  sections: Section[];
  plans: Plan[];
  projects: ProjectIdea[];
}

/** A node of one of the roadmaps shown: node ids are unique only within their roadmap. */
export interface NodeRef {
  roadmapId: string;
  nodeId: string;
}

/** Lesson HTML by node id, kept apart from the roadmap so activation does not read it. */
export type LessonBundle = Record<string, string>;

/** A roadmap with lookups built once. */
export class RoadmapIndex {
  readonly nodes = new Map<string, RoadmapNode>();
  readonly sectionOf = new Map<string, Section>();
  /** Node ids in the roadmap's own order. */
  readonly order: string[] = [];
  /** The nodes of each choice group, in roadmap order; the first is chosen until the learner chooses. */
  readonly choiceGroups = new Map<string, string[]>();
  private readonly chosen = new Map<string, string>();

  constructor(readonly roadmap: Roadmap) {
    for (const section of roadmap.sections) this.index(section);
  }

  /**
   * Appends a section to the roadmap and its lookups: a large roadmap can be built a few sections
   * at a time, so no single step holds the event loop long.
   */
  addSection(section: Section): void {
    this.roadmap.sections.push(section);
    this.index(section);
  }

  private index(section: Section): void {
    for (const node of section.nodes) {
      this.nodes.set(node.id, node);
      this.sectionOf.set(node.id, section);
      this.order.push(node.id);
      if (node.choice) {
        const group = this.choiceGroups.get(node.choice);
        if (group) group.push(node.id);
        else this.choiceGroups.set(node.choice, [node.id]);
      }
    }
  }

  /**
   * Makes `nodeId` the chosen node of its choice group (the learner's language, say); false, and
   * nothing changes, when it is not a node of `group`.
   */
  choose(group: string, nodeId: string): boolean {
    if (!this.choiceGroups.get(group)?.includes(nodeId)) return false;
    this.chosen.set(group, nodeId);
    return true;
  }

  /** The node chosen in a group: the learner's choice, else the group's first node. */
  chosenIn(group: string): string | undefined {
    return this.chosen.get(group) ?? this.choiceGroups.get(group)?.[0];
  }

  /** The node a reference means: a node of a choice group stands for the chosen one. */
  resolve(id: string): string {
    const group = this.nodes.get(id)?.choice;
    return (group && this.chosenIn(group)) || id;
  }

  /** Whether a node counts towards totals, hours left and "next up": not optional, and chosen if it is part of a choice. */
  counts(id: string): boolean {
    return this.optionalReason(id) === undefined;
  }

  /** Why a node does not count for this learner, as a sentence (the roadmap's `optional` texts are too), or undefined when it does. */
  optionalReason(id: string): string | undefined {
    const node = this.nodes.get(id);
    if (!node) return undefined;
    if (node.optional) return node.optional;
    if (node.choice && this.chosenIn(node.choice) !== id) {
      const chosen = this.nodes.get(this.chosenIn(node.choice)!);
      // "Pick a language (JavaScript / TypeScript)" is chosen as "JavaScript / TypeScript".
      const name = chosen && (/\(([^()]+)\)\s*$/.exec(chosen.title)?.[1] ?? chosen.title);
      return `${name || 'another topic'} is the chosen ${node.choice}.`;
    }
    return undefined;
  }

  node(id: string): RoadmapNode | undefined {
    return this.nodes.get(id);
  }

  plan(id: string): Plan | undefined {
    return this.roadmap.plans.find((p) => p.id === id);
  }

  /** The sum of the hours the counted nodes give; nodes without an estimate add nothing (countNodes counts them). */
  get totalHours(): number {
    let total = 0;
    for (const node of this.nodes.values()) if (this.counts(node.id)) total += node.hours ?? 0;
    return total;
  }
}
