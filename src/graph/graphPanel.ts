import * as vscode from 'vscode';
import { GRAPH_PANEL } from '../ids';
import type { Grouping } from '../progress/plan';
import type { ProgressStore } from '../progress/store';
import type { RoadmapIndex } from '../roadmap/model';
import type { ShownRoadmap } from '../roadmaps/registry';
import { WebviewPage } from '../webview/page';
import type { Ready } from '../webview/protocol';
import type { LayoutCache } from './layouts';
import { layoutInput, type GraphLayout, type LayoutInput } from './model';
import { decodePng, parseGraphMessage, type FromGraph, type ToGraph } from './protocol';
import { buildGraphView, marksOf, type GraphView } from './view';

/** What a graph page asks of the rest of the extension. */
export interface GraphActions {
  openLesson(roadmapId: string, nodeId: string): void;
  export(roadmapId: string, what: 'svg' | 'png' | 'summary'): Promise<unknown>;
}

const IMAGE_TIMEOUT_MS = 60_000;
const RETRY_MS = 4_000;
const inputs = new WeakMap<RoadmapIndex, LayoutInput>();

/** The layout input of a roadmap, made once per loaded roadmap. */
export function inputOf(index: RoadmapIndex): LayoutInput {
  let input = inputs.get(index);
  if (!input) inputs.set(index, (input = layoutInput(index)));
  return input;
}

/** One roadmap drawn as a graph: bands, boxes, edges, each topic's status; follows progress live. */
export class GraphPanel extends WebviewPage<ToGraph, FromGraph> {
  private layout: GraphLayout | undefined;
  private problem: string | undefined;
  private layoutRun: Promise<GraphLayout | undefined> | undefined;
  private readonly images = new Map<number, { resolve(png: Buffer): void; reject(err: Error): void; timer: NodeJS.Timeout }>();
  private nextImage = 1;
  /** The layout hash the page last said it drew, and waiters for the next. */
  drawnHash: string | undefined;
  private drawnWaiters: (() => void)[] = [];

  constructor(
    extensionUri: vscode.Uri,
    private roadmap: ShownRoadmap,
    private readonly store: ProgressStore,
    private readonly grouping: () => Grouping,
    private readonly layouts: LayoutCache,
    private readonly actions: GraphActions,
    log: vscode.LogOutputChannel,
    private readonly tabTitle: string,
  ) {
    super(extensionUri, log, { viewType: GRAPH_PANEL, name: 'graph page', script: 'graph.js', parts: ['graphCull.js'], style: 'graph.css' });
  }

  get index(): RoadmapIndex {
    return this.roadmap.index;
  }

  show(): void {
    void this.ensureLayout();
    if (!this.openPanel(vscode.ViewColumn.Active)) this.refresh();
  }

  revive(panel: vscode.WebviewPanel): void {
    void this.ensureLayout();
    this.reviveOrDispose(panel);
  }

  /** The roadmap was read again (its file changed): drawn anew, laid out again if its shape changed. */
  useRoadmap(roadmap: ShownRoadmap): void {
    if (roadmap.index === this.roadmap.index) return;
    this.roadmap = roadmap;
    if (this.layout?.hash !== inputOf(roadmap.index).hash) {
      this.layout = this.problem = this.layoutRun = undefined;
      if (this.isOpen) void this.ensureLayout();
    }
    this.refresh();
  }

  refresh(): void {
    this.invalidate();
  }

  /** The layout, from the cache or the worker; the page is drawn again when it arrives. */
  ensureLayout(): Promise<GraphLayout | undefined> {
    const input = inputOf(this.roadmap.index);
    if (this.layout?.hash === input.hash) return Promise.resolve(this.layout);
    const known = this.layouts.peek(input.hash);
    if (known) {
      this.layout = known;
      return Promise.resolve(known);
    }
    this.layoutRun ??= this.layouts.get(input).then(
      (layout) => {
        if (inputOf(this.roadmap.index).hash === layout.hash) this.layout = layout;
        this.refresh();
        return layout;
      },
      (err: Error) => {
        this.problem = err.message;
        this.log.error(`graph of '${this.roadmap.id}': ${err.message}`);
        this.refresh();
        return undefined;
      },
    ).finally(() => (this.layoutRun = undefined));
    return this.layoutRun;
  }

  /** Resolves once the page has drawn the current layout. */
  whenDrawn(): Promise<void> {
    return this.layout && this.drawnHash === this.layout.hash ? Promise.resolve() : new Promise((resolve) => this.drawnWaiters.push(resolve));
  }

  /** Reveals the page, waits for its drawing, and has it draw the picture as a PNG. */
  async renderPng(): Promise<Buffer> {
    this.show();
    const layout = await this.ensureLayout();
    if (!layout) throw new Error(`the graph of '${this.index.roadmap.title || this.roadmap.id}' could not be laid out: ${this.problem ?? 'see the log'}`);
    await this.whenDrawn();
    const requestId = this.nextImage++;
    return new Promise<Buffer>((resolve, reject) => {
      // A page shown again after it was hidden reloads, and may miss the request: it is asked again.
      const started = Date.now();
      const ask = () => {
        if (Date.now() - started >= IMAGE_TIMEOUT_MS) {
          this.images.delete(requestId);
          reject(new Error('the graph page did not draw the image within a minute; nothing was saved'));
          return;
        }
        this.reply({ type: 'renderImage', requestId });
        this.images.get(requestId)!.timer = setTimeout(ask, RETRY_MS);
      };
      this.images.set(requestId, { resolve, reject, timer: setTimeout(ask, 0) });
    });
  }

  /** Centres a topic on the page. */
  focusNode(nodeId: string): void {
    this.reply({ type: 'focusNode', nodeId });
  }

  protected parse(raw: unknown): FromGraph | undefined {
    return parseGraphMessage(raw, { knownNode: (id) => this.index.node(id) !== undefined, pendingImage: (id) => this.images.has(id) });
  }

  protected async act(message: Exclude<FromGraph, Ready>): Promise<void> {
    switch (message.type) {
      case 'openLesson':
        this.actions.openLesson(this.roadmap.id, message.nodeId);
        return;
      case 'setStatus':
        await this.store.setStatus(this.roadmap.id, message.nodeId, message.status);
        return;
      case 'export':
        await this.actions.export(this.roadmap.id, message.what);
        return;
      case 'drawn':
        this.drawnHash = message.hash;
        for (const w of this.drawnWaiters.splice(0)) w();
        return;
      case 'image': {
        const pending = this.images.get(message.requestId)!;
        this.images.delete(message.requestId);
        clearTimeout(pending.timer);
        try {
          pending.resolve(decodePng(message.png));
        } catch (err) {
          pending.reject(err as Error);
        }
        return;
      }
    }
  }

  protected title(): string {
    return this.tabTitle;
  }

  protected snapshot(): ToGraph {
    return { type: 'graph', graph: this.view() };
  }

  protected override partial(before: ToGraph, now: ToGraph): ToGraph[] | undefined {
    if (before.type !== 'graph' || now.type !== 'graph') return undefined;
    const a = before.graph;
    const b = now.graph;
    // Same picture, other marks: the page keeps its zoom, focus and drawn boxes.
    if (a.layout !== b.layout || a.problem !== b.problem || JSON.stringify(a.plan) !== JSON.stringify(b.plan) || JSON.stringify(a.topics) !== JSON.stringify(b.topics)) return undefined;
    return [{ type: 'marks', marks: b.marks }];
  }

  /** What the page shows now (also what the SVG export draws). */
  view(layout = this.layout): GraphView {
    const id = this.roadmap.id;
    const due = this.store.dueByTopic(id, new Date());
    const grouping = this.grouping();
    return buildGraphView(this.index, {
      marks: marksOf(this.index, { statusOf: (n) => this.store.displayStatus(id, n), dueOf: (n) => due.get(n) ?? 0, peeked: (n) => this.store.peeked(id, n) }),
      planId: grouping.kind === 'plan' ? grouping.planId : undefined,
      layout,
      problem: this.problem,
    });
  }

  override dispose(): void {
    for (const [, p] of this.images) {
      clearTimeout(p.timer);
      p.reject(new Error('the graph page was closed before it drew the image'));
    }
    this.images.clear();
    super.dispose();
  }
}
