/** Messages between the graph page and the extension. Both sides import these types. */
import { NODE_STATUSES, type NodeStatus } from '../progress/state';
import type { Ready } from '../webview/protocol';
import type { NodeMark } from './model';
import type { GraphView } from './view';

export type ToGraph =
  | { type: 'graph'; graph: GraphView }
  /** Only the marks changed (a status, a quiz answer): the page keeps its layout, zoom and focus. */
  | { type: 'marks'; marks: Record<string, NodeMark> }
  | { type: 'focusNode'; nodeId: string }
  /** Draw the picture on a canvas and answer with `image`. */
  | { type: 'renderImage'; requestId: number };

export type FromGraph =
  | Ready
  | { type: 'openLesson'; nodeId: string }
  | { type: 'setStatus'; nodeId: string; status: NodeStatus }
  | { type: 'export'; what: 'svg' | 'png' | 'summary' }
  /** The picture is drawn (first time, or after a new layout): `hash` names the layout. */
  | { type: 'drawn'; hash: string; shown: number }
  | { type: 'image'; requestId: number; png: string };

/** A PNG far larger than any canvas the page draws is refused. */
export const MAX_PNG_BASE64 = 48 * 1024 * 1024;

/** What the page shows: a message about anything else is refused. */
export interface GraphChecks {
  knownNode(nodeId: string): boolean;
  /** The request an `image` answers, while one is pending. */
  pendingImage(requestId: number): boolean;
}

/** Checks an incoming message's shape and that it names what the page shows; anything else is undefined. */
export function parseGraphMessage(raw: unknown, checks: GraphChecks): FromGraph | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLesson':
      return typeof m.nodeId === 'string' && checks.knownNode(m.nodeId) ? { type: 'openLesson', nodeId: m.nodeId } : undefined;
    case 'setStatus':
      return typeof m.nodeId === 'string' && checks.knownNode(m.nodeId) && typeof m.status === 'string' && (NODE_STATUSES as readonly string[]).includes(m.status)
        ? { type: 'setStatus', nodeId: m.nodeId, status: m.status as NodeStatus }
        : undefined;
    case 'export':
      return m.what === 'svg' || m.what === 'png' || m.what === 'summary' ? { type: 'export', what: m.what } : undefined;
    case 'drawn':
      return typeof m.hash === 'string' && /^[0-9a-f]{1,64}$/.test(m.hash) && Number.isInteger(m.shown) && (m.shown as number) >= 0 ? { type: 'drawn', hash: m.hash, shown: m.shown as number } : undefined;
    case 'image':
      return Number.isInteger(m.requestId) && checks.pendingImage(m.requestId as number) && typeof m.png === 'string' && m.png.length <= MAX_PNG_BASE64 && /^[A-Za-z0-9+/]+={0,2}$/.test(m.png)
        ? { type: 'image', requestId: m.requestId as number, png: m.png }
        : undefined;
    default:
      return undefined;
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes of a PNG the page drew, or an error saying what is wrong with them. */
export function decodePng(base64: string): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < 8 || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('the graph page sent an image that is not a PNG; nothing was saved');
  return bytes;
}
