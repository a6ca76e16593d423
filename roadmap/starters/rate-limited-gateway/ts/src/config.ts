/** The gateway's settings, read once from the environment; a wrong value stops the start with a reason. */
export interface Config {
  port: number;
  redisUrl: string;
  /** Service name to the upstream's base URL, from UPSTREAMS ("users=http://127.0.0.1:4001,orders=..."). */
  upstreams: Map<string, URL>;
  /** API_KEYS, comma-separated. */
  apiKeys: string[];
  /** JWT_SECRET: signs the callers' HS256 tokens; empty when JWTs are not accepted. */
  jwtSecret: string;
  /** RATE_LIMIT requests per caller in each window of RATE_WINDOW_SECONDS. */
  rateLimit: number;
  rateWindowSeconds: number;
}

export class ConfigError extends Error {}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number of at least 1, not '${raw}'`);
  return n;
}

export function parseUpstreams(text: string): Map<string, URL> {
  const out = new Map<string, URL>();
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at).trim();
    if (at < 1 || !URL.canParse(pair.slice(at + 1).trim())) throw new ConfigError(`UPSTREAMS: '${pair}' is not name=url, like users=http://127.0.0.1:4001`);
    out.set(name, new URL(pair.slice(at + 1).trim()));
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  if (!env.REDIS_URL) throw new ConfigError('REDIS_URL is not set; copy .env.example to .env or export it');
  return {
    port: Number(env.PORT ?? 3000),
    redisUrl: env.REDIS_URL,
    upstreams: parseUpstreams(env.UPSTREAMS ?? ''),
    apiKeys: (env.API_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    jwtSecret: env.JWT_SECRET ?? '',
    rateLimit: whole(env, 'RATE_LIMIT', 60),
    rateWindowSeconds: whole(env, 'RATE_WINDOW_SECONDS', 60),
  };
}
