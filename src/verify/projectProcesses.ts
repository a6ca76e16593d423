/**
 * The other processes of a project (the manifest's `processes`): a second service, a relay, a worker,
 * each started by the runner beside the main server with its own free PORT and the URLs of all of
 * them in its environment (`<NAME>_URL`, and `SERVER_URL` for the main server). The session starts
 * them before the main server and stops every one of them, with everything each started, however the
 * run ends: healthy, failing, mid-start or cancelled. Steps reach one with `on: <name>`, and `kill` and
 * `restart` take `on:` too. Pure Node, no `vscode`.
 */
import { freePort, type Address } from './checkScope';
import type { ProcessSpec } from './manifest';
import { ServerProcess } from './server';

/** How long a process without a health path must keep running before it counts as started. */
export const SETTLE_MS = 500;

export interface ProcessesOptions {
  specs: readonly ProcessSpec[];
  cwd: string;
  /** The main server's environment; each process gets it with its own PORT. */
  env: NodeJS.ProcessEnv;
  /** The main server's port, for SERVER_URL. */
  mainPort: number;
  healthTimeoutMs: number;
  healthSteadyMs?: number;
  signal?: AbortSignal;
  /** A process's output, with its name: each has its own output channel in the editor. */
  onOutput?: (name: string, text: string) => void;
  onInfo?: (text: string) => void;
}

/** `stock-service` becomes STOCK_SERVICE_URL. */
export function urlVariable(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

interface Running {
  spec: ProcessSpec;
  port: number;
  server: ServerProcess;
}

export class ProjectProcesses {
  private constructor(
    private readonly options: ProcessesOptions,
    private readonly entries: Map<string, Running>,
    /** `<NAME>_URL` of every process and SERVER_URL: what every process and the main server are given. */
    readonly urls: Record<string, string>,
  ) {}

  /** Gives every process a free port and its environment; starts none. */
  static async create(options: ProcessesOptions): Promise<ProjectProcesses> {
    const ports = new Map<string, number>();
    for (const spec of options.specs) ports.set(spec.name, await freePort());
    const urls: Record<string, string> = { SERVER_URL: `http://127.0.0.1:${options.mainPort}` };
    for (const [name, port] of ports) urls[urlVariable(name)] = `http://127.0.0.1:${port}`;
    const entries = new Map<string, Running>();
    for (const spec of options.specs) {
      const port = ports.get(spec.name)!;
      const server = new ServerProcess({
        command: spec.start,
        cwd: options.cwd,
        env: { ...options.env, ...urls, PORT: String(port) },
        port,
        healthPath: spec.healthPath ?? '/',
        onOutput: (text) => options.onOutput?.(spec.name, text),
      });
      entries.set(spec.name, { spec, port, server });
    }
    return new ProjectProcesses(options, entries, urls);
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The process `name`'s server, or undefined for a name that is not a process. */
  server(name: string): ServerProcess | undefined {
    return this.entries.get(name)?.server;
  }

  /** Starts, in the manifest's order, every process that does not run; undefined, or why one could not. */
  async startMissing(): Promise<string | undefined> {
    for (const name of this.entries.keys()) {
      const problem = await this.start(name);
      if (problem) return problem;
    }
    return undefined;
  }

  /** Starts the process `name` unless it runs and waits until it is up; undefined, or why it could not. */
  async start(name: string): Promise<string | undefined> {
    const entry = this.entries.get(name);
    if (!entry) return `no process named '${name}' in starter.json (its processes: ${this.names.join(', ') || 'none'})`;
    const { spec, port, server } = entry;
    if (server.running) return undefined;
    // What an earlier start of it left behind goes first.
    await server.stop();
    if (this.options.signal?.aborted) return 'cancelled';
    this.options.onInfo?.(`$ ${spec.start}   (process '${name}', PORT=${port})`);
    server.start();
    if (spec.healthPath) {
      const h = await server.waitHealthy(this.options.healthTimeoutMs, this.options.signal, this.options.healthSteadyMs);
      if (h.ok) return undefined;
      await server.stop();
      return `the process '${name}' (${spec.start}) did not come up: ${h.message}`;
    }
    const exit = await server.waitExit(SETTLE_MS);
    if (!exit) return undefined;
    return `the process '${name}' (${spec.start}) ${server.describeExit(exit)} at once. Its last output:\n${server.tail()}`;
  }

  /** SIGKILL to the process `name` and everything it started, as a crash would. */
  async kill(name: string): Promise<void> {
    await this.entries.get(name)?.server.kill();
  }

  /** Where requests to the process `name` go; a string says why not; undefined when `name` is no process. */
  address(name: string): Address | string | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    const { server, port, spec } = entry;
    if (!spec.healthPath) return `the process '${name}' has no healthPath in starter.json: requests cannot be sent to it`;
    if (!server.running) return `the process '${name}' ${server.describeExit()}. Its last output:\n${server.tail()}`;
    return { host: server.host, port };
  }

  /** Stops every process and everything each started; resolves when none is left. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.server.stop()));
  }
}
