/**
 * `follow`: sends a GET (or HEAD) to an absolute URL the server gave in an earlier answer, such as a
 * presigned link to an object store, and checks the answer: status, headers, text, or the exact bytes.
 * Only loopback hosts are followed: a check never reaches past the machine it runs on. Pure Node.
 */
import * as http from 'http';
import { fill } from '../match';
import { lowerKeys, STATUS } from '../parser';
import { compareBytes, describeContent, makeContent, parseContent, type ContentSpec } from './content';
import type { StepKind } from './kind';
import { oneLine } from './requestSpec';

export interface FollowStep {
  kind: 'follow';
  url: string;
  method: 'GET' | 'HEAD';
  expect: { status?: number[]; headers?: Record<string, string>; bodyContains?: string; content?: ContentSpec };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAX_BODY = 16 * 1024 * 1024;

/** The URL if it is http(s) on a loopback host; else why not. */
export function loopbackUrl(text: string): URL | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${oneLine(text, 120)}' is not an absolute URL`;
  }
  if (url.protocol !== 'http:') return `${url.protocol}// is not followed: only http:// URLs on this machine are (${url.href})`;
  if (!LOOPBACK.has(url.hostname) && !/^127\./.test(url.hostname)) return `${url.host} is not this machine: only loopback hosts (127.0.0.1, ::1, localhost) are followed (${url.href})`;
  return url;
}

interface Got {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: Buffer;
}

function get(url: URL, method: string, timeoutMs: number): Promise<Got> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) });
      });
      res.on('error', (err) => fail(err));
    });
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`no answer from ${url.host} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(new Error(`${url.host} could not be reached: ${err.message}`));
    };
    r.on('error', fail);
    r.end();
  });
}

export const follow: StepKind<FollowStep> = {
  parse(p, step) {
    const what = 'the follow step';
    p.knownKeys(step, ['follow', 'expect'], what);
    const body = p.mapping(step, 'follow', what, ['url', 'method'], 'add { url: "{{link}}" } with a variable saved from an earlier answer');
    const url = body && p.string(body, 'url', `'follow' of ${what}`, 'add the URL to follow, such as "{{link}}"');
    const method = body?.method === undefined ? 'GET' : String(body.method).toUpperCase();
    if (body && method !== 'GET' && method !== 'HEAD') p.fail(body, 'method', `'method' of ${what} must be GET or HEAD`);
    const e = p.mapping(step, 'expect', what, ['status', 'headers', 'bodyContains', 'content'], 'add what the answer must hold: status, headers, bodyContains or content');
    if (!e || url === undefined) return undefined;
    const at = `'expect' of ${what}`;
    const expect: FollowStep['expect'] = {};
    if (Array.isArray(e.status)) expect.status = p.numbers(e, 'status', at, STATUS);
    else if (e.status !== undefined) expect.status = [p.number(e, 'status', at, STATUS)].filter((s): s is number => s !== undefined);
    if (e.headers !== undefined) expect.headers = lowerKeys(p.textMapping(e, 'headers', at) ?? {});
    if (e.bodyContains !== undefined) expect.bodyContains = p.string(e, 'bodyContains', at);
    if (e.content !== undefined) expect.content = parseContent(p, e, 'content', at);
    if (!Object.keys(expect).length) return p.fail(step, 'expect', 'expect must say something: status, headers, bodyContains or content');
    return { kind: 'follow', url, method: method as 'GET' | 'HEAD', expect };
  },

  describe(step, vars) {
    let url = step.url;
    try {
      url = fill(step.url, vars);
    } catch {}
    const e = step.expect;
    const parts = [e.status && `status ${e.status.join(' or ')}`, ...Object.entries(e.headers ?? {}).map(([k, v]) => `header ${k}: ${v}`), e.bodyContains && `a body containing ${JSON.stringify(e.bodyContains)}`, e.content && `exactly ${describeContent(e.content, vars)}`];
    return { sent: `${step.method} ${url} (a URL from an earlier answer)`, expected: parts.filter(Boolean).join(', ') };
  },

  async run(step, vars, session) {
    const url = loopbackUrl(fill(step.url, vars));
    if (typeof url === 'string') return { ok: false, got: url };
    let got: Got;
    try {
      got = await session.timed(get(url, step.method, session.requestTimeoutMs));
    } catch (err) {
      return { ok: false, got: (err as Error).message };
    }
    const text = got.bytes.toString('utf8');
    const seen = `${got.status}${got.headers['content-type'] ? ` [${got.headers['content-type']}]` : ''}, ${got.bytes.length} bytes`;
    const e = step.expect;
    if (e.status && !e.status.includes(got.status)) return { ok: false, got: `${seen} (status ${got.status}, expected ${e.status.join(' or ')}${text ? `: ${oneLine(text, 160)}` : ''})` };
    for (const [name, raw] of Object.entries(e.headers ?? {})) {
      const h = got.headers[name];
      const value = Array.isArray(h) ? h.join(', ') : h;
      if (value === undefined) return { ok: false, got: `${seen} (header ${name} is missing)` };
      if (raw !== '<present>' && value !== fill(raw, vars)) return { ok: false, got: `${seen} (header ${name} is '${value}', expected '${fill(raw, vars)}')` };
    }
    if (e.bodyContains && !text.includes(fill(e.bodyContains, vars))) return { ok: false, got: `${seen} (the body does not contain ${JSON.stringify(fill(e.bodyContains, vars))}: ${oneLine(text, 160)})` };
    const differs = e.content && compareBytes(got.bytes, makeContent(e.content, vars));
    if (differs) return { ok: false, got: `${seen} (${differs})` };
    return { ok: true, got: seen };
  },
};
