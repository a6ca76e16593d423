import type { Store } from './store.js';

/** A job as POST /jobs takes it (see the README). */
export type Job =
  | { type: 'credit'; account: string; amount: number; workMs?: number }
  | { type: 'fail'; times: number; workMs?: number };

// enqueue milestone: a parseJob(body) that returns the Job, or undefined for a body POST /jobs
// answers 400 (an unknown type, an empty account, an amount below 1, a negative times or workMs).

/**
 * Runs attempt number `attempt` (1 for the first) of a job: a credit first, then `workMs` of work.
 * A fail job throws on its first `times` attempts. The worker calls this.
 */
export async function perform(store: Store, job: Job, attempt: number): Promise<void> {
  if (job.type === 'fail' && attempt <= job.times) throw new Error(`attempt ${attempt} fails, as the job asks (times: ${job.times})`);
  // idempotent milestone: a job run again after a crash must not credit twice.
  if (job.type === 'credit') await store.credit(job.account, job.amount);
  if (job.workMs) await new Promise((r) => setTimeout(r, job.workMs));
}
