/** Small timing tools for the benchmark suite: medians, repeats and an event-loop stall monitor. */

export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Times `fn` once, in milliseconds. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/** Runs `fn` `warmup` times untimed, then `times` times timed; returns every timing. */
export async function repeat(times: number, fn: (i: number) => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/**
 * Watches the event loop with a 1 ms timer: the longest gap between two ticks, less the timer's own
 * period, is the longest the loop was held. `stop()` returns it in milliseconds.
 */
export function stallMonitor(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      // The loop may be held right up to the end: count the time since the last tick too.
      return Math.max(0, longest, performance.now() - last - 1);
    },
  };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// One answer to "is the machine quiet?" for the suite and bench/run.mjs.
export { waitForQuiet } from '../quiet.mjs';
