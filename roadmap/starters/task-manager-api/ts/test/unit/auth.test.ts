import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignJWT } from 'jose';
import { hashPassword, signToken, verifyPassword, verifyToken } from '../../src/auth.js';
import { loadConfig } from '../../src/config.js';

const secret = 'unit-test-secret-that-is-32-chars-long';

test('a password is stored hashed and salted, and only the right one verifies', async () => {
  const stored = await hashPassword('correct horse');
  assert.ok(!stored.includes('correct horse'));
  assert.notEqual(stored, await hashPassword('correct horse'));
  assert.equal(await verifyPassword('correct horse', stored), true);
  assert.equal(await verifyPassword('wrong horse', stored), false);
});

test('a token carries the user id and is refused with another secret or when tampered with', async () => {
  const token = await signToken(42, secret);
  assert.equal(await verifyToken(token, secret), 42);
  assert.equal(await verifyToken(token, `${secret}-other`), undefined);
  const [head, , sig] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ sub: '1' })).toString('base64url');
  assert.equal(await verifyToken(`${head}.${forged}.${sig}`, secret), undefined);
  assert.equal(await verifyToken('not-a-token', secret), undefined);
});

test('an expired token is refused', async () => {
  const past = Math.floor(Date.now() / 1000) - 120;
  const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('42').setIssuedAt(past - 3600).setExpirationTime(past).sign(new TextEncoder().encode(secret));
  assert.equal(await verifyToken(expired, secret), undefined);
});

test('the configuration comes from the environment and names what is missing', () => {
  const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://x', JWT_SECRET: secret, RATE_LIMIT_PER_MINUTE: '30' });
  assert.deepEqual(config, { port: 8080, databaseUrl: 'postgres://x', jwtSecret: secret, rateLimitPerMinute: 30 });
  assert.equal(loadConfig({ DATABASE_URL: 'postgres://x', JWT_SECRET: secret }).port, 3000);
  assert.throws(() => loadConfig({ JWT_SECRET: 'short' }), /DATABASE_URL is not set; JWT_SECRET must be set to at least 32 characters/);
});
