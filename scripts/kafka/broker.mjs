// A single-node Kafka in KRaft mode (broker and controller in one JVM) for tests: its configuration,
// and just enough of Kafka's wire protocol to tell that it is ready. services.mjs starts it.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

/** server.properties for one node on loopback, every internal topic with a single replica. */
export function serverProperties({ port, controllerPort, logDir }) {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'auto.create.topics.enable=true',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // A consumer group's first member gets its partitions at once instead of after 3 s.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/** A random cluster id as Kafka writes them (16 bytes, base64url); never one that starts with '-'. */
export function clusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function str(s) {
  const b = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(2);
  len.writeInt16BE(b.length);
  return Buffer.concat([len, b]);
}

/** One Metadata request; resolves to { errorCode, leader } for the topic (leader -1 when none). */
export function metadata(host, port, topic, timeoutMs = 3000) {
  const header = Buffer.alloc(8);
  header.writeInt16BE(3, 0); // api key: Metadata
  header.writeInt16BE(4, 2); // version 4: the oldest Kafka 4 still accepts, with auto-creation
  header.writeInt32BE(1, 4); // correlation id
  const count = Buffer.alloc(4);
  count.writeInt32BE(1);
  const body = Buffer.concat([header, str('roadmap-probe'), count, str(topic), Buffer.from([1])]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = Buffer.alloc(0);
    const fail = (err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('no Metadata answer in time')));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(Buffer.concat([size, body])));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return;
      socket.destroy();
      try {
        resolve(parseMetadataV4(data.subarray(4)));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function parseMetadataV4(buf) {
  let at = 8; // correlation id, throttle time
  const int16 = () => ((at += 2), buf.readInt16BE(at - 2));
  const int32 = () => ((at += 4), buf.readInt32BE(at - 4));
  const string = () => {
    const len = int16();
    const s = len < 0 ? null : buf.toString('utf8', at, at + len);
    at += Math.max(len, 0);
    return s;
  };
  for (let brokers = int32(); brokers > 0; brokers--) {
    int32(); // node id
    string(); // host
    int32(); // port
    string(); // rack
  }
  string(); // cluster id
  int32(); // controller id
  if (int32() < 1) throw new Error('the Metadata answer lists no topic');
  const errorCode = int16();
  string(); // name
  at += 1; // is internal
  const partitions = int32();
  if (partitions < 1) return { errorCode, leader: -1 };
  int16(); // partition error code
  int32(); // partition index
  return { errorCode, leader: int32() };
}

/** Waits until a Metadata request for `topic` answers with a leader; throws after `timeoutMs`. */
export async function waitUntilReady(port, { topic = 'roadmap-ready', timeoutMs = 90_000, exited = () => false } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (exited()) throw new Error('the broker exited while starting');
    try {
      const { errorCode, leader } = await metadata('127.0.0.1', port, topic);
      if (errorCode === 0 && leader >= 0) return;
      last = `topic ${topic}: error code ${errorCode}, leader ${leader}`;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > deadline) throw new Error(`Kafka on port ${port} was not ready within ${timeoutMs / 1000} s (${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
