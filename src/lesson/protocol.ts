/** Messages between the lesson page and the extension. Both sides import these types. */
import { NODE_STATUSES, type DisplayStatus, type NodeStatus } from '../progress/store';
import type { Resource } from '../roadmap/model';

export interface LessonView {
  nodeId: string;
  title: string;
  section: string;
  summary: string;
  hours: number;
  status: DisplayStatus;
  html: string;
  resources: Resource[];
}

export type ToWebview = { type: 'show'; lesson: LessonView } | { type: 'status'; nodeId: string; status: DisplayStatus };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'setStatus'; nodeId: string; status: NodeStatus }
  | { type: 'openNode'; nodeId: string }
  | { type: 'openExternal'; url: string };

/** Checks an incoming message's shape; `knownNode` says whether a node id exists. */
export function parseWebviewMessage(raw: unknown, knownNode: (id: string) => boolean): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'setStatus':
      if (typeof m.nodeId === 'string' && knownNode(m.nodeId) && (NODE_STATUSES as readonly unknown[]).includes(m.status)) {
        return { type: 'setStatus', nodeId: m.nodeId, status: m.status as NodeStatus };
      }
      return undefined;
    case 'openNode':
      return typeof m.nodeId === 'string' && knownNode(m.nodeId) ? { type: 'openNode', nodeId: m.nodeId } : undefined;
    case 'openExternal':
      return typeof m.url === 'string' && isWebUrl(m.url) ? { type: 'openExternal', url: m.url } : undefined;
    default:
      return undefined;
  }
}

/** Only http(s) URLs leave the editor. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}
