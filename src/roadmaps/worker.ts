/**
 * The roadmap worker (dist/roadmapWorker.js): reads, checks and renders custom roadmap files off
 * the extension host's main thread. YAML and Markdown live in this bundle, not in the extension's.
 */
import { parentPort } from 'worker_threads';
import { encodeCustomRoadmap } from './encoding';
import type { WorkerReply, WorkerRequest } from './loader';
import { readCustomRoadmapFile } from './readFile';

parentPort?.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const result = readCustomRoadmapFile(request.file);
    reply = { seq: request.seq, result: result ? encodeCustomRoadmap(result) : null };
  } catch (err) {
    reply = { seq: request.seq, error: (err as Error).message ?? String(err) };
  }
  // The buffers move to the main thread instead of being copied.
  const transfer = 'result' in reply && reply.result ? [reply.result.bytes.buffer, reply.result.offsets.buffer] : [];
  parentPort!.postMessage(reply, transfer as ArrayBuffer[]);
});
