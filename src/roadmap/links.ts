/**
 * The `links` rule of the built-in content's bar: what can be known about a resource's address
 * without the network. (`https://` itself is checked for every roadmap where the URL is read.)
 * Whether an address still answers is the opt-in online check's question: scripts/check-links.mjs.
 */

/** One resource's address, with the node it belongs to and where it is written (`at`). */
export interface LinkSite<T> {
  node: string;
  url: string;
  at: T;
}

export interface LinkProblem<T> {
  at: T;
  message: string;
}

/**
 * Addresses whose site moved: the old prefix still redirects (or no longer answers), and the
 * roadmap writes the new one. Each entry: the old prefix, the new one.
 */
export const MOVED_PREFIXES: readonly (readonly [string, string])[] = [
  ['https://docs.microsoft.com/', 'https://learn.microsoft.com/'],
  ['https://golang.org/', 'https://go.dev/'],
  ['https://blog.golang.org/', 'https://go.dev/blog/'],
  ['https://help.github.com/', 'https://docs.github.com/'],
  ['https://nodejs.dev/', 'https://nodejs.org/en/learn/'],
  ['https://nodejs.org/en/docs/', 'https://nodejs.org/docs/latest/api/'],
  ['https://developers.google.com/web/', 'https://web.dev/'],
  ['https://developer.mozilla.org/en-US/docs/Learn/', 'https://developer.mozilla.org/en-US/docs/Learn_web_development/'],
  ...['Overview', 'Caching', 'Conditional_requests', 'CORS', 'CSP', 'Cookies', 'Authentication', 'Messages', 'Session', 'Compression', 'Redirections', 'Range_requests', 'Content_negotiation', 'Evolution_of_HTTP'].map(
    (page) => [`https://developer.mozilla.org/en-US/docs/Web/HTTP/${page}`, `https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/${page}`] as const,
  ),
  ['https://developer.mozilla.org/en-US/docs/Web/Security/Transport_Layer_Security', 'https://developer.mozilla.org/en-US/docs/Web/Security/Defenses/Transport_Layer_Security'],
  ['https://developer.mozilla.org/en-US/docs/Web/Performance/How_browsers_work', 'https://developer.mozilla.org/en-US/docs/Web/Performance/Guides/How_browsers_work'],
  ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/'],
  ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Status', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Status'],
  ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Methods', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Methods'],
  ['https://docs.mongodb.com/', 'https://www.mongodb.com/docs/'],
  ['https://university.mongodb.com', 'https://learn.mongodb.com'],
  ['https://redis.io/topics/', 'https://redis.io/docs/latest/'],
  ['https://redis.io/commands/', 'https://redis.io/docs/latest/commands/'],
  ['https://redis.io/docs/manual/', 'https://redis.io/docs/latest/'],
  ['https://docs.docker.com/engine/reference/commandline/', 'https://docs.docker.com/reference/cli/docker/'],
  ['https://www.terraform.io/docs/', 'https://developer.hashicorp.com/terraform/docs/'],
  ['https://www.vaultproject.io/docs/', 'https://developer.hashicorp.com/vault/docs/'],
  ['https://learn.hashicorp.com/', 'https://developer.hashicorp.com/'],
  ['https://docs.gitlab.com/ee/', 'https://docs.gitlab.com/'],
  ['https://www.rabbitmq.com/getstarted.html', 'https://www.rabbitmq.com/tutorials'],
  ['https://www.rabbitmq.com/documentation.html', 'https://www.rabbitmq.com/docs'],
  ['https://httpd.apache.org/docs/2.2/', 'https://httpd.apache.org/docs/2.4/'],
  ['https://docs.python.org/2/', 'https://docs.python.org/3/'],
  ['https://docs.anthropic.com/', 'https://docs.claude.com/'],
  ['https://www.postgresqltutorial.com', 'https://neon.com/postgresql'],
  ['https://www.elastic.co/guide/en/elasticsearch/reference/', 'https://www.elastic.co/docs/'],
  ['https://opensearch.org/docs/', 'https://docs.opensearch.org/'],
  ['https://k6.io', 'https://grafana.com/docs/k6/latest/'],
];

/**
 * Addresses the roadmap lists on purpose under several nodes: a book or a primer that teaches each
 * of them in its own chapter. Any other address belongs to one node.
 */
export const SHARED_URLS: ReadonlySet<string> = new Set([
  'https://dataintensive.net',
  'https://github.com/donnemartin/system-design-primer',
]);

/** Query parameters that track a click and change nothing on the page. */
const TRACKING = /^(utm_.*|fbclid|gclid|mc_cid|mc_eid)$/i;

/**
 * One address as a reader reaches it, to find the same page written twice: the host in lower case,
 * no default port, no trailing slash on the path. Query and fragment stay (they can name another page
 * or another chapter).
 */
export function normalizeUrl(url: string): string {
  try {
    const u = new URL(url);
    const pathname = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : '';
    return `${u.protocol}//${u.host.toLowerCase()}${pathname}${u.search}${u.hash}`;
  } catch {
    return url;
  }
}

/** The moved prefix an address starts with, and the address under the new prefix. */
export function movedTo(url: string): { from: string; to: string; url: string } | undefined {
  for (const [from, to] of MOVED_PREFIXES) {
    if (url.startsWith(from)) return { from, to, url: to + url.slice(from.length) };
  }
  return undefined;
}

/** The problems of a roadmap's resource addresses, in the order written; each at the later of two sites. */
export function linkProblems<T>(sites: readonly LinkSite<T>[], shared: ReadonlySet<string> = SHARED_URLS): LinkProblem<T>[] {
  const problems: LinkProblem<T>[] = [];
  const firstNode = new Map<string, string>();
  const inNode = new Set<string>();
  const sharedNormal = new Set([...shared].map(normalizeUrl));
  for (const { node, url, at } of sites) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue; // reported where the URL is read
    }
    if (parsed.protocol !== 'https:') continue; // reported where the URL is read
    const tracking = [...parsed.searchParams.keys()].filter((k) => TRACKING.test(k) || (k === 'si' && /(^|\.)youtu(\.be|be\.com)$/.test(parsed.hostname)));
    if (tracking.length > 0) {
      const clean = new URL(url);
      for (const k of tracking) clean.searchParams.delete(k);
      problems.push({ at, message: `URL '${url}' carries the tracking parameter${tracking.length > 1 ? 's' : ''} ${tracking.join(', ')}: write ${clean.href}` });
    }
    const moved = movedTo(url);
    if (moved) problems.push({ at, message: `URL '${url}' is under ${moved.from}, which moved to ${moved.to}: write the page's current address (${moved.url} if the path stayed)` });
    const key = normalizeUrl(url);
    if (inNode.has(`${node}\n${key}`)) {
      problems.push({ at, message: `URL '${url}' is listed twice under node '${node}': keep one` });
      continue;
    }
    inNode.add(`${node}\n${key}`);
    const first = firstNode.get(key);
    if (first === undefined) firstNode.set(key, node);
    else if (first !== node && !sharedNormal.has(key)) {
      problems.push({ at, message: `URL '${url}' is also a resource of node '${first}': give each node its own pages (or add the URL to SHARED_URLS in src/roadmap/links.ts if several nodes really share it)` });
    }
  }
  return problems;
}
