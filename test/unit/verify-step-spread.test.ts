import * as assert from 'assert';
import { runStep } from '../../src/verify/steps';
import { clusterSession, problemsOf, step } from './helpers/clusterNode';

const LIST = { list: '/keys', prefix: 'k', count: 40 };

/** Starts a, b, c under `placement`, saves their placement, restarts as a, b, c, d and measures the move. */
async function measure(placement: string, copies: string): Promise<{ three: string; moved: { ok: boolean; got: string } }> {
  const session = clusterSession({ PLACEMENT: placement, COPIES: copies });
  const vars: Record<string, string> = { unique: 'u' };
  try {
    assert.strictEqual((await runStep(step({ instances: { nodes: ['a', 'b', 'c'] } }), vars, session)).ok, true);
    const three = await runStep(step({ spread: { nodes: ['a', 'b', 'c'], ...LIST, save: 'three' } }), vars, session);
    assert.strictEqual(three.ok, true, three.got);
    assert.strictEqual((await runStep(step({ instances: { nodes: ['a', 'b', 'c', 'd'] } }), vars, session)).ok, true);
    const moved = await runStep(step({ spread: { nodes: ['a', 'b', 'c', 'd'], ...LIST, moved: { from: 'three', atLeast: 10, atMost: 40 } } }), vars, session);
    return { three: three.got, moved };
  } finally {
    await session.dispose();
  }
}

describe('verify: the spread step reads where a cluster keeps its keys', function () {
  this.timeout(60_000);

  it('a ring of node names moves about a quarter of the copies when a fourth node joins, one or two copies a key', async () => {
    for (const copies of ['1', '2']) {
      const { three, moved } = await measure('ring', copies);
      assert.match(three, /^keys per node a: \d+, b: \d+, c: \d+$/);
      assert.strictEqual(moved.ok, true, moved.got);
      const share = Number(/\(([\d.]+)%\)/.exec(moved.got)![1]);
      assert.ok(share >= 10 && share <= 40, moved.got);
    }
  });

  it('a hash modulo the node count moves most of them and fails', async () => {
    const { moved } = await measure('modulo', '1');
    assert.strictEqual(moved.ok, false);
    assert.match(moved.got, /copies \((\d\d(\.\d)?)%\) are on a node that did not hold them before/);
    assert.ok(Number(/\(([\d.]+)%\)/.exec(moved.got)![1]) > 40, moved.got);
  });

  it('counts the copies of every key: exactly two passes, every key on every node fails, a lost key fails', async () => {
    for (const [placement, copies, ok, got] of [
      ['ring', '2', true, /^keys per node/],
      ['all', '1', false, /40 of 40 keys are not on exactly 2 nodes, such as k1 on a, b, c/],
      ['ring', '1', false, /40 of 40 keys are not on exactly 2 nodes/],
      ['lose-k7', '2', false, /^1 of 40 keys are on no node \(k7\)/],
    ] as const) {
      const session = clusterSession({ PLACEMENT: placement, COPIES: copies });
      const vars = { unique: 'u' };
      try {
        assert.strictEqual((await runStep(step({ instances: { nodes: ['a', 'b', 'c'] } }), vars, session)).ok, true);
        const spread = await runStep(step({ spread: { nodes: ['a', 'b', 'c'], ...LIST, copies: 2 } }), vars, session);
        assert.strictEqual(spread.ok, ok, `${placement}: ${spread.got}`);
        assert.match(spread.got, got);
      } finally {
        await session.dispose();
      }
    }
  });

  it('fails plainly on a node without a listing, an unknown node or no saved placement', async () => {
    const session = clusterSession();
    const vars = { unique: 'u' };
    try {
      assert.strictEqual((await runStep(step({ instances: { nodes: ['a'] } }), vars, session)).ok, true);
      const noList = await runStep(step({ spread: { nodes: ['a'], list: '/nothing', prefix: 'k', count: 3 } }), vars, session);
      assert.match(noList.got, /^node 'a': 404 .*expected 200 with \{"keys": \[\.\.\.\]\}/);
      const unknown = await runStep(step({ spread: { nodes: ['a', 'q'], ...LIST } }), vars, session);
      assert.match(unknown.got, /no instance named 'q'/);
      const unsaved = await runStep(step({ spread: { nodes: ['a'], ...LIST, moved: { from: 'never', atLeast: 1, atMost: 2 } } }), vars, session);
      assert.match(unsaved.got, /no placement saved as 'never'/);
    } finally {
      await session.dispose();
    }
  });

  it('refuses a step with bounds that cannot hold', () => {
    assert.match(problemsOf({ spread: { nodes: ['a'], ...LIST, moved: { from: 'x', atLeast: 50, atMost: 40 } } }), /atLeast \(50\) is over atMost \(40\)/);
    assert.match(problemsOf({ spread: { nodes: [], ...LIST } }), /add nodes/);
    assert.match(problemsOf({ spread: { nodes: ['a'], list: 'keys', prefix: 'k', count: 3 } }), /list must be a path/);
    assert.match(problemsOf({ spread: { nodes: ['a'], ...LIST, save: '1x' } }), /not a variable name/);
  });
});
