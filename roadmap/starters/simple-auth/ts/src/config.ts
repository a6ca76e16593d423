/** The service's settings, all read from the environment (see .env.example). */
export interface Config {
  port: number;
  databaseUrl: string;
  /** For the lockout milestone: failed logins in a row for one email before it is locked. Nothing locks yet. */
  loginMaxFailures: number;
  /** For the lockout milestone: how long a lock lasts, in seconds. */
  lockoutSeconds: number;
}

function wholeNumber(env: Record<string, string | undefined>, name: string, fallback: number, problems: string[]): number {
  const value = Number(env[name] || fallback);
  if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number above 0`);
  return value;
}

/** Reads the configuration, or throws one error that names everything missing or wrong. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('PORT must be a TCP port');
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is not set');
  const loginMaxFailures = wholeNumber(env, 'LOGIN_MAX_FAILURES', 5, problems);
  const lockoutSeconds = wholeNumber(env, 'LOCKOUT_SECONDS', 900, problems);
  if (problems.length) throw new Error(`${problems.join('; ')}: copy .env.example to .env or export them`);
  return { port, databaseUrl, loginMaxFailures, lockoutSeconds };
}
