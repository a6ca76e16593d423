import pg from 'pg';

/** PostgreSQL did not answer: the routes turn it into 503, never a crash or a hang. */
export class StoreUnavailable extends Error {}

/** The accounts that credit jobs change: PostgreSQL in the service, memory in unit tests. */
export interface Store {
  /** The account's balance; 0 for an account nothing has credited yet. */
  balance(account: string): Promise<number>;
  /** Adds `amount` to the account's balance. */
  credit(account: string, amount: number): Promise<void>;
  ping(): Promise<void>;
  // enqueue milestone: add the queue here: enqueue a job, read one by id, and claim the next
  // queued one for the worker (then mark it done or failed).
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  readonly balances = new Map<string, number>();

  async balance(account: string): Promise<number> {
    return this.balances.get(account) ?? 0;
  }
  async credit(account: string, amount: number): Promise<void> {
    this.balances.set(account, (this.balances.get(account) ?? 0) + amount);
  }
  async ping(): Promise<void> {}
}

// enqueue milestone: a jobs table (id, the job as jsonb, status, attempts, when it may run next).
const SCHEMA = `
CREATE TABLE IF NOT EXISTS accounts (
  id text PRIMARY KEY,
  balance bigint NOT NULL DEFAULT 0
);
`;

export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgStore> {
    // A database that does not answer fails a request in 2 s instead of holding it.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    const store = new PgStore(pool);
    await store.query(SCHEMA);
    return store;
  }

  /** Every query goes through here, so any database failure reaches the routes as StoreUnavailable. */
  private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(text, values);
    } catch (err) {
      throw new StoreUnavailable(`database error: ${(err as Error).message}`);
    }
  }

  async balance(account: string): Promise<number> {
    const result = await this.query<{ balance: string }>('SELECT balance FROM accounts WHERE id = $1', [account]);
    return result.rows[0] ? Number(result.rows[0].balance) : 0;
  }

  async credit(account: string, amount: number): Promise<void> {
    await this.query('INSERT INTO accounts (id, balance) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET balance = accounts.balance + $2', [account, amount]);
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
