import * as assert from 'assert';
import { PROGRESS_KEY, ProgressStore, type MementoLike } from '../../src/progress/store';

/** An in-memory Memento that keeps falsy values such as false, 0 and ''. */
export class MemoryMemento implements MementoLike {
  readonly data = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.data.has(key) ? (this.data.get(key) as T) : undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.data.set(key, JSON.parse(JSON.stringify(value)));
  }
}

describe('progress store', () => {
  let clock = 0;
  const now = () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000);

  it('starts every node as todo and saves a status under one versioned key', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, now);
    assert.strictEqual(store.status('dns'), 'todo');
    await store.setStatus('dns', 'done');
    const saved = m.get<{ version: number; nodes: Record<string, { status: string; doneAt?: string }> }>(PROGRESS_KEY)!;
    assert.strictEqual(saved.version, 1);
    assert.strictEqual(saved.nodes.dns.status, 'done');
    assert.ok(saved.nodes.dns.doneAt);
    assert.strictEqual(new ProgressStore(m).status('dns'), 'done');
  });

  it('writes nothing when the status does not change', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, now);
    await store.setStatus('dns', 'in-progress');
    await store.setStatus('dns', 'in-progress');
    assert.strictEqual(m.writes, 1);
  });

  it('keeps ids the roadmap does not know', async () => {
    const m = new MemoryMemento();
    m.data.set(PROGRESS_KEY, { version: 1, nodes: { 'retired-node': { status: 'done', updatedAt: 'x' } } });
    const store = new ProgressStore(m, now);
    await store.setStatus('dns', 'done');
    assert.strictEqual(store.status('retired-node'), 'done');
    assert.deepStrictEqual(store.ids().sort(), ['dns', 'retired-node']);
  });

  it('reports a corrupt stored value, refuses to overwrite it, and leaves it in place', async () => {
    const m = new MemoryMemento();
    m.data.set(PROGRESS_KEY, 'garbage');
    const store = new ProgressStore(m, now);
    assert.match(store.loadProblem ?? '', /expected an object/);
    await assert.rejects(store.setStatus('dns', 'done'), /not saved/);
    assert.strictEqual(m.get(PROGRESS_KEY), 'garbage');
  });

  it('tells listeners which ids changed', async () => {
    const store = new ProgressStore(new MemoryMemento(), now);
    const seen: string[][] = [];
    const sub = store.onDidChange((ids) => seen.push(ids));
    await store.setStatus('dns', 'done');
    sub.dispose();
    await store.setStatus('dns', 'todo');
    assert.deepStrictEqual(seen, [['dns']]);
  });
});
