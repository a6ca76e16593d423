import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import * as os from 'os';
import * as path from 'path';

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with openssl in a folder of its own:
 * `certFile` is both the certificate and the authority a client must be told to trust.
 */
export function selfSignedCert(): { dir: string; certFile: string; keyFile: string; cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roadmap-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'pipe' });
  return { dir, certFile, keyFile, cert: fs.readFileSync(certFile, 'utf8'), key: fs.readFileSync(keyFile, 'utf8') };
}

/**
 * A TLS front as a host puts before a deployed server: HTTPS on one port and plain HTTP on
 * another, both forwarded to the server at `targetPort` with X-Forwarded-Proto saying which.
 */
export async function tlsFront(targetPort: number, tls: { cert: string; key: string }): Promise<{ httpsPort: number; plainPort: number; close: () => Promise<void> }> {
  const forward = (proto: string) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const headers = { ...req.headers, 'x-forwarded-proto': proto };
    const upstream = http.request({ host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(upstream);
  };
  const secure = https.createServer({ cert: tls.cert, key: tls.key }, forward('https'));
  const plain = http.createServer(forward('http'));
  const listen = (s: http.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as { port: number }).port)));
  const [httpsPort, plainPort] = [await listen(secure), await listen(plain)];
  const close = (s: http.Server) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())));
  return { httpsPort, plainPort, close: async () => void (await Promise.all([close(secure), close(plain)])) };
}
