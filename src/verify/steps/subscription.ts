/**
 * `subscription`: one GraphQL subscription of the check over the graphql-ws protocol (WebSocket
 * subprotocol `graphql-transport-ws`). A step subscribes (opens the connection, sends
 * connection_init, waits for connection_ack, sends subscribe), expects the next `next` payload of
 * the subscription to match a shape within a time, expects no matching payload for a time (a
 * mutation the subscription's filter leaves out), or completes it. Each stage fails in words: the
 * upgrade refused, the subprotocol not chosen, no ack, an `error` message, a close with its code.
 * The server's pings are answered. Pure Node, no `vscode`.
 */
import { Waker } from './waker';
import { WebSocket } from 'ws';
import type { Fields } from '../../roadmap/fields';
import { describe, fill, fillDeep, matchShape, TemplateError, type Vars } from '../match';
import { MAX_WITHIN_MS, wholeNumber, type Parser } from '../parser';
import type { Closable } from '../checkScope';
import type { Outcome, StepKind, StepSession } from './kind';

export const GRAPHQL_WS_PROTOCOL = 'graphql-transport-ws';
const DEFAULT_WITHIN_MS = 3000;
/**
 * The protocol has no message that says a subscription has started, and servers start it a moment
 * after `subscribe` arrives (Python's async generators on their first step): the step waits this
 * long before the check goes on, so an event made right after is not sent before anyone listens.
 */
export const SUBSCRIBE_SETTLE_MS = 300;
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface SubscriptionStep {
  kind: 'subscription';
  /** The subscription's name in the check; also its id on the wire. */
  name: string;
  /** The path the WebSocket opens (default /graphql). */
  path: string;
  /** The subscribe payload: query, and optionally variables and operationName. */
  subscribe?: { query: string; variables?: unknown; operationName?: string };
  /** The shape the next `next` payload ({data, errors}) must match. */
  expect?: unknown;
  /** A shape no `next` payload may match within `withinMs`. */
  expectNone?: unknown;
  withinMs: number;
  complete: boolean;
}

/** One subscription's connection: the messages of the protocol it received and not yet taken. */
class Subscription implements Closable {
  readonly payloads: unknown[] = [];
  /** Why the subscription cannot deliver more: an error message, a complete, a close. */
  ended: string | undefined;
  private readonly waker = new Waker();

  constructor(readonly socket: WebSocket, readonly id: string) {
    socket.on('message', (data) => {
      let m: { type?: string; id?: string; payload?: unknown };
      try {
        m = JSON.parse(data.toString());
      } catch {
        this.ended ??= `the server sent a message that is not JSON: ${describe(data.toString(), 120)}`;
        return this.notify();
      }
      if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (m.type === 'next' && m.id === id) this.payloads.push(m.payload);
      else if (m.type === 'error' && m.id === id) this.ended ??= `the server answered the subscription with an error message: ${describe(m.payload, 200)}`;
      else if (m.type === 'complete' && m.id === id) this.ended ??= 'the server completed the subscription (a complete message)';
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.ended ??= `the server closed the connection (code ${code}${reason.length ? `, '${reason.toString()}'` : ''})`;
      this.notify();
    });
    socket.on('error', (err) => {
      this.ended ??= `the connection failed: ${err.message}`;
      this.notify();
    });
  }

  private notify(): void {
    this.waker.notify();
  }

  /** Resolves when a message arrives, the subscription ends, or `ms` pass. */
  changed(ms: number): Promise<void> {
    return this.waker.changed(ms);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ id: this.id, type: 'complete' }));
    return new Promise((resolve) => {
      const t = setTimeout(() => (this.socket.terminate(), resolve()), 1000);
      this.socket.once('close', () => (clearTimeout(t), resolve()));
      this.socket.close(1000);
    });
  }
}

/** Opens the connection and waits for connection_ack; the reason in words when it does not come. */
function connect(url: string, withinMs: number): Promise<WebSocket | string> {
  const socket = new WebSocket(url, GRAPHQL_WS_PROTOCOL, { handshakeTimeout: withinMs });
  return new Promise((resolve) => {
    const fail = (why: string) => (clearTimeout(timer), socket.terminate(), resolve(why));
    const timer = setTimeout(() => fail(`no connection_ack within ${withinMs} ms after connection_init`), withinMs);
    socket.once('unexpected-response', (_req, res) => {
      res.resume();
      fail(`the upgrade of ${url} was answered ${res.statusCode} instead of 101 Switching Protocols`);
    });
    socket.once('open', () => {
      if (socket.protocol !== GRAPHQL_WS_PROTOCOL) return fail(`the server accepted ${url} without choosing the subprotocol ${GRAPHQL_WS_PROTOCOL} (it chose ${socket.protocol ? `'${socket.protocol}'` : 'none'}): serve the graphql-ws protocol there`);
      socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    });
    socket.once('message', (data) => {
      const text = data.toString();
      if (/"type"\s*:\s*"connection_ack"/.test(text)) return (clearTimeout(timer), resolve(socket));
      fail(`the server answered connection_init with ${describe(text, 160)} instead of {"type":"connection_ack"}`);
    });
    socket.once('close', (code, reason) => fail(`the server closed the connection before connection_ack (code ${code}${reason.length ? `, '${reason.toString()}'` : ''})`));
    // The ws client refuses a 101 without the subprotocol it asked for itself: say what that means.
    const noProtocol = (message: string) => /no subprotocol|invalid subprotocol/i.test(message);
    socket.on('error', (err) => fail(noProtocol(err.message) ? `the server accepted ${url} without choosing the subprotocol ${GRAPHQL_WS_PROTOCOL} (${err.message}): serve the graphql-ws protocol there` : `could not open ${url}: ${err.message}`));
  });
}

async function subscribe(step: SubscriptionStep, vars: Vars, session: StepSession): Promise<Outcome> {
  const host = session.host.includes(':') ? `[${session.host}]` : session.host;
  const url = `ws://${host}:${session.port}${fill(step.path, vars)}`;
  const socket = await session.timed(connect(url, step.withinMs));
  if (typeof socket === 'string') return { ok: false, got: socket };
  const sub = new Subscription(socket, step.name);
  session.scope.connections.set(step.name, sub);
  socket.send(JSON.stringify({ id: step.name, type: 'subscribe', payload: fillDeep(step.subscribe, vars) }));
  await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_SETTLE_MS));
  // An error or a complete for the subscription in that time is reported by the next step that reads it.
  return { ok: true, got: `connected to ${url} (${GRAPHQL_WS_PROTOCOL}, acknowledged) and subscribed (${SUBSCRIBE_SETTLE_MS} ms given to start it)` };
}

/** Waits for the next payload of the subscription and matches it. */
async function nextPayload(sub: Subscription, shape: unknown, withinMs: number, session: StepSession): Promise<Outcome> {
  const deadline = performance.now() + withinMs;
  while (!sub.payloads.length) {
    if (sub.ended) return { ok: false, got: sub.ended };
    const left = deadline - performance.now();
    if (left <= 0) return { ok: false, got: `no next message for the subscription within ${withinMs} ms` };
    await session.timed(sub.changed(left));
    session.throwIfCancelled();
  }
  const payload = sub.payloads.shift();
  const mismatch = matchShape(payload, shape);
  return mismatch ? { ok: false, got: `the next payload was ${describe(payload, 200)} (${mismatch})` } : { ok: true, got: describe(payload, 200) };
}

/** Watches the payloads for `withinMs`: one that matches fails; the others stay for later steps. */
async function noPayload(sub: Subscription, shape: unknown, withinMs: number, session: StepSession): Promise<Outcome> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const hit = sub.payloads.find((p) => matchShape(p, shape) === undefined);
    if (hit !== undefined) return { ok: false, got: `a payload that must not arrive: ${describe(hit, 200)}` };
    const left = deadline - performance.now();
    if (left <= 0 || sub.ended) return { ok: true, got: `no such payload in ${withinMs} ms` };
    await session.timed(sub.changed(left));
    session.throwIfCancelled();
  }
}

function readSubscribe(p: Parser, body: Fields): SubscriptionStep['subscribe'] | 'bad' | undefined {
  if (body.subscribe === undefined) return undefined;
  const what = "the subscription step's subscribe";
  const map = p.mapping(body, 'subscribe', 'the subscription step', ['query', 'variables', 'operationName']);
  const query = map && p.string(map, 'query', what, 'add query: the subscription document, such as subscription { postAdded { id } }');
  const operationName = map && p.string(map, 'operationName', what);
  if (!map || query === undefined) return 'bad';
  return { query, ...(map.variables !== undefined && { variables: map.variables }), ...(operationName !== undefined && { operationName }) };
}

export const subscription: StepKind<SubscriptionStep> = {
  parse(p, step) {
    const body = p.stepBody(step, 'subscription', ['name', 'path', 'subscribe', 'expect', 'expectNone', 'withinMs', 'complete'], 'add name and one of subscribe, expect, expectNone, complete');
    if (!body) return undefined;
    const what = 'the subscription step';
    const name = p.string(body, 'name', what, 'add name: the subscription this step uses');
    if (name !== undefined && !NAME.test(name)) p.fail(body, 'name', `'${name}' is not a subscription name (a letter, then letters, digits, - and _)`);
    const path = p.string(body, 'path', what) ?? '/graphql';
    if (!path.startsWith('/')) p.fail(body, 'path', `path is the path the WebSocket opens, such as /graphql, not '${path}'`);
    const subscribe = readSubscribe(p, body);
    const expect = body.expect ?? undefined;
    const expectNone = body.expectNone ?? undefined;
    const withinMs = p.numberOr(body, 'withinMs', what, wholeNumber(1, MAX_WITHIN_MS), DEFAULT_WITHIN_MS);
    const complete = body.complete === undefined ? false : p.boolean(body, 'complete', what);
    let ok = name !== undefined && NAME.test(name) && path.startsWith('/') && subscribe !== 'bad' && withinMs !== undefined && complete !== undefined;
    const fail = (message: string) => ((ok = false), p.fail(body, undefined, message));
    if (body.path !== undefined && subscribe === undefined) fail('path goes with subscribe: it is where the subscription connects');
    if (expect !== undefined && expectNone !== undefined) fail('one step expects a payload (expect) or no payload (expectNone), not both');
    if ([subscribe, expect, expectNone].every((v) => v === undefined) && !complete) fail(`${what} does nothing: add subscribe, expect, expectNone or complete: true`);
    if (!ok) return undefined;
    return { kind: 'subscription', name: name!, path, subscribe: subscribe as SubscriptionStep['subscribe'], expect, expectNone, withinMs: withinMs!, complete: complete! };
  },

  describe(step, vars) {
    const words = (v: unknown) => {
      try {
        return describe(fillDeep(v, vars), 160);
      } catch {
        return describe(v, 160);
      }
    };
    const sent: string[] = [];
    if (step.subscribe) sent.push(`opens ${step.path} (${GRAPHQL_WS_PROTOCOL}), sends connection_init and subscribes with ${words(step.subscribe.query)}`);
    if (step.complete) sent.push('completes the subscription and closes the connection');
    const expected: string[] = [];
    if (step.subscribe) expected.push(`connection_ack within ${step.withinMs} ms`);
    if (step.expect !== undefined) expected.push(`the next payload, within ${step.withinMs} ms, matches ${words(step.expect)}`);
    if (step.expectNone !== undefined) expected.push(`no payload matching ${words(step.expectNone)} arrives within ${step.withinMs} ms`);
    return { sent: `GraphQL subscription '${step.name}' ${sent.length ? sent.join(', then ') : 'waits'}`, expected: expected.join('; then ') || 'the connection closes' };
  },

  async run(step, vars, session): Promise<Outcome> {
    const got: string[] = [];
    if (step.subscribe) {
      if (session.scope.connections.has(step.name)) return { ok: false, got: `the subscription '${step.name}' is open already: complete it first or use another name` };
      const o = await subscribe(step, vars, session);
      if (!o.ok) return o;
      got.push(o.got);
    }
    const sub = session.scope.connections.get(step.name);
    if (!(sub instanceof Subscription)) throw new TemplateError(`no subscription named '${step.name}' is open: subscribe first`);
    for (const [shape, judge] of [
      [step.expect, nextPayload],
      [step.expectNone, noPayload],
    ] as const) {
      if (shape === undefined) continue;
      const o = await judge(sub, fillDeep(shape, vars), step.withinMs, session);
      if (!o.ok) return o;
      got.push(o.got);
    }
    if (step.complete) {
      session.scope.connections.delete(step.name);
      await session.timed(sub.close());
      got.push('completed and closed');
    }
    return { ok: true, got: got.join('; ') };
  },
};
