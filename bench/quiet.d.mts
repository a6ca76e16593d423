/** Waits (up to `timeoutMs`) until the machine is mostly idle; returns the idle share it saw last. */
export function waitForQuiet(minIdle?: number, timeoutMs?: number): Promise<number | undefined>;
