import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route } from '../../src/app.js';
import { MemoryLinkStore, newCode, type LinkStore } from '../../src/links.js';

const base = 'http://sho.rt';

test('codes are 7 base62 characters', () => {
  for (let i = 0; i < 100; i++) assert.match(newCode(), /^[0-9A-Za-z]{7}$/);
});

test('GET /health answers 200 while the store answers, 503 when it does not', async () => {
  assert.equal((await route(new MemoryLinkStore(), base, 'GET', '/health', null)).status, 200);
  const down: LinkStore = { save: async () => false, find: async () => undefined, ping: async () => { throw new Error('down'); } };
  assert.equal((await route(down, base, 'GET', '/health', null)).status, 503);
});

test('POST /links returns a code that redirects to the URL', async () => {
  const store = new MemoryLinkStore();
  const created = await route(store, base, 'POST', '/links', { url: 'https://example.com/a?b=c' });
  assert.equal(created.status, 201);
  const { code, short } = created.body as { code: string; short: string };
  assert.equal(short, `${base}/${code}`);
  assert.deepEqual(await route(store, base, 'GET', `/${code}`, null), { status: 302, headers: { Location: 'https://example.com/a?b=c' } });
});

test('an unknown code answers 404 and a missing url 400', async () => {
  const store = new MemoryLinkStore();
  assert.equal((await route(store, base, 'GET', '/abcdefg', null)).status, 404);
  assert.equal((await route(store, base, 'POST', '/links', {})).status, 400);
});
