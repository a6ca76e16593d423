import * as fs from 'fs';

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

/** The machine's idle share over `ms` (all cores), from /proc/stat; undefined where there is none. */
async function idleShare(ms: number): Promise<number | undefined> {
  const read = () => {
    try {
      const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      return { idle: cpu[3] + (cpu[4] ?? 0), total: cpu.reduce((a, b) => a + b, 0) };
    } catch {
      return undefined;
    }
  };
  const a = read();
  await sleep(ms);
  const b = read();
  if (!a || !b || b.total === a.total) return undefined;
  return (b.idle - a.idle) / (b.total - a.total);
}

/**
 * Waits (up to `timeoutMs`) until the machine is mostly idle, so a one-shot measurement such as an
 * activation is less likely to land on a burst of other work. Returns the idle share it saw last.
 */
export async function waitForQuiet(minIdle = 0.7, timeoutMs = 15_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  let idle: number | undefined;
  do {
    idle = await idleShare(300);
    if (idle === undefined || idle >= minIdle) return idle;
  } while (Date.now() < deadline);
  return idle;
}
