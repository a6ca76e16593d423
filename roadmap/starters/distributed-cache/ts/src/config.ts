/** Configuration comes from the environment (twelve-factor), with defaults for a node running alone. */
export interface Peer {
  id: string;
  url: string;
}

export interface Config {
  port: number;
  /** This node's name (NODE_ID); the ring is built from names, never from addresses. */
  nodeId: string;
  /** Every node of the cluster, this one included (NODES); empty when the node runs alone. */
  nodes: Peer[];
  /** The most keys this node holds (MAX_KEYS). */
  maxKeys: number;
}

/** Reads NODES: `a=http://127.0.0.1:41001,b=http://127.0.0.1:41002`. */
export function parseNodes(text: string | undefined): Peer[] {
  if (!text?.trim()) return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`NODES must be id=url pairs joined by commas, not '${pair}'`);
    return { id: pair.slice(0, at).trim(), url: pair.slice(at + 1).trim().replace(/\/$/, '') };
  });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a TCP port, not '${env.PORT}'`);
  const maxKeys = Number(env.MAX_KEYS ?? 1000);
  if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new Error(`MAX_KEYS must be a whole number of at least 1, not '${env.MAX_KEYS}'`);
  return { port, nodeId: env.NODE_ID ?? 'solo', nodes: parseNodes(env.NODES), maxKeys };
}
