/**
 * `https: { path: /health, hstsMaxAge: 31536000 }`: HTTPS is enforced. A server behind a TLS front
 * learns the visitor's scheme from X-Forwarded-Proto: run locally, the step sends `http` there and
 * expects a permanent redirect (301 or 308) to the same host and path over https://, then sends
 * `https` and expects Strict-Transport-Security with a max-age of at least `hstsMaxAge` seconds.
 * In remote mode (remoteRun.ts) it observes the deployment itself: the URL is https:// (its
 * certificate was trusted by every request), plain http:// to the same host redirects to https:// or
 * is refused, and the HTTPS answer carries the header.
 */
import * as http from 'http';
import type { Answer } from '../http';
import { wholeNumber } from '../parser';
import type { Outcome, StepKind, StepSession } from './kind';
import { describeAnswer } from './requestSpec';

export interface HttpsStep {
  kind: 'https';
  path: string;
  hstsMaxAge: number;
}

/** The host name a local run says the visitor asked for. */
const VISITOR_HOST = 'blog.example.test';
const PERMANENT = [301, 308];

/** The max-age of a Strict-Transport-Security value; undefined when it has none. */
export function hstsMaxAge(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const m = text && /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

function judgeHsts(a: Answer, least: number, how: string): Outcome | undefined {
  const header = a.headers['strict-transport-security'];
  const age = hstsMaxAge(header);
  if (a.status < 200 || a.status > 299) return { ok: false, got: `${how}: ${describeAnswer(a)}, not a 2xx answer` };
  if (header === undefined) return { ok: false, got: `${how}: ${a.status} without a Strict-Transport-Security header` };
  if (age === undefined || age < least) return { ok: false, got: `${how}: Strict-Transport-Security: ${String(header)} (max-age ${age ?? 'missing'}, at least ${least} expected)` };
  return undefined;
}

/** A plain http:// request to the deployed host: undefined when it could not connect, else its status and Location. */
function plainHttp(remote: NonNullable<StepSession['remote']>, path: string, timeoutMs: number): Promise<{ status: number; location?: string } | undefined> {
  const prefix = remote.url.pathname.replace(/\/$/, '');
  return new Promise((resolve) => {
    const r = http.request({ host: remote.url.hostname, port: remote.plainPort, path: prefix + path, method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    });
    // Refused, reset or silent: nothing is served over plain http, which is as good as a redirect.
    r.on('timeout', () => (r.destroy(), resolve(undefined)));
    r.on('error', () => resolve(undefined));
    r.end();
  });
}

async function runRemote(step: HttpsStep, session: StepSession, remote: NonNullable<StepSession['remote']>): Promise<Outcome> {
  if (remote.url.protocol !== 'https:') return { ok: false, got: `${remote.url.href} is plain http://: deploy behind HTTPS and verify its https:// address` };
  const plain = await session.timed(plainHttp(remote, step.path, session.requestTimeoutMs));
  const plainUrl = `http://${remote.url.hostname}:${remote.plainPort}${step.path}`;
  if (plain && !(PERMANENT.includes(plain.status) && plain.location?.startsWith('https://'))) {
    return { ok: false, got: `${plainUrl} answered ${plain.status}${plain.location ? ` to ${plain.location}` : ''}: plain http must redirect (301 or 308) to https:// or be refused` };
  }
  const a = await session.exchange({ method: 'GET', path: step.path, headers: {} });
  const bad = judgeHsts(a, step.hstsMaxAge, `https GET ${step.path}`);
  if (bad) return bad;
  return { ok: true, got: `${plain ? `${plainUrl} redirects to ${plain.location}` : `${plainUrl} is refused`}; https answers ${a.status} with Strict-Transport-Security: ${String(a.headers['strict-transport-security'])}` };
}

export const https: StepKind<HttpsStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'https', ['path', 'hstsMaxAge'], 'add { path: /health, hstsMaxAge: 31536000 }');
    if (!body) return undefined;
    const path = p.string(body, 'path', "'https' of the step", 'add the path to ask, such as /health');
    const hstsMaxAge = p.number(body, 'hstsMaxAge', "'https' of the step", wholeNumber(0, 1_000_000_000), 'add the least max-age in seconds, such as 31536000 (a year)');
    if (path !== undefined && !path.startsWith('/')) return p.fail(body, 'path', `the path must start with '/', not '${path}'`);
    return path === undefined || hstsMaxAge === undefined ? undefined : { kind: 'https', path, hstsMaxAge };
  },

  describe(step) {
    return {
      sent: `GET ${step.path} as a plain-http visitor (X-Forwarded-Proto: http, Host: ${VISITOR_HOST}; remotely: http:// to the deployed host), then over https (X-Forwarded-Proto: https)`,
      expected: `a 301 or 308 to https://${VISITOR_HOST}${step.path} (remotely: a redirect to https:// or a refused connection), then a 2xx with Strict-Transport-Security max-age at least ${step.hstsMaxAge}`,
    };
  },

  async run(step, _vars, session) {
    if (session.remote) return runRemote(step, session, session.remote);
    const visitor = await session.exchange({ method: 'GET', path: step.path, headers: { host: VISITOR_HOST, 'x-forwarded-proto': 'http' } });
    const want = `https://${VISITOR_HOST}${step.path}`;
    const location = visitor.headers.location;
    if (!PERMANENT.includes(visitor.status) || location !== want) {
      return { ok: false, got: `as a plain-http visitor: ${describeAnswer(visitor)}; expected 301 or 308 to ${want}` };
    }
    const secure = await session.exchange({ method: 'GET', path: step.path, headers: { host: VISITOR_HOST, 'x-forwarded-proto': 'https' } });
    const bad = judgeHsts(secure, step.hstsMaxAge, 'over https');
    if (bad) return bad;
    return { ok: true, got: `${visitor.status} to ${location}; over https ${secure.status} with Strict-Transport-Security: ${String(secure.headers['strict-transport-security'])}` };
  },
};
