import type { Reply } from './app.js';

/** How long a node waits for a peer before it counts it as down. */
const PEER_TIMEOUT_MS = 2000;

/**
 * One HTTP call to another node of the cluster. A peer that does not answer (stopped, unreachable,
 * too slow) gives 503 with a JSON error, so a caller can try the next holder of a key, and a client
 * never sees a crash or a hang.
 */
export async function callPeer(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  try {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(PEER_TIMEOUT_MS),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  } catch (err) {
    return { status: 503, body: { error: `the node at ${baseUrl} did not answer ${method} ${path}: ${(err as Error).message}` } };
  }
}
