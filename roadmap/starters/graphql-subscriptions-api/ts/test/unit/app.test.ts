import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route } from '../../src/app.js';
import { createSchema } from '../../src/schema.js';
import { DatabaseUnavailable, MemoryStore, type Store } from '../../src/store.js';

const schema = createSchema();
/** The reply as a client reads it: graphql-js builds its result objects without a prototype. */
const gql = async (store: Store, query: string, variables?: Record<string, unknown>) => {
  const reply = await route(schema, store, 'POST', '/graphql', { query, variables });
  return { status: reply.status, body: JSON.parse(JSON.stringify(reply.body)) };
};

test('GET /health answers 200 while the store answers', async () => {
  assert.deepEqual(await route(schema, new MemoryStore(), 'GET', '/health', null), { status: 200, body: { status: 'ok' } });
});

test('createAuthor returns the author, and author(id) reads it back; an unknown id is null', async () => {
  const store = new MemoryStore();
  const created = await gql(store, 'mutation ($n: String!) { createAuthor(name: $n) { id name } }', { n: 'Ada' });
  assert.equal(created.status, 200);
  const { id } = (created.body as { data: { createAuthor: { id: string; name: string } } }).data.createAuthor;
  assert.deepEqual(await gql(store, 'query ($id: ID!) { author(id: $id) { id name } }', { id }), { status: 200, body: { data: { author: { id, name: 'Ada' } } } });
  assert.deepEqual(await gql(store, '{ author(id: "42") { id } }'), { status: 200, body: { data: { author: null } } });
});

test('an empty name and a query the schema does not have answer 200 with an entry in errors', async () => {
  const store = new MemoryStore();
  const empty = await gql(store, 'mutation { createAuthor(name: " ") { id } }');
  assert.equal(empty.status, 200);
  assert.match(JSON.stringify(empty.body), /"errors":\[\{"message":"name must not be empty"/);
  assert.equal(store.authors.length, 0);
  const unknown = await gql(store, '{ nothing }');
  assert.equal(unknown.status, 200);
  assert.equal(typeof (unknown.body as { errors: { message: string }[] }).errors[0].message, 'string');
});

test('a body without a query answers 400, an unknown route 404', async () => {
  assert.equal((await route(schema, new MemoryStore(), 'POST', '/graphql', { q: 1 })).status, 400);
  assert.equal((await route(schema, new MemoryStore(), 'GET', '/nothing', null)).status, 404);
});

test('a database error answers 503 with a JSON error, never a GraphQL error or a crash', async () => {
  // Every method of this store fails the way the real store does when PostgreSQL is down.
  const down = new Proxy({}, { get: () => async () => { throw new DatabaseUnavailable('connection refused'); } }) as Store;
  for (const [method, url, body] of [
    ['GET', '/health', null],
    ['POST', '/graphql', { query: 'mutation { createAuthor(name: "a") { id } }' }],
    ['POST', '/graphql', { query: '{ author(id: "1") { id } }' }],
  ] as const) {
    const reply = await route(schema, down, method, url, body);
    assert.equal(reply.status, 503, `${method} ${url}`);
    assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
  }
});
