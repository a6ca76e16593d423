import pg from 'pg';

/** PostgreSQL failed or could not be reached: the app answers 503, the client may try again later. */
export class DatabaseError extends Error {}

export interface Note {
  id: number;
  tenant: string;
  title: string;
}

/** What the app keeps in PostgreSQL (memory in unit tests). */
export interface Store {
  ping(): Promise<void>;
  // Tenants milestone: every method takes the tenant of the signed-in user and touches only its
  // rows: createNote(tenant, title), listNotes(tenant), getNote(tenant, id), updateNote(tenant, id,
  // title), deleteNote(tenant, id); a note of another tenant is found as little as a missing one.
  // Quotas milestone: countNotes(tenant).
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  async ping(): Promise<void> {}
}

// Every row carries its tenant; the tenants milestone reads and writes through it.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS notes (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant text NOT NULL,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS notes_tenant ON notes (tenant, id);
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
