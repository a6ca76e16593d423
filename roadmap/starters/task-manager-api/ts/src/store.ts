import pg from 'pg';

export interface User {
  id: number;
  email: string;
  passwordHash: string;
}

export interface Task {
  id: number;
  title: string;
  done: boolean;
}

/** Users and their tasks: PostgreSQL in the service, memory in unit tests. */
export interface Store {
  /** The new user, or undefined when the email is taken. */
  createUser(email: string, passwordHash: string): Promise<User | undefined>;
  findUserByEmail(email: string): Promise<User | undefined>;
  createTask(userId: number, title: string): Promise<Task>;
  /** The user's own tasks, oldest first. */
  listTasks(userId: number): Promise<Task[]>;
  ping(): Promise<void>;
}

/** For unit tests: the same contract, in memory. */
export class MemoryStore implements Store {
  readonly users: User[] = [];
  readonly tasks: (Task & { userId: number })[] = [];

  async createUser(email: string, passwordHash: string): Promise<User | undefined> {
    if (this.users.some((u) => u.email === email)) return undefined;
    const user = { id: this.users.length + 1, email, passwordHash };
    this.users.push(user);
    return user;
  }
  async findUserByEmail(email: string): Promise<User | undefined> {
    return this.users.find((u) => u.email === email);
  }
  async createTask(userId: number, title: string): Promise<Task> {
    const task = { id: this.tasks.length + 1, userId, title, done: false };
    this.tasks.push(task);
    return { id: task.id, title, done: false };
  }
  async listTasks(userId: number): Promise<Task[]> {
    return this.tasks.filter((t) => t.userId === userId).map(({ id, title, done }) => ({ id, title, done }));
  }
  async ping(): Promise<void> {}
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tasks (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS tasks_user_id ON tasks (user_id, id);
`;

/** Users and tasks in PostgreSQL; every task query is scoped to its owner. */
export class PgStore implements Store {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(SCHEMA);
    return new PgStore(pool);
  }

  async createUser(email: string, passwordHash: string): Promise<User | undefined> {
    const result = await this.pool.query<{ id: number }>(
      'INSERT INTO users (email, password_hash) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING RETURNING id',
      [email, passwordHash],
    );
    return result.rows[0] ? { id: result.rows[0].id, email, passwordHash } : undefined;
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const result = await this.pool.query<User>('SELECT id, email, password_hash AS "passwordHash" FROM users WHERE email = $1', [email]);
    return result.rows[0];
  }

  async createTask(userId: number, title: string): Promise<Task> {
    const result = await this.pool.query<Task>('INSERT INTO tasks (user_id, title) VALUES ($1, $2) RETURNING id, title, done', [userId, title]);
    return result.rows[0];
  }

  async listTasks(userId: number): Promise<Task[]> {
    return (await this.pool.query<Task>('SELECT id, title, done FROM tasks WHERE user_id = $1 ORDER BY id', [userId])).rows;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Errors that mean PostgreSQL cannot be reached right now (refused, cut off, shutting down), not a bug in a query. */
export function isDatabaseDown(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return /^(08|57P)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
  return typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
