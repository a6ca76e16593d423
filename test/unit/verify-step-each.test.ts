import * as assert from 'assert';
import { runStep } from '../../src/verify/steps';
import { clusterSession, problemsOf, step } from './helpers/clusterNode';

describe('verify: the each step sends one request for every i', function () {
  this.timeout(30_000);

  it('writes and reads keys k1..k20 through a node, and names the i whose answer failed', async () => {
    const session = clusterSession();
    const vars = { unique: 'u1' };
    try {
      assert.strictEqual((await runStep(step({ instances: { nodes: ['a'] } }), vars, session)).ok, true);
      const put = await runStep(step({ each: { count: 20, on: 'a', request: { method: 'PUT', path: '/cache/k{{i}}', json: { value: 'v{{i}}' } }, expect: { status: 200 } } }), vars, session);
      assert.deepStrictEqual(put, { ok: true, got: 'all 20 answers held' });
      const get = await runStep(step({ each: { count: 20, on: 'a', request: { path: '/cache/k{{i}}' }, expect: { status: 200, json: { key: 'k{{i}}', value: 'v{{i}}' } } } }), vars, session);
      assert.strictEqual(get.ok, true, get.got);
      // k21 was never written: the 21st answer is a 404 and the step says so.
      const past = await runStep(step({ each: { count: 22, on: 'a', request: { path: '/cache/k{{i}}' }, expect: { status: 200 } } }), vars, session);
      assert.strictEqual(past.ok, false);
      assert.match(past.got, /^for i=21 \(GET \/cache\/k21\): 404/);
      // The same value for every i is wrong from i=2 on.
      const same = await runStep(step({ each: { count: 3, on: 'a', request: { path: '/cache/k{{i}}' }, expect: { json: { value: 'v1' } } } }), vars, session);
      assert.match(same.got, /^for i=2 /);
      const nowhere = await runStep(step({ each: { count: 2, on: 'z', request: { path: '/cache/k{{i}}' }, expect: { status: 200 } } }), vars, session);
      assert.match(nowhere.got, /no instance named 'z'/);
    } finally {
      await session.dispose();
    }
  });

  it('refuses a step without a count in range, a request or an expectation', () => {
    assert.match(problemsOf({ each: { count: 0, request: { path: '/x' }, expect: { status: 200 } } }), /count/);
    assert.match(problemsOf({ each: { count: 1001, request: { path: '/x' }, expect: { status: 200 } } }), /count/);
    assert.match(problemsOf({ each: { count: 2, expect: { status: 200 } } }), /request/);
    assert.match(problemsOf({ each: { count: 2, request: { path: '/x' }, expect: { status: 200 }, retry: 1 } }), /retry/);
  });
});
