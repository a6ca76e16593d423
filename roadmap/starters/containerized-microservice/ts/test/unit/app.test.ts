import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ItemStore, route } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

test('GET /health answers 200 ok', () => {
  assert.deepEqual(route(new ItemStore(), 'GET', '/health', null), { status: 200, body: { status: 'ok' } });
});

test('POST /items creates an item that GET /items/:id returns', () => {
  const store = new ItemStore();
  const created = route(store, 'POST', '/items', { name: ' first ' });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body, { id: 1, name: 'first' });
  assert.equal(created.headers?.Location, '/items/1');
  assert.deepEqual(route(store, 'GET', '/items/1', null).body, { id: 1, name: 'first' });
});

test('invalid bodies answer 400 and unknown items 404', () => {
  const store = new ItemStore();
  assert.equal(route(store, 'POST', '/items', { name: '' }).status, 400);
  assert.equal(route(store, 'POST', '/items', null).status, 400);
  assert.equal(route(store, 'GET', '/items/99', null).status, 404);
});

test('PORT comes from the environment and is checked', () => {
  assert.equal(loadConfig({ PORT: '8081' }).port, 8081);
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT must be a TCP port/);
});
