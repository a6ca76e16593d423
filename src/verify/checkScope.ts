/**
 * What one check opens beside the session's server and must close at its end: named connections
 * (WebSockets, steps/websocket.ts) and more instances of the learner's server (steps/instance.ts),
 * each on its own free PORT with the same command, environment and services. The session makes a
 * scope for every check and closes it however the check ends. Pure Node, no `vscode`.
 */
import * as net from 'net';
import { ServerProcess, type ServerOptions } from './server';

/** Something a step opened that the end of the check closes. */
export interface Closable {
  close(): Promise<void>;
}

/** Where a step's connection goes: the session's server or an instance the check started. */
export interface Address {
  host: string;
  port: number;
}

export interface ScopeOptions {
  /** The session's server options; an instance gets the same but its own PORT. */
  server: Omit<ServerOptions, 'port'>;
  healthTimeoutMs: number;
  signal?: AbortSignal;
  /** The project's other processes by name (projectProcesses.ts): undefined for a name that is none. */
  processes?: { address(name: string): Address | string | undefined };
}

/** A free loopback port, for an instance or a process. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export class CheckScope {
  /** Open connections by the name the check gives them. */
  readonly connections = new Map<string, Closable>();
  private readonly instances = new Map<string, { server: ServerProcess; port: number }>();

  constructor(private readonly options: ScopeOptions) {}

  /** Starts another instance of the server under `name` and waits for its health; undefined, or why it could not. */
  async startInstance(name: string, own: { port?: number; env?: Record<string, string> } = {}): Promise<{ port: number } | { problem: string }> {
    if (this.instances.has(name)) return { problem: `an instance named '${name}' already runs in this check` };
    const port = own.port ?? (await freePort());
    const { server, healthTimeoutMs, signal } = this.options;
    const instance = new ServerProcess({ ...server, port, env: { ...server.env, ...own.env, PORT: String(port) } });
    this.instances.set(name, { server: instance, port });
    instance.start();
    const h = await instance.waitHealthy(healthTimeoutMs, signal);
    return h.ok ? { port } : { problem: `the instance '${name}' (PORT=${port}) did not come up: ${h.message}` };
  }

  /** The address of the instance `name`, or of the session's server when `name` is undefined; a string says why not. */
  address(name: string | undefined, main: Address): Address | string {
    if (name === undefined) return main;
    const found = this.instances.get(name);
    const process = found ? undefined : this.options.processes?.address(name);
    if (process !== undefined) return process;
    if (!found) return `no instance named '${name}' runs in this check and starter.json has no process of that name: start it first with an instance step`;
    const { server, port } = found;
    if (!server.running) return `the instance '${name}' ${server.describeExit()}. Its last output:\n${server.tail()}`;
    return { host: server.host, port };
  }

  /** Stops the instance `name` and everything it started (SIGKILL, as a lost machine); false when none runs. */
  async stopInstance(name: string): Promise<boolean> {
    const found = this.instances.get(name);
    if (!found) return false;
    this.instances.delete(name);
    await found.server.kill();
    return true;
  }

  /** Closes every connection, then stops every instance and everything it started. */
  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((c) => c.close().catch(() => undefined)));
    this.connections.clear();
    await Promise.all([...this.instances.values()].map((i) => i.server.stop()));
    this.instances.clear();
  }
}
