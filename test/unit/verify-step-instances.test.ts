import * as assert from 'assert';
import { runStep } from '../../src/verify/steps';
import { clusterSession, problemsOf, step } from './helpers/clusterNode';

describe('verify: the instances step starts a cluster of named nodes', function () {
  this.timeout(60_000);

  it('gives every node its name, the whole NODES list and its own PORT, and request steps reach each with on', async () => {
    const session = clusterSession({ FLAVOUR: 'mint' });
    const vars = { unique: 'u1' };
    try {
      const started = await runStep(step({ instances: { nodes: ['a', 'b', 'c'], env: { COPIES: '2' } } }), vars, session);
      assert.strictEqual(started.ok, true, started.got);
      const nodes = /NODES=(\S+)/.exec(started.got)![1];
      const pairs = nodes.split(',').map((p) => p.split('='));
      assert.deepStrictEqual(pairs.map(([id]) => id), ['a', 'b', 'c']);
      assert.strictEqual(new Set(pairs.map(([, url]) => url)).size, 3);
      for (const [id, url] of pairs) {
        const port = new URL(url).port;
        const who = await runStep(step({ request: { path: '/whoami' }, on: id, expect: { status: 200, json: { id, nodes, port, flavour: 'mint' } } }), vars, session);
        assert.strictEqual(who.ok, true, who.got);
      }
    } finally {
      await session.dispose();
    }
  });

  it('starts the same names again with the new membership, and stop kills one node while the others keep running', async () => {
    const session = clusterSession();
    const vars = { unique: 'u2' };
    try {
      const three = await runStep(step({ instances: { nodes: ['a', 'b', 'c'] } }), vars, session);
      assert.strictEqual(three.ok, true, three.got);
      const oldA = /a=(http:\S+?)(,|$)/.exec(three.got)![1];
      const four = await runStep(step({ instances: { nodes: ['a', 'b', 'c', 'd'] } }), vars, session);
      assert.strictEqual(four.ok, true, four.got);
      const nodes = /NODES=(\S+)/.exec(four.got)![1];
      assert.strictEqual(nodes.split(',').length, 4);
      const who = await runStep(step({ request: { path: '/whoami' }, on: 'a', expect: { status: 200, json: { id: 'a', nodes } } }), vars, session);
      assert.strictEqual(who.ok, true, who.got);
      // The first a was stopped before the second started.
      await assert.rejects(fetch(`${oldA}/health`));

      const stopped = await runStep(step({ instances: { stop: ['b'] } }), vars, session);
      assert.strictEqual(stopped.ok, true, stopped.got);
      const gone = await runStep(step({ request: { path: '/health' }, on: 'b', expect: { status: 200 } }), vars, session);
      assert.strictEqual(gone.ok, false);
      assert.match(gone.got, /no instance named 'b'/);
      const alive = await runStep(step({ request: { path: '/health' }, on: 'c', expect: { status: 200 } }), vars, session);
      assert.strictEqual(alive.ok, true, alive.got);
      const twice = await runStep(step({ instances: { stop: ['b'] } }), vars, session);
      assert.strictEqual(twice.ok, false);
      assert.match(twice.got, /no node named b runs in this check/);
    } finally {
      await session.dispose();
    }
  });

  it('says which node did not come up', async () => {
    // A node that never answers its health path: the step fails and names it.
    const session = clusterSession({}, `${JSON.stringify(process.execPath)} -e "setTimeout(() => {}, 60000)"`, 1500);
    try {
      const started = await runStep(step({ instances: { nodes: ['a'] } }), { unique: 'u3' }, session);
      assert.strictEqual(started.ok, false);
      assert.match(started.got, /the instance 'a' \(PORT=\d+\) did not come up/);
    } finally {
      await session.dispose();
    }
  });

  it('refuses steps that cannot mean anything', () => {
    assert.match(problemsOf({ instances: { nodes: ['a'], stop: ['a'] } }), /give one of 'nodes'/);
    assert.match(problemsOf({ instances: {} }), /give one of 'nodes'/);
    assert.match(problemsOf({ instances: { nodes: ['a', 'a'] } }), /names a node twice/);
    assert.match(problemsOf({ instances: { nodes: ['1a'] } }), /not a node name/);
    assert.match(problemsOf({ instances: { nodes: ['a'], env: { NODES: 'x' } } }), /NODES is set by the runner/);
    assert.match(problemsOf({ instances: { stop: ['a'], env: { X: '1' } } }), /'stop' starts none/);
  });
});
