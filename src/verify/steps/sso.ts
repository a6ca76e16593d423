/**
 * `sso`: signs a user in through the learner's server and an OpenID Connect provider, as a browser
 * does: GET the server's login path, check the authorization URL it redirects to (code flow, PKCE
 * with S256, state, nonce), sign in at the provider's form (oidcBrowser.ts), send the callback back
 * to the server with the cookies it set, and judge the server's answer. `tamper` changes one thing
 * on the way that a server which verifies must refuse: the nonce sent to the provider (the ID token
 * then carries a nonce the server never asked for) or the state in the callback. `save` keeps the
 * server's cookies as one Cookie header for later steps. Pure Node.
 */
import type { Answer, Sent } from '../http';
import { fill, fillDeep, matchShape, type Vars } from '../match';
import { STATUS } from '../parser';
import { cookieHeader, keepCookies, signInAtProvider, type Jar } from '../oidcBrowser';
import { loopbackUrl } from './follow';
import type { StepKind, StepSession } from './kind';
import { describeAnswer } from './requestSpec';

export type Tamper = 'state' | 'nonce';

export interface SsoStep {
  kind: 'sso';
  start: string;
  user: string;
  password: string;
  tamper?: Tamper;
  expect: { status: number[]; json?: unknown };
  /** Variable name to the server's cookies as a Cookie header. */
  save: Record<string, 'cookie'>;
}

const TAMPERS: Record<Tamper, string> = {
  state: 'the state in the callback replaced by another',
  nonce: 'the nonce sent to the provider replaced by another, so the ID token carries a nonce the server did not ask for',
};

/** What the authorization URL must hold, each with why, for the message when it does not. */
const PARAMS: [string, (v: string | null) => boolean, string][] = [
  ['response_type', (v) => v === 'code', 'response_type=code (the authorization code flow)'],
  ['client_id', (v) => !!v, 'client_id (OIDC_CLIENT_ID)'],
  ['redirect_uri', (v) => !!v, 'redirect_uri (the server\'s /callback)'],
  ['scope', (v) => !!v && v.split(' ').includes('openid'), 'a scope that includes openid'],
  ['state', (v) => !!v && v.length >= 8, 'a random state of at least 8 characters'],
  ['nonce', (v) => !!v && v.length >= 8, 'a random nonce of at least 8 characters'],
  ['code_challenge', (v) => !!v && v.length >= 43, 'a PKCE code_challenge (43 or more characters)'],
  ['code_challenge_method', (v) => v === 'S256', 'code_challenge_method=S256'],
];

async function get(session: StepSession, path: string, jar: Jar): Promise<Answer> {
  const spec: Sent = { method: 'GET', path, headers: jar.size ? { cookie: cookieHeader(jar) } : {} };
  const answer = await session.exchange(spec);
  keepCookies(jar, answer.headers['set-cookie']);
  return answer;
}

function tryFill(text: string, vars: Vars): string {
  try {
    return fill(text, vars);
  } catch {
    return text;
  }
}

function header(a: Answer, name: string): string | undefined {
  const h = a.headers[name];
  return Array.isArray(h) ? h[0] : h;
}

export const sso: StepKind<SsoStep> = {
  parse(p, step) {
    const what = 'the sso step';
    p.knownKeys(step, ['sso', 'expect', 'save'], what);
    const body = p.mapping(step, 'sso', what, ['start', 'user', 'password', 'tamper'], 'add { user: ada@acme.test, password: password }');
    const user = body && p.string(body, 'user', `'sso' of ${what}`, 'add the provider user to sign in as');
    const password = body && p.string(body, 'password', `'sso' of ${what}`, 'add the password of that user');
    const start = body?.start === undefined ? '/login' : body && p.string(body, 'start', `'sso' of ${what}`);
    const tamper = body?.tamper;
    if (body && tamper !== undefined && !(typeof tamper === 'string' && tamper in TAMPERS)) p.fail(body, 'tamper', `'tamper' of ${what} must be one of: ${Object.keys(TAMPERS).join(', ')}`);
    const e = p.mapping(step, 'expect', what, ['status', 'json'], 'add the answer to the callback: { status: 200 }');
    const status = e && (Array.isArray(e.status) ? p.numbers(e, 'status', `'expect' of ${what}`, STATUS) : [p.number(e, 'status', `'expect' of ${what}`, STATUS, 'add the status of the callback\'s answer')].filter((s): s is number => s !== undefined));
    const save = p.textMapping(step, 'save', what) ?? {};
    for (const [name, from] of Object.entries(save)) {
      if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) p.fail(step.save as never, name, `'${name}' is not a variable name (letters, digits and _)`);
      if (from !== 'cookie') p.fail(step.save as never, name, `'${from}' must be cookie (the server's cookies as one Cookie header)`);
    }
    if (!user || !password || start === undefined || !e || !status?.length) return undefined;
    return { kind: 'sso', start, user, password, ...(tamper === undefined ? {} : { tamper: tamper as Tamper }), expect: { status, ...(e.json === undefined ? {} : { json: e.json }) }, save: save as Record<string, 'cookie'> };
  },

  describe(step, vars) {
    let shown = step.expect.json;
    try {
      shown = fillDeep(shown, vars);
    } catch {}
    const json = shown === undefined ? '' : ` with JSON ${JSON.stringify(shown)}`;
    const tamper = step.tamper ? `, with ${TAMPERS[step.tamper]}` : '';
    return {
      sent: `GET ${tryFill(step.start, vars)}, then sign in at the provider it redirects to as ${tryFill(step.user, vars)}, then the callback back to the server${tamper}`,
      expected: `a redirect to the provider with response_type=code, PKCE (S256), state and nonce; then the callback answers ${step.expect.status.join(' or ')}${json}`,
    };
  },

  async run(step, vars, session) {
    const jar: Jar = new Map();
    const login = await get(session, fill(step.start, vars), jar);
    const location = header(login, 'location');
    if (login.status < 300 || login.status > 399 || !location) return { ok: false, got: `${describeAnswer(login)} (expected a redirect to the provider's authorization endpoint)` };
    const auth = loopbackUrl(location);
    if (typeof auth === 'string') return { ok: false, got: `the redirect of ${step.start} is not to a provider on this machine: ${auth}` };
    const lacking = PARAMS.filter(([name, ok]) => !ok(auth.searchParams.get(name))).map(([, , why]) => why);
    if (lacking.length) return { ok: false, got: `the authorization URL ${auth.href} lacks ${lacking.join('; ')}` };
    if (step.tamper === 'nonce') auth.searchParams.set('nonce', `${auth.searchParams.get('nonce')}-forged`);
    const back = await session.timed(signInAtProvider(auth, { user: fill(step.user, vars), password: fill(step.password, vars) }, session.requestTimeoutMs));
    if (typeof back === 'string') return { ok: false, got: back };
    const error = back.searchParams.get('error');
    if (error) return { ok: false, got: `the provider refused the sign-in and sent back error=${error}: ${back.searchParams.get('error_description') ?? ''} (${back.pathname})` };
    const port = Number(back.port || 80);
    if (port !== session.port) return { ok: false, got: `the provider sent the browser back to ${back.origin}${back.pathname}, not to the server on port ${session.port}: build redirect_uri from the server's own PORT` };
    if (step.tamper === 'state') back.searchParams.set('state', `${back.searchParams.get('state')}-forged`);
    const answer = await get(session, `${back.pathname}${back.search}`, jar);
    const sent = `the callback GET ${back.pathname}${step.tamper ? ` (${TAMPERS[step.tamper]})` : ''} answered`;
    if (!step.expect.status.includes(answer.status)) return { ok: false, got: `${sent} ${describeAnswer(answer)} (expected status ${step.expect.status.join(' or ')})` };
    if (step.expect.json !== undefined) {
      const m = answer.isJson ? matchShape(answer.json, fillDeep(step.expect.json, vars)) : 'the body is not JSON';
      if (m) return { ok: false, got: `${sent} ${describeAnswer(answer)} (${m})` };
    }
    for (const name of Object.keys(step.save)) vars[name] = cookieHeader(jar);
    return { ok: true, got: `${sent} ${describeAnswer(answer)}` };
  },
};
