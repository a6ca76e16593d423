import pg from 'pg';

export interface Post {
  id: number;
  title: string;
  body: string;
  author: string;
  createdAt: string;
}

/** Where users, posts and comments live: PostgreSQL in the service, memory in unit tests. */
export interface Store {
  /** The 20 newest posts, newest first: the home page. */
  listPosts(): Promise<Post[]>;
  ping(): Promise<void>;
  // Milestone "features": add users (createUser, findUser), posts (createPost, findPost,
  // updatePost, deletePost) and comments (addComment, listComments) here and in both stores.
}

export const PAGE_SIZE = 20;

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  readonly posts: Post[] = [];
  async listPosts(): Promise<Post[]> {
    return [...this.posts].sort((a, b) => b.id - a.id).slice(0, PAGE_SIZE);
  }
  async ping(): Promise<void> {}
}

const POST_COLUMNS = `p.id, p.title, p.body, u.username AS author, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/**
 * PostgreSQL. The tables are made at start. `slowQueryMs` (SLOW_QUERY_MS) adds pg_sleep to the
 * home page's query on purpose: a stand-in for a list that is expensive at scale, so that a cache
 * (milestone "performance") makes a visible difference on a small local table.
 */
export class PgStore implements Store {
  constructor(
    readonly pool: pg.Pool,
    private readonly slowQueryMs = 0,
  ) {}

  static async connect(url: string, slowQueryMs = 0): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(`
      CREATE TABLE IF NOT EXISTS users (
        id bigserial PRIMARY KEY,
        username text NOT NULL UNIQUE,
        password_hash text NOT NULL
      );
      CREATE TABLE IF NOT EXISTS posts (
        id bigserial PRIMARY KEY,
        author_id bigint NOT NULL REFERENCES users(id),
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS comments (
        id bigserial PRIMARY KEY,
        post_id bigint NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
        author_id bigint NOT NULL REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    return new PgStore(pool, slowQueryMs);
  }

  async listPosts(): Promise<Post[]> {
    // The deliberately slow read (SLOW_QUERY_MS, see the README): pg_sleep runs once per query.
    const result = await this.pool.query(
      `SELECT ${POST_COLUMNS} FROM posts p JOIN users u ON u.id = p.author_id
       WHERE (SELECT pg_sleep($2)) IS NOT NULL ORDER BY p.id DESC LIMIT $1`,
      [PAGE_SIZE, this.slowQueryMs / 1000],
    );
    return result.rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
