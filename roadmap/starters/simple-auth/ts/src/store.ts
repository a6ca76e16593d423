import pg from 'pg';

/** PostgreSQL failed or could not be reached: the app answers 503, the client may try again later. */
export class DatabaseError extends Error {}

/** What the app keeps in PostgreSQL (memory in unit tests). */
export interface Store {
  ping(): Promise<void>;
  // Registration milestone: add createUser(email, passwordHash) (undefined when the email is taken)
  // and findUserByEmail(email). Login milestone: sessions (create, find the user of one, delete).
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  async ping(): Promise<void> {}
}

// The users table is ready for the registration milestone; add a sessions table for the login one.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
`;

export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  /** A pool that gives up on an unreachable database within seconds instead of hanging. */
  static pool(url: string): pg.Pool {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000, query_timeout: 5000 });
    pool.on('error', () => {}); // an idle client lost: the next query reports it
    return pool;
  }

  static async connect(url: string): Promise<PgStore> {
    const store = new PgStore(PgStore.pool(url));
    await store.query(SCHEMA);
    return store;
  }

  /** Every query goes through here, so any failure of PostgreSQL becomes a DatabaseError. */
  protected async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw new DatabaseError(`database query failed: ${(err as Error).message}`);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
