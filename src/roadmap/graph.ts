/**
 * The checks over a roadmap's ids as a whole: duplicate ids, references to nodes that do not
 * exist, prerequisites that form a cycle or come later in the order, and choice groups.
 */
import { closest, type Fields } from './fields';
import type { Roadmap } from './model';
import type { Severity } from './problems';
import type { SourceSet } from './source';

/** Every node id of a roadmap, where it is written, and every place that names a node. */
export class NodeGraph {
  private readonly sites = new Map<string, Fields>();
  private readonly refs: { id: string; list: unknown[]; index: number; what: string }[] = [];

  constructor(private readonly src: SourceSet) {}

  /** Records the node written in `owner`; false, with a problem, when its id is taken. */
  addNode(id: string, owner: Fields): boolean {
    const first = this.sites.get(id);
    if (first) {
      const at = this.src.locate(first, 'id');
      this.src.value(owner, 'id', `duplicate node id '${id}' (first defined at ${at.file}:${at.line}:${at.column}): give each node its own id`);
      return false;
    }
    this.sites.set(id, owner);
    return true;
  }

  /** Records that `list[index]` names a node; checked once every node is known. */
  addReference(id: string, list: unknown[], index: number, what: string): void {
    this.refs.push({ id, list, index, what });
  }

  /** Reports every reference to a node id the roadmap does not have, with the id it likely meant. */
  checkReferences(): void {
    for (const ref of this.refs) {
      if (this.sites.has(ref.id)) continue;
      const hint = closest(ref.id, [...this.sites.keys()]);
      this.src.value(ref.list, ref.index, `unknown node id '${ref.id}' (${ref.what})${hint ? `: did you mean '${hint}'?` : ': use the id of a node in this roadmap'}`);
    }
  }

  /** Where a node is written, for checks made once every node is read. */
  site(id: string): Fields | undefined {
    return this.sites.get(id);
  }

  /**
   * Reports every prerequisite that comes later in the roadmap's order than the node that needs
   * it, at the prerequisite: the order is the learning order, so a learner never meets a topic
   * before what it builds on. Skipped when the prerequisites form a cycle (reported on its own).
   */
  checkOrder(roadmap: Roadmap, severity?: Severity): void {
    const place = new Map<string, { index: number; section: string }>();
    for (const s of roadmap.sections) for (const n of s.nodes) place.set(n.id, { index: place.size, section: s.title || s.id });
    for (const s of roadmap.sections) {
      for (const n of s.nodes) {
        const at = place.get(n.id)!;
        const written = this.sites.get(n.id)?.prerequisites;
        if (!Array.isArray(written)) continue;
        written.forEach((p, i) => {
          const later = typeof p === 'string' ? place.get(p) : undefined;
          if (!later || later.index <= at.index) return;
          const where = later.section === at.section ? `later in section '${at.section}'` : `in a later section ('${later.section}')`;
          this.src.value(written, i, `prerequisite '${p}' of '${n.id}' comes ${where}: move '${p}' before '${n.id}', or drop it if '${n.id}' does not build on it`, severity);
        });
      }
    }
  }

  /** Reports a choice group of one node: a choice needs two topics or more to choose from. */
  checkChoices(roadmap: Roadmap): void {
    const groups = new Map<string, string[]>();
    for (const s of roadmap.sections) for (const n of s.nodes) if (n.choice) groups.set(n.choice, [...(groups.get(n.choice) ?? []), n.id]);
    for (const [group, ids] of groups) {
      if (ids.length === 1) this.src.value(this.sites.get(ids[0])!, 'choice', `choice '${group}' has only the node '${ids[0]}': give two or more nodes 'choice: ${group}', or remove it`);
    }
  }

  /** Reports each cycle of prerequisites once, at the prerequisite that closes it; true when there is one. */
  checkCycles(roadmap: Roadmap): boolean {
    const prereqs = new Map<string, string[]>();
    for (const s of roadmap.sections) for (const n of s.nodes) prereqs.set(n.id, n.prerequisites.filter((p) => p !== n.id));
    const state = new Map<string, 'visiting' | 'done'>();
    const reported = new Set<string>();
    // Depth-first with an explicit stack: a long chain of prerequisites in a big file must not
    // overflow the call stack.
    for (const root of prereqs.keys()) {
      if (state.has(root)) continue;
      const stack: { id: string; next: number }[] = [{ id: root, next: 0 }];
      state.set(root, 'visiting');
      while (stack.length > 0) {
        const frame = stack[stack.length - 1];
        const list = prereqs.get(frame.id)!;
        if (frame.next >= list.length) {
          stack.pop();
          state.set(frame.id, 'done');
          continue;
        }
        const p = list[frame.next++];
        if (!prereqs.has(p)) continue;
        const s = state.get(p);
        if (s === 'visiting') {
          const ids = stack.map((f) => f.id);
          const cycle = [...ids.slice(ids.indexOf(p)), p];
          const key = [...cycle].sort().join(',');
          if (!reported.has(key)) {
            reported.add(key);
            const written = (this.sites.get(frame.id)!.prerequisites as unknown[]) ?? [];
            this.src.value(written, written.indexOf(p), `prerequisites form a cycle: ${cycle.join(' -> ')}; remove one of these prerequisites`);
          }
        } else if (s === undefined) {
          state.set(p, 'visiting');
          stack.push({ id: p, next: 0 });
        }
      }
    }
    return reported.size > 0;
  }
}

/** Ids of one list of sections, plans, phases, projects or milestones: each must be unique in it. */
export class UniqueIds {
  private readonly seen = new Set<string>();

  /** `where` names the list's owner ("plan 'six-months'"); without it the ids are unique in the roadmap. */
  constructor(private readonly src: SourceSet, private readonly kind: string, private readonly where?: string) {}

  check(id: string, owner: Fields): void {
    if (this.seen.has(id)) this.src.value(owner, 'id', `duplicate ${this.kind} id '${id}'${this.where ? ` in ${this.where}` : `: ${this.kind} ids must be unique`}`);
    this.seen.add(id);
  }
}
