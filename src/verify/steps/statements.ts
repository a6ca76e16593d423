/**
 * `statements`: sends one request and counts the SQL statements the server sent PostgreSQL while
 * answering it, through the statement log the check file asks for (statementLog.ts). The count is
 * bounded (atMost, atLeast), so a query for a list with a related row per item proves it runs a
 * fixed number of statements (a batch or a join) rather than one per item (N+1).
 */
import { wholeNumber } from '../parser';
import type { Outcome, StepKind } from './kind';
import { describeExpect, judge, parseExpectation, type Expectation } from './request';
import { describeAnswer, labelRequest, oneLine, parseRequest, sentOrUndefined, toSent, type RequestSpec } from './requestSpec';

export interface StatementsStep {
  kind: 'statements';
  request: RequestSpec;
  expect: Expectation;
  atMost?: number;
  atLeast?: number;
}

/** The statements in words: how many, and the distinct texts with their counts (the N+1 shows as "x 50"). */
function listed(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(oneLine(s, 100), (counts.get(oneLine(s, 100)) ?? 0) + 1);
  const parts = [...counts].slice(0, 4).map(([sql, n]) => `${n > 1 ? `${n} x ` : ''}${sql}`);
  const more = counts.size > 4 ? `; and ${counts.size - 4} more distinct` : '';
  return `${statements.length} statement${statements.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join('; ')}${more}` : ''}`;
}

export const statements: StepKind<StatementsStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'statements', ['request', 'expect', 'atMost', 'atLeast'], 'add request, expect and atMost');
    if (!body) return undefined;
    const what = 'the statements step';
    const request = parseRequest(p, body, 'request', what);
    const expect = parseExpectation(p, body, what);
    const atMost = p.number(body, 'atMost', what, wholeNumber(0, 10_000));
    const atLeast = p.number(body, 'atLeast', what, wholeNumber(0, 10_000));
    if (body.atMost === undefined && body.atLeast === undefined) return p.fail(body, undefined, `${what} needs atMost, atLeast or both: the bound on the statements one request may run`);
    if (atMost !== undefined && atLeast !== undefined && atLeast > atMost) return p.fail(body, 'atLeast', 'atLeast must not be more than atMost');
    if (!request || !expect || (body.atMost !== undefined && atMost === undefined) || (body.atLeast !== undefined && atLeast === undefined)) return undefined;
    return { kind: 'statements', request, expect, atMost, atLeast };
  },

  describe(step, vars) {
    const bound = [step.atLeast !== undefined && `at least ${step.atLeast}`, step.atMost !== undefined && `at most ${step.atMost}`].filter(Boolean).join(' and ');
    return { request: sentOrUndefined(step.request, vars), sent: labelRequest(step.request, vars), expected: `${describeExpect(step.expect, vars)}; ${bound} SQL statements sent to PostgreSQL while answering it` };
  },

  async run(step, vars, session): Promise<Outcome> {
    const log = session.statementLog;
    if (!log) return { ok: false, got: 'the check file has no statement log: add statementLog: true at its top level (and the postgresql service to the project)' };
    const spec = toSent(step.request, vars);
    log.reset();
    const answer = await session.exchange(spec);
    const counted = [...log.counted];
    const why = judge(answer, step.expect, vars);
    if (why) return { ok: false, got: `${describeAnswer(answer)} (${why})` };
    const n = counted.length;
    const off = step.atMost !== undefined && n > step.atMost ? `more than ${step.atMost}` : step.atLeast !== undefined && n < step.atLeast ? `fewer than ${step.atLeast}` : undefined;
    return { ok: !off, got: `${describeAnswer(answer)}; ${listed(counted)}${off ? ` (${off})` : ''}` };
  },
};
