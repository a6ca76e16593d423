/** What the dashboard shows. Pure: no `vscode`. */
import { countNodes, phaseNodeIds, phaseRange, type StatusOf } from '../progress/plan';
import type { Plan, PlanNote, PlanWeek, Resource, RoadmapIndex } from '../roadmap/model';

export const DEFAULT_WEEKLY_HOURS = 20;
/** The plan the dashboard follows when the tree is grouped by topics. */
export const DEFAULT_PLAN_ID = 'twenty-four-week';

export interface SectionRow {
  id: string;
  title: string;
  /** Why the section comes where it does. */
  description?: string;
  done: number;
  inProgress: number;
  total: number;
  hoursDone: number;
  hoursLeft: number;
}

export interface PhaseView {
  id: string;
  title: string;
  range?: string;
  goal?: string;
  hours?: number;
  done: number;
  total: number;
  checkpoints: string[];
  signals: { key: string; text: string; checked: boolean }[];
  resources: Resource[];
}

export interface DashboardView {
  /** Saved by the page, so a reload restores the dashboard of the same roadmap. */
  roadmapId: string;
  roadmapTitle: string;
  percent: number;
  done: number;
  total: number;
  /** Topics verified by the learner's own code, and of those, how many passed only after a look at the reference. */
  verified: number;
  peeked: number;
  /** Topics checked by their quiz (every graded item right on two different days), apart from verified and self-marked done. */
  checked: number;
  /** Topics a milestone's or an exercise's checks can verify, where the roadmap has checks. */
  verifiable?: number;
  /** Every topic of the roadmap, skipped ones too: what `verifiable` is counted out of. */
  verifiableOf?: number;
  hoursDone: number;
  hoursLeft: number;
  /** Topics left out of every count: optional ones and the choices not taken (the other languages). */
  optional: number;
  /** Each choice of the roadmap (the language) and what is chosen in it. */
  choices: ChoiceView[];
  /** Topics left that give no hours (a workspace roadmap may leave them out): the finish date leaves them out too. */
  unestimatedLeft: number;
  weeklyHours: number;
  weeksLeft: number;
  /** ISO date (YYYY-MM-DD) the remaining hours end at the weekly pace; undefined when nothing is left. */
  finishDate?: string;
  sections: SectionRow[];
  plan?: { id: string; title: string; summary: string; phases: PhaseView[]; prompts: string[]; everyWeeks?: number; guide: PlanGuide };
}

/** A plan's guidance beside its phases: what to have first, where to start, the first weeks by day, what to measure, who to learn with. */
export interface PlanGuide {
  readiness?: { prerequisites: string[]; checklist: string[] };
  quickWins: PlanNote[];
  leverageMoves: PlanNote[];
  sampleWeeks: PlanWeek[];
  metrics: PlanNote[];
  support: PlanNote[];
}

export interface ChoiceView {
  group: string;
  chosenId: string;
  chosenTitle: string;
  /** How many other topics of the group are optional for this learner. */
  others: number;
}

export function signalKey(planId: string, phaseId: string, index: number): string {
  return `${planId}/${phaseId}/${index}`;
}

/** Weeks to finish `hoursLeft` at `weeklyHours`, and the date that lands on. */
export function projectFinish(hoursLeft: number, weeklyHours: number, today: Date): { weeksLeft: number; finishDate?: string } {
  const pace = Number.isFinite(weeklyHours) && weeklyHours > 0 ? weeklyHours : DEFAULT_WEEKLY_HOURS;
  if (hoursLeft <= 0) return { weeksLeft: 0 };
  const weeksLeft = Math.round((hoursLeft / pace) * 10) / 10;
  const days = Math.ceil((hoursLeft / pace) * 7);
  const finish = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days));
  return { weeksLeft, finishDate: finish.toISOString().slice(0, 10) };
}

export function buildDashboard(index: RoadmapIndex, input: { planId?: string; statusOf: StatusOf; peeked?: (id: string) => boolean; verifiable?: (id: string) => boolean; weeklyHours: number; today: Date; signals: Record<string, string> }): DashboardView {
  const statusOf = input.statusOf;
  const all = countNodes(index, index.order, statusOf);
  const verified = index.order.filter((id) => statusOf(id) === 'verified');
  const peeked = verified.filter((id) => input.peeked?.(id)).length;
  const sections: SectionRow[] = index.roadmap.sections.map((s) => {
    const ids = s.nodes.map((n) => n.id);
    const c = countNodes(index, ids, statusOf);
    return { id: s.id, title: s.title, ...(s.description ? { description: s.description } : {}), done: c.done, inProgress: c.inProgress, total: c.total, hoursDone: c.hoursTotal - c.hoursLeft, hoursLeft: c.hoursLeft };
  });
  const weeklyHours = input.weeklyHours > 0 ? input.weeklyHours : DEFAULT_WEEKLY_HOURS;
  const plan = index.plan(input.planId ?? DEFAULT_PLAN_ID) ?? index.plan(DEFAULT_PLAN_ID) ?? index.roadmap.plans[0];
  const prompts = plan?.retrospective?.prompts ?? index.roadmap.plans.find((p) => p.retrospective)?.retrospective?.prompts ?? [];
  return {
    roadmapId: index.roadmap.id,
    roadmapTitle: index.roadmap.title,
    percent: all.percent,
    done: all.done,
    total: all.total - all.skipped,
    verified: verified.length - peeked,
    peeked,
    checked: index.order.filter((id) => statusOf(id) === 'checked').length,
    ...(input.verifiable ? { verifiable: index.order.filter((id) => input.verifiable!(id)).length, verifiableOf: index.order.length } : {}),
    hoursDone: all.hoursTotal - all.hoursLeft,
    hoursLeft: all.hoursLeft,
    optional: all.optional,
    choices: [...index.choiceGroups].map(([group, ids]) => {
      const chosenId = index.chosenIn(group)!;
      return { group, chosenId, chosenTitle: index.node(chosenId)?.title ?? chosenId, others: ids.length - 1 };
    }),
    unestimatedLeft: all.hoursUnknownLeft,
    weeklyHours,
    ...projectFinish(all.hoursLeft, weeklyHours, input.today),
    sections,
    plan: plan && { id: plan.id, title: plan.title, summary: plan.summary, phases: phases(index, plan, statusOf, input.signals), prompts, everyWeeks: plan.retrospective?.everyWeeks, guide: guideOf(plan) },
  };
}

function phases(index: RoadmapIndex, plan: Plan, statusOf: StatusOf, signals: Record<string, string>): PhaseView[] {
  return plan.phases.map((phase) => {
    const c = countNodes(index, phaseNodeIds(index, phase), statusOf);
    return {
      id: phase.id,
      title: phase.title,
      range: phaseRange(plan, phase),
      goal: phase.goal,
      hours: phase.hours,
      done: c.done,
      total: c.total,
      checkpoints: phase.checkpoints,
      signals: phase.signals.map((text, i) => {
        const key = signalKey(plan.id, phase.id, i);
        return { key, text, checked: key in signals };
      }),
      resources: phase.resources ?? [],
    };
  });
}

function guideOf(plan: Plan): PlanGuide {
  return { ...(plan.readiness ? { readiness: plan.readiness } : {}), quickWins: plan.quickWins, leverageMoves: plan.leverageMoves, sampleWeeks: plan.sampleWeeks ?? [], metrics: plan.metrics ?? [], support: plan.support ?? [] };
}

/** Every web address the dashboard shows (the only ones it may open). */
export function dashboardUrls(view: DashboardView): Set<string> {
  const guide = view.plan?.guide;
  return new Set([...(view.plan?.phases.flatMap((p) => p.resources.map((r) => r.url)) ?? []), ...[...(guide?.quickWins ?? []), ...(guide?.leverageMoves ?? [])].flatMap((n) => (n.url ? [n.url] : []))]);
}

/** A dated retrospective note with the plan's prompts. */
export function retrospectiveNote(prompts: string[], today: Date, percent: number): string {
  const day = today.toISOString().slice(0, 10);
  const body = prompts.map((p) => `## ${p}\n\n- \n`).join('\n');
  return `# Retrospective ${day}\n\n_Roadmap progress: ${percent}% done_\n\n${body}`;
}
