import type { Store } from './store.js';

export interface WorkerSettings {
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * Runs queued jobs inside the server process, one after another. It has nothing to run yet.
 *
 * enqueue milestone: loop while running: claim the oldest queued job (an UPDATE of its row to
 * running, attempts + 1, chosen with SELECT ... FOR UPDATE SKIP LOCKED so two workers never take the
 * same job), run it with perform() from jobs.ts, then mark it done, or failed when it throws; wait
 * about 100 ms when there is nothing to do. retries milestone: queue a failed attempt again for
 * later (exponential backoff), and make it a dead letter after maxAttempts. idempotent milestone: on
 * start, queue again the jobs a crash left running.
 */
export class Worker {
  constructor(
    private readonly store: Store,
    private readonly settings: WorkerSettings,
  ) {}

  start(): void {}

  async stop(): Promise<void> {}
}
