/**
 * The one owner of child processes for verifying: every command starts in a process group of its
 * own, so stopping it stops everything it started (a server's workers, `npm run`'s children), and
 * nothing of a group outlives its run. No other module of verify spawns or kills. Pure Node.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from 'child_process';
import { ownGroup, shellCommand, treeKillCommand } from './platform';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GroupOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every chunk of stdout and stderr, as text. */
  onOutput?: (text: string) => void;
  /** Every chunk as bytes, with the stream it came on (a multi-byte character may span two chunks). */
  onChunk?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
  /** Written to the command's stdin, which is then closed; without it stdin is closed from the start. */
  stdin?: string;
  /** The command could not be started at all (it then counts as exited with code 127). */
  onError?: (err: Error) => void;
}

/** A command running as the leader of its own process group; remembers how the leader exited. */
export class ProcessGroup {
  readonly child: ChildProcess;
  private exitInfo: Exit | undefined;
  private exitWaiters: ((e: Exit) => void)[] = [];

  constructor(argv: string[], options: GroupOptions) {
    const [cmd, ...args] = argv;
    // Windows has no process groups: a detached child there would only get a console window of its own.
    this.child = spawn(cmd, args, { cwd: options.cwd, env: options.env, detached: ownGroup(), windowsHide: true, windowsVerbatimArguments: !ownGroup() && cmd === 'cmd.exe', stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const onData = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      options.onOutput?.(chunk.toString('utf8'));
      options.onChunk?.(chunk, stream);
    };
    this.child.stdout?.on('data', onData('stdout'));
    this.child.stderr?.on('data', onData('stderr'));
    if (this.child.stdin) {
      // A command that exits without reading its input closes the pipe: that is not an error of ours.
      this.child.stdin.on('error', () => undefined);
      this.child.stdin.end(options.stdin);
    }
    this.child.on('error', (err) => {
      options.onError?.(err);
      this.exited({ code: 127, signal: null });
    });
    this.child.on('exit', (code, signal) => this.exited({ code, signal }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** How the leader exited, or undefined while it runs. */
  get exit(): Exit | undefined {
    return this.exitInfo;
  }

  private exited(e: Exit): void {
    if (this.exitInfo) return;
    this.exitInfo = e;
    for (const w of this.exitWaiters.splice(0)) w(e);
  }

  /** Resolves with the exit, or undefined when the leader still runs after `ms`. */
  waitExit(ms: number): Promise<Exit | undefined> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.exitWaiters = this.exitWaiters.filter((w) => w !== onExit);
        resolve(undefined);
      }, ms);
      const onExit = (e: Exit) => {
        clearTimeout(timer);
        resolve(e);
      };
      this.exitWaiters.push(onExit);
    });
  }

  /** Sends a signal to the leader alone (not its group), as a container runtime would. */
  signalLeader(sig: NodeJS.Signals): void {
    if (this.exitInfo || !this.child.pid) return;
    try {
      process.kill(this.child.pid, sig);
    } catch {
      // Already gone.
    }
  }

  /** SIGKILL to the whole group at once, as a crash would; resolves with the leader's exit. */
  async kill(): Promise<Exit | undefined> {
    const pid = this.child.pid;
    if (!pid) return undefined;
    if (!this.exitInfo) killGroup(pid, 'SIGKILL');
    const exit = await this.waitExit(2000);
    await killLeftovers(pid);
    return exit;
  }

  /** SIGTERM to the whole group, SIGKILL after `graceMs`; leaves nothing of the group. */
  async stop(graceMs: number): Promise<void> {
    const pid = this.child.pid;
    if (!pid) return;
    if (!this.exitInfo) {
      killGroup(pid, 'SIGTERM');
      if (!(await this.waitExit(graceMs))) killGroup(pid, 'SIGKILL');
      await this.waitExit(2000);
    }
    await killLeftovers(pid);
  }
}

/**
 * Runs a command through the shell to its end (an install, a build); resolves with its exit code, its
 * last 20 lines of output, quoted, and the output itself (its last 64 KiB). Cancelling kills its group at once.
 */
export function runToEnd(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; signal?: AbortSignal; onOutput: (text: string) => void }): Promise<{ code: number; tail: string; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const group = new ProcessGroup(shellCommand(command), {
      cwd: options.cwd,
      env: options.env,
      onOutput: (text) => {
        options.onOutput(text);
        // Enough for a build's whole list of errors, read for the Problems panel.
        output = (output + text).slice(-65_536);
      },
      onError: (err) => resolve({ code: 127, tail: err.message, output: err.message }),
    });
    const pid = group.pid;
    const onAbort = () => pid && killGroup(pid, 'SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    group.child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      const tail = output.split('\n').slice(-20).map((l) => `    | ${l}`).join('\n');
      // Whatever the command left running in the background goes with it.
      void (pid ? killLeftovers(pid) : Promise.resolve()).then(() => resolve({ code: code ?? 1, tail, output }));
    });
  });
}

function killGroup(pgid: number, sig: NodeJS.Signals): void {
  const taskkill = treeKillCommand(pgid, sig === 'SIGKILL');
  if (taskkill) {
    spawnSync(taskkill[0], taskkill.slice(1), { stdio: 'ignore', windowsHide: true });
    return;
  }
  try {
    process.kill(-pgid, sig);
  } catch {
    // The group is gone.
  }
}

/** Children that outlived their leader in the same group get SIGKILL; waits up to a second for them. */
async function killLeftovers(pgid: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  killGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 20 && groupAlive(pgid); i++) await new Promise((r) => setTimeout(r, 50));
}

/** True while any process of the group still exists. */
export function groupAlive(pgid: number): boolean {
  try {
    // Without groups (Windows) the leader stands for its tree; taskkill /T has ended the rest with it.
    process.kill(ownGroup() ? -pgid : pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** What a captured command did: its exit, its output (each stream cut at the limit), and its time. */
export interface Captured {
  /** The exit code; null when a signal ended it (`signal`) or it never ended (`timedOut`, `cancelled`). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Both streams as they came, the last `limit` bytes. */
  output: string;
  /** A stream went over the limit: what is kept is its start. */
  truncated: boolean;
  ms: number;
  timedOut: boolean;
  cancelled: boolean;
  /** Why it could not start at all. */
  error?: string;
}

/**
 * Runs a shell command line in its own process group and captures stdout and stderr apart, up to
 * `limit` bytes each. The group is killed when the command is still running after `timeoutMs`,
 * when `isCancelled` turns true (asked every 50 ms), and once the command has ended (what it left
 * in the background goes with it).
 */
export async function runCaptured(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs: number; limit: number; isCancelled?: () => boolean }): Promise<Captured> {
  const streams = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const sizes = { stdout: 0, stderr: 0 };
  let both: Buffer[] = [];
  let bothSize = 0;
  let truncated = false;
  let error: string | undefined;
  const started = performance.now();
  const group = new ProcessGroup(shellCommand(command), {
    cwd: options.cwd,
    env: options.env,
    stdin: options.stdin,
    onError: (err) => (error = err.message),
    onChunk: (chunk, stream) => {
      const room = options.limit - sizes[stream];
      if (chunk.length > room) truncated = true;
      if (room > 0) streams[stream].push(chunk.subarray(0, room));
      sizes[stream] += Math.min(chunk.length, Math.max(room, 0));
      both.push(chunk);
      bothSize += chunk.length;
      if (bothSize > 2 * options.limit) {
        const kept = Buffer.concat(both).subarray(-options.limit);
        both = [kept];
        bothSize = kept.length;
      }
    },
  });
  const closed = new Promise<void>((resolve) => group.child.on('close', () => resolve()));
  let exit: Exit | undefined;
  let timedOut = false;
  let cancelled = false;
  for (;;) {
    exit = await group.waitExit(50);
    if (exit) break;
    cancelled = options.isCancelled?.() ?? false;
    timedOut = performance.now() - started >= options.timeoutMs;
    if (cancelled || timedOut) break;
  }
  const ms = Math.round(performance.now() - started);
  await group.kill();
  // The pipes close once nothing of the group holds them; the group is gone, so this is quick.
  await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
  const text = (parts: Buffer[]) => Buffer.concat(parts).toString('utf8');
  return { code: exit ? exit.code : null, signal: exit ? exit.signal : null, stdout: text(streams.stdout), stderr: text(streams.stderr), output: Buffer.concat(both).subarray(-options.limit).toString('utf8'), truncated, ms, timedOut: !exit && timedOut, cancelled: !exit && cancelled, error };
}

/**
 * Runs a program with arguments and no shell (git), to its end or `timeoutMs`; resolves with its exit
 * code (127 when it could not start) and its output. For short, quiet tools, not the learner's commands.
 */
export function runProgram(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: options.cwd, env: options.env, timeout: options.timeoutMs ?? 10_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve({ code: 0, stdout, stderr });
      const code = typeof err.code === 'number' ? err.code : err.code === 'ENOENT' ? 127 : 1;
      resolve({ code, stdout, stderr: stderr || err.message });
    });
  });
}
