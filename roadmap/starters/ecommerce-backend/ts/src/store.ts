import pg from 'pg';

/** Money is always a whole number of cents: 12.50 is 1250, so sums never pick up rounding errors. */
export interface Product {
  id: string;
  name: string;
  priceCents: number;
  stock: number;
}

export interface NewProduct {
  name: string;
  priceCents: number;
  stock: number;
}

/**
 * What the routes need of the database. Catalog milestone: carts and their items go here; orders
 * milestone: the checkout (one transaction); payments milestone: payments and idempotency keys.
 */
export interface Store {
  ping(): Promise<void>;
  createProduct(p: NewProduct): Promise<Product>;
  listProducts(): Promise<Product[]>;
  findProduct(id: string): Promise<Product | undefined>;
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  readonly products = new Map<string, Product>();
  async ping(): Promise<void> {}
  async createProduct(p: NewProduct): Promise<Product> {
    const product = { id: crypto.randomUUID(), ...p };
    this.products.set(product.id, product);
    return product;
  }
  async listProducts(): Promise<Product[]> {
    return [...this.products.values()];
  }
  async findProduct(id: string): Promise<Product | undefined> {
    return this.products.get(id);
  }
}

type ProductRow = { id: string; name: string; price_cents: number; stock: number };
const toProduct = (r: ProductRow): Product => ({ id: r.id, name: r.name, priceCents: r.price_cents, stock: r.stock });

/** The schema, created at start. Ids are text (random UUIDs), so any id in a URL is a plain lookup. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS products (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents >= 0),
  stock integer NOT NULL CHECK (stock >= 0),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);`;

export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgStore> {
    // A database that stops answering fails a request after 2 s (503) instead of hanging it.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000, query_timeout: 5000 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(SCHEMA);
    return new PgStore(pool);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async createProduct(p: NewProduct): Promise<Product> {
    const r = await this.pool.query<ProductRow>('INSERT INTO products (name, price_cents, stock) VALUES ($1, $2, $3) RETURNING *', [p.name, p.priceCents, p.stock]);
    return toProduct(r.rows[0]);
  }

  async listProducts(): Promise<Product[]> {
    const r = await this.pool.query<ProductRow>('SELECT * FROM products ORDER BY created_at, id');
    return r.rows.map(toProduct);
  }

  async findProduct(id: string): Promise<Product | undefined> {
    const r = await this.pool.query<ProductRow>('SELECT * FROM products WHERE id = $1', [id]);
    return r.rows[0] && toProduct(r.rows[0]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
