import * as http from 'http';
import { send, type Answer, type Sent } from '../../../src/verify/http';
import type { StepSession } from '../../../src/verify/steps/kind';

/** A step session on a real server at 127.0.0.1:`port`, for step tests that need no server process. */
export function realSession(port: number): StepSession & { sent: Sent[] } {
  const agent = new http.Agent({ keepAlive: false });
  const sent: Sent[] = [];
  const session = {
    sent,
    port,
    host: '127.0.0.1',
    healthPath: '/health',
    requestTimeoutMs: 5000,
    agent,
    server: undefined as never,
    exchange: (spec: Sent) => session.send(spec),
    send(spec: Sent): Promise<Answer> {
      sent.push(spec);
      return send(port, spec, 5000, agent);
    },
    timed: <T>(p: Promise<T>) => p,
    addWaited() {},
    ensureRunning: async () => undefined,
    throwIfCancelled() {},
    pause: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
  };
  return session;
}

/** Starts `handler` on a free loopback port; close() stops it. */
export async function listen(handler: http.RequestListener): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
