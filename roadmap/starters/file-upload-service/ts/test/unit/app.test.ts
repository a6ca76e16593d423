import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { readConfig } from '../../src/config.js';
import { MemoryFileStore } from '../../src/storage.js';

const config = readConfig({ S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_BUCKET: 'b', MAX_UPLOAD_BYTES: '100', SIGNED_URL_SECONDS: '5' });
const store = new MemoryFileStore();
const server = createApp(store, config).listen(0, '127.0.0.1');
await once(server, 'listening');
after(() => server.close());
const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

test('the settings come from the environment, with defaults, and a wrong one is refused', () => {
  assert.equal(config.maxUploadBytes, 100);
  assert.equal(config.signedUrlSeconds, 5);
  assert.equal(config.s3.region, 'us-east-1');
  assert.equal(readConfig({ S3_ENDPOINT: 'http://s3:7070', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_BUCKET: 'b' }).maxUploadBytes, 10 * 1024 * 1024);
  assert.throws(() => readConfig({ S3_ENDPOINT: 'http://s3:7070', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's', S3_BUCKET: 'b', MAX_UPLOAD_BYTES: 'ten' }), /MAX_UPLOAD_BYTES/);
  assert.throws(() => readConfig({}), /S3_ENDPOINT is not set/);
});

test('GET /health answers 200 while the store answers, 503 with a JSON error when it does not', async () => {
  store.down = false;
  const up = await fetch(`${base()}/health`);
  assert.equal(up.status, 200);
  assert.deepEqual(await up.json(), { status: 'ok' });
  store.down = true;
  const down = await fetch(`${base()}/health`);
  assert.equal(down.status, 503);
  assert.equal(typeof ((await down.json()) as { error: unknown }).error, 'string');
  store.down = false;
});

test('an unknown path answers 404 with a JSON error', async () => {
  const res = await fetch(`${base()}/nothing`);
  assert.equal(res.status, 404);
  assert.equal(typeof ((await res.json()) as { error: unknown }).error, 'string');
});
