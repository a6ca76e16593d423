/** What one node holds itself, in memory. */
export interface Entry {
  value: string;
}

export class Store {
  private readonly entries = new Map<string, Entry>();

  // Milestone "GET and SET with TTL": take a ttl (seconds) and forget the key once it has passed;
  // hold at most maxKeys keys and evict the least recently used (a get is a use too).
  constructor(readonly maxKeys: number) {}

  set(key: string, value: string): void {
    this.entries.set(key, { value });
  }

  get(key: string): string | undefined {
    return this.entries.get(key)?.value;
  }

  /** The keys held here (milestone "Consistent hashing": GET /keys lists them). */
  keys(): string[] {
    return [...this.entries.keys()];
  }
}
