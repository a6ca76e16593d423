import pg from 'pg';

export interface Post {
  id: number;
  title: string;
  body: string;
  createdAt: string;
}

/** Where posts live. The routes only talk to this, so unit tests can use the in-memory one. */
export interface PostStore {
  create(title: string, body: string): Promise<Post>;
  find(id: number): Promise<Post | undefined>;
  ping(): Promise<void>;
  // Milestone "posts": update, delete and a page of the newest posts go here.
  // Milestone "comments": a comments table (post_id references posts) and its queries.
  // Milestone "search": a full-text query over title and body.
}

/** For unit tests: the same contract, in memory. */
export class MemoryPostStore implements PostStore {
  readonly posts: Post[] = [];
  async create(title: string, body: string): Promise<Post> {
    const post = { id: this.posts.length + 1, title, body, createdAt: new Date().toISOString() };
    this.posts.push(post);
    return post;
  }
  async find(id: number): Promise<Post | undefined> {
    return this.posts.find((p) => p.id === id);
  }
  async ping(): Promise<void> {}
}

interface PostRow {
  id: string;
  title: string;
  body: string;
  created_at: Date;
}

function toPost(row: PostRow): Post {
  return { id: Number(row.id), title: row.title, body: row.body, createdAt: row.created_at.toISOString() };
}

/** Posts in PostgreSQL; the table is created on start when it is missing. */
export class PgPostStore implements PostStore {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgPostStore> {
    // A short connect timeout: a database that is down answers 503 at once instead of a hang.
    const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 2000 });
    pool.on('error', () => {}); // an idle connection that breaks is dropped; the next query reports it
    await pool.query(`CREATE TABLE IF NOT EXISTS posts (
      id bigserial PRIMARY KEY,
      title text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    return new PgPostStore(pool);
  }

  async create(title: string, body: string): Promise<Post> {
    const result = await this.pool.query<PostRow>('INSERT INTO posts (title, body) VALUES ($1, $2) RETURNING id, title, body, created_at', [title, body]);
    return toPost(result.rows[0]);
  }

  async find(id: number): Promise<Post | undefined> {
    const result = await this.pool.query<PostRow>('SELECT id, title, body, created_at FROM posts WHERE id = $1', [id]);
    return result.rows[0] && toPost(result.rows[0]);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
