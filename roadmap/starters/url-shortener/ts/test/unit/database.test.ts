import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createApp } from '../../src/app.js';
import { isDatabaseDown, MemoryLinkStore } from '../../src/links.js';

const failure = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

test('a database that cannot be reached or went away is told apart from a bug in a query', () => {
  assert.equal(isDatabaseDown(failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')), true);
  assert.equal(isDatabaseDown(failure('terminating connection due to administrator command', '57P01')), true);
  assert.equal(isDatabaseDown(failure('Connection terminated unexpectedly')), true);
  assert.equal(isDatabaseDown(failure('relation "links" does not exist', '42P01')), false);
  assert.equal(isDatabaseDown(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
});

test('a request that needs the database while it is down answers 503 with a JSON error', async () => {
  const store = new MemoryLinkStore();
  store.save = () => Promise.reject(failure('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
  const server = createApp(store, 'http://sho.rt').listen(0);
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/links`, { method: 'POST', body: JSON.stringify({ url: 'https://example.com' }) });
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { error: string }).error, /database/);
  } finally {
    server.close();
  }
});
