import * as assert from 'assert';
import type * as http from 'http';
import type { Vars } from '../../src/verify/match';
import { Parser } from '../../src/verify/parser';
import { describeStep, parseStep, runStep, type Step } from '../../src/verify/steps';
import { curlCommand, toSent } from '../../src/verify/steps/requestSpec';
import { listen, realSession } from './helpers/stepSession';

function parsed(body: Record<string, unknown>): { step?: Step; problems: string[] } {
  const p = new Parser();
  const step = parseStep(p, body, ['step']);
  return { step, problems: p.problems.map((x) => x.message) };
}

function step(body: Record<string, unknown>): Step {
  const { step, problems } = parsed(body);
  assert.deepStrictEqual(problems, []);
  return step!;
}

/** The parts of a multipart body, split the way a server's parser does. */
function parts(body: Buffer, contentType: string): { headers: string; data: Buffer }[] {
  const boundary = /boundary=(.+)$/.exec(contentType)![1];
  const out: { headers: string; data: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  for (;;) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    out.push({ headers: part.subarray(0, split).toString(), data: part.subarray(split + 4) });
    at = next;
  }
  return out;
}

describe('verify: multipart request bodies', () => {
  let server: { port: number; close: () => Promise<void> };
  let received: { headers: http.IncomingHttpHeaders; body: Buffer }[] = [];

  before(async () => {
    server = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push({ headers: req.headers, body });
        const file = parts(body, String(req.headers['content-type'])).find((p) => p.headers.includes('filename='));
        res.writeHead(file && file.data.length > 4096 ? 413 : 201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ size: file?.data.length ?? 0 }));
      });
    });
  });
  after(() => server.close());
  beforeEach(() => (received = []));

  it('sends text fields and a file padded to an exact size, byte for byte, with its name and type', async () => {
    const vars: Vars = { unique: 'u7' };
    const outcome = await runStep(
      step({
        request: { method: 'POST', path: '/files', multipart: { fields: { note: 'hi {{unique}}' }, files: [{ field: 'file', filename: 'photo-{{unique}}.png', type: 'image/png', content: { base64: 'iVBORw0KGgo=', size: 4096, fill: 'ab' } }] } },
        expect: { status: 201, json: { size: 4096 } },
      }),
      vars,
      realSession(server.port),
    );
    assert.strictEqual(outcome.ok, true, outcome.got);
    const [{ headers, body }] = received;
    assert.match(String(headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.strictEqual(headers['content-length'], String(body.length));
    const [note, file] = parts(body, String(headers['content-type']));
    assert.strictEqual(note.headers, 'Content-Disposition: form-data; name="note"');
    assert.strictEqual(note.data.toString(), 'hi u7');
    assert.strictEqual(file.headers, 'Content-Disposition: form-data; name="file"; filename="photo-u7.png"\r\nContent-Type: image/png');
    assert.strictEqual(file.data.length, 4096);
    assert.deepStrictEqual([...file.data.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'the PNG signature comes first, raw');
    assert.strictEqual(file.data.subarray(8, 14).toString(), 'ababab');
  });

  it('fails on the answer to one byte over, and says what was sent in words and as curl -F', async () => {
    const s = step({
      request: { method: 'POST', path: '/files', multipart: { files: [{ field: 'file', filename: 'big.png', type: 'image/png', content: { base64: 'iVBORw0KGgo=', size: 4097 } }] } },
      expect: { status: 201 },
    });
    const outcome = await runStep(s, { unique: 'u' }, realSession(server.port));
    assert.strictEqual(outcome.ok, false);
    assert.match(outcome.got, /^413 .*status 413, expected 201/);
    const described = describeStep(s, { unique: 'u' }, { healthPath: '/health' });
    assert.strictEqual(described.sent, 'POST /files multipart/form-data: file=big.png (image/png, 4097 bytes starting 89 50 4e 47 0d 0a 1a 0a)');
    assert.strictEqual(curlCommand(described.request!, 3000), "curl -i -X POST http://localhost:3000/files -F 'file=@big.png;type=image/png'");
  });

  it('keeps the encoded body in the report as base64 text', () => {
    const s = step({ request: { method: 'POST', path: '/f', multipart: { files: [{ field: 'f', filename: 'a.txt', type: 'text/plain', content: { text: 'hello' } }] } }, expect: { status: 200 } });
    const sent = toSent((s as Extract<Step, { kind: 'request' }>).request, {});
    assert.strictEqual(sent.bodyEncoding, 'base64');
    assert.ok(Buffer.from(sent.body!, 'base64').toString().includes('\r\n\r\nhello\r\n'));
    assert.strictEqual(JSON.parse(JSON.stringify(sent)).body, sent.body, 'it survives a JSON report');
  });

  it('refuses a form that mixes bodies, a file without a type, content longer than its size, and bad base64', () => {
    const file = { field: 'file', filename: 'a.png', type: 'image/png', content: { text: 'x' } };
    assert.match(parsed({ request: { path: '/f', json: {}, multipart: { files: [file] } }, expect: { status: 200 } }).problems.join('\n'), /one of json, body and multipart/);
    assert.match(parsed({ request: { path: '/f', multipart: { files: [{ ...file, type: undefined }] } }, expect: { status: 200 } }).problems.join('\n'), /has no 'type'/);
    assert.match(parsed({ request: { path: '/f', multipart: { files: [{ ...file, content: { base64: 'iVBORw0KGgo=', size: 4 } }] } }, expect: { status: 200 } }).problems.join('\n'), /longer than its size 4/);
    assert.match(parsed({ request: { path: '/f', multipart: { files: [{ ...file, content: { base64: 'not base64!' } }] } }, expect: { status: 200 } }).problems.join('\n'), /must be base64/);
    assert.match(parsed({ request: { path: '/f', multipart: {} }, expect: { status: 200 } }).problems.join('\n'), /sends nothing/);
  });
});
