/**
 * Draws a page once per turn of the event loop, however many events announced a change: one
 * status change reaches a page through the progress store and the tree (and a reset through one
 * event per roadmap), and each used to draw it again. Pure: no `vscode` import.
 */
export class RenderQueue {
  private pending = false;

  /** `defer` runs the drawing later; a microtask by default, so it still comes before any I/O. */
  constructor(
    private readonly draw: () => void,
    private readonly defer: (run: () => void) => void = queueMicrotask,
  ) {}

  /** Asks for a drawing: one for all the requests made before the deferred run. */
  request(): void {
    if (this.pending) return;
    this.pending = true;
    this.defer(() => {
      if (!this.pending) return;
      this.pending = false;
      this.draw();
    });
  }

  /** Forgets a request not yet drawn: the page it was for has gone. */
  cancel(): void {
    this.pending = false;
  }
}

/**
 * The messages that take a page from what it shows (`before`) to `now`: none when they are the
 * same, else `partial` (the few lines that changed, when it knows them) or the whole of `now`.
 */
export function messagesBetween<T>(before: T | undefined, now: T, partial?: (before: T, now: T) => T[] | undefined): T[] {
  if (before !== undefined && JSON.stringify(before) === JSON.stringify(now)) return [];
  return (before !== undefined && partial?.(before, now)) || [now];
}
