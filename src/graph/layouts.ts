/**
 * Layouts by roadmap content hash: kept in memory (the last few) and on disk (a reload or a second
 * window reuses them), computed in a worker thread when neither has them, so the extension host's
 * main thread never runs the layout library. No `vscode` import.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { LAYOUT_VERSION, type GraphLayout, type LayoutInput } from './model';

const KEPT_IN_MEMORY = 4;
const TIMEOUT_MS = 120_000;

export class LayoutCache {
  private readonly memory = new Map<string, GraphLayout>();
  private readonly running = new Map<string, Promise<GraphLayout>>();
  /** Layouts computed by the worker (not found in a cache): tests and the bench read it. */
  computed = 0;

  /** `cacheDir` undefined keeps layouts in memory only. */
  constructor(private readonly workerFile: string, private readonly cacheDir?: string) {}

  /** The layout for `input`, from memory, disk or the worker. */
  get(input: LayoutInput): Promise<GraphLayout> {
    const known = this.memory.get(input.hash) ?? this.fromDisk(input.hash);
    if (known) return Promise.resolve(this.keep(known));
    let running = this.running.get(input.hash);
    if (!running) {
      running = this.compute(input).then((layout) => {
        this.computed++;
        this.toDisk(layout);
        return this.keep(layout);
      }).finally(() => this.running.delete(input.hash));
      this.running.set(input.hash, running);
    }
    return running;
  }

  /** The layout already known for a hash (in memory or on disk), without computing it. */
  peek(hash: string): GraphLayout | undefined {
    const known = this.memory.get(hash) ?? this.fromDisk(hash);
    return known && this.keep(known);
  }

  /** Forgets every layout (the bench measures a cold open with it). */
  clear(): void {
    this.memory.clear();
    if (this.cacheDir) fs.rmSync(this.cacheDir, { recursive: true, force: true });
  }

  private keep(layout: GraphLayout): GraphLayout {
    this.memory.delete(layout.hash);
    this.memory.set(layout.hash, layout);
    while (this.memory.size > KEPT_IN_MEMORY) this.memory.delete(this.memory.keys().next().value!);
    return layout;
  }

  private file(hash: string): string | undefined {
    return this.cacheDir && path.join(this.cacheDir, `layout-v${LAYOUT_VERSION}-${hash}.json`);
  }

  private fromDisk(hash: string): GraphLayout | undefined {
    const file = this.file(hash);
    if (!file) return undefined;
    try {
      const layout = JSON.parse(fs.readFileSync(file, 'utf8')) as GraphLayout;
      return layout && layout.hash === hash && Array.isArray(layout.nodes) ? layout : undefined;
    } catch {
      return undefined; // missing or unreadable: computed again
    }
  }

  private toDisk(layout: GraphLayout): void {
    const file = this.file(layout.hash);
    if (!file) return;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(layout));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // A cache that cannot be written only costs a layout next time.
    }
  }

  private compute(input: LayoutInput): Promise<GraphLayout> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.workerFile);
      const done = (fn: () => void) => {
        clearTimeout(timer);
        void worker.terminate();
        fn();
      };
      const timer = setTimeout(() => done(() => reject(new Error(`the layout of ${input.bands.reduce((n, b) => n + b.nodes.length, 0)} topics took longer than ${TIMEOUT_MS / 1000} s`))), TIMEOUT_MS);
      worker.once('message', (m: { layout?: GraphLayout; error?: string }) => done(() => (m.layout ? resolve(m.layout) : reject(new Error(`the layout failed: ${m.error}`)))));
      worker.once('error', (err) => done(() => reject(new Error(`the layout worker failed: ${err.message}`))));
      worker.postMessage(input);
    });
  }
}
