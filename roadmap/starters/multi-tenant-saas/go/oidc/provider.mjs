// A real OpenID Connect provider for the multi-tenant SaaS project: oidc-provider (OpenID Certified),
// with one confidential client that must use PKCE (S256), test users who belong to tenants through
// the `tenant` claim of their ID token, and a plain HTML login form (no consent screen).
// Four test users get an ID token a server must refuse (`forge`): signed by a key that is not in the
// provider's JWKS, for another audience, already expired, or from another issuer. Everything else
// about their sign-in is genuine, so only a server that verifies the ID token tells them apart.
// Run: npm install && node provider.mjs   (PORT, ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET may be set)
// Any http://localhost or http://127.0.0.1 URL ending in /callback, on any port, is an accepted redirect URI.
import { createServer } from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 4000);
const issuer = process.env.ISSUER || `http://localhost:${port}`;
const clientId = process.env.OIDC_CLIENT_ID || 'saas-app';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'saas-app-secret';

/** The test users: sign in with the email and the password "password". */
export const USERS = {
  'ada@acme.test': { sub: 'u-ada', tenant: 'acme', name: 'Ada' },
  'alan@acme.test': { sub: 'u-alan', tenant: 'acme', name: 'Alan' },
  'grace@globex.test': { sub: 'u-grace', tenant: 'globex', name: 'Grace' },
  // The tenant comes from the claim, not from the email's domain.
  'visitor@globex.test': { sub: 'u-visitor', tenant: 'acme', name: 'Visitor' },
  'rita@initech.test': { sub: 'u-rita', tenant: 'initech', name: 'Rita' },
  'roy@initech.test': { sub: 'u-roy', tenant: 'initech', name: 'Roy' },
  'sam@umbrella.test': { sub: 'u-sam', tenant: 'umbrella', name: 'Sam' },
  'bruce@wayne.test': { sub: 'u-bruce', tenant: 'wayne', name: 'Bruce' },
  'bad-signature@acme.test': { sub: 'u-bad-signature', tenant: 'acme', name: 'Forged', forge: 'signature' },
  'wrong-audience@acme.test': { sub: 'u-wrong-audience', tenant: 'acme', name: 'Forged', forge: 'audience' },
  'expired@acme.test': { sub: 'u-expired', tenant: 'acme', name: 'Forged', forge: 'expired' },
  'wrong-issuer@acme.test': { sub: 'u-wrong-issuer', tenant: 'acme', name: 'Forged', forge: 'issuer' },
};
const PASSWORD = 'password';
const bySub = new Map(Object.entries(USERS).map(([email, u]) => [u.sub, { ...u, email }]));

/**
 * The user of an email: a test user, or `name+tag@domain` for a test user `name@domain`, who is
 * then in a tenant of their own, `<tenant>-<tag>` (the tag keeps tests' tenants apart from run to run).
 */
function userOf(email) {
  const known = USERS[email];
  if (known) return { ...known, email };
  const tagged = /^([a-z0-9.-]+)\+([a-z0-9-]{1,40})@([a-z0-9.-]+)$/.exec(email);
  const base = tagged && USERS[`${tagged[1]}@${tagged[3]}`];
  if (!base) return undefined;
  const user = { ...base, email, sub: `${base.sub}+${tagged[2]}`, tenant: `${base.tenant}-${tagged[2]}` };
  bySub.set(user.sub, user);
  return user;
}

// A fresh signing key per start: a server must read the keys from the provider's JWKS, not keep one.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `k-${Date.now().toString(36)}`, use: 'sig', alg: 'RS256' };
const strangerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** The ID token of a `forge` user, changed and signed again (by a stranger's key for `signature`). */
function forged(idToken) {
  const [head, body] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  const forge = bySub.get(claims.sub)?.forge;
  if (!forge) return idToken;
  const now = Math.floor(Date.now() / 1000);
  if (forge === 'audience') claims.aud = 'another-app';
  if (forge === 'expired') Object.assign(claims, { iat: now - 1200, exp: now - 600 });
  if (forge === 'issuer') claims.iss = 'http://127.0.0.1:9/another-issuer';
  const signed = `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), forge === 'signature' ? strangerKey : privateKey).toString('base64url')}`;
}

/** Rewrites the token endpoint's answer so a forge user's ID token is the forged one. */
function forgeTokens(req, res) {
  const end = res.end.bind(res);
  res.end = (chunk, ...rest) => {
    try {
      const tokens = JSON.parse(Buffer.from(chunk).toString('utf8'));
      if (tokens.id_token) {
        const body = JSON.stringify({ ...tokens, id_token: forged(tokens.id_token) });
        if (!res.headersSent) res.setHeader('Content-Length', Buffer.byteLength(body));
        return end(body, ...rest);
      }
    } catch {}
    return end(chunk, ...rest);
  };
}

const provider = new Provider(issuer, {
  clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: ['http://localhost:3000/callback'], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile'],
  claims: { openid: ['sub', 'tenant'], email: ['email'], profile: ['name'] },
  // The claims of the scopes asked for go in the ID token itself, so a server needs no userinfo call.
  conformIdTokenClaims: false,
  cookies: { keys: ['saas-oidc-cookie-key'] },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, sub) => {
    const user = bySub.get(sub);
    return user && { accountId: sub, claims: () => ({ sub, tenant: user.tenant, email: user.email, name: user.name }) };
  },
  ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
  renderError: (ctx, out) => {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Sign-in error</title><h1>${escape(out.error)}</h1><p>${escape(out.error_description ?? '')}</p>`;
  },
});
provider.proxy = true;

// Every loopback URL ending in /callback, whatever the port: the server's port changes from run to run.
provider.Client.prototype.redirectUriAllowed = function (uri) {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) && u.pathname === '/callback';
  } catch {
    return false;
  }
};

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(uid, message = '') {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title></head><body>
<h1>Sign in</h1>${message ? `<p class="error">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label>Email <input name="login" type="email" autofocus></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form>
<p>Test users: ${Object.entries(USERS).filter(([, u]) => !u.forge).map(([e, u]) => `${escape(e)} (tenant ${u.tenant})`).join(', ')}; password: ${PASSWORD}.
Any of them with a tag, such as rita+test1@initech.test, is in a tenant of their own (initech-test1).</p>
</body></html>`;
}

async function form(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return Object.fromEntries(new URLSearchParams(text));
}

const handler = provider.callback();
const server = createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) {
    if (req.method === 'POST' && new URL(req.url, issuer).pathname === '/token') forgeTokens(req, res);
    return handler(req, res);
  }
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && !match[2]) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(page(details.uid));
    }
    if (req.method !== 'POST' || !match[2]) {
      res.writeHead(405, { 'Content-Type': 'text/plain' });
      return res.end('use the form');
    }
    const { login, password } = await form(req);
    const user = userOf(String(login ?? '').trim().toLowerCase());
    if (!user || password !== PASSWORD) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(page(details.uid, 'Unknown email or wrong password.'));
    }
    // No consent screen: the grant covers every scope the server asked for.
    const grant = new provider.Grant({ accountId: user.sub, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope ?? 'openid'));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: user.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  } catch (err) {
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    res.end(`sign-in failed: ${err.message}`);
  }
});
server.listen(port, () => console.log(JSON.stringify({ level: 'info', msg: 'OpenID Connect provider listening', issuer, clientId })));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
