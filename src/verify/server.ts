/**
 * The learner's server as a child process: started in its own process group (processes.ts), watched
 * until its health path answers, and always stopped with everything it started. Pure Node, no `vscode`.
 */
import * as fs from 'fs';
import * as http from 'http';
import { shellCommand } from './platform';
import { ProcessGroup, type Exit } from './processes';
import type { RunProblem } from './results';

export type { Exit } from './processes';

/** Loopback addresses tried for the health path, in order. */
const LOOPBACK = ['127.0.0.1', '::1'];
/** How long the same non-2xx health answer may repeat before its message counts as the server's last word. */
export const STEADY_MS = 15_000;

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
  return shellCommand(command);
}

export class ServerProcess {
  /** The current start; a new group for every start, so a late exit of an earlier one changes nothing. */
  private group: ProcessGroup | undefined;
  private readonly lines: string[] = [];
  private partial = '';
  /** Where the health path answered; requests go there. */
  host = LOOPBACK[0];
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
   * Polls the health path until it answers 2xx, on IPv4 and then IPv6 loopback. Fails early when the
   * process exits, or when the health path has given the same non-2xx answer for STEADY_MS (the
   * server's own message, such as a 503 naming a dependency, is clear by then); on time-out says
   * which ports the process listens on, if any, so a wrong port is named as such.
   */
  async waitHealthy(timeoutMs: number, abort?: AbortSignal, steadyMs = STEADY_MS): Promise<{ ok: true; ms: number } | { ok: false; message: string }> {
    const started = Date.now();
    const { port, healthPath } = this.options;
    const url = (host: string) => `http://${host.includes(':') ? `[${host}]` : host}:${port}${healthPath}`;
    let last = 'nothing answered';
    let steady: { answer: string; since: number } | undefined;
    while (Date.now() - started < timeoutMs) {
      if (abort?.aborted) return { ok: false, message: 'cancelled' };
      if (this.exit) {
        return { ok: false, message: `the server ${this.describeExit()} before ${url(this.host)} answered. Its last output:\n${this.tail()}` };
      }
      for (const host of LOOPBACK) {
        const answer = await probe(url(host));
        if (!answer) continue;
        if (answer.status >= 200 && answer.status < 300) {
          this.host = host;
          return { ok: true, ms: Date.now() - started };
        }
        last = `it answered ${answer.status}${answer.body ? `: ${answer.body}` : ''}`;
        const key = `${answer.status} ${answer.body}`;
        if (steady?.answer !== key) steady = { answer: key, since: Date.now() };
        else if (Date.now() - steady.since >= steadyMs) {
          return { ok: false, message: `${url(host)} answered ${answer.status} for ${(steadyMs / 1000).toFixed(0)} s with the same body: ${answer.body || '(empty)'}. The server's last output:\n${this.tail()}` };
        }
        break;
      }
      await delay(150);
    }
    const ports = this.pid ? listeningPorts(this.pid).filter((p) => p !== port) : [];
    const wrongPort = ports.length
      ? ` The server listens on ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')} instead: it must listen on the port in the PORT environment variable (${port} for this run).`
      : '';
    return { ok: false, message: `${url(this.host)} did not answer 2xx within ${Math.round(timeoutMs / 1000)} s (${last}).${wrongPort} The server's last output:\n${this.tail()}` };
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

  /** SIGKILL to the whole process group, no grace (a crash); resolves with the exit. */
  async kill(): Promise<Exit | undefined> {
    if (!this.group?.pid) return undefined;
    this.stopping = true;
    return this.group.kill();
  }

  /** SIGTERM to the whole process group, SIGKILL after `graceMs`; leaves nothing of the group. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.group?.pid) return;
    this.stopping = true;
    await this.group.stop(graceMs);
  }
}

/** The health path's status and the start of its body, or undefined when nothing answered. */
function probe(url: string): Promise<{ status: number; body: string } | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body = (body + c).slice(0, 300)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.replace(/\s+/g, ' ').trim() }));
      res.on('error', () => resolve(undefined));
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

/**
 * What a server that did not come up says about the cause: a start command that does not exist, or a
 * port already in use, is the machine's state (could not run); anything else is the server's own doing.
 */
export function classifyStart(message: string, exitCode: number | null): RunProblem['kind'] {
  if (/EADDRINUSE|address already in use|Address in use|port is already allocated/i.test(message)) return 'port';
  // Only the exit code says so: a server's own log line may well end in "not found".
  if (exitCode === 127 || /could not start '.*': .*ENOENT/.test(message)) return 'command';
  return 'start';
}
