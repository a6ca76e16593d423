import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface Order {
  id: string;
  sku: string;
  quantity: number;
}

/** Where orders live: PostgreSQL in the service, memory in unit tests. */
export interface OrderStore {
  create(sku: string, quantity: number): Promise<Order>;
  find(id: string): Promise<Order | undefined>;
  ping(): Promise<void>;
}

/** Order ids are UUIDs; anything else can never be an order. */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For unit tests: the same contract, in memory. */
export class MemoryOrderStore implements OrderStore {
  readonly orders = new Map<string, Order>();
  async create(sku: string, quantity: number): Promise<Order> {
    const order = { id: randomUUID(), sku, quantity };
    this.orders.set(order.id, order);
    return { ...order };
  }
  async find(id: string): Promise<Order | undefined> {
    const order = this.orders.get(id);
    return order && { ...order };
  }
  async ping(): Promise<void> {}
}

/** Orders in PostgreSQL. */
export class PgOrderStore implements OrderStore {
  constructor(readonly pool: pg.Pool) {}

  static async connect(pool: pg.Pool): Promise<PgOrderStore> {
    await pool.query(`CREATE TABLE IF NOT EXISTS orders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      sku text NOT NULL,
      quantity integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    return new PgOrderStore(pool);
  }

  // Milestone "events": once the order is stored, publish OrderPlaced {eventId, orderId, sku, quantity}.
  // Milestone "outbox": write the order and an outbox row in ONE transaction (pool.connect(), BEGIN,
  // both INSERTs, COMMIT; ROLLBACK on error) and let the relay publish it.
  async create(sku: string, quantity: number): Promise<Order> {
    const result = await this.pool.query<Order>('INSERT INTO orders (sku, quantity) VALUES ($1, $2) RETURNING id, sku, quantity', [sku, quantity]);
    return result.rows[0];
  }

  async find(id: string): Promise<Order | undefined> {
    const result = await this.pool.query<Order>('SELECT id, sku, quantity FROM orders WHERE id = $1', [id]);
    return result.rows[0];
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
