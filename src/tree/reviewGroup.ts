/**
 * "Due for review": a group shown first in a roadmap while its quiz items are due again, with
 * the topics that have them. Built anew on every refresh (answers and the clock change it).
 */
import * as vscode from 'vscode';
import type { NodeGroup } from '../progress/plan';
import type { ProgressStore } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';

export const REVIEW_GROUP = 'review-due';


/** The group of topics with items due at `now`; undefined when nothing is due. */
export function reviewGroup(store: ProgressStore, roadmapId: string, index: RoadmapIndex, now: Date): NodeGroup | undefined {
  const due = store.dueByTopic(roadmapId, now);
  const nodeIds = index.order.filter((id) => due.has(id));
  return nodeIds.length ? { id: REVIEW_GROUP, title: 'Due for review', nodeIds } : undefined;
}

/** The group's row; `idPrefix` tells the roadmaps' rows apart when more than one is shown. */
export function reviewGroupItem(store: ProgressStore, roadmapId: string, group: NodeGroup, now: Date, idPrefix: string): vscode.TreeItem {
  const due = store.dueByTopic(roadmapId, now);
  const items = group.nodeIds.reduce((n, id) => n + (due.get(id) ?? 0), 0);
  const topics = group.nodeIds.length;
  const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${idPrefix}group:${REVIEW_GROUP}`;
  item.description = `${items} item${items === 1 ? '' : 's'} in ${topics} topic${topics === 1 ? '' : 's'}`;
  item.iconPath = new vscode.ThemeIcon('history');
  item.contextValue = 'group.review';
  item.tooltip = 'Quiz items you answered before, due again so they stick. Open a topic and answer them under "Check yourself".';
  item.accessibilityInformation = { label: `Due for review: ${items} quiz items in ${topics} topics` };
  return item;
}
