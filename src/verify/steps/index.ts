/**
 * Every step kind a check file may use, in one table: its key in the file names the kind. A new
 * kind is a file beside this one and a row here; nothing else in verify asks which kind a step is.
 */
import type { Vars } from '../match';
import { isMapping } from '../../roadmap/fields';
import type { Parser, Path } from '../parser';
import { compare } from './compare';
import { follow } from './follow';
import { kill } from './kill';
import type { DescribeContext, Described, Outcome, StepKind, StepSession } from './kind';
import { load } from './load';
import { log } from './log';
import { instance } from './instance';
import { parallel } from './parallel';
import { request } from './request';
import { restart } from './restart';
import { shutdown } from './shutdown';
import { sso } from './sso';
import { sse } from './sse';
import { token } from './token';
import { upstream } from './upstream';
import { wait } from './wait';
import { websocket } from './websocket';
import { instances } from './instances';
import { each } from './each';
import { spread } from './spread';
import { https } from './https';
import { subscription } from './subscription';
import { statements } from './statements';
import { command } from './command';
import { file } from './file';
import { sql } from './sql';
import { git } from './git';
import { tests } from './tests';

export const STEPS = { request, restart, compare, load, log, shutdown, token, upstream, follow, kill, wait, parallel, websocket, instance, sso, instances, each, spread, https, subscription, statements, sse, command, file, sql, git, tests };

type SpecOf<D> = D extends StepKind<infer S> ? S : never;
/** Kind to the step it reads from a check file, derived from the table. */
export type StepMap = { [K in keyof typeof STEPS]: SpecOf<(typeof STEPS)[K]> };
export type StepKindName = keyof StepMap;
export type Step = StepMap[StepKindName];

/** The table seen with each kind's parse output tied to its describe and run input; a row under the wrong key does not compile. */
const TABLE: { [K in StepKindName]: StepKind<StepMap[K] & { kind: K }> } = STEPS;

export const STEP_KINDS = Object.keys(STEPS) as StepKindName[];

function definition<K extends StepKindName>(step: StepMap[K]): StepKind<StepMap[K]> {
  return TABLE[step.kind as K];
}

/** Reads one step of a check: exactly one kind's key, then that kind's own shape. */
export function parseStep(p: Parser, value: unknown, path: Path): Step | undefined {
  if (!isMapping(value)) return p.failAt(path, `a step must be a map with one of: ${STEP_KINDS.join(', ')}`);
  p.track(value, path);
  const kinds = STEP_KINDS.filter((k) => k in value);
  if (kinds.length !== 1) return p.fail(value, undefined, kinds.length === 0 ? `a step needs one of: ${STEP_KINDS.join(', ')}` : `a step has one kind, not ${kinds.join(' and ')}`);
  return TABLE[kinds[0]].parse(p, value);
}

/** The step in plain words: what it sends and what it expects. */
export function describeStep(step: Step, vars: Vars, ctx: DescribeContext): Described {
  return definition(step).describe(step, vars, ctx);
}

export function runStep(step: Step, vars: Vars, session: StepSession): Promise<Outcome> {
  return definition(step).run(step, vars, session);
}
