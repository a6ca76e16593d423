import * as assert from 'assert';
import { NODE_STATUSES, PROGRESS_KEY, ProgressFormatError, ProgressStore } from '../../src/progress/store';
import { MemoryMemento } from './helpers/memento';

const R = 'backend';
let clock = 0;
const now = () => new Date(Date.UTC(2026, 0, 1) + clock++ * 1000);

describe('progress store', () => {
  it('starts every node as todo and saves under one versioned key', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, now);
    assert.strictEqual(store.status(R, 'dns'), 'todo');
    await store.setStatus(R, 'dns', 'done');
    const saved = m.get<{ version: number; roadmaps: Record<string, { nodes: Record<string, { status: string; doneAt?: string }> }> }>(PROGRESS_KEY)!;
    assert.strictEqual(saved.version, 3);
    assert.strictEqual(saved.roadmaps[R].nodes.dns.status, 'done');
    assert.ok(saved.roadmaps[R].nodes.dns.doneAt);
    assert.strictEqual(m.data.size, 1, 'one key only');
    assert.strictEqual(new ProgressStore(m).status(R, 'dns'), 'done');
  });

  describe('every transition', () => {
    for (const from of NODE_STATUSES) {
      for (const to of NODE_STATUSES) {
        if (from === to) continue;
        it(`${from} -> ${to}`, async () => {
          const store = new ProgressStore(new MemoryMemento(), now);
          await store.setStatus(R, 'n', from);
          await store.setStatus(R, 'n', to);
          const p = store.get(R, 'n')!;
          assert.strictEqual(p.status, to);
          assert.strictEqual(store.status(R, 'n'), to);
          assert.strictEqual(p.doneAt !== undefined, to === 'done', 'doneAt only while done');
          if (to === 'in-progress') assert.ok(p.startedAt, 'startedAt set when work starts');
          if (to === 'todo') assert.strictEqual(p.startedAt, undefined, 'reset clears startedAt');
        });
      }
    }
  });

  it('is idempotent: the same status twice writes once and notifies once', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, now);
    let events = 0;
    store.onDidChange(() => events++);
    await store.setStatus(R, 'dns', 'in-progress');
    await store.setStatus(R, 'dns', 'in-progress');
    assert.strictEqual(m.writes, 1);
    assert.strictEqual(events, 1);
  });

  it('marks verified checks and shows the node as verified until it is reset', async () => {
    const store = new ProgressStore(new MemoryMemento(), now);
    await store.markVerified(R, ['rest', 'postgresql'], 'url-shortener/shorten');
    assert.strictEqual(store.displayStatus(R, 'rest'), 'verified');
    assert.strictEqual(store.status(R, 'rest'), 'done');
    assert.ok(store.get(R, 'rest')!.verified!['url-shortener/shorten']);
    await store.setStatus(R, 'rest', 'todo');
    assert.strictEqual(store.displayStatus(R, 'rest'), 'todo');
    assert.strictEqual(store.get(R, 'rest')!.verified, undefined);
  });

  it('migrates version 1 (built-in nodes only) to the current version (3) on the next write', async () => {
    const m = new MemoryMemento();
    m.data.set(PROGRESS_KEY, { version: 1, nodes: { dns: { status: 'done', updatedAt: '2025-01-01T00:00:00.000Z', doneAt: '2025-01-01T00:00:00.000Z' }, git: { status: 'in-progress', updatedAt: '2025-01-02T00:00:00.000Z' } } });
    const store = new ProgressStore(m, now);
    assert.strictEqual(store.loadProblem, undefined);
    assert.strictEqual(store.status(R, 'dns'), 'done');
    assert.strictEqual(store.status(R, 'git'), 'in-progress');
    await store.setStatus(R, 'http', 'done');
    const saved = m.get<{ version: number; roadmaps: Record<string, { nodes: Record<string, unknown> }> }>(PROGRESS_KEY)!;
    assert.strictEqual(saved.version, 3);
    assert.deepStrictEqual(Object.keys(saved.roadmaps[R].nodes).sort(), ['dns', 'git', 'http']);
  });

  it('keeps ids the roadmap does not know, so they come back with the node', async () => {
    const m = new MemoryMemento();
    m.data.set(PROGRESS_KEY, { version: 2, roadmaps: { [R]: { nodes: { 'retired-node': { status: 'done', updatedAt: '2025-01-01T00:00:00.000Z' } } }, other: { nodes: { x: { status: 'skipped', updatedAt: '2025-01-01T00:00:00.000Z' } } } } });
    const store = new ProgressStore(m, now);
    await store.setStatus(R, 'dns', 'done');
    const again = new ProgressStore(m, now);
    assert.strictEqual(again.status(R, 'retired-node'), 'done');
    assert.strictEqual(again.status('other', 'x'), 'skipped');
  });

  for (const [what, value, problem] of [
    ['a string', 'garbage', /not an object/],
    ['a list', [1, 2], /a list/],
    ['a newer version', { version: 9, roadmaps: {} }, /newer version/],
    ['no version', { nodes: {} }, /unknown format version/],
  ] as [string, unknown, RegExp][]) {
    it(`reports ${what} in storage, never overwrites it, and recovers only through a reset`, async () => {
      const m = new MemoryMemento();
      m.data.set(PROGRESS_KEY, value);
      const store = new ProgressStore(m, now);
      assert.match(store.loadProblem ?? '', problem);
      assert.strictEqual(store.status(R, 'dns'), 'todo');
      await assert.rejects(store.setStatus(R, 'dns', 'done'), /not saved/);
      assert.deepStrictEqual(m.get(PROGRESS_KEY), value);
      await store.resetAll();
      await store.setStatus(R, 'dns', 'done');
      assert.strictEqual(store.loadProblem, undefined);
      assert.strictEqual(new ProgressStore(m).status(R, 'dns'), 'done');
    });
  }

  it('drops single broken entries but keeps the rest', () => {
    const m = new MemoryMemento();
    m.data.set(PROGRESS_KEY, { version: 2, roadmaps: { [R]: { nodes: { ok: { status: 'done', updatedAt: 'x' }, bad: { status: 'finished' }, worse: null } } } });
    const store = new ProgressStore(m, now);
    assert.strictEqual(store.loadProblem, undefined);
    assert.deepStrictEqual(store.ids(R), ['ok']);
  });

  it('tells listeners which roadmap and ids changed', async () => {
    const store = new ProgressStore(new MemoryMemento(), now);
    const seen: unknown[] = [];
    const sub = store.onDidChange((c) => seen.push(c));
    await store.setMany(R, ['a', 'b'], 'skipped');
    sub.dispose();
    await store.setStatus(R, 'a', 'todo');
    assert.deepStrictEqual(seen, [{ roadmapId: R, nodeIds: ['a', 'b'] }]);
  });

  describe('export and import', () => {
    it('round-trips through an export file and reports what the merge changed', async () => {
      const a = new ProgressStore(new MemoryMemento(), now);
      await a.setStatus(R, 'dns', 'done');
      await a.setStatus(R, 'git', 'in-progress');
      const b = new ProgressStore(new MemoryMemento(), now);
      await b.setStatus(R, 'git', 'skipped'); // newer than a's git
      await b.setStatus(R, 'http', 'done');
      const summary = await b.importJson(a.exportJson());
      assert.deepStrictEqual([summary.added, summary.updated, summary.unchanged], [1, 0, 1]);
      assert.strictEqual(b.status(R, 'dns'), 'done');
      assert.strictEqual(b.status(R, 'git'), 'skipped', 'the newer local entry wins');
      const back = await a.importJson(b.exportJson());
      assert.deepStrictEqual([back.added, back.updated], [1, 1]);
      assert.strictEqual(a.status(R, 'git'), 'skipped');
    });

    for (const [what, text] of [
      ['not JSON', '{oops'],
      ['another format', JSON.stringify({ version: 2, roadmaps: {} })],
      ['a broken entry', JSON.stringify({ format: 'backend-roadmap-progress', version: 2, roadmaps: { backend: { nodes: { dns: { status: 'finished', updatedAt: 'x' } } } } })],
      ['a future version', JSON.stringify({ format: 'backend-roadmap-progress', version: 7, roadmaps: {} })],
    ]) {
      it(`refuses ${what} with a clear message and changes nothing`, async () => {
        const m = new MemoryMemento();
        const store = new ProgressStore(m, now);
        await store.setStatus(R, 'dns', 'in-progress');
        const before = JSON.stringify(m.get(PROGRESS_KEY));
        const writes = m.writes;
        await assert.rejects(store.importJson(text), ProgressFormatError);
        assert.strictEqual(JSON.stringify(m.get(PROGRESS_KEY)), before);
        assert.strictEqual(m.writes, writes);
      });
    }
  });

  describe('mirror into a second memento (global state)', () => {
    it('writes both and merges the newer entry of each node on load', async () => {
      const workspace = new MemoryMemento();
      const global = new MemoryMemento();
      const one = new ProgressStore(workspace, now, global);
      await one.setStatus(R, 'dns', 'done');
      assert.strictEqual(new ProgressStore(new MemoryMemento(), now, global).status(R, 'dns'), 'done', 'a new workspace sees synced progress');
      const other = new ProgressStore(new MemoryMemento(), now, global);
      await other.setStatus(R, 'git', 'done');
      const reopened = new ProgressStore(workspace, now, global);
      assert.strictEqual(reopened.status(R, 'git'), 'done');
      assert.strictEqual(reopened.status(R, 'dns'), 'done');
    });

    it('pushes workspace progress into the mirror when mirroring is switched on', async () => {
      const workspace = new MemoryMemento();
      const global = new MemoryMemento();
      const store = new ProgressStore(workspace, now);
      await store.setStatus(R, 'dns', 'done');
      await store.setMirror(global);
      assert.strictEqual(new ProgressStore(new MemoryMemento(), now, global).status(R, 'dns'), 'done');
    });
  });

  it('keeps false, 0 and empty strings in the in-memory memento', async () => {
    const m = new MemoryMemento();
    for (const v of [false, 0, '']) {
      await m.update('k', v);
      assert.strictEqual(m.get('k'), v);
    }
  });
});


describe('plan checklist signals in the store', () => {
  it('ticks and clears a signal, keeps it through node writes, exports and imports it', async () => {
    const m = new MemoryMemento();
    const store = new ProgressStore(m, now);
    await store.setSignal(R, 'twenty-four-week/foundation/0', true);
    await store.setStatus(R, 'dns', 'done');
    assert.deepStrictEqual(Object.keys(store.signals(R)), ['twenty-four-week/foundation/0']);
    const other = new ProgressStore(new MemoryMemento(), now);
    await other.importJson(store.exportJson());
    assert.deepStrictEqual(Object.keys(other.signals(R)), ['twenty-four-week/foundation/0']);
    await store.setSignal(R, 'twenty-four-week/foundation/0', false);
    assert.deepStrictEqual(new ProgressStore(m).signals(R), {});
  });
});
