import pg from 'pg';

export interface Author {
  id: string;
  name: string;
}

/** A database that failed (down, restarting): the server answers 503, never a GraphQL error. */
export class DatabaseUnavailable extends Error {}

/** Where authors live. The schema only talks to this, so unit tests can use the in-memory one. */
export interface Store {
  createAuthor(name: string): Promise<Author>;
  findAuthor(id: string): Promise<Author | undefined>;
  ping(): Promise<void>;
  // Milestone "schema": a posts table (author_id references authors) and its queries go here.
  // Milestone "n-plus-one": authors of many posts in one query (WHERE id = ANY($1)).
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  readonly authors: Author[] = [];
  async createAuthor(name: string): Promise<Author> {
    const author = { id: String(this.authors.length + 1), name };
    this.authors.push(author);
    return author;
  }
  async findAuthor(id: string): Promise<Author | undefined> {
    return this.authors.find((a) => a.id === id);
  }
  async ping(): Promise<void> {}
}

/** An id from a query: digits only and within PostgreSQL's bigint, else no row can have it. */
export function rowId(raw: string): string | undefined {
  return /^\d{1,15}$/.test(raw) ? raw : undefined;
}

/** Authors in PostgreSQL; the tables are created on start when they are missing. */
export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgStore> {
    // A short connect timeout: a database that is down answers 503 at once instead of a hang.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
    pool.on('error', () => {}); // an idle connection that breaks is dropped; the next query reports it
    await pool.query('CREATE TABLE IF NOT EXISTS authors (id bigserial PRIMARY KEY, name text NOT NULL)');
    return new PgStore(pool);
  }

  /** Every query goes through here, so a database failure becomes DatabaseUnavailable (503). */
  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (err) {
      throw new DatabaseUnavailable(String(err));
    }
  }

  async createAuthor(name: string): Promise<Author> {
    const [row] = await this.query<Author>('INSERT INTO authors (name) VALUES ($1) RETURNING id::text AS id, name', [name]);
    return row;
  }

  async findAuthor(id: string): Promise<Author | undefined> {
    if (!rowId(id)) return undefined;
    const [row] = await this.query<Author>('SELECT id::text AS id, name FROM authors WHERE id = $1', [id]);
    return row;
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
