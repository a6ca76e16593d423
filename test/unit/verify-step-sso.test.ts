import * as assert from 'assert';
import * as http from 'http';
import type { Vars } from '../../src/verify/match';
import { matchShape } from '../../src/verify/match';
import { keepCookies, parseForm, type Jar } from '../../src/verify/oidcBrowser';
import { Parser } from '../../src/verify/parser';
import { probeServices } from '../../src/verify/services';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { listen, realSession } from './helpers/stepSession';

function parsed(body: Record<string, unknown>): { step?: Step; problems: string[] } {
  const p = new Parser();
  const step = parseStep(p, body, ['step']);
  return { step, problems: p.problems.map((x) => x.message) };
}

function step(body: Record<string, unknown>): Step {
  const { step, problems } = parsed(body);
  assert.deepStrictEqual(problems, []);
  return step!;
}

function cookiesOf(req: http.IncomingMessage): Record<string, string> {
  return Object.fromEntries((req.headers.cookie ?? '').split(';').filter(Boolean).map((c) => c.trim().split('=') as [string, string]));
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return new URLSearchParams(text);
}

/**
 * A provider in miniature, over real HTTP: /auth sets its cookie and sends the browser to a login
 * form with a hidden field; the form posts to /submit, which sends the browser back to redirect_uri
 * with a code that carries the nonce, or answers the form again for a wrong password. Without PKCE
 * it sends the browser back with error=invalid_request, as a real provider does.
 */
function provider(): http.RequestListener {
  const flows = new Map<string, URLSearchParams>();
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/auth') {
      const back = new URL(url.searchParams.get('redirect_uri')!);
      if (!url.searchParams.get('code_challenge')) {
        back.search = new URLSearchParams({ error: 'invalid_request', error_description: 'PKCE is required', state: url.searchParams.get('state') ?? '' }).toString();
        res.writeHead(303, { location: back.href });
        return res.end();
      }
      const uid = `f${flows.size + 1}`;
      flows.set(uid, url.searchParams);
      res.writeHead(303, { location: `/form/${uid}`, 'set-cookie': `_flow=${uid}; Path=/; HttpOnly` });
      return res.end();
    }
    const form = /^\/form\/(\w+)$/.exec(url.pathname);
    if (form && cookiesOf(req)._flow === form[1]) {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(`<html><body><h1>Sign in</h1><form method="post" action="/submit"><input type="hidden" name="uid" value="${form[1]}"><input name="login"><input name="password" type="password"></form></body></html>`);
    }
    if (url.pathname === '/submit' && req.method === 'POST') {
      const fields = await formBody(req);
      const params = flows.get(fields.get('uid') ?? '');
      if (!params || cookiesOf(req)._flow !== fields.get('uid')) {
        res.writeHead(400, { 'content-type': 'text/html' });
        return res.end('<p>no sign-in in progress</p>');
      }
      if (fields.get('password') !== 'password') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(`<p>Wrong password.</p><form method="post" action="/submit"><input type="hidden" name="uid" value="${fields.get('uid')}"><input name="login"><input name="password"></form>`);
      }
      const back = new URL(params.get('redirect_uri')!);
      back.search = new URLSearchParams({ code: `${fields.get('login')}|${params.get('nonce')}`, state: params.get('state')! }).toString();
      res.writeHead(303, { location: back.href });
      return res.end();
    }
    res.writeHead(404);
    res.end('not here');
  };
  return (req, res) => void handle(req, res);
}

/** A learner's server in miniature: /login keeps state and nonce under a cookie; /callback checks both. */
function app(providerPort: number, self: () => number, pkce = true): http.RequestListener {
  const pending = new Map<string, { state: string; nonce: string }>();
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/login') {
      const id = `p${pending.size + 1}`;
      const p = { state: `state-${id}-0123`, nonce: `nonce-${id}-0123` };
      pending.set(id, p);
      const auth = new URL(`http://127.0.0.1:${providerPort}/auth`);
      auth.search = new URLSearchParams({ response_type: 'code', client_id: 'app', redirect_uri: `http://localhost:${self()}/callback`, scope: 'openid email', state: p.state, nonce: p.nonce, ...(pkce ? { code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' } : {}) }).toString();
      res.writeHead(302, { location: auth.href, 'set-cookie': `pending=${id}; Path=/; HttpOnly` });
      return res.end();
    }
    if (url.pathname === '/callback') {
      const p = pending.get(cookiesOf(req).pending ?? '');
      const [login, nonce] = (url.searchParams.get('code') ?? '').split('|');
      res.writeHead(p && p.state === url.searchParams.get('state') && p.nonce === nonce ? 200 : 401, { 'content-type': 'application/json', 'set-cookie': ['pending=; Path=/; Max-Age=0', ...(p && p.state === url.searchParams.get('state') && p.nonce === nonce ? ['session=s-1; Path=/; HttpOnly'] : [])] });
      return res.end(JSON.stringify(p && p.state === url.searchParams.get('state') && p.nonce === nonce ? { email: login, tenant: login.split('@')[1] } : { error: 'not verified' }));
    }
    res.writeHead(404);
    res.end();
  };
}

describe('verify: the sso step', () => {
  let idp: { port: number; close: () => Promise<void> };
  let server: { port: number; close: () => Promise<void> };
  let noPkce: { port: number; close: () => Promise<void> };

  before(async () => {
    idp = await listen(provider());
    server = await listen(app(idp.port, () => server.port));
    noPkce = await listen(app(idp.port, () => noPkce.port, false));
  });
  after(async () => {
    await Promise.all([idp.close(), server.close(), noPkce.close()]);
  });

  it('signs in through the form, sends the callback to the server with its cookies and saves them', async () => {
    const vars: Vars = { unique: 'u1' };
    const session = realSession(server.port);
    const s = step({ sso: { user: 'ada+{{unique}}@acme', password: 'password' }, expect: { status: 200, json: { email: 'ada+{{unique}}@acme', tenant: 'acme' } }, save: { ada: 'cookie' } });
    const outcome = await runStep(s, vars, session);
    assert.strictEqual(outcome.ok, true, outcome.got);
    assert.strictEqual(vars.ada, 'session=s-1', 'the pending cookie the server cleared is gone, the session kept');
    assert.deepStrictEqual(session.sent.map((x) => `${x.method} ${x.path.split('?')[0]} ${x.headers.cookie ?? '-'}`), ['GET /login -', 'GET /callback pending=p1'], 'only the login and the callback reach the server');
    assert.match(describeStep(s, vars, { healthPath: '/health' }).expected, /callback answers 200 with JSON \{"email":"ada\+u1@acme","tenant":"acme"\}/);
  });

  it('fails a server whose answer differs from expect, saying what came back', async () => {
    const outcome = await runStep(step({ sso: { user: 'ada@acme', password: 'password' }, expect: { status: 200, json: { tenant: 'globex' } } }), {}, realSession(server.port));
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /the callback GET \/callback answered 200 .*json\.tenant: expected "globex", got "acme"/);
  });

  it('refuses an authorization URL without PKCE before reaching the provider, and names what lacks', async () => {
    const outcome = await runStep(step({ sso: { user: 'ada@acme', password: 'password' }, expect: { status: 200 } }), {}, realSession(noPkce.port));
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /lacks a PKCE code_challenge \(43 or more characters\); code_challenge_method=S256$/);
  });

  it('says when the provider does not accept the password', async () => {
    const outcome = await runStep(step({ sso: { user: 'ada@acme', password: 'wrong' }, expect: { status: 200 } }), {}, realSession(server.port));
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /the provider did not accept ada@acme with the password given: Wrong password\./);
  });

  it('tampers with the nonce or the state, and a server that checks them answers 401', async () => {
    for (const tamper of ['nonce', 'state']) {
      const vars: Vars = {};
      const refused = await runStep(step({ sso: { user: 'ada@acme', password: 'password', tamper }, expect: { status: 401 }, save: { jar: 'cookie' } }), vars, realSession(server.port));
      assert.strictEqual(refused.ok, true, `${tamper}: ${refused.got}`);
      assert.strictEqual(vars.jar, '', `${tamper}: no session cookie was set`);
      const fooled = await runStep(step({ sso: { user: 'ada@acme', password: 'password', tamper }, expect: { status: 200 } }), {}, realSession(server.port));
      assert.match(fooled.got, new RegExp(`replaced by another.*answered 401`), tamper);
    }
  });

  it('reports an error the provider sends back instead of a code', async () => {
    const session = realSession(noPkce.port);
    // The step refuses first; the provider's own refusal shows when the URL is taken as it is.
    const outcome = await runStep(step({ sso: { start: '/login', user: 'ada@acme', password: 'password' }, expect: { status: 200 } }), {}, session);
    assert.match(outcome.got, /lacks/);
    const { signInAtProvider } = await import('../../src/verify/oidcBrowser');
    const back = await signInAtProvider(new URL(`http://127.0.0.1:${idp.port}/auth?redirect_uri=http://localhost:1/callback&state=s`), { user: 'a', password: 'b' }, 2000);
    assert.ok(back instanceof URL);
    assert.strictEqual(back.searchParams.get('error'), 'invalid_request');
  });

  it('reads only well-formed steps', () => {
    assert.deepStrictEqual(parsed({ sso: { password: 'p' }, expect: { status: 200 } }).problems, ["'sso' of the sso step has no 'user': add the provider user to sign in as"]);
    assert.match(parsed({ sso: { user: 'a', password: 'p', tamper: 'code' }, expect: { status: 200 } }).problems.join(), /'tamper' of the sso step must be one of: state, nonce/);
    assert.match(parsed({ sso: { user: 'a', password: 'p' }, expect: { status: 200 }, save: { x: 'json.id' } }).problems.join(), /'json.id' must be cookie/);
    assert.match(parsed({ sso: { user: 'a', password: 'p' } }).problems.join(), /expect/);
  });
});

describe('verify: pieces of the sso step', () => {
  it('keeps cookies as a browser does, dropping the ones cleared', () => {
    const jar: Jar = new Map([['a', '1']]);
    keepCookies(jar, ['b=2; Path=/; HttpOnly', 'a=; Max-Age=0', 'c=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    assert.deepStrictEqual([...jar], [['b', '2']]);
  });

  it('reads a form: its action, method and named inputs with their values', () => {
    const form = parseForm(`<form method="post" action='/i/1/login?a=1&amp;b=2'><input type="hidden" name="uid" value="x&#34;y"><input name=login><button>go</button></form>`);
    assert.deepStrictEqual(form && { ...form, fields: [...form.fields] }, { action: '/i/1/login?a=1&b=2', method: 'POST', fields: [['uid', 'x"y'], ['login', '']] });
    assert.strictEqual(parseForm('<p>no form</p>'), undefined);
  });

  it('matches a list that must leave something out with <none>', () => {
    const notes = [{ title: 'a', tenant: 'acme' }, { title: 'b', tenant: 'acme' }];
    assert.strictEqual(matchShape(notes, { '<none>': { tenant: 'globex' } }), undefined);
    assert.strictEqual(matchShape(notes, { '<none>': { title: 'b' } }), 'json.1: expected no element matching {"title":"b"}, got {"title":"b","tenant":"acme"}');
    assert.strictEqual(matchShape({}, { '<none>': {} }), 'json: expected an array, got an object');
  });

  it('the preflight asks the provider for its discovery document, not only for an open port', async () => {
    let status = 404;
    const idp = await listen((req, res) => {
      res.writeHead(req.url === '/.well-known/openid-configuration' ? status : 500);
      res.end('{}');
    });
    try {
      const env = { OIDC_ISSUER: `http://127.0.0.1:${idp.port}/` };
      const problems = await probeServices('/nonexistent', ['oidc'], env, () => 'the environment');
      assert.deepStrictEqual(problems.map((p) => p.message), [`the OpenID Connect provider at 127.0.0.1:${idp.port} did not answer GET http://127.0.0.1:${idp.port}/.well-known/openid-configuration with 200 (got 404; OIDC_ISSUER from the environment): start the OpenID Connect provider and set OIDC_ISSUER`]);
      status = 200;
      assert.deepStrictEqual(await probeServices('/nonexistent', ['oidc'], env, () => 'the environment'), []);
    } finally {
      await idp.close();
    }
  });
});
