/**
 * The learner's server as a child process: started in its own process group (processes.ts), watched
 * until its health path answers, and always stopped with everything it started. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as http from 'http';
import { ProcessGroup, type Exit } from './processes';

export type { Exit } from './processes';

/** The last lines of output kept for messages, and all lines kept for log checks. */
const TAIL_LINES = 30;
const MAX_LINES = 20_000;

export interface ServerOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  port: number;
  healthPath: string;
  onOutput?: (text: string) => void;
}

/** Splits a command with no shell syntax into words; anything else runs through sh. */
export function commandArgs(command: string): string[] {
  if (/^[\w./=:@%+,-]+(\s+[\w./=:@%+,-]+)*$/.test(command.trim())) return command.trim().split(/\s+/);
  return ['sh', '-c', command];
}

export class ServerProcess {
  /** The current start; a new group for every start, so a late exit of an earlier one changes nothing. */
  private group: ProcessGroup | undefined;
  private readonly lines: string[] = [];
  private partial = '';
  /** Set while the runner itself stops the server, so the exit is not reported as a crash. */
  private stopping = false;

  constructor(private readonly options: ServerOptions) {}

  get running(): boolean {
    return !!this.group && !this.group.exit;
  }

  get exit(): Exit | undefined {
    return this.group?.exit;
  }

  get pid(): number | undefined {
    return this.group?.pid;
  }

  /** Every complete output line since the first start. */
  get outputLines(): readonly string[] {
    return this.lines;
  }

  tail(n = TAIL_LINES): string {
    const last = [...this.lines.slice(-n), ...(this.partial ? [this.partial] : [])];
    return last.length ? last.map((l) => `    | ${l}`).join('\n') : '    (no output)';
  }

  describeExit(e: Exit | undefined = this.exit): string {
    if (!e) return 'still running';
    return e.signal ? `was killed by ${e.signal}` : `exited with code ${e.code}`;
  }

  start(): void {
    this.stopping = false;
    this.group = new ProcessGroup(commandArgs(this.options.command), {
      cwd: this.options.cwd,
      env: this.options.env,
      onOutput: (text) => {
        this.options.onOutput?.(text);
        const parts = (this.partial + text).split(/\r?\n/);
        this.partial = parts.pop() ?? '';
        this.lines.push(...parts);
        if (this.lines.length > MAX_LINES) this.lines.splice(0, this.lines.length - MAX_LINES);
      },
      onError: (err) => this.lines.push(`could not start '${this.options.command}': ${err.message}`),
    });
  }

  /** Resolves with the exit, or undefined when the process still runs after `ms`. */
  waitExit(ms: number): Promise<Exit | undefined> {
    return this.group ? this.group.waitExit(ms) : Promise.resolve(undefined);
  }

  /**
   * Polls the health path until it answers 2xx. Fails early when the process exits, and on time-out
   * says which ports the process listens on, if any, so a wrong port is named as such.
   */
  async waitHealthy(timeoutMs: number, abort?: AbortSignal): Promise<{ ok: true; ms: number } | { ok: false; message: string }> {
    const started = Date.now();
    const url = `http://127.0.0.1:${this.options.port}${this.options.healthPath}`;
    let last = 'nothing answered';
    while (Date.now() - started < timeoutMs) {
      if (abort?.aborted) return { ok: false, message: 'cancelled' };
      if (this.exit) {
        return { ok: false, message: `the server ${this.describeExit()} before ${url} answered. Its last output:\n${this.tail()}` };
      }
      const status = await probe(url);
      if (status !== undefined && status >= 200 && status < 300) return { ok: true, ms: Date.now() - started };
      if (status !== undefined) last = `it answered ${status}`;
      await delay(150);
    }
    const ports = this.pid ? listeningPorts(this.pid).filter((p) => p !== this.options.port) : [];
    const wrongPort = ports.length
      ? ` The server listens on ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')} instead: it must listen on the port in the PORT environment variable (${this.options.port} for this run).`
      : '';
    return { ok: false, message: `${url} did not answer 2xx within ${Math.round(timeoutMs / 1000)} s (${last}).${wrongPort} The server's last output:\n${this.tail()}` };
  }

  /** Sends a signal to the server's own process (not its group), as a container runtime would. */
  signal(sig: NodeJS.Signals): void {
    if (!this.running || !this.group?.pid) return;
    this.stopping = true;
    this.group.signalLeader(sig);
  }

  get stoppedByRunner(): boolean {
    return this.stopping;
  }

  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; leaves nothing of the group. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.group?.pid) return;
    this.stopping = true;
    await this.group.stop(graceMs);
  }
}

function probe(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** TCP ports in LISTEN state held by any process of the group (Linux /proc; empty elsewhere). */
export function listeningPorts(pgid: number): number[] {
  try {
    const inodes = new Set<string>();
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name in parentheses: state ppid pgrp ...
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== pgid) continue;
        for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
          const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
          const m = /^socket:\[(\d+)\]$/.exec(link);
          if (m) inodes.add(m[1]);
        }
      } catch {
        // The process went away or is not ours to read.
      }
    }
    const ports = new Set<number>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text = '';
      try {
        text = fs.readFileSync(table, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length < 10 || cols[3] !== '0A' || !inodes.has(cols[9])) continue;
        ports.add(parseInt(cols[1].split(':')[1], 16));
      }
    }
    return [...ports].sort((a, b) => a - b);
  } catch {
    return [];
  }
}
