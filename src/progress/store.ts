/**
 * Learner progress, kept in a VS Code Memento (workspaceState) under one versioned key, and
 * optionally mirrored into a second one (globalState, synced across machines). Pure: no `vscode`.
 */
import { BUILTIN_ROADMAP_ID } from '../roadmap/model';

export const NODE_STATUSES = ['todo', 'in-progress', 'done', 'skipped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
/** What the learner sees: a done node whose milestone check passed shows as verified. */
export type DisplayStatus = NodeStatus | 'verified';

export interface NodeProgress {
  status: NodeStatus;
  /** ISO timestamps. */
  updatedAt: string;
  startedAt?: string;
  doneAt?: string;
  /** Milestone checks that passed for this node: check key (project/milestone) -> ISO time. */
  verified?: Record<string, string>;
}

export interface RoadmapProgressState {
  nodes: Record<string, NodeProgress>;
  /** Plan checklist items the learner ticked ("plan/phase/index" -> ISO time). */
  signals?: Record<string, string>;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  roadmaps: Record<string, RoadmapProgressState>;
}

export const PROGRESS_VERSION = 2;
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

export interface ProgressChange {
  roadmapId: string;
  nodeIds: string[];
}

export type Listener = (change: ProgressChange) => void;

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Node ids by roadmap that the import changed. */
  changed: ProgressChange[];
}

/** Thrown for an import file that cannot be used; nothing has changed when it is thrown. */
export class ProgressFormatError extends Error {}

/** Reads and writes progress; ids the roadmap no longer has are kept untouched. */
export class ProgressStore {
  private state: ProgressState;
  private readonly listeners = new Set<Listener>();
  private problem: string | undefined;

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
    if (!p) return 'todo';
    if (p.status === 'done' && p.verified && Object.keys(p.verified).length > 0) return 'verified';
    return p.status;
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

  async resetAll(): Promise<void> {
    const changed = Object.entries(this.state.roadmaps).map(([roadmapId, r]) => ({ roadmapId, nodeIds: Object.keys(r.nodes) }));
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
  /** Marks nodes done and verified by a passing milestone check (`idea/milestone`). */
  markVerified(nodeIds: string[], checkKey: string): Promise<void> {
    return this.store.markVerified(this.roadmapId, nodeIds, checkKey);
  }
  ids(): string[] {
    return this.store.ids(this.roadmapId);
  }
}

/** Reads any stored version; older versions are migrated, newer or broken ones reported. */
export function parseState(raw: unknown, what: string, strict = false): { state: ProgressState; problem?: string } {
  const empty: ProgressState = { version: PROGRESS_VERSION, roadmaps: {} };
  if (raw === undefined || raw === null) return strict ? { state: empty, problem: `${what} holds no progress` } : { state: empty };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { state: empty, problem: `${what} is not an object but ${Array.isArray(raw) ? 'a list' : typeof raw}` };
  const r = raw as { version?: unknown; nodes?: unknown; roadmaps?: unknown };
  let roadmaps: unknown;
  if (r.version === 1) roadmaps = { [BUILTIN_ROADMAP_ID]: { nodes: r.nodes } }; // v1: the built-in roadmap's nodes only
  else if (r.version === PROGRESS_VERSION) roadmaps = r.roadmaps;
  else if (typeof r.version === 'number' && r.version > PROGRESS_VERSION) return { state: empty, problem: `${what} was written by a newer version of Backend Roadmap (format ${r.version}); update the extension` };
  else return { state: empty, problem: `${what} has an unknown format version ${JSON.stringify(r.version)}` };
  if (typeof roadmaps !== 'object' || roadmaps === null || Array.isArray(roadmaps)) return { state: empty, problem: `${what} has no 'roadmaps' object` };
  const out: ProgressState = { version: PROGRESS_VERSION, roadmaps: {} };
  for (const [roadmapId, entry] of Object.entries(roadmaps as Record<string, unknown>)) {
    const nodes = (entry as { nodes?: unknown } | null)?.nodes;
    if (typeof nodes !== 'object' || nodes === null || Array.isArray(nodes)) {
      if (strict) return { state: empty, problem: `${what}: roadmap '${roadmapId}' has no 'nodes' object` };
      continue;
    }
    const clean: Record<string, NodeProgress> = {};
    for (const [id, p] of Object.entries(nodes as Record<string, unknown>)) {
      const node = cleanNode(p);
      if (node) clean[id] = node;
      else if (strict) return { state: empty, problem: `${what}: node '${id}' of roadmap '${roadmapId}' is not a valid progress entry` };
    }
    out.roadmaps[roadmapId] = { nodes: clean };
    const signals = (entry as { signals?: unknown }).signals;
    if (signals && typeof signals === 'object' && !Array.isArray(signals)) {
      const kept = Object.entries(signals as Record<string, unknown>).filter(([, t]) => typeof t === 'string');
      if (kept.length) out.roadmaps[roadmapId].signals = Object.fromEntries(kept) as Record<string, string>;
    }
  }
  return { state: out };
}

function cleanNode(p: unknown): NodeProgress | undefined {
  if (typeof p !== 'object' || p === null) return undefined;
  const n = p as Record<string, unknown>;
  if (!(NODE_STATUSES as readonly unknown[]).includes(n.status) || typeof n.updatedAt !== 'string') return undefined;
  const out: NodeProgress = { status: n.status as NodeStatus, updatedAt: n.updatedAt };
  if (typeof n.startedAt === 'string') out.startedAt = n.startedAt;
  if (typeof n.doneAt === 'string') out.doneAt = n.doneAt;
  if (n.verified && typeof n.verified === 'object' && !Array.isArray(n.verified)) {
    const v = Object.entries(n.verified as Record<string, unknown>).filter(([, t]) => typeof t === 'string');
    if (v.length) out.verified = Object.fromEntries(v) as Record<string, string>;
  }
  return out;
}

/** Per node, the entry with the later updatedAt wins. */
export function mergeStates(base: ProgressState, incoming: ProgressState): { state: ProgressState; summary: ImportSummary } {
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, changed: [] };
  const roadmaps: Record<string, RoadmapProgressState> = { ...base.roadmaps };
  for (const [roadmapId, r] of Object.entries(incoming.roadmaps)) {
    const nodes = { ...(roadmaps[roadmapId]?.nodes ?? {}) };
    const changed: string[] = [];
    for (const [id, p] of Object.entries(r.nodes)) {
      const mine = nodes[id];
      if (!mine) {
        nodes[id] = p;
        summary.added++;
        changed.push(id);
      } else if (p.updatedAt > mine.updatedAt && JSON.stringify(p) !== JSON.stringify(mine)) {
        nodes[id] = p;
        summary.updated++;
        changed.push(id);
      } else summary.unchanged++;
    }
    const signals = { ...(roadmaps[roadmapId]?.signals ?? {}), ...(r.signals ?? {}) };
    const signalsChanged = Object.keys(signals).length !== Object.keys(roadmaps[roadmapId]?.signals ?? {}).length;
    roadmaps[roadmapId] = Object.keys(signals).length ? { nodes, signals } : { nodes };
    if (changed.length || signalsChanged) summary.changed.push({ roadmapId, nodeIds: changed });
  }
  return { state: { version: PROGRESS_VERSION, roadmaps }, summary };
}
