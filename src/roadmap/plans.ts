/** Reading a roadmap's study plans: phases, periods of weeks or months, study items and notes. */
import type { Fields } from './fields';
import { UniqueIds } from './graph';
import { KEYS } from './keys';
import type { Plan, PlanItem, PlanNote, PlanPeriod, PlanPhase, PlanWeek } from './model';
import { readResources } from './nodes';
import type { ReadContext } from './readContext';

export function readPlan(ctx: ReadContext, o: Fields): Plan {
  const { fields, src } = ctx;
  fields.knownKeys(o, KEYS.plan, 'plan');
  const id = fields.id(o, 'id', 'plan');
  const what = `plan '${id}'`;
  const unit = o.unit;
  if (unit !== 'week' && unit !== 'month') src.value(o, unit === undefined ? 'id' : 'unit', `${what} needs 'unit: week' or 'unit: month'`);
  const plan: Plan = {
    id,
    title: fields.text(o, 'title', what),
    summary: fields.text(o, 'summary', what, false),
    unit: unit === 'month' ? 'month' : 'week',
    length: fields.count(o, 'length', what),
    hoursPerWeek: fields.hours(o, 'hoursPerWeek', what, false),
    phases: [],
    timeline: [],
    quickWins: readNotes(ctx, o, 'quickWins'),
    leverageMoves: readNotes(ctx, o, 'leverageMoves'),
  };
  const phases = o.phases;
  if (!Array.isArray(phases) || phases.length === 0) {
    src.value(o, 'id', `${what} has no phases: add a 'phases' list`);
    return plan;
  }
  const phaseIds = new UniqueIds(src, 'phase', what);
  let next = 1;
  for (const [p] of fields.mappings(phases, 'each phase must be a mapping')) {
    const phase = readPhase(ctx, p, plan, next);
    phaseIds.check(phase.id, p);
    if (phase.periods.length > 0) next = phase.periods[phase.periods.length - 1].to + 1;
    else if (phase.length !== undefined) next += phase.length;
    plan.phases.push(phase);
  }
  if (plan.length !== undefined && plan.phases.every((p) => p.length !== undefined)) {
    const sum = plan.phases.reduce((s, p) => s + (p.length ?? 0), 0);
    if (sum !== plan.length) src.value(o, 'length', `${what} is ${plan.length} ${plan.unit}s long but its phases add up to ${sum}: fix the phase lengths or the total`);
  }
  const timeline = fields.list(o, 'timeline', `'${id}'`, 'periods');
  if (timeline) plan.timeline = readPeriods(ctx, timeline, plan, 1, `timeline of '${id}'`);
  const retrospective = fields.mapping(o, 'retrospective', what, KEYS.retrospective);
  if (retrospective) plan.retrospective = { everyWeeks: fields.count(retrospective, 'everyWeeks', 'retrospective') ?? 1, prompts: fields.strings(retrospective, 'prompts', 'retrospective') };
  const readiness = fields.mapping(o, 'readiness', what, KEYS.readiness);
  if (readiness) plan.readiness = { prerequisites: fields.strings(readiness, 'prerequisites', 'readiness'), checklist: fields.strings(readiness, 'checklist', 'readiness') };
  const weeks = fields.list(o, 'sampleWeeks', what, 'weeks with title and days');
  if (weeks) plan.sampleWeeks = readWeeks(ctx, weeks);
  if (o.metrics !== undefined) plan.metrics = readNotes(ctx, o, 'metrics');
  if (o.support !== undefined) plan.support = readNotes(ctx, o, 'support');
  return plan;
}

/** Sample weeks, day by day: each day's work in a sentence, with the topics it is about. */
function readWeeks(ctx: ReadContext, list: unknown[]): PlanWeek[] {
  const { fields } = ctx;
  return fields.mappings(list, "each of 'sampleWeeks' must be a mapping with title and days").map(([w]) => {
    fields.knownKeys(w, KEYS.sampleWeek, 'sample week');
    const days = fields.list(w, 'days', 'sample week', 'days with day and text') ?? [];
    return {
      title: fields.text(w, 'title', 'sample week'),
      days: fields.mappings(days, 'each day must be a mapping with day and text').map(([d]) => {
        fields.knownKeys(d, KEYS.sampleDay, 'day');
        return { day: fields.text(d, 'day', 'day'), text: fields.text(d, 'text', 'day'), nodes: fields.refs(d, 'nodes', 'node of a sample day') };
      }),
    };
  });
}

function readPhase(ctx: ReadContext, o: Fields, plan: Plan, start: number): PlanPhase {
  const { fields, src } = ctx;
  fields.knownKeys(o, KEYS.phase, 'phase');
  const where = `phase '${String(o.id ?? '?')}' of plan '${plan.id}'`;
  const phase: PlanPhase = {
    id: fields.id(o, 'id', 'phase'),
    title: fields.text(o, 'title', where),
    goal: fields.optionalText(o, 'goal', where),
    length: fields.count(o, 'length', where),
    duration: fields.optionalText(o, 'duration', where),
    hours: fields.hours(o, 'hours', where, false),
    successMetric: fields.optionalText(o, 'successMetric', where),
    periods: [],
    nodes: [],
    checkpoints: fields.strings(o, 'checkpoints', where),
    signals: fields.strings(o, 'signals', where),
  };
  if (o.resources !== undefined) phase.resources = readResources(ctx, o, phase.id, false);
  const periods = fields.list(o, 'periods', where, 'periods');
  if (periods) phase.periods = readPeriods(ctx, periods, plan, start, where);
  if (phase.periods.length > 0 && phase.length !== undefined) {
    const covered = phase.periods.reduce((n, p) => n + p.to - p.from + 1, 0);
    if (covered !== phase.length) src.value(o, 'length', `${where} is ${phase.length} ${plan.unit}s long but its periods cover ${covered}: make them match`);
  }
  if (phase.hours !== undefined) {
    const items = phase.periods.flatMap((p) => p.items);
    const sum = items.reduce((s, it) => s + (it.hours ?? 0), 0);
    if (items.length > 0 && sum !== phase.hours) {
      src.value(o, 'hours', `${where} says ${phase.hours} hours but its study items add up to ${sum}: fix the items or the total`);
    }
  }
  const nodes = new Set<string>(fields.refs(o, 'nodes', `node of ${where}`));
  for (const period of phase.periods) for (const item of period.items) for (const n of item.nodes) nodes.add(n);
  phase.nodes = [...nodes];
  return phase;
}

/** Periods follow each other: each starts the week (or month) after the one before it ends. */
function readPeriods(ctx: ReadContext, list: unknown[], plan: Plan, start: number, where: string): PlanPeriod[] {
  const { fields, src } = ctx;
  const out: PlanPeriod[] = [];
  let expected = start;
  for (const [p] of fields.mappings(list, `each period of ${where} must be a mapping with from, to and items`)) {
    fields.knownKeys(p, KEYS.period, 'period');
    const from = fields.count(p, 'from', `a period of ${where}`, `add the number of its first ${plan.unit}`) ?? expected;
    const to = fields.count(p, 'to', where) ?? from;
    if (from !== expected) src.value(p, 'from', `${where}: ${plan.unit} ${from} follows ${plan.unit} ${expected - 1}; periods must be consecutive, so this one should start at ${expected}`);
    if (to < from) src.value(p, 'to', `${where}: period ends (${to}) before it starts (${from})`);
    const items: PlanItem[] = [];
    for (const [it] of fields.mappings(fields.list(p, 'items', where, 'study items') ?? [], 'each study item must be a mapping with title, hours and nodes')) {
      fields.knownKeys(it, KEYS.studyItem, 'study item');
      items.push({ title: fields.text(it, 'title', 'study item'), hours: fields.hours(it, 'hours', 'study item', false), nodes: fields.refs(it, 'nodes', 'node of a study item') });
    }
    out.push({ from, to: Math.max(from, to), title: fields.optionalText(p, 'title', where), items });
    expected = Math.max(from, to) + 1;
  }
  return out;
}

/** Quick wins and leverage moves: short notes, each with the nodes it is about. */
function readNotes(ctx: ReadContext, o: Fields, key: 'quickWins' | 'leverageMoves' | 'metrics' | 'support'): PlanNote[] {
  const { fields } = ctx;
  const list = fields.list(o, key, `plan '${String(o.id ?? '?')}'`, 'notes with title and summary');
  if (!list) return [];
  return fields.mappings(list, `each entry of '${key}' must be a mapping with title and summary`).map(([n]) => {
    fields.knownKeys(n, KEYS.planNote, key);
    return {
      title: fields.text(n, 'title', key),
      summary: fields.text(n, 'summary', key),
      url: n.url === undefined ? undefined : fields.url(n, 'url', key),
      nodes: fields.refs(n, 'nodes', `node of ${key}`),
    };
  });
}
