import pg from 'pg';

/** Reserved stock per sku: PostgreSQL in the service, memory in unit tests. */
export interface StockStore {
  /** How much of `sku` orders have reserved; 0 when none. */
  reserved(sku: string): Promise<number>;
  ping(): Promise<void>;
}

export class MemoryStockStore implements StockStore {
  readonly stock = new Map<string, number>();
  async reserved(sku: string): Promise<number> {
    return this.stock.get(sku) ?? 0;
  }
  async ping(): Promise<void> {}
}

/** The stock service's own table; it never reads the order service's. */
export class PgStockStore implements StockStore {
  constructor(readonly pool: pg.Pool) {}

  static async connect(pool: pg.Pool): Promise<PgStockStore> {
    await pool.query(`CREATE TABLE IF NOT EXISTS stock (
      sku text PRIMARY KEY,
      reserved integer NOT NULL DEFAULT 0
    )`);
    return new PgStockStore(pool);
  }

  // Milestone "events": reserve(sku, quantity) adds to the sku's row (INSERT ... ON CONFLICT DO UPDATE).
  // Milestone "outbox": apply each eventId once: record it (a table with the eventId as primary key)
  // in the same transaction as the reservation, and skip an eventId already recorded.

  async reserved(sku: string): Promise<number> {
    const result = await this.pool.query<{ reserved: number }>('SELECT reserved FROM stock WHERE sku = $1', [sku]);
    return result.rows[0]?.reserved ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
