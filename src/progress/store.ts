/**
 * Learner progress, kept in a VS Code Memento (workspaceState) under one versioned key, and
 * optionally mirrored into a second one (globalState, synced across machines). Pure: no `vscode`.
 */
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';
import { dueByTopic, dueCount, isQuizChecked, mergePractice, reviewTopics, mergeStates, parseState, PROGRESS_VERSION, type DisplayStatus, type ImportSummary, type MilestonePractice, type NodeProgress, type NodeStatus, type ProgressChange, type ProgressState, type ReviewRecord } from './state';

export * from './state';

export type Listener = (change: ProgressChange) => void;

export const PROGRESS_KEY = 'backendRoadmap.progress';
// The model owns the built-in roadmap's id (version 1 stored only its nodes); callers that import
// it from here keep working.
export { BUILTIN_ROADMAP_ID };
export const EXPORT_FORMAT = 'backend-roadmap-progress';

/** The part of vscode.Memento the store needs, so plain tests can pass an in-memory one. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Thrown for an import file that cannot be used; nothing has changed when it is thrown. */
export class ProgressFormatError extends Error {}

/** Reads and writes progress; ids the roadmap no longer has are kept untouched. */
export class ProgressStore {
  private state: ProgressState;
  private readonly listeners = new Set<Listener>();
  private problem: string | undefined;
  private quizItems: ((roadmapId: string, nodeId: string) => readonly string[] | undefined) | undefined;

  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => Date = () => new Date(),
    private mirror?: MementoLike,
  ) {
    const primary = parseState(memento.get<unknown>(PROGRESS_KEY), 'saved progress');
    this.problem = primary.problem;
    this.state = primary.state;
    if (mirror && !this.problem) {
      const other = parseState(mirror.get<unknown>(PROGRESS_KEY), 'synced progress');
      if (!other.problem) this.state = mergeStates(this.state, other.state).state;
    }
  }

  /** Set when the stored value could not be read; it is left in place and not overwritten until a reset. */
  get loadProblem(): string | undefined {
    return this.problem;
  }

  /** Starts or stops mirroring; when it starts, both sides get the newer of each node. */
  async setMirror(mirror: MementoLike | undefined): Promise<void> {
    this.mirror = mirror;
    if (!mirror || this.loadProblem) return;
    const other = parseState(mirror.get<unknown>(PROGRESS_KEY), 'synced progress');
    if (other.problem) return;
    const merged = mergeStates(this.state, other.state);
    await this.write(merged.state, merged.summary.changed);
  }

  scope(roadmapId: string): RoadmapProgress {
    return new RoadmapProgress(this, roadmapId);
  }

  get(roadmapId: string, nodeId: string): NodeProgress | undefined {
    return this.state.roadmaps[roadmapId]?.nodes[nodeId];
  }

  status(roadmapId: string, nodeId: string): NodeStatus {
    return this.get(roadmapId, nodeId)?.status ?? 'todo';
  }

  displayStatus(roadmapId: string, nodeId: string): DisplayStatus {
    const p = this.get(roadmapId, nodeId);
    if (p?.status === 'done' && p.verified && Object.keys(p.verified).length > 0) return 'verified';
    const reviews = this.reviews(roadmapId);
    // Without an answer in this roadmap nothing is checked: the quiz index is not even read.
    if (p?.status !== 'skipped' && this.quizItems && Object.keys(reviews).length && isQuizChecked(nodeId, this.quizItems(roadmapId, nodeId) ?? [], reviews)) return 'checked';
    return p?.status ?? 'todo';
  }

  /** Tells the store each topic's graded items, so a topic whose quiz is done shows as checked. */
  useQuizItems(items: (roadmapId: string, nodeId: string) => readonly string[] | undefined): void {
    this.quizItems = items;
  }

  /** How many of a topic's quiz items and questions are due for review at `now`. */
  dueCount(roadmapId: string, nodeId: string, now: Date): number {
    return dueCount(nodeId, this.reviews(roadmapId), now);
  }

  /** Every topic with quiz items due at `now`, with how many, in one pass. */
  dueByTopic(roadmapId: string, now: Date): Map<string, number> {
    return dueByTopic(this.reviews(roadmapId), now);
  }

  /** Every node id with saved progress in a roadmap, including ids it no longer has. */
  ids(roadmapId: string): string[] {
    return Object.keys(this.state.roadmaps[roadmapId]?.nodes ?? {});
  }

  async setStatus(roadmapId: string, nodeId: string, status: NodeStatus): Promise<void> {
    await this.setMany(roadmapId, [nodeId], status);
  }

  /** Sets one status on several nodes in one write. Reset (todo) also clears verified checks. */
  async setMany(roadmapId: string, nodeIds: string[], status: NodeStatus): Promise<void> {
    const at = this.now().toISOString();
    const nodes = { ...(this.state.roadmaps[roadmapId]?.nodes ?? {}) };
    const changed: string[] = [];
    for (const id of nodeIds) {
      const current = nodes[id];
      if ((current?.status ?? 'todo') === status && !(status === 'todo' && current?.verified)) continue;
      const next: NodeProgress = { ...current, status, updatedAt: at };
      if (status === 'in-progress' && !next.startedAt) next.startedAt = at;
      if (status === 'done') next.doneAt = at;
      else delete next.doneAt;
      if (status === 'todo') {
        delete next.verified;
        delete next.startedAt;
      }
      nodes[id] = next;
      changed.push(id);
    }
    if (changed.length === 0) return;
    await this.write({ ...this.state, roadmaps: { ...this.state.roadmaps, [roadmapId]: { ...this.state.roadmaps[roadmapId], nodes } } }, [{ roadmapId, nodeIds: changed }]);
  }

  /** Ticks or clears one plan checklist item. */
  async setSignal(roadmapId: string, key: string, checked: boolean): Promise<void> {
    const current = this.state.roadmaps[roadmapId];
    const signals = { ...(current?.signals ?? {}) };
    if (checked === (key in signals)) return;
    if (checked) signals[key] = this.now().toISOString();
    else delete signals[key];
    await this.write({ ...this.state, roadmaps: { ...this.state.roadmaps, [roadmapId]: { nodes: current?.nodes ?? {}, signals } } }, [{ roadmapId, nodeIds: [] }]);
  }

  signals(roadmapId: string): Record<string, string> {
    return { ...(this.state.roadmaps[roadmapId]?.signals ?? {}) };
  }

  /** Records a passing milestone check: the nodes become done and carry the check's key. */
  async markVerified(roadmapId: string, nodeIds: string[], checkKey: string): Promise<void> {
    const at = this.now().toISOString();
    const nodes = { ...(this.state.roadmaps[roadmapId]?.nodes ?? {}) };
    const changed: string[] = [];
    for (const id of nodeIds) {
      const current = nodes[id];
      if (current?.status === 'done' && current.verified?.[checkKey]) continue;
      nodes[id] = { ...current, status: 'done', updatedAt: at, doneAt: current?.status === 'done' ? current.doneAt ?? at : at, verified: { ...(current?.verified ?? {}), [checkKey]: at } };
      changed.push(id);
    }
    if (changed.length === 0) return;
    await this.write({ ...this.state, roadmaps: { ...this.state.roadmaps, [roadmapId]: { ...this.state.roadmaps[roadmapId], nodes } } }, [{ roadmapId, nodeIds: changed }]);
  }

  /** Quiz items answered in a roadmap, by item key (`topic/item`). */
  reviews(roadmapId: string): Readonly<Record<string, ReviewRecord>> {
    return this.state.roadmaps[roadmapId]?.review ?? {};
  }

  /** Saves the review state of quiz items of one topic after an answer (`topic/item` keys). */
  async recordReviews(roadmapId: string, topicId: string, records: Record<string, ReviewRecord>): Promise<void> {
    const current = this.state.roadmaps[roadmapId];
    const review = { ...(current?.review ?? {}), ...records };
    await this.write({ ...this.state, roadmaps: { ...this.state.roadmaps, [roadmapId]: { ...current, nodes: current?.nodes ?? {}, review } } }, [{ roadmapId, nodeIds: [topicId] }]);
  }

  /** What the learner asked for on a milestone (`idea/milestone`). */
  practice(roadmapId: string, key: string): MilestonePractice {
    return { ...(this.state.roadmaps[roadmapId]?.practice?.[key] ?? {}) };
  }

  /** Records that `count` hints of a milestone are open (never fewer than before). */
  async openHints(roadmapId: string, key: string, count: number): Promise<void> {
    await this.updatePractice(roadmapId, key, { hints: count });
  }

  /** Records that the milestone's reference was shown; the first time stays. */
  async markPeeked(roadmapId: string, key: string): Promise<void> {
    await this.updatePractice(roadmapId, key, { peekedAt: this.now().toISOString() });
  }

  /**
   * Whether a verified node was verified only by milestones passed after their reference was shown:
   * it still shows as verified, with a mark, and is counted apart.
   */
  peeked(roadmapId: string, nodeId: string): boolean {
    const verified = this.get(roadmapId, nodeId)?.verified;
    if (!verified || !Object.keys(verified).length) return false;
    const practice = this.state.roadmaps[roadmapId]?.practice ?? {};
    return Object.entries(verified).every(([key, at]) => practice[key]?.peekedAt !== undefined && practice[key].peekedAt! <= at);
  }

  private async updatePractice(roadmapId: string, key: string, change: MilestonePractice): Promise<void> {
    const current = this.state.roadmaps[roadmapId];
    const before = current?.practice?.[key];
    const next = mergePractice(before, change);
    if (JSON.stringify(next) === JSON.stringify(before ?? {})) return;
    // The nodes the milestone verified may change their mark.
    const nodeIds = Object.entries(current?.nodes ?? {}).filter(([, p]) => p.verified?.[key]).map(([id]) => id);
    await this.write({ ...this.state, roadmaps: { ...this.state.roadmaps, [roadmapId]: { ...current, nodes: current?.nodes ?? {}, practice: { ...(current?.practice ?? {}), [key]: next } } } }, [{ roadmapId, nodeIds }]);
  }

  async resetAll(): Promise<void> {
    // Topics with quiz answers change too (their pages and marks).
    const changed = Object.entries(this.state.roadmaps).map(([roadmapId, r]) => ({ roadmapId, nodeIds: [...new Set([...Object.keys(r.nodes), ...reviewTopics(Object.keys(r.review ?? {}))])] }));
    await this.write({ version: PROGRESS_VERSION, roadmaps: {} }, changed, true);
  }

  /** Everything, as the JSON an export file holds. */
  exportJson(): string {
    return JSON.stringify({ format: EXPORT_FORMAT, version: PROGRESS_VERSION, exportedAt: this.now().toISOString(), roadmaps: this.state.roadmaps }, null, 2);
  }

  /**
   * Merges an exported file: a node takes the imported entry when it is newer or new. Throws a
   * ProgressFormatError (and changes nothing) when the file is not a progress export.
   */
  async importJson(text: string): Promise<ImportSummary> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ProgressFormatError(`the file is not JSON (${(err as Error).message})`);
    }
    if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== EXPORT_FORMAT) {
      throw new ProgressFormatError(`the file is not a Backend Roadmap progress export (expected "format": "${EXPORT_FORMAT}")`);
    }
    const parsed = parseState({ version: (raw as { version?: unknown }).version, roadmaps: (raw as { roadmaps?: unknown }).roadmaps, nodes: (raw as { nodes?: unknown }).nodes }, 'the file', true);
    if (parsed.problem) throw new ProgressFormatError(parsed.problem);
    const merged = mergeStates(this.state, parsed.state);
    if (merged.summary.changed.length > 0) await this.write(merged.state, merged.summary.changed);
    return merged.summary;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async write(next: ProgressState, changed: ProgressChange[], force = false): Promise<void> {
    if (this.loadProblem && !force) {
      throw new Error(`progress was not saved: the stored progress could not be read (${this.loadProblem}). Run "Roadmap: Export Progress" to keep a copy, or "Roadmap: Reset All Progress".`);
    }
    await this.memento.update(PROGRESS_KEY, next);
    if (this.mirror) await this.mirror.update(PROGRESS_KEY, next);
    this.state = next;
    this.problem = undefined;
    for (const change of changed) for (const l of this.listeners) l(change);
  }
}

/** One roadmap's view of the store. */
export class RoadmapProgress {
  constructor(readonly store: ProgressStore, readonly roadmapId: string) {}
  status(nodeId: string): NodeStatus {
    return this.store.status(this.roadmapId, nodeId);
  }
  displayStatus(nodeId: string): DisplayStatus {
    return this.store.displayStatus(this.roadmapId, nodeId);
  }
  get(nodeId: string): NodeProgress | undefined {
    return this.store.get(this.roadmapId, nodeId);
  }
  setStatus(nodeId: string, status: NodeStatus): Promise<void> {
    return this.store.setStatus(this.roadmapId, nodeId, status);
  }
  peeked(nodeId: string): boolean {
    return this.store.peeked(this.roadmapId, nodeId);
  }
  /** Marks nodes done and verified by a passing milestone check (`idea/milestone`). */
  markVerified(nodeIds: string[], checkKey: string): Promise<void> {
    return this.store.markVerified(this.roadmapId, nodeIds, checkKey);
  }
  ids(): string[] {
    return this.store.ids(this.roadmapId);
  }
}
