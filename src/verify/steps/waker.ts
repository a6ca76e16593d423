/**
 * Wakes one waiter when something arrives on a connection (a frame, a message, the end), or when
 * its time is up: the shared wait of the websocket, subscription and sse steps.
 */
export class Waker {
  private wake?: () => void;

  /** Wakes the waiter, if one waits. */
  notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Resolves when notify() is called or `ms` pass. */
  changed(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => this.notify(), ms);
      this.wake = () => (clearTimeout(t), resolve());
    });
  }
}
