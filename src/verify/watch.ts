/**
 * Watch mode's loop, apart from what starts it (a save in VS Code, a file change on the command line)
 * and what a run does: changes close together make one run (debounce); a change during a run cancels
 * it and runs again once it has ended, so there is never more than one server; each run sees an
 * AbortSignal. Pure: no `vscode`, timers injectable for tests.
 */
import * as path from 'path';

export interface WatchTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How long after the last change a run starts: a save-all of several files is one change. */
export const WATCH_DEBOUNCE_MS = 300;

export class WatchLoop {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private again = false;
  private disposed = false;

  constructor(
    private readonly run: (signal: AbortSignal) => Promise<void>,
    private readonly debounceMs = WATCH_DEBOUNCE_MS,
    private readonly timers: WatchTimers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
  ) {}

  /** Whether a run is under way. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** A change: a run starts once no other change has come for the debounce time. */
  changed(): void {
    if (this.disposed) return;
    this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => this.fire(), this.debounceMs);
  }

  /** Runs now (the first run when watching starts), cancelling one under way. */
  now(): void {
    this.timers.clearTimeout(this.timer);
    this.fire();
  }

  private fire(): void {
    if (this.disposed) return;
    if (this.running) {
      // One server at a time: the run under way is cancelled and this one waits for its end.
      this.again = true;
      this.abort?.abort();
      return;
    }
    const abort = (this.abort = new AbortController());
    this.running = this.run(abort.signal)
      .catch(() => undefined)
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.disposed) {
          this.again = false;
          this.fire();
        }
      });
  }

  /** Stops watching: cancels the run under way and resolves once it has ended. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.timers.clearTimeout(this.timer);
    this.abort?.abort();
    await this.running;
  }
}

/** Folders whose changes never mean the learner's code changed: dependencies and build output. */
const IGNORED = new Set(['node_modules', 'dist', 'build', 'bin', 'target', 'out', '.venv', 'venv', '__pycache__', '.pytest_cache', '.mypy_cache', '.git', '.gradle', '.idea', '.vscode']);

/** Whether a changed file (relative to the project folder) is the learner's own source, worth a run. */
export function isWatchedFile(relative: string): boolean {
  const parts = relative.split(/[\\/]/).filter(Boolean);
  if (!parts.length || parts[0] === '..' || path.isAbsolute(relative)) return false;
  if (parts.some((p) => IGNORED.has(p))) return false;
  const name = parts[parts.length - 1];
  // Editors' swap and backup files, compiled Python, logs and OS litter.
  return !/(^\.#|~$|\.swp$|\.swx$|\.pyc$|\.log$|^\.DS_Store$|^4913$)/.test(name);
}

/**
 * The milestone to focus on next: the first, in the roadmap's order, that has not passed in the runs so
 * far (`passed` holds the latest verdict of each milestone run); undefined when every one has passed.
 */
export function nextFocus(milestoneIds: readonly string[], passed: ReadonlyMap<string, boolean>): string | undefined {
  return milestoneIds.find((id) => passed.get(id) !== true);
}

/** Code, by its extension: what a server never writes while it runs, unlike its data files (links.json, app.db). */
const SOURCE = /\.(ts|tsx|js|mjs|cjs|py|go|java|kt|kts|scala|rs|rb|php|cs|fs|c|cc|cpp|h|hpp|ex|exs|erl|clj|swift|dart|lua|pl|sh|sql|toml|mod|gradle|xml)$/i;

export function isSourceFile(relative: string): boolean {
  return SOURCE.test(relative);
}
