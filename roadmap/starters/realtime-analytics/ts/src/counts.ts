import pg from 'pg';

/** One row of the per-minute counts: `minute` is the minute's first millisecond since 1970 (UTC). */
export interface MinuteCount {
  type: string;
  minute: number;
  count: number;
}

/** Where counts live: PostgreSQL in the service, memory in unit tests. */
export interface Counts {
  /** Adds each row's count to its (type, minute) in one transaction. */
  add(rows: MinuteCount[]): Promise<void>;
  ping(): Promise<void>;
}

/** For unit tests: the same contract, in memory. */
export class MemoryCounts implements Counts {
  readonly rows = new Map<string, MinuteCount>();
  async add(rows: MinuteCount[]): Promise<void> {
    for (const r of rows) {
      const key = `${r.type}\n${r.minute}`;
      this.rows.set(key, { ...r, count: (this.rows.get(key)?.count ?? 0) + r.count });
    }
  }
  async ping(): Promise<void> {}
}

/**
 * Per-minute counts in a plain PostgreSQL table keyed by type and minute. `delayMs`
 * (AGGREGATE_DELAY_MS) pauses every write on purpose: a stand-in for a busy database, so that
 * ingest visibly must not wait for counting. Keep the pause in every write of counts you add.
 */
export class PgCounts implements Counts {
  constructor(
    readonly pool: pg.Pool,
    private readonly delayMs = 0,
  ) {}

  static async connect(url: string, delayMs = 0): Promise<PgCounts> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(`CREATE TABLE IF NOT EXISTS minute_counts (
      type text NOT NULL,
      minute bigint NOT NULL,
      count bigint NOT NULL,
      PRIMARY KEY (type, minute)
    )`);
    return new PgCounts(pool, delayMs);
  }

  async add(rows: MinuteCount[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_sleep($1)', [this.delayMs / 1000]);
      for (const r of rows) {
        await client.query(
          `INSERT INTO minute_counts (type, minute, count) VALUES ($1, $2, $3)
           ON CONFLICT (type, minute) DO UPDATE SET count = minute_counts.count + EXCLUDED.count`,
          [r.type, r.minute, r.count],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
