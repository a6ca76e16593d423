/**
 * The one owner of child processes for verifying: every command starts in a process group of its
 * own, so stopping it stops everything it started (a server's workers, `npm run`'s children), and
 * nothing of a group outlives its run. No other module of verify spawns or kills. Pure Node.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
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
    this.child = spawn(cmd, args, { cwd: options.cwd, env: options.env, detached: ownGroup(), windowsHide: true, windowsVerbatimArguments: !ownGroup() && cmd === 'cmd.exe', stdio: ['ignore', 'pipe', 'pipe'] });
    const onData = (chunk: Buffer) => options.onOutput?.(chunk.toString('utf8'));
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
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
