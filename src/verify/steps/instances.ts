/**
 * `instances`: starts a cluster of named nodes of the learner's server for the rest of the check,
 * each told its name and every peer's address through NODE_ID and NODES (cluster.ts), or stops some
 * of them at once (SIGKILL, a lost machine) with `stop`. Starting names that already run restarts
 * them with the new membership (a fourth node joins: the nodes start again, empty, with NODES of
 * four). Later steps reach a node with `on: <name>`. Pure Node.
 */
import type { Fields } from '../../roadmap/fields';
import { NODE_ID_ENV, NODES_ENV, startCluster } from '../cluster';
import type { Parser } from '../parser';
import type { StepKind } from './kind';

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface InstancesStep {
  kind: 'instances';
  /** Names of the nodes to start, together. */
  nodes?: string[];
  /** Extra environment for the nodes started (NODE_ID, NODES and PORT are the runner's). */
  env: Record<string, string>;
  /** Names of the nodes to stop. */
  stop?: string[];
}

function names(p: Parser, body: Fields, key: 'nodes' | 'stop'): string[] | undefined {
  const list = p.strings(body, key, 'the instances step');
  if (!list.length) return p.fail(body, key, `'${key}' needs at least one node name`);
  const bad = list.find((n) => !NAME.test(n));
  if (bad !== undefined) return p.fail(body, key, `'${bad}' is not a node name (a letter, then letters, digits, - and _)`);
  if (new Set(list).size !== list.length) return p.fail(body, key, `'${key}' names a node twice`);
  return list;
}

export const instances: StepKind<InstancesStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'instances', ['nodes', 'env', 'stop'], 'add { nodes: [a, b, c] } to start a cluster, or { stop: [b] }');
    if (!body) return undefined;
    if ((body.nodes === undefined) === (body.stop === undefined)) return p.fail(body, undefined, "give one of 'nodes' (names to start) and 'stop' (names to stop)");
    const env = body.env === undefined ? {} : p.textMapping(body, 'env', 'the instances step');
    if (env === undefined) return undefined;
    const ours = Object.keys(env).find((k) => [NODE_ID_ENV, NODES_ENV, 'PORT'].includes(k));
    if (ours) return p.fail(body, 'env', `${ours} is set by the runner for each node: leave it out of env`);
    if (body.stop !== undefined) {
      if (body.env !== undefined) return p.fail(body, 'env', "env is for nodes the step starts; 'stop' starts none");
      const stop = names(p, body, 'stop');
      return stop && { kind: 'instances', stop, env };
    }
    const nodes = names(p, body, 'nodes');
    return nodes && { kind: 'instances', nodes, env };
  },

  describe(step) {
    if (step.stop) return { sent: `SIGKILL to the node${step.stop.length > 1 ? 's' : ''} ${step.stop.join(', ')}`, expected: 'the rest of the cluster keeps running' };
    const extra = Object.entries(step.env).map(([k, v]) => `${k}=${v}`);
    return {
      sent: `the nodes ${step.nodes!.join(', ')} started together, each with its own PORT, ${NODE_ID_ENV}=<its name> and ${NODES_ENV}=<name=url of every node>${extra.length ? `, ${extra.join(', ')}` : ''}`,
      expected: 'every node answers its health path with 2xx',
    };
  },

  async run(step, _vars, session) {
    if (step.stop) {
      const missing: string[] = [];
      for (const name of step.stop) if (!(await session.timed(session.scope.stopInstance(name)))) missing.push(name);
      return missing.length ? { ok: false, got: `no node named ${missing.join(', ')} runs in this check: start it first with { instances: { nodes: [...] } }` } : { ok: true, got: `stopped ${step.stop.join(', ')}` };
    }
    const started = await session.timed(startCluster(session.scope, step.nodes!, step.env));
    return 'problem' in started ? { ok: false, got: started.problem } : { ok: true, got: `every node is healthy: ${NODES_ENV}=${started.nodes}` };
  },
};
