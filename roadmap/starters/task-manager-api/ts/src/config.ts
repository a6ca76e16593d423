/** The service's settings, all read from the environment (see .env.example). */
export interface Config {
  port: number;
  databaseUrl: string;
  /** Signs and checks login tokens (HS256). */
  jwtSecret: string;
  /** For the rate-limit milestone: requests per minute per token, or per address without one. Nothing limits yet. */
  rateLimitPerMinute: number;
}

/** Reads the configuration, or throws one error that names everything missing or wrong. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const problems: string[] = [];
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push('PORT must be a TCP port');
  const databaseUrl = env.DATABASE_URL ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is not set');
  const jwtSecret = env.JWT_SECRET ?? '';
  if (jwtSecret.length < 32) problems.push('JWT_SECRET must be set to at least 32 characters');
  const rateLimitPerMinute = Number(env.RATE_LIMIT_PER_MINUTE || 60);
  if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 1) problems.push('RATE_LIMIT_PER_MINUTE must be a whole number above 0');
  if (problems.length) throw new Error(`${problems.join('; ')}: copy .env.example to .env or export them`);
  return { port, databaseUrl, jwtSecret, rateLimitPerMinute };
}
