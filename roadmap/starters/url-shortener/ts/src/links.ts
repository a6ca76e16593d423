import { randomInt } from 'node:crypto';
import pg from 'pg';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random 7-character base62 code: 62^7 is about 3.5e12, so collisions are rare and retried. */
export function newCode(length = 7): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export interface LinkStore {
  save(code: string, url: string): Promise<boolean>;
  find(code: string): Promise<string | undefined>;
  ping(): Promise<void>;
}

/** For unit tests: the same contract, in memory. */
export class MemoryLinkStore implements LinkStore {
  readonly links = new Map<string, string>();
  async save(code: string, url: string): Promise<boolean> {
    if (this.links.has(code)) return false;
    this.links.set(code, url);
    return true;
  }
  async find(code: string): Promise<string | undefined> {
    return this.links.get(code);
  }
  async ping(): Promise<void> {}
}

/**
 * Links in PostgreSQL; the primary key on code keeps codes unique. `slowQueryMs` (SLOW_QUERY_MS)
 * adds pg_sleep to the lookup: a stand-in for a database that is slow because it is busy or big.
 */
export class PgLinkStore implements LinkStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly slowQueryMs = 0,
  ) {}

  static async connect(url: string, slowQueryMs = 0): Promise<PgLinkStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(`CREATE TABLE IF NOT EXISTS links (
      code text PRIMARY KEY,
      url text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    return new PgLinkStore(pool, slowQueryMs);
  }

  async save(code: string, url: string): Promise<boolean> {
    const result = await this.pool.query('INSERT INTO links (code, url) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [code, url]);
    return result.rowCount === 1;
  }

  async find(code: string): Promise<string | undefined> {
    // The sleep is a subquery PostgreSQL runs before the lookup: an unknown code waits as long as a known one.
    const result = await this.pool.query<{ url: string }>('SELECT url FROM links WHERE (SELECT pg_sleep($2)) IS NOT NULL AND code = $1', [code, this.slowQueryMs / 1000]);
    return result.rows[0]?.url;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Errors that mean PostgreSQL cannot be reached right now (refused, cut off, shutting down), not a bug in a query. */
export function isDatabaseDown(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
