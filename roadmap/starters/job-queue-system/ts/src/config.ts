/** The service's settings, all read from the environment (see .env.example). */
export interface Config {
  port: number;
  databaseUrl: string;
  /** For the retries milestone: attempts a job gets before it becomes a dead letter. */
  maxAttempts: number;
  /** For the retries milestone: the wait before attempt 2; it doubles for every attempt after. */
  retryBaseMs: number;
}

/** Reads the configuration, or throws one error that names everything missing or wrong. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('PORT must be a TCP port');
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is not set');
  const maxAttempts = Number(env.MAX_ATTEMPTS || 5);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) problems.push('MAX_ATTEMPTS must be a whole number above 0');
  const retryBaseMs = Number(env.RETRY_BASE_MS || 2000);
  if (!Number.isInteger(retryBaseMs) || retryBaseMs < 0) problems.push('RETRY_BASE_MS must be a whole number of milliseconds');
  if (problems.length) throw new Error(`${problems.join('; ')}: copy .env.example to .env or export them`);
  return { port, databaseUrl, maxAttempts, retryBaseMs };
}
