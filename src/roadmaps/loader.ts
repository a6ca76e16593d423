/**
 * Loads custom roadmap files in a worker thread and caches them by modification time and size.
 * Pure Node (no `vscode`), so tests and benchmarks can time it. The main thread only stats the
 * file, receives a few strings and parses the sections in slices of a few milliseconds.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { encodedProblems, PART, type CustomRoadmapResult, type EncodedCustomRoadmap } from './encoding';
import { CUSTOM_OVERSIZE_HINT, MAX_SOURCE_BYTES, oversizeProblem } from '../roadmap/limits';
import type { CompiledQuiz } from '../quiz/compiled';
import { RoadmapIndex, type Roadmap, type Section } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';

export interface WorkerRequest {
  seq: number;
  file: string;
}

/** `result: null` means the file is gone. */
export type WorkerReply = { seq: number; result: EncodedCustomRoadmap | null } | { seq: number; error: string };

/** A custom roadmap ready for the tree and the lesson page. */
export class LoadedCustomRoadmap {
  private lessonAt: Map<string, number> | undefined;
  private quizzes: Record<string, CompiledQuiz> | undefined;

  constructor(
    readonly file: string,
    readonly mtimeMs: number,
    readonly size: number,
    /** Undefined when the file could not be read far enough to have a shape. */
    readonly index: RoadmapIndex | undefined,
    readonly problems: Problem[],
    readonly idLocation: CustomRoadmapResult['idLocation'],
    private readonly encoded: EncodedCustomRoadmap,
  ) {}

  /** The roadmap's id, when it has a usable one. */
  get roadmapId(): string | undefined {
    return this.index?.roadmap.id || undefined;
  }

  /** A lesson's HTML, decoded when it is asked for; the id table is read on the first lesson opened. */
  lessonHtml(nodeId: string): string | undefined {
    const n = this.encoded.sectionCount;
    if (!this.lessonAt) this.lessonAt = new Map((JSON.parse(part(this.encoded, PART.lessonIds(n)) || '[]') as string[]).map((id, i) => [id, i]));
    const i = this.lessonAt.get(nodeId);
    return i === undefined ? undefined : part(this.encoded, PART.lesson(n, i));
  }

  /** A node's quiz, where the file gives it one; the quizzes are decoded on the first asked for. */
  quiz(nodeId: string): CompiledQuiz | undefined {
    this.quizzes ??= (JSON.parse(part(this.encoded, PART.quizzes(this.encoded.sectionCount)) || '{}') as Record<string, CompiledQuiz>);
    return Object.hasOwn(this.quizzes, nodeId) ? this.quizzes[nodeId] : undefined;
  }
}

const decoder = new TextDecoder();

function part(e: EncodedCustomRoadmap, i: number): string {
  return decoder.decode(e.bytes.subarray(e.offsets[i], e.offsets[i + 1]));
}

export interface LoaderOptions {
  /** The worker stops after this long without work (it starts again on the next load). */
  idleMs?: number;
  /** A file that takes longer than this to read is reported, and the worker is restarted. */
  timeoutMs?: number;
  /** The longest the main thread parses sections before it yields to the event loop. */
  sliceMs?: number;
}

interface Pending {
  file: string;
  stat: fs.Stats;
  resolve: (reply: EncodedCustomRoadmap | null) => void;
  timer: NodeJS.Timeout;
}

/** The worker bundle beside this file once built (dist/roadmapWorker.js beside dist/extension.js). */
export function defaultWorkerFile(): string {
  return path.join(__dirname, 'roadmapWorker.js');
}

/** Loads custom roadmaps off the main thread; one worker, started on demand, stopped when idle. */
export class CustomRoadmapLoader {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, LoadedCustomRoadmap>();
  private readonly queue = new Map<string, Promise<LoadedCustomRoadmap | undefined>>();
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** How many times a worker was started: tests check the cache spares it. */
  workerStarts = 0;

  constructor(private readonly workerFile: string = defaultWorkerFile(), private readonly options: LoaderOptions = {}) {}

  /**
   * Loads a file: from the cache when its modification time and size are unchanged, else in the
   * worker. Undefined when the file does not exist. Loads of one file run one after another.
   */
  load(file: string): Promise<LoadedCustomRoadmap | undefined> {
    const before = this.queue.get(file) ?? Promise.resolve(undefined);
    const next = before.catch(() => undefined).then(() => this.loadNow(file));
    this.queue.set(file, next);
    const clear = () => {
      if (this.queue.get(file) === next) this.queue.delete(file);
    };
    next.then(clear, clear);
    return next;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    for (const [seq, p] of this.pending) this.settle(seq, p, null);
    void this.worker?.terminate();
    this.worker = undefined;
    this.cache.clear();
  }

  private async loadNow(file: string): Promise<LoadedCustomRoadmap | undefined> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    let encoded: EncodedCustomRoadmap | null;
    if (stat.size > MAX_SOURCE_BYTES) {
      encoded = encodedProblems(file, stat, [oversizeProblem(file, stat.size, CUSTOM_OVERSIZE_HINT)]);
    } else {
      encoded = await this.ask(file, stat);
    }
    if (encoded === null || this.disposed) {
      this.cache.delete(file);
      return undefined;
    }
    const loaded = await decode(encoded, this.options.sliceMs ?? 2);
    this.cache.set(file, loaded);
    return loaded;
  }

  private ask(file: string, stat: fs.Stats): Promise<EncodedCustomRoadmap | null> {
    return new Promise((resolve) => {
      const seq = ++this.seq;
      const timeoutMs = this.options.timeoutMs ?? 30_000;
      const timer = setTimeout(() => {
        const p = this.pending.get(seq);
        if (!p) return;
        this.settle(seq, p, problemOnly(p, `reading the roadmap took longer than ${timeoutMs / 1000} s and was stopped; make the file smaller or simpler`));
        this.restartWorker();
      }, timeoutMs);
      this.pending.set(seq, { file, stat, timer, resolve });
      this.post({ seq, file });
    });
  }

  private post(request: WorkerRequest): void {
    clearTimeout(this.idleTimer);
    const worker = this.ensureWorker();
    worker.ref();
    worker.postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: 512 } });
    this.workerStarts++;
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.seq);
      if (!p) return;
      if ('error' in reply) this.settle(reply.seq, p, problemOnly(p, `the roadmap could not be read: ${reply.error}`));
      else this.settle(reply.seq, p, reply.result);
    });
    const fail = (message: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      // Reported where the file starts and cached like any result, so the same file is not retried
      // until it changes.
      for (const [seq, p] of this.pending) this.settle(seq, p, problemOnly(p, message));
    };
    worker.on('error', (err) => fail(`the roadmap reader failed: ${err.message}; the file may be too large or nested too deeply`));
    worker.on('exit', (code) => fail(`the roadmap reader stopped (exit ${code})`));
    this.worker = worker;
    return worker;
  }

  /** After a timeout: a fresh worker takes over the requests still waiting. */
  private restartWorker(): void {
    const old = this.worker;
    this.worker = undefined;
    void old?.terminate();
    if (this.pending.size === 0 || this.disposed) return;
    for (const [seq, p] of this.pending) this.post({ seq, file: p.file });
  }

  private settle(seq: number, p: Pending, reply: EncodedCustomRoadmap | null): void {
    clearTimeout(p.timer);
    this.pending.delete(seq);
    p.resolve(reply);
    if (this.pending.size === 0 && this.worker) {
      const worker = this.worker;
      // Idle: let the process exit if nothing else holds it, and stop the worker after a while.
      worker.unref();
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => {
        if (this.worker === worker && this.pending.size === 0) {
          this.worker = undefined;
          void worker.terminate();
        }
      }, this.options.idleMs ?? 30_000);
      this.idleTimer.unref();
    }
  }
}

/** Loads one file with a loader of its own: what a benchmark times. */
export async function loadCustomRoadmap(file: string, workerFile?: string, options?: LoaderOptions): Promise<LoadedCustomRoadmap | undefined> {
  const loader = new CustomRoadmapLoader(workerFile, options);
  try {
    return await loader.load(file);
  } finally {
    loader.dispose();
  }
}

function problemOnly(p: Pending, message: string): EncodedCustomRoadmap {
  return encodedProblems(p.file, p.stat, [{ file: p.file, line: 1, column: 1, message }]);
}

/** Rebuilds the roadmap, parsing sections in slices so no single step holds the event loop long. */
async function decode(e: EncodedCustomRoadmap, sliceMs: number): Promise<LoadedCustomRoadmap> {
  let index: RoadmapIndex | undefined;
  if (e.hasRoadmap) {
    const roadmap = JSON.parse(part(e, PART.head)) as Roadmap;
    roadmap.sections = [];
    const building = new RoadmapIndex(roadmap);
    let started = performance.now();
    for (let i = 0; i < e.sectionCount; i++) {
      building.addSection(JSON.parse(part(e, PART.section(i))) as Section);
      if (performance.now() - started > sliceMs) {
        await new Promise((resolve) => setImmediate(resolve));
        started = performance.now();
      }
    }
    index = building;
  }
  return new LoadedCustomRoadmap(e.file, e.mtimeMs, e.size, index, e.problems, e.idLocation, e);
}
