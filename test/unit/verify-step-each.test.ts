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

  it('fills {{i}} first, so {{pick{{i}}}} names saved values, and with atLeast passes once that many answers hold', async () => {
    const session = clusterSession();
    const vars = { unique: 'u2', pick1: 'gone', pick2: 'k2', pick3: 'k3' };
    try {
      assert.strictEqual((await runStep(step({ instances: { nodes: ['a'] } }), vars, session)).ok, true);
      const put = await runStep(step({ each: { count: 3, on: 'a', request: { method: 'PUT', path: '/cache/k{{i}}', json: { value: 'v{{i}}' } }, expect: { status: 200 } } }), vars, session);
      assert.strictEqual(put.ok, true, put.got);
      // pick1 was never written: one miss, then pick2 holds and ends the step.
      const one = await runStep(step({ each: { count: 3, atLeast: 1, on: 'a', request: { path: '/cache/{{pick{{i}}}}' }, expect: { status: 200, json: { key: '{{pick{{i}}}}' } } } }), vars, session);
      assert.strictEqual(one.ok, true, one.got);
      assert.match(one.got, /^1 of 2 answers held; missed: for i=1 \(GET \/cache\/gone\): 404/);
      // Every answer must hold without atLeast: the miss at i=1 fails it.
      const all = await runStep(step({ each: { count: 3, on: 'a', request: { path: '/cache/{{pick{{i}}}}' }, expect: { status: 200 } } }), vars, session);
      assert.match(all.got, /^for i=1 \(GET \/cache\/gone\)/);
      // Three of three cannot hold once one missed: the step ends at the first miss and says why.
      const three = await runStep(step({ each: { count: 3, atLeast: 3, on: 'a', request: { path: '/cache/{{pick{{i}}}}' }, expect: { status: 200 } } }), vars, session);
      assert.strictEqual(three.ok, false);
      assert.match(three.got, /^2 of 3 answers could still hold, 3 must: for i=1 /);
      // The saved value is checked too: key k2 where {{pick{{i}}}} is k3 fails.
      const wrong = await runStep(step({ each: { count: 2, atLeast: 1, on: 'a', request: { path: '/cache/k2' }, expect: { json: { key: '{{pick{{i}}}}' } } } }), { ...vars, pick1: 'k3' }, session);
      assert.strictEqual(wrong.ok, true, wrong.got);
      assert.match(wrong.got, /^1 of 2 answers held; missed: for i=1 /);
    } finally {
      await session.dispose();
    }
  });

  it('refuses a step without a count in range, a request or an expectation', () => {
    assert.match(problemsOf({ each: { count: 0, request: { path: '/x' }, expect: { status: 200 } } }), /count/);
    assert.match(problemsOf({ each: { count: 1001, request: { path: '/x' }, expect: { status: 200 } } }), /count/);
    assert.match(problemsOf({ each: { count: 2, expect: { status: 200 } } }), /request/);
    assert.match(problemsOf({ each: { count: 2, request: { path: '/x' }, expect: { status: 200 }, retry: 1 } }), /retry/);
    assert.match(problemsOf({ each: { count: 2, atLeast: 3, request: { path: '/x' }, expect: { status: 200 } } }), /asks 3 answers to hold but sends 2/);
    assert.match(problemsOf({ each: { count: 2, atLeast: 0, request: { path: '/x' }, expect: { status: 200 } } }), /atLeast/);
  });
});
