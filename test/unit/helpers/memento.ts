import type { MementoLike } from '../../../src/progress/store';

/** An in-memory Memento that keeps falsy values such as false, 0 and ''. */
export class MemoryMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}
