/**
 * The part of a browser a sign-in through an OpenID Connect provider needs: from the authorization
 * URL the learner's server redirected to, it follows the provider's redirects with the provider's
 * cookies, fills its HTML login form (the user and password fields and any hidden ones) and stops
 * at the first redirect that leaves the provider: the callback to the learner's server. Only
 * loopback providers are reached. Pure Node.
 */
import * as http from 'http';

/** Cookies by name, as a browser keeps them for one site. */
export type Jar = Map<string, string>;

export interface Page {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const MAX_BODY = 1024 * 1024;
const MAX_HOPS = 12;

/** Keeps each Set-Cookie of the answer; a cookie set empty or already expired is dropped. */
export function keepCookies(jar: Jar, setCookie: string | string[] | undefined): void {
  for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = attrs.some((a) => /^max-age=\s*(0|-\d+)$/i.test(a) || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
    if (!value || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

export function cookieHeader(jar: Jar): string {
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

function request(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<Page> {
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (err) => fail(err));
    });
    const timer = setTimeout(() => {
      r.destroy();
      reject(new Error(`the provider at ${url.host} did not answer ${method} ${url.pathname} within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(new Error(`the provider at ${url.host} could not be reached: ${err.message}; is it running (OIDC_ISSUER)?`));
    };
    r.on('error', fail);
    r.end(body);
  });
}

/** The first form of a page: where it posts and its named inputs with their values. */
export function parseForm(html: string): { action: string; method: string; fields: Map<string, string> } | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(1).find((v) => v !== undefined);
  const fields = new Map<string, string>();
  for (const input of form[2].match(/<input\b[^>]*>/gi) ?? []) {
    const name = attr(input, 'name');
    if (name) fields.set(name, unescapeHtml(attr(input, 'value') ?? ''));
  }
  return { action: unescapeHtml(attr(form[1], 'action') ?? ''), method: (attr(form[1], 'method') ?? 'GET').toUpperCase(), fields };
}

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A page's words without its tags, for a message. */
export function pageText(html: string, max = 200): string {
  const text = html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface Credentials {
  user: string;
  password: string;
}

/**
 * Walks the provider from `start` to the redirect that leaves it, signing in with `who` on the way;
 * the URL it leaves to, or a sentence saying where the walk stopped.
 */
export async function signInAtProvider(start: URL, who: Credentials, timeoutMs: number): Promise<URL | string> {
  const jar: Jar = new Map();
  const origin = start.origin;
  let url = start;
  let method = 'GET';
  let body: string | undefined;
  let submitted = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const headers: Record<string, string> = { accept: 'text/html' };
    if (jar.size) headers.cookie = cookieHeader(jar);
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const page = await request(url, method, headers, body, timeoutMs);
    keepCookies(jar, page.headers['set-cookie']);
    const location = page.headers.location;
    if (page.status >= 300 && page.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) return next;
      [url, method, body] = [next, 'GET', undefined];
      continue;
    }
    const form = page.status === 200 ? parseForm(page.text) : undefined;
    if (!form) return `the provider answered ${method} ${url.pathname} with ${page.status}: ${pageText(page.text) || '(empty body)'}`;
    if (submitted) return `the provider did not accept ${who.user} with the password given: ${pageText(page.text)}`;
    const fields = new Map(form.fields);
    fields.set(fields.has('login') || !fields.has('email') ? 'login' : 'email', who.user);
    fields.set('password', who.password);
    url = new URL(form.action || url.href, url);
    method = form.method === 'POST' ? 'POST' : 'GET';
    const encoded = new URLSearchParams([...fields]).toString();
    if (method === 'GET') url.search = encoded;
    body = method === 'POST' ? encoded : undefined;
    submitted = true;
  }
  return `the provider sent more than ${MAX_HOPS} redirects without sending the browser back to the server`;
}
