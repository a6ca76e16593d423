/**
 * `sse`: one named server-sent events stream of the check (a GET that answers text/event-stream
 * and stays open), to the learner's server or to an instance the check started (`on`). A step opens
 * it, expects a message whose data (JSON) matches a shape within a time, skipping the messages that
 * do not match (other checks' traffic shares the stream), and closes it; the end of the check closes
 * whatever is still open. `stall: true` opens a stream and never reads it: a client that has gone
 * quiet, whose socket buffers fill, so a check can prove that one slow client does not hold up the
 * server. Plain `http`, no client library: the protocol is lines of text. Pure Node.
 */
import { Waker } from './waker';
import * as http from 'http';
import type { Fields } from '../../roadmap/fields';
import { describe, fill, fillDeep, matchShape, TemplateError, type Vars } from '../match';
import { MAX_WITHIN_MS, wholeNumber, type Parser } from '../parser';
import type { Closable } from '../checkScope';
import type { Outcome, StepKind, StepSession } from './kind';

const DEFAULT_WITHIN_MS = 3000;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface SseStep {
  kind: 'sse';
  /** The stream's name in the check. */
  name: string;
  /** The instance to connect to; undefined: the learner's server. */
  on?: string;
  /** The path to open, such as /live. */
  open?: string;
  /** With open: never read the stream (a client that stopped reading). */
  stall: boolean;
  /** The shape a message's data (parsed as JSON) must match. */
  expect?: unknown;
  withinMs: number;
  close: boolean;
}

/** One open stream: the data of the messages received and not yet taken, and whoever waits for the next. */
class Stream implements Closable {
  readonly messages: string[] = [];
  closed: string | undefined;
  private pending = '';
  private data: string[] = [];
  private readonly waker = new Waker();

  constructor(
    private readonly req: http.ClientRequest,
    res: http.IncomingMessage,
    stall: boolean,
  ) {
    res.setEncoding('utf8');
    res.on('end', () => this.end('the server ended the stream'));
    res.on('error', (err) => this.end(`the stream failed: ${err.message}`));
    req.on('error', (err) => this.end(`the stream failed: ${err.message}`));
    // A paused response stops reading the socket once Node's own small buffer is full, so the
    // kernel's buffers fill and the server's writes to this client stop going anywhere.
    if (stall) res.pause();
    else res.on('data', (chunk: string) => this.read(chunk));
  }

  /** Splits text into lines; a blank line ends a message (the SSE format: data lines joined by \n). */
  private read(chunk: string): void {
    this.pending += chunk;
    let at: number;
    while ((at = this.pending.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.pending.slice(0, at);
      this.pending = this.pending.slice(at + (this.pending.startsWith('\r\n', at) ? 2 : 1));
      if (line === '') {
        if (this.data.length) this.messages.push(this.data.join('\n'));
        this.data = [];
      } else if (line.startsWith('data:')) this.data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
    this.notify();
  }

  private end(why: string): void {
    this.closed ??= why;
    this.notify();
  }

  private notify(): void {
    this.waker.notify();
  }

  /** Resolves when a message arrives, the stream ends, or `ms` pass. */
  changed(ms: number): Promise<void> {
    return this.waker.changed(ms);
  }

  async close(): Promise<void> {
    this.closed ??= 'closed by the check';
    this.req.destroy();
  }
}

function opened(session: StepSession, step: SseStep, vars: Vars): Promise<Outcome> {
  const address = session.scope.address(step.on, { host: session.host, port: session.port });
  if (typeof address === 'string') return Promise.resolve({ ok: false, got: address });
  const path = fill(step.open!, vars);
  const where = `GET ${path}`;
  return new Promise<Outcome>((resolve) => {
    const req = http.request({ host: address.host, port: address.port, path, method: 'GET', headers: { accept: 'text/event-stream' }, agent: false });
    const timer = setTimeout(() => (req.destroy(), resolve({ ok: false, got: `${where} sent no headers within ${step.withinMs} ms` })), step.withinMs);
    req.once('response', (res) => {
      clearTimeout(timer);
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        res.resume();
        req.destroy();
        return resolve({ ok: false, got: `${where} answered ${res.statusCode} with Content-Type '${type || 'none'}' instead of 200 and text/event-stream` });
      }
      session.scope.connections.set(step.name, new Stream(req, res, step.stall));
      resolve({ ok: true, got: `${where} is open${step.stall ? ' and never read' : ''}` });
    });
    req.once('error', (err) => (clearTimeout(timer), resolve({ ok: false, got: `could not open ${where}: ${err.message}` })));
    req.end();
  });
}

/** Takes messages until one's data matches; the ones before it are dropped. */
async function matching(stream: Stream, shape: unknown, withinMs: number, session: StepSession): Promise<Outcome> {
  const deadline = performance.now() + withinMs;
  let skipped = 0;
  let last: string | undefined;
  for (;;) {
    while (stream.messages.length) {
      const data = stream.messages.shift()!;
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch {
        value = undefined;
      }
      if (value !== undefined && matchShape(value, shape) === undefined) return { ok: true, got: describe(value, 200) };
      skipped++;
      last = data;
    }
    if (stream.closed) return { ok: false, got: `${stream.closed} before a matching message (${skipped} others)` };
    const left = deadline - performance.now();
    if (left <= 0) return { ok: false, got: `no matching message within ${withinMs} ms (${skipped} others${last === undefined ? '' : `, the last: ${describe(last, 160)}`})` };
    await session.timed(stream.changed(left));
    session.throwIfCancelled();
  }
}

function readShape(p: Parser, body: Fields, key: string): unknown {
  const v = body[key];
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'function') return p.fail(body, key, `${key} must be a JSON shape`);
  return v;
}

export const sse: StepKind<SseStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'sse', ['name', 'on', 'open', 'stall', 'expect', 'withinMs', 'close'], 'add name and at least one of open, expect, close');
    if (!body) return undefined;
    const what = 'the sse step';
    const name = p.string(body, 'name', what, 'add name: the stream this step uses');
    if (name !== undefined && !NAME.test(name)) p.fail(body, 'name', `'${name}' is not a stream name (a letter, then letters, digits, - and _)`);
    const on = p.string(body, 'on', what);
    const open = p.string(body, 'open', what);
    if (open !== undefined && !open.startsWith('/')) p.fail(body, 'open', `open is a path that starts with /, such as /live, not '${open}'`);
    const stall = body.stall === undefined ? false : p.boolean(body, 'stall', what);
    const expect = readShape(p, body, 'expect');
    const withinMs = p.numberOr(body, 'withinMs', what, wholeNumber(1, MAX_WITHIN_MS), DEFAULT_WITHIN_MS);
    const close = body.close === undefined ? false : p.boolean(body, 'close', what);
    let ok = name !== undefined && NAME.test(name) && withinMs !== undefined && stall !== undefined && close !== undefined && (open === undefined || open.startsWith('/'));
    const fail = (message: string) => ((ok = false), p.fail(body, undefined, message));
    if (open === undefined && expect === undefined && !close) fail(`${what} does nothing: add open, expect or close: true`);
    if (stall && open === undefined) fail('stall: true goes with open: it opens a stream that is never read');
    if (stall && expect !== undefined) fail('a stalled stream is never read, so it cannot expect a message: expect on another stream');
    if (!ok) return undefined;
    return { kind: 'sse', name: name!, on, open, stall: stall!, expect, withinMs: withinMs!, close: close! };
  },

  describe(step, vars) {
    const who = `the event stream '${step.name}'${step.on ? ` (on the instance '${step.on}')` : ''}`;
    const sent: string[] = [];
    const expected: string[] = [];
    if (step.open !== undefined) {
      let path = step.open;
      try {
        path = fill(step.open, vars);
      } catch {
        // describe runs before the step may have its variables: the path stays as written.
      }
      sent.push(`opens GET ${path}${step.stall ? ' and never reads it' : ''}`);
      expected.push('200 with Content-Type text/event-stream');
    }
    if (step.expect !== undefined) {
      let shape: unknown = step.expect;
      try {
        shape = fillDeep(step.expect, vars);
      } catch {
        // as above
      }
      expected.push(`a message whose data matches ${describe(shape, 160)} within ${step.withinMs} ms (others are skipped)`);
    }
    if (step.close) sent.push('closes it');
    return { sent: `${who} ${sent.length ? sent.join(', then ') : 'waits'}`, expected: expected.join('; then ') || 'the stream closes' };
  },

  async run(step, vars, session): Promise<Outcome> {
    const got: string[] = [];
    if (step.open !== undefined) {
      if (session.scope.connections.has(step.name)) return { ok: false, got: `the stream '${step.name}' is open already: close it first or use another name` };
      const o = await session.timed(opened(session, step, vars));
      if (!o.ok) return o;
      got.push(o.got);
    }
    const stream = session.scope.connections.get(step.name);
    if (!(stream instanceof Stream)) throw new TemplateError(`no event stream named '${step.name}' is open: open it first with open: /path`);
    if (step.expect !== undefined) {
      const o = await matching(stream, fillDeep(step.expect, vars), step.withinMs, session);
      if (!o.ok) return o;
      got.push(o.got);
    }
    if (step.close) {
      session.scope.connections.delete(step.name);
      await stream.close();
      got.push('closed');
    }
    return { ok: true, got: got.join('; ') };
  },
};
