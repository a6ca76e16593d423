import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface Item {
  id: string;
  name: string;
}

/** Where items live: PostgreSQL in the service, memory in unit tests. */
export interface ItemStore {
  create(name: string): Promise<Item>;
  find(id: string): Promise<Item | undefined>;
  ping(): Promise<void>;
}

/** Item ids are UUIDs; anything else can never be an item. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For unit tests: the same contract, in memory. */
export class MemoryItemStore implements ItemStore {
  readonly items = new Map<string, Item>();
  async create(name: string): Promise<Item> {
    const item = { id: randomUUID(), name };
    this.items.set(item.id, item);
    return { ...item };
  }
  async find(id: string): Promise<Item | undefined> {
    const item = this.items.get(id);
    return item && { ...item };
  }
  async ping(): Promise<void> {}
}

/**
 * Items in PostgreSQL. `slowQueryMs` (SLOW_QUERY_MS) adds pg_sleep to the lookup on purpose: a
 * stand-in for a query that is expensive at scale (big tables, joins, a busy database), so that a
 * cache makes a visible difference on a small local table.
 */
export class PgItemStore implements ItemStore {
  constructor(
    readonly pool: pg.Pool,
    private readonly slowQueryMs = 0,
  ) {}

  static async connect(url: string, slowQueryMs = 0): Promise<PgItemStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(`CREATE TABLE IF NOT EXISTS items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    return new PgItemStore(pool, slowQueryMs);
  }

  async create(name: string): Promise<Item> {
    const result = await this.pool.query<Item>('INSERT INTO items (name) VALUES ($1) RETURNING id, name', [name]);
    return result.rows[0];
  }

  async find(id: string): Promise<Item | undefined> {
    // The deliberately slow read (see SLOW_QUERY_MS in the README). pg_sleep in a subquery of the
    // WHERE clause runs once per lookup, before the row is looked for, so a lookup that finds no
    // item is slow too; joined into FROM it would not run when no row matches.
    const result = await this.pool.query<Item>('SELECT id, name FROM items WHERE id = $1 AND (SELECT pg_sleep($2)) IS NOT NULL', [id, this.slowQueryMs / 1000]);
    return result.rows[0];
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
