import assert from 'node:assert/strict';
import { test } from 'node:test';
import { route } from '../../src/app.js';
import { Chat, type Client } from '../../src/chat.js';
import { MemoryMessageStore, type MessageStore } from '../../src/messages.js';

/** A client that keeps every frame it was sent, parsed. */
function client(): Client & { got: unknown[] } {
  const got: unknown[] = [];
  return { got, send: (frame) => got.push(JSON.parse(frame)) };
}

test('GET /health answers 200 while the store answers, 503 with a JSON error when it does not', async () => {
  assert.deepEqual(await route(new MemoryMessageStore(), 'GET', '/health'), { status: 200, body: { status: 'ok' } });
  const down: MessageStore = {
    save: async () => { throw new Error('down'); },
    recent: async () => { throw new Error('down'); },
    ping: async () => { throw new Error('down'); },
  };
  const reply = await route(down, 'GET', '/health');
  assert.equal(reply.status, 503);
  assert.equal(typeof (reply.body as { error: unknown }).error, 'string');
});

test('an unknown route answers 404 with a JSON error', async () => {
  assert.equal((await route(new MemoryMessageStore(), 'GET', '/nope')).status, 404);
});

test('a frame that is not JSON is answered with an error frame', async () => {
  const chat = new Chat(new MemoryMessageStore());
  const alice = client();
  await chat.join(alice, 'lobby');
  await chat.receive(alice, 'lobby', 'hello, not JSON');
  await chat.receive(alice, 'lobby', '{"type": "dance"}');
  assert.equal(alice.got.length, 2);
  for (const frame of alice.got) assert.equal((frame as { type: string }).type, 'error');
});

test('the memory store keeps a room\'s messages in order', async () => {
  const store = new MemoryMessageStore();
  await store.save('a', 'one');
  await store.save('b', 'other room');
  await store.save('a', 'two');
  assert.deepEqual((await store.recent('a', 50)).map((m) => m.text), ['one', 'two']);
  assert.deepEqual((await store.recent('a', 1)).map((m) => m.text), ['two']);
});
