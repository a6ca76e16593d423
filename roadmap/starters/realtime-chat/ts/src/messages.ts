import pg from 'pg';

/** One chat message as it is stored and sent to clients. */
export interface Message {
  type: 'message';
  room: string;
  text: string;
  id: number;
  /** When it was stored, ISO 8601. */
  at: string;
}

export interface MessageStore {
  /** Stores a message and returns it with its id and time. */
  save(room: string, text: string): Promise<Message>;
  /** The room's newest `limit` messages, oldest first. */
  recent(room: string, limit: number): Promise<Message[]>;
  ping(): Promise<void>;
}

/** For unit tests: the same contract, in memory. */
export class MemoryMessageStore implements MessageStore {
  readonly messages: Message[] = [];
  async save(room: string, text: string): Promise<Message> {
    const message: Message = { type: 'message', room, text, id: this.messages.length + 1, at: new Date().toISOString() };
    this.messages.push(message);
    return message;
  }
  async recent(room: string, limit: number): Promise<Message[]> {
    return this.messages.filter((m) => m.room === room).slice(-limit);
  }
  async ping(): Promise<void> {}
}

/** Messages in PostgreSQL: the id grows with every message, so it orders them. */
export class PgMessageStore implements MessageStore {
  constructor(private readonly pool: pg.Pool) {}

  static async connect(url: string): Promise<PgMessageStore> {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    // A connection the pool keeps idle can be cut (a database restart): log it and let the pool open a new one.
    pool.on('error', (err) => console.error(JSON.stringify({ level: 'warn', msg: 'idle database connection lost', error: err.message })));
    await pool.query(`CREATE TABLE IF NOT EXISTS messages (
      id bigserial PRIMARY KEY,
      room text NOT NULL,
      text text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await pool.query('CREATE INDEX IF NOT EXISTS messages_room_id ON messages (room, id)');
    return new PgMessageStore(pool);
  }

  async save(room: string, text: string): Promise<Message> {
    const result = await this.pool.query<{ id: string; at: Date }>('INSERT INTO messages (room, text) VALUES ($1, $2) RETURNING id, at', [room, text]);
    const row = result.rows[0];
    return { type: 'message', room, text, id: Number(row.id), at: row.at.toISOString() };
  }

  async recent(_room: string, _limit: number): Promise<Message[]> {
    // History milestone: select the room's newest `limit` rows and return them oldest first.
    return [];
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
