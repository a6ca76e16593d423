/** Learner progress per node, kept in a VS Code Memento (workspaceState) under one versioned key. */

export const NODE_STATUSES = ['todo', 'in-progress', 'done', 'skipped'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export interface NodeProgress {
  status: NodeStatus;
  /** ISO timestamps. */
  updatedAt: string;
  startedAt?: string;
  doneAt?: string;
  /** Milestone checks that passed for this node: check id -> ISO time. */
  verified?: Record<string, string>;
}

export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  nodes: Record<string, NodeProgress>;
}

export const PROGRESS_VERSION = 1;
export const PROGRESS_KEY = 'backendRoadmap.progress';

/** The part of vscode.Memento the store needs, so plain tests can pass an in-memory one. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export type Listener = (changedIds: string[]) => void;

/** Reads and writes progress; statuses of ids the roadmap no longer has are kept untouched. */
export class ProgressStore {
  private state: ProgressState;
  private readonly listeners = new Set<Listener>();
  /** Set when the stored value could not be read; it is left in place and not overwritten. */
  readonly loadProblem: string | undefined;

  constructor(private readonly memento: MementoLike, private readonly now: () => Date = () => new Date()) {
    const raw = memento.get<unknown>(PROGRESS_KEY);
    const parsed = parseState(raw);
    this.state = parsed.state;
    this.loadProblem = parsed.problem;
  }

  status(id: string): NodeStatus {
    return this.state.nodes[id]?.status ?? 'todo';
  }

  get(id: string): NodeProgress | undefined {
    return this.state.nodes[id];
  }

  /** Every id with saved progress, including ids the current roadmap does not have. */
  ids(): string[] {
    return Object.keys(this.state.nodes);
  }

  async setStatus(id: string, status: NodeStatus): Promise<void> {
    const current = this.state.nodes[id];
    if ((current?.status ?? 'todo') === status) return;
    const at = this.now().toISOString();
    const next: NodeProgress = { ...current, status, updatedAt: at };
    if (status === 'in-progress' && !next.startedAt) next.startedAt = at;
    if (status === 'done') next.doneAt = at;
    else delete next.doneAt;
    await this.write({ ...this.state.nodes, [id]: next }, [id]);
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private async write(nodes: Record<string, NodeProgress>, changed: string[]): Promise<void> {
    if (this.loadProblem) {
      throw new Error(`progress was not saved: the stored progress could not be read (${this.loadProblem}); export or reset it first`);
    }
    const next: ProgressState = { version: PROGRESS_VERSION, nodes };
    await this.memento.update(PROGRESS_KEY, next);
    this.state = next;
    for (const l of this.listeners) l(changed);
  }
}

function parseState(raw: unknown): { state: ProgressState; problem?: string } {
  const empty: ProgressState = { version: PROGRESS_VERSION, nodes: {} };
  if (raw === undefined) return { state: empty };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { state: empty, problem: `expected an object, found ${typeof raw}` };
  const r = raw as { version?: unknown; nodes?: unknown };
  if (r.version !== PROGRESS_VERSION) return { state: empty, problem: `unknown progress version ${String(r.version)}` };
  if (typeof r.nodes !== 'object' || r.nodes === null) return { state: empty, problem: `'nodes' is missing` };
  const nodes: Record<string, NodeProgress> = {};
  for (const [id, p] of Object.entries(r.nodes as Record<string, unknown>)) {
    const np = p as Partial<NodeProgress> | null;
    if (np && typeof np === 'object' && (NODE_STATUSES as readonly string[]).includes(String(np.status))) nodes[id] = np as NodeProgress;
  }
  return { state: { version: PROGRESS_VERSION, nodes } };
}
