/**
 * `websocket`: one named WebSocket connection of the check, to the learner's server or to an
 * instance the check started (`on`). A step opens it, sends a frame, expects the next frame to
 * match a JSON shape within a time, or expects no matching frame for a time (a message that must not
 * reach another room), and closes it; the end of the check closes whatever is still open. Uses the
 * `ws` client: Node 20 has no stable global WebSocket (it came with Node 22), and the editor's
 * extension host runs the Node of its Electron, so the runner carries its own client. Pure Node.
 */
import { Waker } from './waker';
import { WebSocket } from 'ws';
import { isMapping, type Fields } from '../../roadmap/fields';
import { describe, fill, fillDeep, matchShape, TemplateError, type Vars } from '../match';
import { MAX_WITHIN_MS, wholeNumber, type Parser } from '../parser';
import type { Closable } from '../checkScope';
import type { Outcome, StepKind, StepSession } from './kind';

const DEFAULT_WITHIN_MS = 3000;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface WebSocketStep {
  kind: 'websocket';
  /** The connection's name in the check. */
  name: string;
  /** The instance to connect to; undefined: the learner's server. */
  on?: string;
  /** The path to open, such as /ws?room=lobby. */
  open?: string;
  /** A JSON value sent as one text frame. */
  send?: unknown;
  /** Raw text sent as one text frame. */
  sendText?: string;
  /** The shape the next frame (parsed as JSON) must match. */
  expect?: unknown;
  /** A shape no frame may match within `withinMs`. */
  expectNone?: unknown;
  withinMs: number;
  /** Repeats send and expect with {{i}} from `from` to `to`. */
  repeat?: { from: number; to: number };
  close: boolean;
}

/** One open connection: the frames it received and not yet taken, and whoever waits for the next. */
class Connection implements Closable {
  readonly frames: string[] = [];
  closed: string | undefined;
  private readonly waker = new Waker();

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      this.frames.push(isBinary ? `(a binary frame of ${(data as Buffer).length} bytes)` : data.toString());
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.closed = `the server closed the connection (code ${code}${reason.length ? `, '${reason.toString()}'` : ''})`;
      this.notify();
    });
    socket.on('error', (err) => {
      this.closed ??= `the connection failed: ${err.message}`;
      this.notify();
    });
  }

  private notify(): void {
    this.waker.notify();
  }

  /** Resolves when a frame arrives, the connection closes, or `ms` pass. */
  changed(ms: number): Promise<void> {
    return this.waker.changed(ms);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => (this.socket.terminate(), resolve()), 1000);
      this.socket.once('close', () => (clearTimeout(t), resolve()));
      this.socket.close();
    });
  }
}

function readShape(p: Parser, body: Fields, key: string): unknown {
  const v = body[key];
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'function') return p.fail(body, key, `${key} must be a JSON shape`);
  return v;
}

function readRepeat(p: Parser, body: Fields): WebSocketStep['repeat'] | 'bad' | undefined {
  const v = body.repeat;
  if (v === undefined) return undefined;
  if (typeof v === 'number') {
    const to = p.number(body, 'repeat', 'the websocket step', wholeNumber(1, 1000));
    return to === undefined ? 'bad' : { from: 1, to };
  }
  if (!isMapping(v)) return p.fail(body, 'repeat', 'repeat must be a count or { from, to }') ?? 'bad';
  const map = p.mapping(body, 'repeat', 'the websocket step', ['from', 'to']);
  const from = map && p.number(map, 'from', "the websocket step's repeat", wholeNumber(0, 1000), 'add from: the first value of {{i}}');
  const to = map && p.number(map, 'to', "the websocket step's repeat", wholeNumber(0, 1000), 'add to: the last value of {{i}}');
  if (from === undefined || to === undefined) return 'bad';
  if (to < from) return p.fail(body, 'repeat', 'repeat.to must not be less than repeat.from') ?? 'bad';
  return { from, to };
}

/** Fills templates for the words of describe, which runs before the step may have its variables. */
function words(value: unknown, vars: Vars): string {
  try {
    return describe(fillDeep(value, vars), 160);
  } catch {
    return describe(value, 160);
  }
}

function opened(session: StepSession, step: WebSocketStep, vars: Vars): Promise<Outcome> {
  const address = session.scope.address(step.on, { host: session.host, port: session.port });
  if (typeof address === 'string') return Promise.resolve({ ok: false, got: address });
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  const url = `ws://${host}:${address.port}${fill(step.open!, vars)}`;
  const socket = new WebSocket(url, { handshakeTimeout: step.withinMs });
  return new Promise<Outcome>((resolve) => {
    socket.once('open', () => {
      session.scope.connections.set(step.name, new Connection(socket));
      resolve({ ok: true, got: `connected to ${url}` });
    });
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      socket.terminate();
      resolve({ ok: false, got: `the upgrade of ${url} was answered ${res.statusCode} instead of 101 Switching Protocols` });
    });
    socket.on('error', (err) => resolve({ ok: false, got: `could not open ${url}: ${err.message}` }));
  });
}

/** Waits for the next frame and matches it; a frame that is not JSON, a close or the time up fails. */
async function nextFrame(conn: Connection, shape: unknown, withinMs: number, session: StepSession): Promise<Outcome> {
  const deadline = performance.now() + withinMs;
  while (!conn.frames.length) {
    if (conn.closed) return { ok: false, got: conn.closed };
    const left = deadline - performance.now();
    if (left <= 0) return { ok: false, got: `no frame within ${withinMs} ms` };
    await session.timed(conn.changed(left));
    session.throwIfCancelled();
  }
  const frame = conn.frames.shift()!;
  let value: unknown;
  try {
    value = JSON.parse(frame);
  } catch {
    return { ok: false, got: `a frame that is not JSON: ${describe(frame, 120)}` };
  }
  const mismatch = matchShape(value, shape);
  return mismatch ? { ok: false, got: `the next frame was ${describe(value, 200)} (${mismatch})` } : { ok: true, got: describe(value, 200) };
}

/** Watches the frames for `withinMs`: any that matches fails; the others stay for later steps. */
async function noFrame(conn: Connection, shape: unknown, withinMs: number, session: StepSession): Promise<Outcome> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const hit = conn.frames.find((f) => {
      try {
        return matchShape(JSON.parse(f), shape) === undefined;
      } catch {
        return false;
      }
    });
    if (hit !== undefined) return { ok: false, got: `a frame that must not arrive: ${describe(hit, 200)}` };
    const left = deadline - performance.now();
    if (left <= 0 || conn.closed) return { ok: true, got: `no such frame in ${withinMs} ms` };
    await session.timed(conn.changed(left));
    session.throwIfCancelled();
  }
}

export const websocket: StepKind<WebSocketStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'websocket', ['name', 'on', 'open', 'send', 'sendText', 'expect', 'expectNone', 'withinMs', 'repeat', 'close'], 'add name and at least one of open, send, sendText, expect, expectNone, close');
    if (!body) return undefined;
    const what = 'the websocket step';
    const name = p.string(body, 'name', what, 'add name: the connection this step uses');
    if (name !== undefined && !NAME.test(name)) p.fail(body, 'name', `'${name}' is not a connection name (a letter, then letters, digits, - and _)`);
    const on = p.string(body, 'on', what);
    const open = p.string(body, 'open', what);
    if (open !== undefined && !open.startsWith('/')) p.fail(body, 'open', `open is a path that starts with /, such as /ws?room=lobby, not '${open}'`);
    const sendText = p.string(body, 'sendText', what);
    const send = readShape(p, body, 'send');
    const expect = readShape(p, body, 'expect');
    const expectNone = readShape(p, body, 'expectNone');
    const withinMs = p.numberOr(body, 'withinMs', what, wholeNumber(1, MAX_WITHIN_MS), DEFAULT_WITHIN_MS);
    const repeat = readRepeat(p, body);
    const close = body.close === undefined ? false : p.boolean(body, 'close', what);
    let ok = name !== undefined && NAME.test(name) && withinMs !== undefined && repeat !== 'bad' && close !== undefined && (open === undefined || open.startsWith('/'));
    const fail = (message: string) => ((ok = false), p.fail(body, undefined, message));
    if (send !== undefined && sendText !== undefined) fail('send a JSON value (send) or raw text (sendText), not both');
    if (expect !== undefined && expectNone !== undefined) fail('one step expects a frame (expect) or no frame (expectNone), not both');
    if ([open, send, sendText, expect, expectNone].every((v) => v === undefined) && !close) fail(`${what} does nothing: add open, send, sendText, expect, expectNone or close: true`);
    if (repeat && (open !== undefined || close || expectNone !== undefined)) fail('repeat repeats send and expect only: open, expectNone and close happen once, in a step of their own');
    if (!ok) return undefined;
    return { kind: 'websocket', name: name!, on, open, send, sendText, expect, expectNone, withinMs: withinMs!, repeat: repeat as WebSocketStep['repeat'], close: close! };
  },

  describe(step, rawVars) {
    // {{i}} stays as written: it takes every value of the repeat.
    const vars = step.repeat ? { ...rawVars, i: '{{i}}' } : rawVars;
    const who = `WebSocket '${step.name}'${step.on ? ` (on the instance '${step.on}')` : ''}`;
    const times = step.repeat ? ` for {{i}} = ${step.repeat.from} to ${step.repeat.to}` : '';
    const sent: string[] = [];
    if (step.open !== undefined) sent.push(`opens ${words(step.open, vars)}`);
    if (step.send !== undefined) sent.push(`sends ${words(step.send, vars)}`);
    if (step.sendText !== undefined) sent.push(`sends the text frame ${words(step.sendText, vars)}`);
    if (step.close) sent.push('closes the connection');
    const expected: string[] = [];
    if (step.open !== undefined) expected.push('the upgrade is accepted (101)');
    if (step.expect !== undefined) expected.push(`the next frame, within ${step.withinMs} ms, matches ${words(step.expect, vars)}`);
    if (step.expectNone !== undefined) expected.push(`no frame matching ${words(step.expectNone, vars)} arrives within ${step.withinMs} ms`);
    return { sent: `${who} ${sent.length ? sent.join(', then ') : 'waits'}${times}`, expected: expected.join('; then ') || 'the connection closes' };
  },

  async run(step, vars, session): Promise<Outcome> {
    if (step.open !== undefined) {
      if (session.scope.connections.has(step.name)) return { ok: false, got: `the connection '${step.name}' is open already: close it first or use another name` };
      const o = await session.timed(opened(session, step, vars));
      if (!o.ok) return o;
    }
    const conn = session.scope.connections.get(step.name);
    if (!(conn instanceof Connection)) throw new TemplateError(`no connection named '${step.name}' is open: open it first with open: /path`);
    const got: string[] = [];
    const { from, to } = step.repeat ?? { from: -1, to: -1 };
    for (let i = from; i <= to; i++) {
      const v = step.repeat ? { ...vars, i: String(i) } : vars;
      if (step.send !== undefined || step.sendText !== undefined) {
        if (conn.closed) return { ok: false, got: conn.closed };
        conn.socket.send(step.sendText !== undefined ? fill(step.sendText, v) : JSON.stringify(fillDeep(step.send, v)));
      }
      if (step.expect !== undefined) {
        const o = await nextFrame(conn, fillDeep(step.expect, v), step.withinMs, session);
        if (!o.ok) return { ok: false, got: step.repeat ? `with {{i}} = ${i}: ${o.got}` : o.got };
        got.push(o.got);
      }
    }
    if (step.expectNone !== undefined) {
      const o = await noFrame(conn, fillDeep(step.expectNone, vars), step.withinMs, session);
      if (!o.ok) return o;
      got.push(o.got);
    }
    if (step.close) {
      session.scope.connections.delete(step.name);
      await session.timed(conn.close());
      got.push('closed');
    }
    return { ok: true, got: got.length > 2 ? `${got.length} frames as expected, the last: ${got[got.length - 1]}` : got.join('; ') || 'sent' };
  },
};
