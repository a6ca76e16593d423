/** One HTTP exchange with the learner's server: no redirects followed, a time limit, bounded body. */
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  isJson: boolean;
  ms: number;
}

export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** 'base64': `body` holds raw bytes in base64 (a multipart upload), sent decoded. */
  bodyEncoding?: 'base64';
  /** The body in words where it is not text to show (a multipart form), and curl's arguments for it. */
  form?: { label: string; curl: string[] };
}

export class HttpFailure extends Error {
  constructor(message: string, readonly kind: 'hang' | 'refused' | 'reset' | 'other') {
    super(message);
  }
}

const MAX_BODY = 1024 * 1024;

/** Sends one request to the learner's server at `host` (the loopback address its health path answered on). */
export function send(port: number, req: Sent, timeoutMs: number, agent?: http.Agent, host = '127.0.0.1'): Promise<Answer> {
  return sendTo({ host, port }, req, timeoutMs, agent);
}

/**
 * Where a request goes: a local server by default; a deployed one over HTTPS (remote.ts), its paths
 * under `prefix`, its certificate checked against `ca` (the machine's authorities when absent).
 */
export interface Target {
  host: string;
  port: number;
  https?: { ca?: string[]; prefix: string };
}

/** Sends one request to `target`; a certificate that is not trusted fails with what to do about it. */
export function sendTo(target: Target, req: Sent, timeoutMs: number, agent?: http.Agent): Promise<Answer> {
  const started = performance.now();
  const tls = target.https;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers };
    const payload = req.body !== undefined && req.bodyEncoding === 'base64' ? Buffer.from(req.body, 'base64') : req.body;
    if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
    const options = { host: target.host, port: target.port, method: req.method, path: (tls?.prefix ?? '') + req.path, headers, agent: agent ?? false };
    const r = (tls ? https.request({ ...options, ca: tls.ca, servername: net.isIP(target.host) ? undefined : target.host }, onResponse) : http.request(options, onResponse));
    function onResponse(res: http.IncomingMessage) {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        let isJson = false;
        if (text.trim()) {
          try {
            json = JSON.parse(text);
            isJson = true;
          } catch {
            // Not JSON: the caller says so if it expected JSON.
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, isJson, ms: performance.now() - started });
      });
      res.on('error', (err) => fail(err));
    }
    const timer = setTimeout(() => {
      r.destroy();
      reject(new HttpFailure(`no answer within ${timeoutMs / 1000} s: the server hangs on this request`, 'hang'));
    }, timeoutMs);
    const fail = (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (err.code === 'ECONNREFUSED') reject(new HttpFailure('connection refused: nothing listens on the port', 'refused'));
      else if (err.code === 'ECONNRESET' || err.code === 'EPIPE') reject(new HttpFailure('the connection was closed before an answer came', 'reset'));
      else if (tls && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(err.code ?? '')) reject(new HttpFailure(`the certificate of ${target.host} is not trusted (${err.code}: ${err.message}): serve a certificate from a public authority, or give the authority that signed it with --ca <file>`, 'other'));
      else reject(new HttpFailure(err.message, 'other'));
    };
    r.on('error', fail);
    r.end(payload);
  });
}
