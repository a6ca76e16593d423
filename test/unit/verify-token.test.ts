import * as assert from 'assert';
import { createHmac } from 'crypto';
import { parseIdeaChecks } from '../../src/verify/checks';
import { TemplateError, type Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import type { StepSession } from '../../src/verify/steps/kind';

const SECRET = 'the-secret-the-server-signs-with-0123456789';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hmac = (alg: string, secret: string, text: string) => createHmac(alg, secret).update(text).digest('base64url');

/** A token as a server would sign it. */
function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  const alg = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[header.alg as string] ?? 'sha256';
  return `${unsigned}.${hmac(alg, secret, unsigned)}`;
}

function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown>; signature: string } {
  const [h, c, signature] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), claims: JSON.parse(Buffer.from(c, 'base64url').toString()), signature };
}

function step(body: Record<string, unknown>): Step {
  const p = new Parser();
  const parsed = parseStep(p, { token: body }, ['step']);
  assert.deepStrictEqual(p.problems, []);
  return parsed!;
}

/** The token step needs nothing of the session: it never talks to the server. */
const noSession = new Proxy({}, { get: (_t, key) => assert.fail(`the token step used session.${String(key)}`) }) as StepSession;

const login = jwt({ alg: 'HS256', typ: 'JWT' }, { user_id: 7, role: 'member', iat: 1_700_000_000, exp: 4_102_444_800 });

describe('verify: the token step', () => {
  it('moves exp into the past, keeps every other claim and the header, and signs again with the secret given', async () => {
    const vars: Vars = { unique: 'u1', token: login };
    const before = Math.floor(Date.now() / 1000);
    const outcome = await runStep(step({ from: 'token', secret: SECRET, fromNow: { exp: -3600 }, save: 'expired' }), vars, noSession);
    assert.strictEqual(outcome.ok, true, outcome.got);
    const { header, claims, signature } = decode(vars.expired);
    assert.deepStrictEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.deepStrictEqual(Object.keys(claims), ['user_id', 'role', 'iat', 'exp'], 'the claims keep their order');
    assert.deepStrictEqual({ ...claims, exp: 0 }, { user_id: 7, role: 'member', iat: 1_700_000_000, exp: 0 });
    assert.ok((claims.exp as number) >= before - 3600 && (claims.exp as number) <= Math.floor(Date.now() / 1000) - 3600, `exp ${String(claims.exp)} is an hour ago`);
    const [h, c] = vars.expired.split('.');
    assert.strictEqual(signature, hmac('sha256', SECRET, `${h}.${c}`));
    assert.strictEqual(vars.token, login, 'the saved token is left as it was');
    assert.match(outcome.got, /"user_id":7/);
  });

  it('adds nbf when the token has none, keeps the HMAC algorithm of the saved token, and fills variables into the secret', async () => {
    const hs384 = jwt({ alg: 'HS384', typ: 'JWT', kid: 'k1' }, { sub: '42' });
    const vars: Vars = { unique: 'u1', token: hs384 };
    const outcome = await runStep(step({ from: 'token', secret: 'other-{{unique}}', fromNow: { nbf: 3600 }, save: 'early' }), vars, noSession);
    assert.strictEqual(outcome.ok, true, outcome.got);
    const { header, claims, signature } = decode(vars.early);
    assert.deepStrictEqual(header, { alg: 'HS384', typ: 'JWT', kid: 'k1' });
    assert.deepStrictEqual(Object.keys(claims), ['sub', 'nbf']);
    assert.ok((claims.nbf as number) > Date.now() / 1000 + 3500);
    const [h, c] = vars.early.split('.');
    assert.strictEqual(signature, hmac('sha384', 'other-u1', `${h}.${c}`));
  });

  it('signs with the algorithm the step names, or makes a token with alg none and no signature', async () => {
    const vars: Vars = { unique: 'u1', token: login };
    await runStep(step({ from: 'token', secret: SECRET, alg: 'HS512', save: 'strong' }), vars, noSession);
    const [h, c, s] = vars.strong.split('.');
    assert.strictEqual(decode(vars.strong).header.alg, 'HS512');
    assert.strictEqual(s, hmac('sha512', SECRET, `${h}.${c}`));
    // A token the server signed otherwise (RS256) is signed again as HS256 with the secret.
    vars.rsa = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: '1' })}.c2lnbmF0dXJl`;
    await runStep(step({ from: 'rsa', secret: SECRET, save: 'confused' }), vars, noSession);
    const [ch, cc, cs] = vars.confused.split('.');
    assert.deepStrictEqual(decode(vars.confused).header, { alg: 'HS256', typ: 'JWT' });
    assert.strictEqual(cs, hmac('sha256', SECRET, `${ch}.${cc}`));
    const outcome = await runStep(step({ from: 'token', alg: 'none', save: 'unsigned' }), vars, noSession);
    assert.strictEqual(outcome.ok, true, outcome.got);
    const none = decode(vars.unsigned);
    assert.deepStrictEqual(none.header, { alg: 'none', typ: 'JWT' });
    assert.deepStrictEqual(none.claims, decode(login).claims);
    assert.strictEqual(none.signature, '');
    assert.ok(vars.unsigned.endsWith('.'));
  });

  it('fails, saying why, when the saved value is not a JWT, and names a variable no step saved', async () => {
    const make = step({ from: 'token', secret: SECRET, fromNow: { exp: -60 }, save: 'expired' });
    const cases: [string, RegExp][] = [
      ['an-opaque-session-id', /\{\{token\}\} is not a JWT: a JWT has three parts separated by dots, this has 1 \(got 'an-opaque-session-id'\)/],
      [`${b64('text')}.${b64({ sub: '1' })}.sig`, /its header is not a JSON object/],
      [`${b64({ alg: 'HS256' })}.not*base64.sig`, /its claims part is not base64url-encoded JSON/],
    ];
    for (const [saved, why] of cases) {
      const vars: Vars = { token: saved };
      const outcome = await runStep(make, vars, noSession);
      assert.strictEqual(outcome.ok, false, saved);
      assert.match(outcome.got, why);
      assert.strictEqual(vars.expired, undefined, 'nothing is saved');
    }
    await assert.rejects(runStep(make, {}, noSession), (e: Error) => e instanceof TemplateError && /unknown variable \{\{token\}\}: save it in an earlier step/.test(e.message));
  });

  it('says in words what it makes', () => {
    const words = describeStep(step({ from: 'token', secret: SECRET, fromNow: { exp: -3600, nbf: 90 }, save: 'expired' }), {}, { healthPath: '/health' });
    assert.strictEqual(words.sent, '(makes a token) the token in {{token}} with exp = now - 1 h, nbf = now + 90 s, signed with its own HMAC algorithm with the secret the step gives');
    assert.strictEqual(words.expected, '{{token}} is a JWT; the new token is saved as {{expired}}');
    assert.match(describeStep(step({ from: 'token', alg: 'none', save: 'x' }), {}, { healthPath: '/health' }).sent, /with alg none and no signature$/);
  });

  it('reports every mistake in a token step at its path', () => {
    const steps = [
      { token: { from: 'token', fromNow: { exp: -60 }, save: 'expired' } },
      { token: { from: 'token', alg: 'none', secret: SECRET, save: 'x' } },
      { token: { from: 'token', alg: 'RS256', secret: SECRET, save: 'x' } },
      { token: { from: '{{token}}', secret: SECRET, fromNow: { sub: 1, exp: 1.5 }, save: 'new token' } },
      { token: { secret: SECRET } },
      { token: { from: 'token', secret: SECRET, save: 'x' }, expect: { status: 200 } },
    ];
    const r = parseIdeaChecks({ idea: 'x', milestones: { a: [{ name: 'tokens', steps }] } }, ['a']);
    const got = r.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    const at = (i: number, rest: string) => `milestones.a.0.steps.${i}${rest}`;
    assert.deepStrictEqual(got, [
      at(0, ".token: the token step has no 'secret': add the secret that signs the new token, or alg: none for a token without a signature"),
      at(1, '.token.secret: a token with alg none has no signature: leave the secret out'),
      at(2, ".token.alg: alg must be one of HS256, HS384, HS512, none, not 'RS256'"),
      at(3, ".token.from: '{{token}}' is not a variable name (letters, digits and _)"),
      at(3, ".token.save: 'new token' is not a variable name (letters, digits and _)"),
      at(3, ".token.fromNow.sub: unknown key 'sub' in 'fromNow' of the token step: allowed keys are exp, nbf, iat"),
      at(3, ".token.fromNow.exp: 'exp' of 'fromNow' of the token step must be a whole number from -316224000 to 316224000, not '1.5'"),
      at(4, ".token: the token step has no 'from': add the variable that holds the token, saved by an earlier step such as a login"),
      at(4, ".token: the token step has no 'save': add the variable that gets the new token"),
      at(5, ".expect: unknown key 'expect' in the token step: allowed keys are token"),
    ]);
  });
});
