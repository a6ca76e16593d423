// Is the machine quiet enough to time something once? Asked by the suite inside the extension
// host (bench/suite/measure.ts) and by bench/run.mjs before it clicks in the workbench: the
// machine is shared, and a one-shot measurement that lands on a burst of other work says little.
import { readFileSync } from 'node:fs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The machine's idle share over `ms` (all cores), from /proc/stat; undefined where there is none. */
async function idleShare(ms) {
  const read = () => {
    try {
      const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
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
 * @param {number} [minIdle]
 * @param {number} [timeoutMs]
 * @returns {Promise<number | undefined>}
 */
export async function waitForQuiet(minIdle = 0.7, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let idle;
  do {
    idle = await idleShare(300);
    if (idle === undefined || idle >= minIdle) return idle;
  } while (Date.now() < deadline);
  return idle;
}
