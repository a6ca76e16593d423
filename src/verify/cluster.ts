/**
 * A cluster of the learner's nodes for one check (steps/instances.ts): every node is another instance
 * of the same server, and each learns who it is and who its peers are from its environment, NODE_ID
 * (its name) and NODES (`a=http://127.0.0.1:41001,b=http://127.0.0.1:41002,...`, every node of the
 * set, itself included). Ports are taken for the whole set before any node starts, so each node's
 * NODES is complete from its first moment. Pure Node, no `vscode`.
 */
import * as net from 'net';
import type { CheckScope } from './checkScope';

export const NODE_ID_ENV = 'NODE_ID';
export const NODES_ENV = 'NODES';

/** `count` distinct free loopback ports, all held open together so none is handed out twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const s = net.createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

/** The NODES value for these names and ports. */
export function nodesValue(names: readonly string[], ports: readonly number[]): string {
  return names.map((n, i) => `${n}=http://127.0.0.1:${ports[i]}`).join(',');
}

/**
 * Starts one instance per name with NODE_ID and NODES set, after stopping any instance of the same
 * names (a cluster started again with a new membership); waits for every health path. Undefined when
 * all came up, or what went wrong.
 */
export async function startCluster(scope: CheckScope, names: readonly string[], env: Record<string, string>): Promise<{ nodes: string } | { problem: string }> {
  for (const name of names) await scope.stopInstance(name);
  const ports = await freePorts(names.length);
  const nodes = nodesValue(names, ports);
  const started = await Promise.all(names.map((name, i) => scope.startInstance(name, { port: ports[i], env: { ...env, [NODE_ID_ENV]: name, [NODES_ENV]: nodes } })));
  const problems = started.flatMap((s) => ('problem' in s ? [s.problem] : []));
  return problems.length ? { problem: problems.join('\n') } : { nodes };
}
