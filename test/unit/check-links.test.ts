import * as assert from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

/** What scripts/check-links.mjs exports (an ES module, loaded as it ships, not bundled). */
interface Link { url: string; file: string; line: number }
interface Answer { url: string; status?: number; finalUrl?: string; redirects?: { status: number; to: string }[]; error?: string }
interface Verdict { verdict: 'ok' | 'redirected' | 'broken'; reason?: string; to?: string; permanent?: boolean }
interface CheckLinks {
  collectFromText(file: string, text: string): Link[];
  collectLinks(root: string): Link[];
  classify(answer: Answer): Verdict;
  checkUrl(url: string, options?: { timeoutMs?: number }): Promise<Answer>;
  checkAll(urls: string[], options?: { concurrency?: number; timeoutMs?: number }): Promise<Map<string, Answer & Verdict>>;
  report(links: Link[], results: Map<string, Answer & Verdict>): string[];
}

const script = path.resolve(__dirname, '../../../scripts/check-links.mjs');
// A computed specifier: the bundler leaves the import to Node, which loads the .mjs as it is.
const load = (): Promise<CheckLinks> => import(pathToFileURL(script).href) as Promise<CheckLinks>;

describe('the online link check (scripts/check-links.mjs), offline parts', () => {
  let lib: CheckLinks;
  before(async () => {
    lib = await load();
  });

  it("collects a YAML file's url values with their lines, quoted or not, and nothing else", () => {
    const yaml = ['resources:', '  - type: docs', '    title: "A: b"', '    url: https://a.example/x', '  - { type: docs }', '    url: "https://b.example/y#frag"', '    summary: see https://c.example/', '    url: ftp://d.example/'].join('\n');
    assert.deepStrictEqual(lib.collectFromText('s.yaml', yaml), [
      { url: 'https://a.example/x', file: 's.yaml', line: 4 },
      { url: 'https://b.example/y#frag', file: 's.yaml', line: 6 },
    ]);
  });

  it("collects a lesson's Markdown links and autolinks, several on a line, none from code", () => {
    const md = 'Read [the RFC](https://www.rfc-editor.org/rfc/rfc9110) and [MDN](https://developer.mozilla.org/ "title").\n\n[a node](#what-is-http), <https://go.dev/doc/>\n```http\nLink: <https://api.example/?page=2>; rel="next"\n```\nCode: `<https://x.example/>` [x](https://after.example/)';
    assert.deepStrictEqual(lib.collectFromText('l.md', md).map((l) => [l.url, l.line]), [
      ['https://www.rfc-editor.org/rfc/rfc9110', 1],
      ['https://developer.mozilla.org/', 1],
      ['https://go.dev/doc/', 3],
      ['https://after.example/', 7],
    ]);
  });

  it('collects a folder: YAML and Markdown files, in path order', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'links-'));
    try {
      fs.mkdirSync(path.join(dir, 'lessons'));
      fs.writeFileSync(path.join(dir, 'a.yaml'), 'url: https://one.example/\n');
      fs.writeFileSync(path.join(dir, 'lessons', 'b.md'), 'x\n[y](https://two.example/)\n');
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'https://three.example/\n');
      assert.deepStrictEqual(lib.collectLinks(dir).map((l) => [path.basename(l.file), l.line, l.url]), [
        ['a.yaml', 1, 'https://one.example/'],
        ['b.md', 2, 'https://two.example/'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('classifies answers: ok, moved, redirected, broken', () => {
    assert.deepStrictEqual(lib.classify({ url: 'https://a/', status: 200, finalUrl: 'https://a/', redirects: [] }), { verdict: 'ok' });
    const moved = lib.classify({ url: 'https://a/', status: 200, finalUrl: 'https://b/', redirects: [{ status: 301, to: 'https://b/' }] });
    assert.strictEqual(moved.verdict, 'redirected');
    assert.strictEqual(moved.permanent, true);
    assert.match(moved.reason ?? '', /^moved \(301\) to https:\/\/b\/$/);
    assert.match(lib.classify({ url: 'https://a/', status: 200, finalUrl: 'https://b/', redirects: [{ status: 302, to: 'https://b/' }] }).reason ?? '', /^redirected \(302\)/);
    assert.deepStrictEqual(lib.classify({ url: 'https://a/', status: 404, finalUrl: 'https://a/' }), { verdict: 'broken', reason: 'HTTP 404' });
    assert.deepStrictEqual(lib.classify({ url: 'https://a/', error: 'no answer within 10 ms' }), { verdict: 'broken', reason: 'no answer within 10 ms' });
  });

  it('reports broken addresses first, then redirected ones, at every file:line that writes them', () => {
    const links = [
      { url: 'https://moved/', file: 's.yaml', line: 3 },
      { url: 'https://gone/', file: 's.yaml', line: 9 },
      { url: 'https://fine/', file: 's.yaml', line: 12 },
      { url: 'https://gone/', file: 'l.md', line: 4 },
    ];
    const results = new Map<string, Answer & Verdict>([
      ['https://moved/', { url: 'https://moved/', verdict: 'redirected', reason: 'moved (301) to https://new/' }],
      ['https://gone/', { url: 'https://gone/', verdict: 'broken', reason: 'HTTP 410' }],
      ['https://fine/', { url: 'https://fine/', verdict: 'ok' }],
    ]);
    assert.deepStrictEqual(lib.report(links, results), [
      's.yaml:9: broken: https://gone/: HTTP 410',
      'l.md:4: broken: https://gone/: HTTP 410',
      's.yaml:3: redirected: https://moved/: moved (301) to https://new/',
    ]);
  });
});

describe('the online link check against a local server', () => {
  let lib: CheckLinks;
  let server: http.Server;
  let base = '';
  const seen: string[] = [];

  before(async () => {
    lib = await load();
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const send = (status: number, headers: Record<string, string> = {}) => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : 'body');
      };
      switch (req.url) {
        case '/ok': return send(200);
        case '/head-refused': return send(req.method === 'HEAD' ? 405 : 200);
        case '/moved': return send(301, { location: '/ok' });
        case '/twice': return send(308, { location: `${base}/temp` });
        case '/temp': return send(302, { location: '/ok' });
        case '/loop-a': return send(302, { location: '/loop-b' });
        case '/loop-b': return send(302, { location: '/loop-a' });
        case '/slow': return; // never answers
        default: return send(404);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers ok with HEAD alone', async () => {
    seen.length = 0;
    assert.strictEqual(lib.classify(await lib.checkUrl(`${base}/ok`)).verdict, 'ok');
    assert.deepStrictEqual(seen, ['HEAD /ok']);
  });

  it('asks with GET when HEAD is refused', async () => {
    seen.length = 0;
    assert.strictEqual(lib.classify(await lib.checkUrl(`${base}/head-refused`)).verdict, 'ok');
    assert.deepStrictEqual(seen, ['HEAD /head-refused', 'GET /head-refused']);
  });

  it('follows redirects and names where the page went, permanent or not', async () => {
    const moved = lib.classify(await lib.checkUrl(`${base}/moved`));
    assert.deepStrictEqual([moved.verdict, moved.to, moved.permanent], ['redirected', `${base}/ok`, true]);
    const chain = await lib.checkUrl(`${base}/twice`);
    assert.deepStrictEqual(chain.redirects?.map((r) => r.status), [308, 302]);
    assert.match(lib.classify(chain).reason ?? '', /^moved \(308 → 302\) to http:\/\/127\.0\.0\.1:\d+\/ok$/);
  });

  it('calls a missing page, a redirect loop, a silent server and a closed port broken', async () => {
    assert.deepStrictEqual(lib.classify(await lib.checkUrl(`${base}/nope`)), { verdict: 'broken', reason: 'HTTP 404' });
    assert.match(lib.classify(await lib.checkUrl(`${base}/loop-a`)).reason ?? '', /redirect loop/);
    assert.match(lib.classify(await lib.checkUrl(`${base}/slow`, { timeoutMs: 300 })).reason ?? '', /no answer within 300 ms/);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.strictEqual(lib.classify(await lib.checkUrl(`http://127.0.0.1:${port}/`, { timeoutMs: 2000 })).verdict, 'broken');
  });

  it('asks each address once, at most `concurrency` at a time', async () => {
    let open = 0;
    let most = 0;
    const counting = http.createServer((_req, res) => {
      open++;
      most = Math.max(most, open);
      setTimeout(() => {
        open--;
        res.writeHead(200);
        res.end();
      }, 30);
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(counting.address() as AddressInfo).port}`;
    try {
      const urls = Array.from({ length: 10 }, (_, i) => `${at}/${i}`);
      const results = await lib.checkAll([...urls, ...urls], { concurrency: 4 });
      assert.strictEqual(results.size, 10);
      assert.ok([...results.values()].every((r) => r.verdict === 'ok'));
      assert.ok(most <= 4 && most >= 2, `at most ${most} at a time`);
    } finally {
      counting.closeAllConnections();
      await new Promise((resolve) => counting.close(resolve));
    }
  });
});
