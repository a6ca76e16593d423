import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { CheckScope } from '../../../src/verify/checkScope';
import { send } from '../../../src/verify/http';
import { Parser } from '../../../src/verify/parser';
import type { ServerProcess } from '../../../src/verify/server';
import { parseStep, type Step } from '../../../src/verify/steps';
import type { StepSession } from '../../../src/verify/steps/kind';

/**
 * A cluster node of its own process for the cluster step tests: it knows itself and its peers from
 * NODE_ID and NODES only. `GET /whoami` tells what it was given; `PUT`/`GET /cache/<key>` keep
 * values in its memory (a key named `broken` answers 500); `GET /keys` lists, of the keys k1..k40,
 * the ones this node would hold under PLACEMENT: `ring` (a consistent-hash ring of node names, 100
 * points each, COPIES holders), `modulo` (hash modulo the node count), `all` (every node holds every
 * key), `lose-k7` (the ring, with k7 on no node).
 */
export const CLUSTER_NODE = `
const http = require('http');
const crypto = require('crypto');
const id = process.env.NODE_ID;
const nodes = (process.env.NODES || '').split(',').filter(Boolean).map((p) => p.split('=')[0]);
const copies = Number(process.env.COPIES || 1);
const placement = process.env.PLACEMENT || 'ring';
const hash = (t) => crypto.createHash('md5').update(t).digest().readUInt32BE(0);
const points = nodes.flatMap((n) => Array.from({ length: 100 }, (_, i) => ({ at: hash(n + '#' + i), n }))).sort((a, b) => a.at - b.at);
function holders(key) {
  if (placement === 'all') return nodes;
  if (placement === 'lose-k7' && key === 'k7') return [];
  if (placement === 'modulo') return Array.from({ length: copies }, (_, j) => nodes[(hash(key) + j) % nodes.length]);
  const h = hash(key);
  let start = points.findIndex((p) => p.at >= h);
  if (start < 0) start = 0;
  const out = [];
  for (let i = 0; out.length < copies && i < points.length; i++) {
    const n = points[(start + i) % points.length].n;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}
const values = new Map();
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const json = (status, value) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const key = (/^\\/cache\\/(.+)$/.exec(req.url) || [])[1];
    if (req.url === '/health') return json(200, { status: 'ok' });
    if (req.url === '/whoami') return json(200, { id, nodes: process.env.NODES, port: process.env.PORT, flavour: process.env.FLAVOUR });
    if (req.url === '/keys') return json(200, { keys: Array.from({ length: 40 }, (_, i) => 'k' + (i + 1)).filter((k) => holders(k).includes(id)) });
    if (key === 'broken') return json(500, { error: 'broken' });
    if (key && req.method === 'PUT') { values.set(key, JSON.parse(body).value); return json(200, { key, value: values.get(key) }); }
    if (key && values.has(key)) return json(200, { key, value: values.get(key) });
    json(404, { error: 'no such key' });
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
`;

export function step(value: unknown): Step {
  const p = new Parser();
  const parsed = parseStep(p, value, ['step']);
  if (p.problems.length) throw new Error(JSON.stringify(p.problems));
  return parsed!;
}

/** The problems a step's parse reports, joined. */
export function problemsOf(value: unknown): string {
  const p = new Parser();
  parseStep(p, value, ['step']);
  return p.problems.map((x) => x.message).join('\n');
}

/** A folder holding the node's program, and a session whose instances run it (or `command`) with `env`. */
export function clusterSession(env: Record<string, string> = {}, command = `${JSON.stringify(process.execPath)} node.js`, healthTimeoutMs = 10_000): StepSession & { scope: CheckScope; dispose(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-step-'));
  fs.writeFileSync(path.join(dir, 'node.js'), CLUSTER_NODE);
  const agent = new http.Agent();
  const session: StepSession & { scope: CheckScope; dispose(): Promise<void> } = {
    port: 1,
    dir,
    env: process.env,
    host: '127.0.0.1',
    healthPath: '/health',
    requestTimeoutMs: 2000,
    agent,
    server: undefined as unknown as ServerProcess,
    scope: new CheckScope({ server: { command, cwd: dir, env: { ...process.env, ...env, PORT: '1' }, healthPath: '/health' }, healthTimeoutMs }),
    send: (spec, o = {}) => send(o.to?.port ?? 1, spec, o.timeoutMs ?? 2000, agent, o.to?.host),
    exchange: (spec) => session.send(spec),
    timed: (p) => p,
    addWaited: () => {},
    ensureRunning: async () => undefined,
    throwIfCancelled: () => {},
    pause: (ms) => new Promise((r) => setTimeout(r, ms)),
    async dispose() {
      await session.scope.close();
      agent.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return session;
}
