/**
 * A request as a check file writes it, shared by the step kinds that send one (request, compare,
 * load, shutdown): read from the file, filled in with the check's variables, and told in one line;
 * and an answer told in one line. Pure.
 */
import type { Answer, Sent } from '../http';
import { clip, fill, fillDeep, TemplateError, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { lowerKeys, type Parser } from '../parser';
import { encodeMultipart, parseMultipart, type MultipartSpec } from './multipart';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export interface RequestSpec {
  method: Method;
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  body?: string;
  /** A multipart/form-data body (multipart.ts). */
  multipart?: MultipartSpec;
}

/** Reads the request at `owner[key]`; `what` names the owner in problems ("the load step"). */
export function parseRequest(p: Parser, owner: Fields, key: string, what: string): RequestSpec | undefined {
  const value = p.mapping(owner, key, what, ['method', 'path', 'headers', 'json', 'body', 'multipart'], "add one with at least a path, such as { path: '/health' }");
  if (!value) return undefined;
  const at = `'${key}' of ${what}`;
  const method = value.method === undefined ? 'GET' : String(value.method).toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) p.fail(value, 'method', `'method' of ${at} must be one of ${METHODS.join(', ')}`);
  const path = p.string(value, 'path', at, "add the path to send it to, such as '/health'");
  // A path may also start with a saved value: a link the server handed out, followed as a client would.
  if (path !== undefined && !path.startsWith('/') && !/^\{\{\s*[A-Za-z]/.test(path)) p.fail(value, 'path', `path must start with / or a saved value such as {{next}} (got '${path}')`);
  if ([value.json, value.body, value.multipart].filter((b) => b !== undefined).length > 1) p.fail(value, undefined, 'give one of json, body and multipart, not several');
  const multipart = value.multipart === undefined ? undefined : parseMultipart(p, value, 'multipart', at);
  // Any text is a body, the empty one too: string() would take '' for a missing field.
  if (value.body !== undefined && typeof value.body !== 'string') p.fail(value, 'body', `'body' of ${at} must be text: use json for structured data`);
  const headers = p.textMapping(value, 'headers', at);
  if (path === undefined || headers === undefined || (value.multipart !== undefined && !multipart)) return undefined;
  return { method: method as Method, path, headers: lowerKeys(headers), json: value.json, body: value.body as string | undefined, multipart };
}

/** The request with the check's variables filled in; throws TemplateError for an unknown one. */
export function toSent(spec: RequestSpec, vars: Vars): Sent {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(spec.headers)) headers[k] = fill(v, vars);
  let body: string | undefined;
  if (spec.json !== undefined) {
    body = JSON.stringify(fillDeep(spec.json, vars));
    headers['content-type'] ??= 'application/json';
  } else if (spec.body !== undefined) body = fill(spec.body, vars);
  else if (spec.multipart) {
    const form = encodeMultipart(spec.multipart, vars);
    headers['content-type'] ??= form.contentType;
    return { method: spec.method, path: serverPath(spec.path, vars), headers, body: form.body.toString('base64'), bodyEncoding: 'base64', form: { label: form.label, curl: form.curl } };
  }
  return { method: spec.method, path: serverPath(spec.path, vars), headers, body };
}

/**
 * The path filled in. One that starts with a saved value is a link the server handed out: a path
 * (`/orders/7`) is sent as it is, an absolute link to this machine (`http://localhost:3001/orders/7`)
 * by its path and query; anything else is the server's mistake, and fails the step.
 */
export function serverPath(template: string, vars: Vars): string {
  const filled = fill(template, vars);
  if (filled.startsWith('/')) return filled;
  let url: URL | undefined;
  try {
    url = new URL(filled);
  } catch {
    // Not a URL at all: told below.
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return url.pathname + url.search;
  throw new TemplateError(`the link in ${template} is '${clip(filled, 120)}', which is not a path on this server: a link should be a path such as /orders/7, or a URL of this server such as http://localhost/orders/7`);
}

export function oneLine(text: string, max = 200): string {
  return clip(text.replace(/\s+/g, ' ').trim(), max);
}

function describeSent(s: Sent): string {
  const auth = s.headers.authorization ? ' (with Authorization)' : '';
  const body = s.form ? ` ${oneLine(s.form.label, 240)}` : s.body !== undefined ? ` ${oneLine(s.body, 160)}` : '';
  return `${s.method} ${s.path}${body}${auth}`;
}

/** The request filled in, or undefined while a variable it uses is not known yet. */
export function sentOrUndefined(spec: RequestSpec, vars: Vars): Sent | undefined {
  try {
    return toSent(spec, vars);
  } catch {
    return undefined;
  }
}

/** Quotes a word for a POSIX shell. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The longest body a curl command carries: a batch of a megabyte is no command to paste, and floods the report. */
export const MAX_CURL_BODY = 16 * 1024;

/** A curl command that sends the same request to the learner's own server on `port`; none for a body over MAX_CURL_BODY. */
export function curlCommand(s: Sent, port: number): string | undefined {
  if (s.body !== undefined && s.body.length > MAX_CURL_BODY) return undefined;
  const parts = ['curl', '-i'];
  if (s.method !== 'GET' && s.method !== 'HEAD') parts.push('-X', s.method);
  if (s.method === 'HEAD') parts.push('--head');
  parts.push(shellQuote(`http://localhost:${port}${s.path}`));
  // curl writes a form's Content-Type (and boundary) itself.
  for (const [k, v] of Object.entries(s.headers)) if (!(s.form && k === 'content-type')) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (s.form) parts.push(...s.form.curl.map(shellQuote));
  else if (s.body !== undefined) parts.push('--data-raw', shellQuote(s.body));
  return parts.join(' ');
}

/** The request in one line, filled in where the variables are known, as written where they are not. */
export function labelRequest(spec: RequestSpec, vars: Vars): string {
  try {
    return describeSent(toSent(spec, vars));
  } catch {
    return `${spec.method} ${spec.path}`;
  }
}

export function describeAnswer(a: Answer): string {
  const type = a.headers['content-type'];
  const location = a.headers.location ? ` Location: ${a.headers.location}` : '';
  const body = a.text ? ` ${oneLine(a.text, 200)}` : ' (empty body)';
  return `${a.status}${location}${type ? ` [${type}]` : ''}${body} in ${a.ms.toFixed(1)} ms`;
}
