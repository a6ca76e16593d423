/**
 * The graph layout off the extension host's main thread: dist/graphWorker.js, run in a
 * worker_threads Worker. Takes a LayoutInput, answers { layout } or { error }.
 */
import { parentPort } from 'worker_threads';
import { layoutGraph } from './layout';
import type { LayoutInput } from './model';

parentPort?.on('message', (input: LayoutInput) => {
  try {
    parentPort!.postMessage({ layout: layoutGraph(input) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
});
