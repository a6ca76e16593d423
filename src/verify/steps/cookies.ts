/**
 * Cookies of an answer, for the request step: `expect.cookies` holds what each Set-Cookie of a name
 * must carry (its value and the attributes HttpOnly, Secure, SameSite, Path), and `save` may keep a
 * cookie's value (`cookies.<name>`) so a later step sends it back in a Cookie header: the check's
 * variables are its cookie jar. Pure.
 */
import type { Answer } from '../http';
import { fill, matchShape, type Vars } from '../match';
import { isMapping, type Fields } from '../../roadmap/fields';
import type { Parser } from '../parser';

/** One Set-Cookie as a browser reads it. */
export interface SetCookie {
  name: string;
  value: string;
  httpOnly: boolean;
  secure: boolean;
  /** As written (Lax, Strict, None), or undefined without the attribute. */
  sameSite?: string;
  path?: string;
}

/** What a cookie must carry; `'<absent>'` or `'<present>'` for the cookie as a whole. */
export type CookieExpectation =
  | '<absent>'
  | '<present>'
  | { value?: string; httpOnly?: boolean; secure?: boolean; sameSite?: string[]; path?: string };

const ATTRIBUTES = ['value', 'httpOnly', 'secure', 'sameSite', 'path'];

/** Every Set-Cookie header of the answer, parsed; attributes are matched without regard to case. */
export function setCookies(answer: Pick<Answer, 'headers'>): SetCookie[] {
  const raw = answer.headers['set-cookie'];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return lines.map((line) => {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const cookie: SetCookie = { name: eq < 0 ? pair : pair.slice(0, eq), value: eq < 0 ? '' : pair.slice(eq + 1), httpOnly: false, secure: false };
    for (const attr of attrs) {
      const [key, ...rest] = attr.split('=');
      const value = rest.join('=');
      const k = key.trim().toLowerCase();
      if (k === 'httponly') cookie.httpOnly = true;
      else if (k === 'secure') cookie.secure = true;
      else if (k === 'samesite') cookie.sameSite = value.trim();
      else if (k === 'path') cookie.path = value.trim();
    }
    return cookie;
  });
}

/** The last Set-Cookie of that name (the one a browser keeps). */
export function findCookie(answer: Pick<Answer, 'headers'>, name: string): SetCookie | undefined {
  return setCookies(answer).filter((c) => c.name === name).pop();
}

/** Reads `expect.cookies`: cookie names to '<absent>', '<present>' or the attributes they must carry. */
export function parseCookies(p: Parser, owner: Fields, at: string): Record<string, CookieExpectation> | undefined {
  const written = p.mappingOf(owner, 'cookies', at, 'cookie names to what each must carry', 'add { <name>: { httpOnly: true, ... } }');
  if (!written) return undefined;
  const out: Record<string, CookieExpectation> = {};
  for (const [name, spec] of Object.entries(written)) {
    const what = `cookie '${name}' of ${at}`;
    if (spec === '<absent>' || spec === '<present>') {
      out[name] = spec;
      continue;
    }
    if (!isMapping(spec)) {
      p.fail(written, name, `${what} must be '<absent>', '<present>' or a map of ${ATTRIBUTES.join(', ')}`);
      continue;
    }
    p.knownKeys(spec, ATTRIBUTES, what);
    const e: CookieExpectation = {};
    if (spec.value !== undefined) e.value = p.string(spec, 'value', what);
    for (const flag of ['httpOnly', 'secure'] as const) {
      if (spec[flag] !== undefined && typeof spec[flag] !== 'boolean') p.fail(spec, flag, `${flag} of ${what} must be true or false`);
      else if (spec[flag] !== undefined) e[flag] = spec[flag] as boolean;
    }
    if (spec.sameSite !== undefined) {
      const list = Array.isArray(spec.sameSite) ? spec.sameSite : [spec.sameSite];
      if (!list.length || !list.every((v) => typeof v === 'string')) p.fail(spec, 'sameSite', `sameSite of ${what} must be a value (Lax) or a list of the values accepted ([Lax, Strict])`);
      else e.sameSite = list as string[];
    }
    if (spec.path !== undefined) e.path = p.string(spec, 'path', what);
    out[name] = e;
  }
  return out;
}

/** In plain words, for the report's "expected:". */
export function describeCookie(name: string, e: CookieExpectation): string {
  if (e === '<absent>') return `no cookie ${name}`;
  if (e === '<present>') return `a cookie ${name}`;
  const parts: string[] = [];
  if (e.value !== undefined) parts.push(`value ${e.value}`);
  if (e.httpOnly !== undefined) parts.push(e.httpOnly ? 'HttpOnly' : 'not HttpOnly');
  if (e.secure !== undefined) parts.push(e.secure ? 'Secure' : 'not Secure');
  if (e.sameSite) parts.push(`SameSite=${e.sameSite.join(' or ')}`);
  if (e.path !== undefined) parts.push(`Path=${e.path}`);
  return `a cookie ${name}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** Checks the answer's cookies; undefined when they hold, else why not. */
export function judgeCookies(answer: Pick<Answer, 'headers'>, expected: Record<string, CookieExpectation>, vars: Vars): string | undefined {
  for (const [name, e] of Object.entries(expected)) {
    const c = findCookie(answer, name);
    if (e === '<absent>') {
      if (c) return `cookie ${name} should not be set, got Set-Cookie '${name}=${c.value}'`;
      continue;
    }
    if (!c) return `no Set-Cookie for a cookie named ${name}${setCookies(answer).length ? ` (set: ${setCookies(answer).map((s) => s.name).join(', ')})` : ''}`;
    if (e === '<present>') continue;
    if (e.value !== undefined) {
      const want = fill(e.value, vars);
      const m = want.startsWith('<') ? matchShape(c.value, want, `cookie ${name}`) : c.value === want ? undefined : `cookie ${name} is '${c.value}', expected '${want}'`;
      if (m) return m;
    }
    if (e.httpOnly !== undefined && c.httpOnly !== e.httpOnly) return `cookie ${name} ${e.httpOnly ? 'lacks HttpOnly: scripts in the page could read it' : 'should not be HttpOnly'}`;
    if (e.secure !== undefined && c.secure !== e.secure) return `cookie ${name} ${e.secure ? 'lacks Secure: it would travel over plain HTTP too' : 'should not be Secure'}`;
    if (e.sameSite && !e.sameSite.some((v) => v.toLowerCase() === (c.sameSite ?? '').toLowerCase())) {
      return `cookie ${name} has ${c.sameSite === undefined ? 'no SameSite' : `SameSite=${c.sameSite}`}, expected SameSite=${e.sameSite.join(' or ')}`;
    }
    if (e.path !== undefined && c.path !== e.path) return `cookie ${name} has ${c.path === undefined ? 'no Path' : `Path=${c.path}`}, expected Path=${e.path}`;
  }
  return undefined;
}
