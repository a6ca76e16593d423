/** The service's settings, all read from the environment (see .env.example). */
export interface Config {
  port: number;
  databaseUrl: string;
  /** For the sso milestone: the provider's URL (its discovery document is under /.well-known/) and this app's client. */
  oidcIssuer: string;
  oidcClientId: string;
  oidcClientSecret: string;
  /** For the quotas milestone: requests to /notes one tenant may send in each window of this many seconds. */
  tenantRateLimit: number;
  tenantRateWindowSeconds: number;
  /** For the quotas milestone: the most notes one tenant may keep. */
  tenantMaxNotes: number;
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
  const oidcIssuer = env.OIDC_ISSUER ?? '';
  if (!oidcIssuer) problems.push('OIDC_ISSUER is not set');
  const oidcClientId = env.OIDC_CLIENT_ID ?? '';
  if (!oidcClientId) problems.push('OIDC_CLIENT_ID is not set');
  const oidcClientSecret = env.OIDC_CLIENT_SECRET ?? '';
  if (!oidcClientSecret) problems.push('OIDC_CLIENT_SECRET is not set');
  const tenantRateLimit = wholeNumber(env, 'TENANT_RATE_LIMIT', 100, problems);
  const tenantRateWindowSeconds = wholeNumber(env, 'TENANT_RATE_WINDOW_SECONDS', 60, problems);
  const tenantMaxNotes = wholeNumber(env, 'TENANT_MAX_NOTES', 1000, problems);
  if (problems.length) throw new Error(`${problems.join('; ')}: copy .env.example to .env or export them`);
  return { port, databaseUrl, oidcIssuer, oidcClientId, oidcClientSecret, tenantRateLimit, tenantRateWindowSeconds, tenantMaxNotes };
}
