import pg from 'pg';

/** What the routes need from the database. The items milestone adds the item operations here. */
export interface Store {
  /** Resolves while the database answers; rejects when it does not. */
  ping(): Promise<void>;
  // Items milestone: create(title), list(), setDone(id, done), remove(id).
}

/**
 * PostgreSQL behind a connection pool. The pool connects on the first query, so the server starts
 * (and /health answers 503) even while the database is down; the timeout keeps a request from
 * hanging on a database that does not answer.
 */
export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  static connect(url: string): PgStore {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 3000 });
    // An idle connection that breaks (the database restarts) must not crash the process.
    pool.on('error', () => {});
    return new PgStore(pool);
  }

  // Storage milestone: create the items table here (CREATE TABLE IF NOT EXISTS ...) before the
  // server listens, and keep every item in it, so items survive a restart.

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
