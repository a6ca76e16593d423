// The online link check, opt-in: never run by CI or `npm test` (it needs the web, and the web changes).
// `lint` checks what can be known offline (src/roadmap/links.ts); this asks every address whether it
// still answers.
//
// Usage: node scripts/check-links.mjs [--root <folder>] [--concurrency 4] [--timeout 15000]
//
// It collects every `url:` of the roadmap's YAML files and every link of its lessons, asks each address
// once (HEAD, then GET when HEAD is refused or fails), follows redirects itself so it can name the
// address a page moved to, and prints, each at file:line, the broken ones and the redirected ones.
// Exit code: 1 when an address is broken, else 0 (redirects are reported, not failed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const USER_AGENT = 'backend-roadmap-link-check/1 (+https://github.com/backend-roadmap/backend-roadmap)';
const MAX_REDIRECTS = 10;
/** HEAD answers that say "ask with GET" rather than "the page is gone". */
const HEAD_REFUSED = new Set([400, 403, 404, 405, 406, 429, 500, 501, 502, 503]);

/**
 * The addresses of one file with their lines: `url:` values of YAML, Markdown links `](https://...)`
 * and bare `<https://...>` of Markdown outside code. Only http(s) addresses; a line can hold several.
 */
export function collectFromText(file, text) {
  const out = [];
  const lines = text.split('\n');
  const yaml = /\.ya?ml$/.test(file);
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (yaml) {
      const m = /^\s*(?:-\s+)?url:\s*["']?(https?:\/\/[^\s"'#]+(?:#[^\s"']*)?)["']?\s*(?:#.*)?$/.exec(line);
      if (m) out.push({ url: m[1], file, line: i + 1 });
      continue;
    }
    // Addresses in code are examples (an API's Link header), not links a learner follows.
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence || /^\s*(```|~~~)/.test(line)) continue;
    line = line.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\]\((https?:\/\/[^\s)]+)(?:\s+"[^"]*")?\)|<(https?:\/\/[^\s>]+)>/g)) {
      out.push({ url: m[1] ?? m[2], file, line: i + 1 });
    }
  }
  return out;
}

/** Every address of a roadmap folder's YAML and Markdown files (sorted by path), with file and line. */
export function collectLinks(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|md)$/.test(name)) files.push(full);
    }
  };
  walk(root);
  return files.flatMap((f) => collectFromText(path.relative(process.cwd(), f) || f, readFileSync(f, 'utf8')));
}

/**
 * What an answer means for the roadmap: `ok`, `redirected` (the page answers at another address: write
 * that one), or `broken` (no page: an error status, no answer, a redirect loop).
 * `answer`: { url, status?, finalUrl?, redirects?: [{ status, to }], error? }.
 */
export function classify(answer) {
  if (answer.error) return { verdict: 'broken', reason: answer.error };
  const { status } = answer;
  if (status === undefined) return { verdict: 'broken', reason: 'no answer' };
  if (status >= 400) return { verdict: 'broken', reason: `HTTP ${status}` };
  if (status >= 300) return { verdict: 'broken', reason: `HTTP ${status} without a usable Location` };
  const redirects = answer.redirects ?? [];
  if (redirects.length > 0 && answer.finalUrl && answer.finalUrl !== answer.url) {
    const permanent = redirects.some((r) => r.status === 301 || r.status === 308);
    return { verdict: 'redirected', reason: `${permanent ? 'moved' : 'redirected'} (${redirects.map((r) => r.status).join(' → ')}) to ${answer.finalUrl}`, to: answer.finalUrl, permanent };
  }
  return { verdict: 'ok' };
}

/** One request, redirects followed by hand (to record them), within `timeoutMs` for the whole chain. */
async function request(url, method, timeoutMs, fetchImpl) {
  const redirects = [];
  let current = url;
  const signal = globalThis.AbortSignal.timeout(timeoutMs);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await fetchImpl(current, { method, redirect: 'manual', signal, headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    // The body is not needed; let the connection go.
    await res.body?.cancel().catch(() => {});
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, current).href;
      redirects.push({ status: res.status, to: next });
      if (next === current || redirects.filter((r) => r.to === next).length > 1) return { url, error: `redirect loop at ${next}`, redirects };
      current = next;
      continue;
    }
    return { url, status: res.status, finalUrl: current, redirects };
  }
  return { url, error: `more than ${MAX_REDIRECTS} redirects`, redirects };
}

/** Asks one address: HEAD first, GET when HEAD is refused or fails (many servers answer HEAD badly). */
export async function checkUrl(url, { timeoutMs = 15000, fetchImpl = fetch } = {}) {
  let head;
  try {
    head = await request(url, 'HEAD', timeoutMs, fetchImpl);
    if (!head.error && !HEAD_REFUSED.has(head.status)) return head;
  } catch {
    head = undefined;
  }
  try {
    return await request(url, 'GET', timeoutMs, fetchImpl);
  } catch (err) {
    const cause = err?.cause?.code ?? err?.cause?.message;
    return { url, error: err?.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${err?.message ?? err}${cause ? ` (${cause})` : ''}` };
  }
}

/** Checks each distinct address once, `concurrency` at a time; returns the verdict per address. */
export async function checkAll(urls, { concurrency = 4, timeoutMs, fetchImpl, onResult } = {}) {
  const distinct = [...new Set(urls)];
  const results = new Map();
  let next = 0;
  const worker = async () => {
    while (next < distinct.length) {
      const url = distinct[next++];
      const answer = await checkUrl(url, { timeoutMs, fetchImpl });
      const result = { ...answer, ...classify(answer) };
      results.set(url, result);
      onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, distinct.length) }, worker));
  return results;
}

/** The report's lines: each broken, then each redirected address, at every file:line that writes it. */
export function report(links, results) {
  const lines = [];
  for (const verdict of ['broken', 'redirected']) {
    for (const link of links) {
      const r = results.get(link.url);
      if (r?.verdict === verdict) lines.push(`${link.file}:${link.line}: ${verdict}: ${link.url}: ${r.reason}`);
    }
  }
  return lines;
}

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

async function main(args) {
  const root = path.resolve(option(args, 'root', path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', 'roadmap', 'backend')));
  const concurrency = Number(option(args, 'concurrency', '4'));
  const timeoutMs = Number(option(args, 'timeout', '15000'));
  if (!Number.isInteger(concurrency) || concurrency < 1 || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    console.error('usage: node scripts/check-links.mjs [--root <folder>] [--concurrency 4] [--timeout 15000]');
    return 2;
  }
  const links = collectLinks(root);
  const distinct = new Set(links.map((l) => l.url)).size;
  console.error(`checking ${distinct} addresses (${links.length} links) under ${path.relative(process.cwd(), root) || '.'}, ${concurrency} at a time`);
  let done = 0;
  const results = await checkAll(links.map((l) => l.url), { concurrency, timeoutMs, onResult: () => { if (++done % 50 === 0) console.error(`  ${done}/${distinct}`); } });
  const lines = report(links, results);
  for (const line of lines) console.log(line);
  const count = (v) => [...results.values()].filter((r) => r.verdict === v).length;
  console.error(`${count('ok')} ok, ${count('redirected')} redirected, ${count('broken')} broken`);
  return count('broken') > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // Exit at once: a name lookup that timed out still holds a thread of libuv's pool and would keep
  // the process waiting for an answer nobody reads.
  process.exit(await main(process.argv.slice(2)));
}
