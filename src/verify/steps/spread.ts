/**
 * `spread`: where a cluster keeps its keys, read from every node's own listing (`GET <list>` answers
 * `{"keys": [...]}`, the keys that node holds itself). It judges the placement of the keys
 * `<prefix>1`..`<prefix><count>`: none lost, each on exactly `copies` nodes, and, against a
 * placement saved earlier, the share of copies that sit on a node that did not hold them before
 * (`moved`, in percent): about 1/N of them when a node joins a consistent-hash ring, most of them
 * for a hash modulo the node count. Fixed key names and node names make the verdict the same on
 * every run. Pure Node.
 */
import type { Fields } from '../../roadmap/fields';
import { wholeNumber } from '../parser';
import type { StepKind } from './kind';
import { describeAnswer } from './requestSpec';

export interface SpreadStep {
  kind: 'spread';
  nodes: string[];
  list: string;
  prefix: string;
  count: number;
  copies?: number;
  save?: string;
  moved?: { from: string; atLeast: number; atMost: number };
}

/** key -> the nodes that list it. */
type Placement = Map<string, string[]>;

function copiesOf(placement: Placement): Set<string> {
  return new Set([...placement].flatMap(([key, nodes]) => nodes.map((n) => `${key}@${n}`)));
}

function parseMoved(p: Parameters<StepKind<SpreadStep>['parse']>[0], body: Fields): SpreadStep['moved'] | 'bad' | undefined {
  if (body.moved === undefined) return undefined;
  const what = "'moved' of the spread step";
  const m = p.mapping(body, 'moved', 'the spread step', ['from', 'atLeast', 'atMost']);
  const from = m && p.string(m, 'from', what, 'add from: the name a spread step saved the earlier placement under');
  const atLeast = m && p.number(m, 'atLeast', what, wholeNumber(0, 100), 'add atLeast: the lowest share of copies moved, in percent');
  const atMost = m && p.number(m, 'atMost', what, wholeNumber(0, 100), 'add atMost: the highest share of copies moved, in percent');
  if (from === undefined || atLeast === undefined || atMost === undefined) return 'bad';
  if (atLeast > atMost) return p.fail(m!, 'atLeast', `atLeast (${atLeast}) is over atMost (${atMost})`) ?? 'bad';
  return { from, atLeast, atMost };
}

export const spread: StepKind<SpreadStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'spread', ['nodes', 'list', 'prefix', 'count', 'copies', 'save', 'moved'], 'add { nodes: [a, b, c], list: /keys, prefix: ring-, count: 200 }');
    if (!body) return undefined;
    const what = 'the spread step';
    const nodes = p.strings(body, 'nodes', what);
    if (!nodes.length) p.fail(body, 'nodes', 'add nodes: the names of the running nodes whose listings to read');
    const list = p.string(body, 'list', what, 'add list: the path every node lists its own keys on, such as /keys');
    if (list !== undefined && !list.startsWith('/')) p.fail(body, 'list', `list must be a path starting with / (got '${list}')`);
    const prefix = p.string(body, 'prefix', what, 'add prefix: the keys are <prefix>1 to <prefix><count>');
    const count = p.number(body, 'count', what, wholeNumber(1, 1000), 'add count: how many keys the check wrote');
    const copies = body.copies === undefined ? undefined : p.number(body, 'copies', what, wholeNumber(1, 10));
    const save = body.save === undefined ? undefined : p.string(body, 'save', what);
    if (save !== undefined && !/^[A-Za-z][A-Za-z0-9_]*$/.test(save)) p.fail(body, 'save', `'${save}' is not a variable name (letters, digits and _)`);
    const moved = parseMoved(p, body);
    if (!nodes.length || list === undefined || prefix === undefined || count === undefined || moved === 'bad' || (body.copies !== undefined && copies === undefined)) return undefined;
    return { kind: 'spread', nodes, list, prefix, count, ...(copies === undefined ? {} : { copies }), ...(save === undefined ? {} : { save }), ...(moved ? { moved } : {}) };
  },

  describe(step) {
    const wants = [`every key ${step.prefix}1..${step.prefix}${step.count} listed by at least one node`];
    if (step.copies !== undefined) wants.push(`each by exactly ${step.copies} node${step.copies > 1 ? 's' : ''}`);
    if (step.moved) wants.push(`${step.moved.atLeast}% to ${step.moved.atMost}% of the copies on a node that did not hold them in '${step.moved.from}'`);
    return { sent: `GET ${step.list} to each of the nodes ${step.nodes.join(', ')}`, expected: `200 {"keys": [...]}: ${wants.join('; ')}` };
  },

  async run(step, vars, session) {
    const placement: Placement = new Map();
    for (let i = 1; i <= step.count; i++) placement.set(`${step.prefix}${i}`, []);
    for (const node of step.nodes) {
      const to = session.scope.address(node, { host: session.host, port: session.port });
      if (typeof to === 'string') return { ok: false, got: to };
      const answer = await session.timed(session.send({ method: 'GET', path: step.list, headers: {} }, { to }));
      const keys = (answer.json as { keys?: unknown } | undefined)?.keys;
      if (answer.status !== 200 || !Array.isArray(keys)) return { ok: false, got: `node '${node}': ${describeAnswer(answer)} (expected 200 with {"keys": [...]})` };
      for (const key of new Set(keys.map(String))) placement.get(key)?.push(node);
    }
    const lost = [...placement].filter(([, n]) => n.length === 0).map(([k]) => k);
    const counts = step.nodes.map((n) => `${n}: ${[...placement.values()].filter((l) => l.includes(n)).length}`).join(', ');
    const held = `keys per node ${counts}`;
    if (lost.length) return { ok: false, got: `${lost.length} of ${step.count} keys are on no node (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', ...' : ''}); ${held}` };
    if (step.copies !== undefined) {
      const off = [...placement].filter(([, n]) => n.length !== step.copies);
      if (off.length) return { ok: false, got: `${off.length} of ${step.count} keys are not on exactly ${step.copies} nodes, such as ${off.slice(0, 3).map(([k, n]) => `${k} on ${n.join(', ')}`).join('; ')}; ${held}` };
    }
    let got = held;
    if (step.moved) {
      const before = vars[step.moved.from];
      if (before === undefined) return { ok: false, got: `no placement saved as '${step.moved.from}': an earlier spread step must save it` };
      const was = new Set(JSON.parse(before) as string[]);
      const now = copiesOf(placement);
      const moved = [...now].filter((c) => !was.has(c)).length;
      const share = Math.round((1000 * moved) / now.size) / 10;
      got = `${moved} of ${now.size} copies (${share}%) are on a node that did not hold them before; ${held}`;
      if (share < step.moved.atLeast || share > step.moved.atMost) return { ok: false, got };
    }
    if (step.save) vars[step.save] = JSON.stringify([...copiesOf(placement)]);
    return { ok: true, got };
  },
};
