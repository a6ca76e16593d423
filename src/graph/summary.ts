/**
 * The progress summary as Markdown: a badge, the counts kept apart (verified by the learner's own
 * code, checked by quiz, self-marked done, skipped), each section's line, and the milestones
 * verified with their date. Nothing in it points anywhere: the badge is an SVG written into the
 * file itself, so opening the summary fetches nothing. Pure: no `vscode`.
 */
import { countNodes } from '../progress/plan';
import type { DisplayStatus, NodeProgress } from '../progress/state';
import type { RoadmapIndex } from '../roadmap/model';
import { escapeHtml } from '../webview/html';

export interface SummaryInput {
  statusOf(id: string): DisplayStatus;
  progressOf(id: string): NodeProgress | undefined;
  /** Whether the milestone (`idea/milestone`) passed only after its reference solution was shown. */
  milestonePeeked?(key: string, passedAt: string): boolean;
  today: Date;
}

export interface VerifiedMilestone {
  key: string;
  project: string;
  milestone: string;
  /** YYYY-MM-DD of the first pass. */
  date: string;
  topics: string[];
  peeked: boolean;
}

export interface SummaryCounts {
  total: number;
  verified: number;
  checked: number;
  done: number;
  inProgress: number;
  skipped: number;
  todo: number;
  percent: number;
}

export function summaryCounts(index: RoadmapIndex, statusOf: (id: string) => DisplayStatus): SummaryCounts {
  const c: SummaryCounts = { total: 0, verified: 0, checked: 0, done: 0, inProgress: 0, skipped: 0, todo: 0, percent: countNodes(index, index.order, statusOf).percent };
  for (const id of index.order) {
    c.total++;
    const s = statusOf(id);
    if (s === 'verified') c.verified++;
    else if (s === 'checked') c.checked++;
    else if (s === 'done') c.done++;
    else if (s === 'in-progress') c.inProgress++;
    else if (s === 'skipped') c.skipped++;
    else c.todo++;
  }
  return c;
}

/** Every milestone that verified a topic of this roadmap, with the day it first passed, oldest first. */
export function verifiedMilestones(index: RoadmapIndex, input: Pick<SummaryInput, 'progressOf' | 'milestonePeeked'>): VerifiedMilestone[] {
  const first = new Map<string, { at: string; topics: string[] }>();
  for (const id of index.order) {
    const p = input.progressOf(id);
    if (p?.status !== 'done' || !p.verified) continue;
    for (const [key, at] of Object.entries(p.verified)) {
      const entry = first.get(key);
      if (!entry) first.set(key, { at, topics: [id] });
      else {
        entry.topics.push(id);
        if (at < entry.at) entry.at = at;
      }
    }
  }
  return [...first].map(([key, { at, topics }]) => {
    const [projectId, milestoneId] = key.split('/');
    const project = index.roadmap.projects.find((p) => p.id === projectId);
    const milestone = project?.milestones.find((m) => m.id === milestoneId);
    return {
      key,
      project: project?.title || projectId,
      milestone: milestone?.title || milestoneId || key,
      date: at.slice(0, 10),
      topics: topics.map((t) => index.node(t)?.title || t),
      peeked: input.milestonePeeked?.(key, at) ?? false,
    };
  }).sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/** A small badge, drawn here: "roadmap | 42% · 3 verified". */
export function badgeSvg(label: string, value: string): string {
  const w1 = Math.round(label.length * 6.6 + 12);
  const w2 = Math.round(value.length * 6.6 + 12);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w1 + w2}" height="20" role="img" aria-label="${escapeHtml(`${label}: ${value}`)}"><rect width="${w1}" height="20" fill="#555"/><rect x="${w1}" width="${w2}" height="20" fill="#0969da"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="6" y="14">${escapeHtml(label)}</text><text x="${w1 + 6}" y="14">${escapeHtml(value)}</text></g></svg>`;
}

/** Markdown text: `[`, `]`, `*`, `_`, backquotes, `<` and `|` in titles cannot break the page. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function summaryMarkdown(index: RoadmapIndex, input: SummaryInput): string {
  const title = index.roadmap.title || index.roadmap.id;
  const day = input.today.toISOString().slice(0, 10);
  const c = summaryCounts(index, input.statusOf);
  const badge = badgeSvg('roadmap', `${c.percent}% · ${c.verified} verified`);
  const alt = `${title}: ${c.percent}% done, ${c.verified} verified, ${c.checked} checked, ${c.done} self-marked done`;
  const lines = [
    `# ${mdText(title)}: progress on ${day}`,
    '',
    `![${mdText(alt)}](data:image/svg+xml;base64,${Buffer.from(badge).toString('base64')})`,
    '',
    `**${c.percent}% done** (${c.verified + c.checked + c.done} of ${c.total - c.skipped} topics, skipped ones left out).`,
    '',
    '| | Topics | What it means |',
    '| --- | ---: | --- |',
    `| Verified | ${c.verified} | my own code passed its checks (a milestone or the topic's exercise), on my machine |`,
    `| Checked | ${c.checked} | every quiz item answered right on two different days |`,
    `| Done | ${c.done} | marked done by me, not checked |`,
    `| In progress | ${c.inProgress} | |`,
    `| Skipped | ${c.skipped} | |`,
    `| To do | ${c.todo} | |`,
    '',
    '## By section',
    '',
  ];
  for (const s of index.roadmap.sections) {
    const ids = s.nodes.map((n) => n.id);
    const sc = { verified: 0, checked: 0, done: 0 };
    for (const id of ids) {
      const st = input.statusOf(id);
      if (st === 'verified' || st === 'checked' || st === 'done') sc[st]++;
    }
    lines.push(`- ${mdText(s.title)}: ${sc.verified + sc.checked + sc.done}/${ids.length} (${sc.verified} verified, ${sc.checked} checked, ${sc.done} done)`);
  }
  const milestones = verifiedMilestones(index, input);
  lines.push('', '## Verified milestones', '');
  if (!milestones.length) lines.push('None yet: a milestone is verified when its checks pass against my own project.');
  for (const m of milestones) {
    lines.push(`- ${m.date}: **${mdText(m.project)}**, ${mdText(m.milestone)}${m.peeked ? ' (after a look at the reference solution)' : ''}; topics: ${m.topics.map(mdText).join(', ')}`);
  }
  lines.push('', `_Made by the Backend Roadmap extension from progress kept on this machine. Verified and checked are counted apart from what was only marked done._`, '');
  return lines.join('\n');
}
