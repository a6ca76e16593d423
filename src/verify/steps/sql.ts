/**
 * `sql`: runs the learner's SQL file on a fresh PostgreSQL database and checks what it returns. The
 * database is created on the server of DATABASE_URL for the step alone, named from {{unique}}, and
 * always dropped after it (WITH (FORCE), PostgreSQL 13+), whether the step passes, fails or throws.
 * The seed, the file and `then` run with the simple query protocol (several statements in one text);
 * every value comes back as PostgreSQL's own text, so rows compare as text (null for NULL). The
 * result checked is the last statement that returns rows; `plan` reads EXPLAIN (FORMAT JSON) of `then`.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { Client, type QueryArrayResult } from 'pg';
import { clip, fill, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';
import type { Outcome, StepKind, StepSession } from './kind';
import { outsideReason, resolveInside } from './inside';
import { oneLine } from './requestSpec';

export interface SqlExpect {
  columns?: string[];
  rows?: (string | null)[][];
  ordered: boolean;
  rowCount?: number;
  /** A SQLSTATE (5 characters) or text the error message contains: the file or `then` must fail. */
  error?: string;
  plan?: { has: string[]; not: string[] };
}

export interface SqlStep {
  kind: 'sql';
  file: string;
  seed?: string;
  then?: string;
  expect: SqlExpect;
}

/** A statement that runs longer than this is stopped by PostgreSQL: an exercise query is small. */
const STATEMENT_TIMEOUT_MS = 30_000;

/** Text, or one text standing for a list of one. */
function nodeTypes(p: Parser, o: Fields, key: string, what: string): string[] {
  return typeof o[key] === 'string' ? [o[key] as string] : p.strings(o, key, what);
}

function parseExpect(p: Parser, body: Fields, what: string): SqlExpect | undefined {
  if (body.expect === undefined) return { ordered: false };
  const e = p.mapping(body, 'expect', what, ['columns', 'rows', 'ordered', 'rowCount', 'error', 'plan']);
  if (!e) return undefined;
  const at = `'expect' of ${what}`;
  const out: SqlExpect = { ordered: p.boolean(e, 'ordered', at) ?? false };
  if (e.columns !== undefined) out.columns = p.strings(e, 'columns', at);
  if (e.rows !== undefined) {
    const rows = p.list(e, 'rows', at, 'rows, each a list of values as text (null for NULL)');
    if (rows) {
      out.rows = [];
      rows.forEach((row, i) => {
        if (Array.isArray(row) && row.every((v) => typeof v === 'string' || v === null)) out.rows!.push(row as (string | null)[]);
        else if (Array.isArray(row) && row.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)) p.fail(rows, i, `row ${i + 1} of 'rows' of ${at} has a value that is not text: PostgreSQL's text is compared, so write ${JSON.stringify(row.map((v) => (v === null ? v : String(v))))}`);
        else p.fail(rows, i, `row ${i + 1} of 'rows' of ${at} must be a list of values as text (null for NULL)`);
      });
    }
  }
  out.rowCount = p.number(e, 'rowCount', at, wholeNumber(0, 1_000_000));
  out.error = p.string(e, 'error', at);
  if (e.plan !== undefined) {
    const plan = p.mapping(e, 'plan', at, ['has', 'not'], 'add has: "Index Scan" and/or not: "Seq Scan"');
    if (plan) {
      out.plan = { has: nodeTypes(p, plan, 'has', `'plan' of ${at}`), not: nodeTypes(p, plan, 'not', `'plan' of ${at}`) };
      if (!out.plan.has.length && !out.plan.not.length) p.fail(e, 'plan', `'plan' of ${at} needs has, not or both: the node types (such as "Index Scan") present or absent`);
      if (body.then === undefined) p.fail(e, 'plan', `'plan' is the plan of 'then': add then: "SELECT ..." to ${what}, the query whose plan is read`);
    }
  }
  if (e.error !== undefined && ['columns', 'rows', 'rowCount', 'plan'].some((k) => e[k] !== undefined)) p.fail(e, 'error', `${at} expects an error: leave out columns, rows, rowCount and plan, which are about a result`);
  if (e.ordered !== undefined && e.rows === undefined) p.fail(e, 'ordered', `'ordered' says the rows' order counts: give rows too, or leave it out`);
  return out;
}

/** Where a statement's error is, from its character position in `text` (1-based, as PostgreSQL gives it). */
function located(text: string, position: string | undefined): string {
  const at = Number(position);
  if (!Number.isInteger(at) || at < 1) return '';
  const before = text.slice(0, at - 1).split('\n');
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

interface PgError extends Error {
  code?: string;
  position?: string;
}

/** An error of PostgreSQL in words: "ERROR 42P01 relation "x" does not exist at line 3, column 15 of query.sql". */
function explain(err: PgError, text: string, where: string): string {
  return `${err.code ? `ERROR ${err.code} ` : ''}${err.message}${err.position ? `${located(text, err.position)} of ${where}` : ` (in ${where})`}`;
}

/** The server's address without its password, for a message. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** The results of one simple-protocol query as a list, one per statement. */
function results(r: QueryArrayResult | QueryArrayResult[]): QueryArrayResult[] {
  return Array.isArray(r) ? r : [r];
}

/** Every "Node Type" of an EXPLAIN (FORMAT JSON) plan, at any depth. */
export function planNodeTypes(plan: unknown, out: string[] = []): string[] {
  if (Array.isArray(plan)) for (const p of plan) planNodeTypes(p, out);
  else if (plan && typeof plan === 'object') {
    for (const [k, v] of Object.entries(plan)) {
      if (k === 'Node Type' && typeof v === 'string') out.push(v);
      else planNodeTypes(v, out);
    }
  }
  return out;
}

const sortKey = (row: (string | null)[]) => JSON.stringify(row);

/** Where the result differs from what is expected, in words; undefined when it holds. */
function judgeResult(result: QueryArrayResult | undefined, affected: number | null, e: SqlExpect, vars: Vars): string | undefined {
  if (!result && (e.columns || e.rows)) return 'no statement returned rows';
  const columns = result?.fields.map((f) => f.name) ?? [];
  if (e.columns && JSON.stringify(columns) !== JSON.stringify(e.columns.map((c) => fill(c, vars)))) return `the columns are ${JSON.stringify(columns)}, expected ${JSON.stringify(e.columns.map((c) => fill(c, vars)))}`;
  const rows = (result?.rows ?? []) as (string | null)[][];
  const count = result ? rows.length : (affected ?? 0);
  if (e.rowCount !== undefined && count !== e.rowCount) return `${count} row${count === 1 ? '' : 's'}${result ? '' : ' affected'}, expected ${e.rowCount}`;
  if (e.rows) {
    const want = e.rows.map((r) => r.map((v) => (v === null ? null : fill(v, vars))));
    const got = e.ordered ? rows : [...rows].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const sorted = e.ordered ? want : [...want].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    if (got.length !== sorted.length) return `${got.length} row${got.length === 1 ? '' : 's'}, expected ${sorted.length}: ${clip(JSON.stringify(rows), 300)}`;
    for (let i = 0; i < got.length; i++) {
      if (sortKey(got[i]) === sortKey(sorted[i])) continue;
      if (e.ordered) return `row ${i + 1} is ${JSON.stringify(got[i])}, expected ${JSON.stringify(sorted[i])}`;
      const missing = sorted.find((w) => !got.some((g) => sortKey(g) === sortKey(w)));
      const extra = got.find((g) => !sorted.some((w) => sortKey(w) === sortKey(g)));
      return `${missing ? `no row ${JSON.stringify(missing)}` : `row ${JSON.stringify(extra)} is not expected`} (the rows: ${clip(JSON.stringify(rows), 300)})`;
    }
  }
  return undefined;
}

export const sql: StepKind<SqlStep> = {
  parse(p, step) {
    const what = 'the sql step';
    p.knownKeys(step, ['sql', 'seed', 'then', 'expect'], what);
    const file = p.string(step, 'sql', what, 'give the learner\'s SQL file, such as query.sql');
    const outside = file === undefined ? undefined : outsideReason(file);
    if (outside) p.fail(step, 'sql', `the path '${file}' ${outside}`);
    const seed = p.string(step, 'seed', what);
    const then = p.string(step, 'then', what);
    const expect = parseExpect(p, step, what);
    if (file === undefined || outside || !expect || (step.seed !== undefined && seed === undefined) || (step.then !== undefined && then === undefined)) return undefined;
    return { kind: 'sql', file, ...(seed === undefined ? {} : { seed }), ...(then === undefined ? {} : { then }), expect };
  },

  describe(step, vars) {
    const e = step.expect;
    const then = step.then === undefined ? '' : `, then ${JSON.stringify(oneLine(step.then, 100))}`;
    const parts: string[] = [];
    if (e.error !== undefined) parts.push(`an error ${/^[0-9A-Z]{5}$/.test(e.error) ? `with SQLSTATE ${e.error}` : `whose message contains ${JSON.stringify(e.error)}`}`);
    if (e.columns) parts.push(`columns ${e.columns.join(', ')}`);
    if (e.rows) parts.push(`${e.ordered ? 'in this order ' : ''}the rows ${clip(JSON.stringify(e.rows), 200)}`);
    if (e.rowCount !== undefined) parts.push(`${e.rowCount} row${e.rowCount === 1 ? '' : 's'}`);
    if (e.plan?.has.length) parts.push(`a plan with ${e.plan.has.join(' and ')}`);
    if (e.plan?.not.length) parts.push(`a plan without ${e.plan.not.join(' or ')}`);
    let file = step.file;
    try {
      file = fill(step.file, vars);
    } catch {
      // As written.
    }
    return { sent: `the SQL of ${file} on a fresh PostgreSQL database${step.seed === undefined ? '' : ' after the seed'}${then}`, expected: parts.join(', ') || 'it runs without error' };
  },

  async run(step, vars, session): Promise<Outcome> {
    const rel = fill(step.file, vars);
    const where = resolveInside(session.dir, rel);
    if ('refused' in where) return { ok: false, got: where.refused };
    if (!fs.statSync(where.file, { throwIfNoEntry: false })?.isFile()) return { ok: false, got: `there is no file ${rel} in the exercise folder: write your SQL there` };
    const text = fs.readFileSync(where.file, 'utf8').replace(/^\uFEFF/, '');
    if (text.trim() === '') return { ok: false, got: `${rel} is empty: write your SQL there` };
    const url = session.env.DATABASE_URL;
    if (!url) return { ok: false, got: 'DATABASE_URL is not set: the exercise needs services: [postgresql]' };
    const name = `exercise_${(vars.unique ?? '').toLowerCase().replace(/[^a-z0-9_]/g, '')}_${randomBytes(4).toString('hex')}`.slice(0, 63);
    const admin = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    admin.on('error', () => undefined);
    try {
      await session.timed(admin.connect());
    } catch (err) {
      return { ok: false, got: `could not connect to PostgreSQL at ${shown(url)}: ${(err as Error).message}` };
    }
    try {
      try {
        await session.timed(admin.query(`CREATE DATABASE "${name}"`));
      } catch (err) {
        return { ok: false, got: `could not create a fresh database on ${shown(url)} (its user needs CREATEDB): ${(err as Error).message}` };
      }
      try {
        return await inFreshDatabase(step, vars, session, url, name, text, rel);
      } finally {
        // FORCE ends a connection the learner's SQL left open (dblink); nothing of the step stays.
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      }
    } finally {
      await admin.end().catch(() => undefined);
    }
  },
};

async function inFreshDatabase(step: SqlStep, vars: Vars, session: StepSession, url: string, name: string, text: string, rel: string): Promise<Outcome> {
  const u = new URL(url);
  u.pathname = `/${name}`;
  const client = new Client({ connectionString: u.toString(), statement_timeout: STATEMENT_TIMEOUT_MS, types: { getTypeParser: () => (v: string) => v } });
  client.on('error', () => undefined);
  await session.timed(client.connect());
  try {
    const run = (sqlText: string) => session.timed(client.query({ text: sqlText, rowMode: 'array' }) as Promise<QueryArrayResult | QueryArrayResult[]>);
    if (step.seed !== undefined) {
      const seed = fill(step.seed, vars);
      try {
        await run(seed);
      } catch (err) {
        return { ok: false, got: `the check's seed failed, before your SQL ran: ${explain(err as PgError, seed, 'the seed')}` };
      }
    }
    const e = step.expect;
    const then = step.then === undefined ? undefined : fill(step.then, vars);
    let last: QueryArrayResult[] = [];
    for (const [sqlText, label] of [[text, rel], ...(then === undefined ? [] : [[then, 'then']])] as [string, string][]) {
      try {
        last = results(await run(sqlText));
      } catch (err) {
        const pg = err as PgError;
        const why = explain(pg, sqlText, label);
        if (e.error === undefined) return { ok: false, got: why };
        const matched = /^[0-9A-Z]{5}$/.test(e.error) ? pg.code === e.error : pg.message.includes(fill(e.error, vars));
        return matched ? { ok: true, got: why } : { ok: false, got: `${why}; expected ${/^[0-9A-Z]{5}$/.test(e.error) ? `SQLSTATE ${e.error}` : `an error containing ${JSON.stringify(e.error)}`}` };
      }
    }
    if (e.error !== undefined) return { ok: false, got: `${then === undefined ? rel : `${rel} and then`} ran without an error, expected ${/^[0-9A-Z]{5}$/.test(e.error) ? `SQLSTATE ${e.error}` : `an error containing ${JSON.stringify(e.error)}`}` };
    const result = [...last].reverse().find((r) => r.fields.length > 0);
    const why = judgeResult(result, last.length ? last[last.length - 1].rowCount : null, e, vars);
    const rows = result ? `${result.rows.length} row${result.rows.length === 1 ? '' : 's'} (${result.fields.map((f) => f.name).join(', ')}): ${clip(JSON.stringify(result.rows), 200)}` : `no rows returned`;
    if (why) return { ok: false, got: why };
    if (e.plan && then !== undefined) {
      let plan: QueryArrayResult[];
      try {
        plan = results(await run(`EXPLAIN (FORMAT JSON) ${then}`));
      } catch (err) {
        return { ok: false, got: explain(err as PgError, `EXPLAIN (FORMAT JSON) ${then}`, 'EXPLAIN (FORMAT JSON) of then') };
      }
      const types = [...new Set(planNodeTypes(JSON.parse(String(plan[plan.length - 1].rows[0][0]))))];
      const missing = e.plan.has.find((t) => !types.includes(t));
      const present = e.plan.not.find((t) => types.includes(t));
      if (missing || present) return { ok: false, got: `the plan of then has ${missing ? `no ${missing}` : present}: its nodes are ${types.join(', ')}` };
      return { ok: true, got: `${rows}; plan nodes: ${types.join(', ')}` };
    }
    return { ok: true, got: rows };
  } finally {
    await client.end().catch(() => undefined);
  }
}
