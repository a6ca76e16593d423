/** The tree's icons and words for a status, and the tooltips built when the learner hovers. */
import * as vscode from 'vscode';
import { countNodes, formatHours, type NodeGroup, type StatusOf } from '../progress/plan';
import type { DisplayStatus } from '../progress/store';
import type { RoadmapIndex, RoadmapNode } from '../roadmap/model';
import { escapeMarkdown } from './markdownText';

export const STATUS_ICONS: Record<DisplayStatus, { icon: string; color?: string }> = {
  todo: { icon: 'circle-large-outline' },
  'in-progress': { icon: 'circle-large-filled', color: 'charts.yellow' },
  done: { icon: 'pass', color: 'charts.green' },
  verified: { icon: 'verified-filled', color: 'charts.blue' },
  checked: { icon: 'mortar-board', color: 'charts.purple' },
  skipped: { icon: 'circle-slash', color: 'disabledForeground' },
};

export const STATUS_WORDS: Record<DisplayStatus, string> = { todo: 'to do', 'in-progress': 'in progress', done: 'done', verified: 'verified by your code', checked: 'checked by its quiz', skipped: 'skipped' };

/** A node's tooltip: summary, why it is optional (when it is), prerequisites and status. */
export function nodeTooltip(index: RoadmapIndex, node: RoadmapNode, status: DisplayStatus, peeked: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(node.title || node.id)}** · ${formatHours(node.hours)}\n\n`);
  if (node.summary) md.appendMarkdown(`${escapeMarkdown(node.summary)}\n\n`);
  const optional = index.optionalReason(node.id);
  if (optional) md.appendMarkdown(`Optional, not counted in your hours: ${escapeMarkdown(optional)}\n\n`);
  const prereqs = node.prerequisites.map((id) => index.node(id)?.title ?? id);
  md.appendMarkdown(`Prerequisites: ${prereqs.length ? prereqs.map(escapeMarkdown).join(', ') : 'none'}\n\n`);
  md.appendMarkdown(`$(${STATUS_ICONS[status].icon}) ${STATUS_WORDS[status]}`);
  if (status === 'verified' && peeked) md.appendMarkdown(' (passed after a look at the reference solution)');
  return md;
}

/** A section's (or phase's) tooltip: why it comes where it does, and how many of its topics are optional. */
export function groupTooltip(index: RoadmapIndex, group: NodeGroup, statusOf: StatusOf): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(group.title)}**${group.detail ? ` · ${escapeMarkdown(group.detail)}` : ''}`);
  if (group.description) md.appendMarkdown(`\n\n${escapeMarkdown(group.description)}`);
  const optional = countNodes(index, group.nodeIds, statusOf).optional;
  if (optional) md.appendMarkdown(`\n\n${optional} optional topic${optional === 1 ? '' : 's'}, not counted in the hours.`);
  return md;
}
