import assert from 'node:assert/strict';
import { test } from 'node:test';
import { respond, type Deps } from '../../src/app.js';
import { perform } from '../../src/jobs.js';
import { MemoryStore, StoreUnavailable, type Store } from '../../src/store.js';

const get = (deps: Deps, url: string) => respond(deps, { method: 'GET', url, headers: {}, body: null });

/** A store whose database is down: every call fails as PgStore's do. */
function downStore(): Store {
  const fail = async (): Promise<never> => {
    throw new StoreUnavailable('database error: connect ECONNREFUSED');
  };
  return { balance: fail, credit: fail, ping: fail } as Store;
}

test('GET /health answers 200 while the store answers, 503 with a JSON error when it does not', async () => {
  assert.equal((await get({ store: new MemoryStore() }, '/health')).status, 200);
  const down = await get({ store: downStore() }, '/health');
  assert.equal(down.status, 503);
  assert.equal(typeof (down.body as { error: unknown }).error, 'string');
});

test('GET /accounts/{id} answers 0 for a new account and the balance after credits', async () => {
  const store = new MemoryStore();
  assert.deepEqual((await get({ store }, '/accounts/ada')).body, { id: 'ada', balance: 0 });
  await store.credit('ada', 5);
  await store.credit('ada', 2);
  assert.deepEqual(await get({ store }, '/accounts/ada'), { status: 200, body: { id: 'ada', balance: 7 } });
});

test('a database error answers 503 with a JSON error, not 500', async () => {
  const reply = await get({ store: downStore() }, '/accounts/ada');
  assert.equal(reply.status, 503);
  assert.match((reply.body as { error: string }).error, /database/);
});

test('an unknown route answers 404', async () => {
  assert.equal((await get({ store: new MemoryStore() }, '/nothing')).status, 404);
});

test('perform credits first, then works workMs; a fail job fails its first `times` attempts', async () => {
  const store = new MemoryStore();
  const running = perform(store, { type: 'credit', account: 'ada', amount: 5, workMs: 200 }, 1);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(await store.balance('ada'), 5, 'the credit shows while the attempt still works');
  await running;
  await assert.rejects(perform(store, { type: 'fail', times: 2 }, 1));
  await assert.rejects(perform(store, { type: 'fail', times: 2 }, 2));
  await perform(store, { type: 'fail', times: 2 }, 3);
});
