import * as vscode from 'vscode';
import { CONTEXT_KEYS, LESSON_PANEL } from '../ids';
import type { ProgressStore } from '../progress/store';
import { BUILTIN_ROADMAP_ID, LANGUAGE_CHOICE } from '../roadmap/model';
import type { NodeRef, RoadmapIndex } from '../roadmap/model';
import { safeJson, WebviewPage } from '../webview/page';
import type { Ready } from '../webview/protocol';
import type { MilestoneRef, MilestoneView } from '../practice/milestoneView';
import { parseWebviewMessage, type FromWebview, type LessonTerm, type LessonView, type MilestoneAction, type ToWebview } from './protocol';
import { buildLessonView, lessonUpdates } from './view';
import type { CompiledQuiz } from '../quiz/compiled';
import { answerItem, buildQuizView, rateQuestion } from './quizView';
import { copyCodeBlock, runCodeBlock } from './codeActions';

interface SavedState {
  nodeId?: string;
  /** Absent in states saved before roadmaps of the workspace's own: the built-in roadmap. */
  roadmapId?: string;
  /** A milestone page's. */
  projectId?: string;
  milestoneId?: string;
}

/** What the panel shows: a topic's lesson or a milestone's page. */
type PageRef = NodeRef | MilestoneRef;
const isMilestone = (ref: PageRef | undefined): ref is MilestoneRef => !!ref && 'milestoneId' in ref;

/** The milestone pages' content and actions (the practice loop, loaded on first use). */
export interface MilestonePages {
  view(ref: MilestoneRef): MilestoneView | undefined;
  act(ref: MilestoneRef, action: MilestoneAction): Promise<void>;
  onDidChange: vscode.Event<void>;
}

/** One roadmap as the lesson page sees it. */
export interface LessonRoadmap {
  index: RoadmapIndex;
  html(nodeId: string): string | undefined;
  /** Node ids in the order previous/next walk. */
  order(): string[];
  hasStarter(projectId: string): boolean;
  /** Whether the page names the roadmap (a workspace roadmap's lessons do). */
  showTitle: boolean;
}

/** What the lesson page can ask of the rest of the extension. */
export interface LessonActions {
  /** The built-in roadmap or one of the workspace's, by id. */
  roadmap(roadmapId: string): LessonRoadmap | undefined;
  /** Resolves once the workspace's roadmaps are loaded (a panel restored after a reload waits for them). */
  roadmapsLoaded(): Promise<void>;
  onDidChangeRoadmaps: vscode.Event<void>;
  hasNotes(nodeId: string, roadmapId: string): boolean;
  onDidChangeNotes: vscode.Event<void>;
  openNotes(nodeId: string, roadmapId: string): Thenable<unknown>;
  openDashboard(roadmapId: string): Thenable<unknown>;
  scaffold(projectId: string, roadmapId: string): Thenable<unknown>;
  /** Whether a built-in project idea has milestone checks, so its milestones have pages. */
  hasChecks(projectId: string): boolean;
  /** A topic's quiz, where it has one. */
  quiz(roadmapId: string, nodeId: string): CompiledQuiz | undefined;
  /** The glossary terms a topic's lesson uses, where its roadmap has a glossary. */
  terms(roadmapId: string, nodeId: string): LessonTerm[] | undefined;
  milestones(): MilestonePages;
  /** A built-in topic's exercise, where it has one. */
  exercise(nodeId: string): { title: string; stacks: string[] } | undefined;
  startExercise(nodeId: string): Thenable<unknown>;
  /** Makes a language topic the learner's, or (without one) asks which. */
  chooseLanguage(nodeId?: string): Thenable<unknown>;
  /** The learner chose another language: what counts has changed. */
  onDidChangeLanguage: vscode.Event<void>;
}

/** The one lesson panel: created on first use, then its content is swapped by message. */
export class LessonPanel extends WebviewPage<ToWebview, FromWebview> {
  private current: PageRef | undefined;
  private milestonesWatched = false;

  constructor(
    extensionUri: vscode.Uri,
    private readonly store: ProgressStore,
    private readonly actions: LessonActions,
    log: vscode.LogOutputChannel,
  ) {
    super(extensionUri, log, { viewType: LESSON_PANEL, name: 'lesson page', script: 'lesson.js', parts: ['milestone.js', 'quiz.js'], style: 'lesson.css' });
    // Each of these may change what the page shows; it is drawn once per turn, with what changed.
    this._register(store.onDidChange((change) => {
      // A change without nodes (a dashboard's progress signal) shows nowhere on the page.
      if (change.roadmapId === this.current?.roadmapId && (change.nodeIds.length > 0 || isMilestone(this.current))) this.invalidate();
    }));
    this._register(actions.onDidChangeNotes(() => this.invalidate()));
    this._register(actions.onDidChangeLanguage(() => this.invalidate()));
    // Trusting the folder offers "Run in Terminal" on shell blocks.
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.invalidate()));
    // A workspace roadmap's file was saved: show the lesson as it now reads, if the node is still there.
    this._register(actions.onDidChangeRoadmaps(() => {
      const at = this.current;
      if (at && !isMilestone(at) && actions.roadmap(at.roadmapId)?.index.node(at.nodeId)) this.invalidate();
    }));
  }

  get currentNodeId(): string | undefined {
    return isMilestone(this.current) ? undefined : this.current?.nodeId;
  }

  /** The node shown, with its roadmap. */
  get currentNode(): NodeRef | undefined {
    return isMilestone(this.current) ? undefined : this.current;
  }

  /** The milestone page shown. */
  get currentMilestone(): MilestoneRef | undefined {
    return isMilestone(this.current) ? this.current : undefined;
  }

  /** Shows a milestone's page: what to build, how it is tested, hints, the last results. */
  showMilestone(ref: MilestoneRef): void {
    const pages = this.actions.milestones();
    if (!pages.view(ref)) throw new Error(`no milestone '${ref.milestoneId}' with checks in the project idea '${ref.projectId}'`);
    this.followMilestones();
    this.current = { roadmapId: ref.roadmapId, projectId: ref.projectId, milestoneId: ref.milestoneId };
    if (!this.openPanel(vscode.ViewColumn.Beside)) this.invalidate();
  }

  show(nodeId: string, roadmapId = BUILTIN_ROADMAP_ID): void {
    const roadmap = this.actions.roadmap(roadmapId);
    if (!roadmap) throw new Error(`no roadmap '${roadmapId}' is loaded`);
    if (!roadmap.index.node(nodeId)) throw new Error(`no node '${nodeId}' in the roadmap '${roadmap.index.roadmap.title || roadmapId}'`);
    this.current = { roadmapId, nodeId };
    if (!this.openPanel(vscode.ViewColumn.Beside)) this.invalidate();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.lessonOpened, true);
  }

  /** A milestone page follows its results and watch mode's state: subscribed once, when the first is shown. */
  private followMilestones(): void {
    if (this.milestonesWatched) return;
    this.milestonesWatched = true;
    this._register(this.actions.milestones().onDidChange(() => isMilestone(this.current) && this.invalidate()));
  }

  /** Called by the serializer after a window reload; a state that names no node disposes the panel. */
  async revive(panel: vscode.WebviewPanel, state: SavedState | undefined): Promise<void> {
    if (typeof state?.projectId === 'string' && typeof state.milestoneId === 'string') {
      const ref: MilestoneRef = { roadmapId: BUILTIN_ROADMAP_ID, projectId: state.projectId, milestoneId: state.milestoneId };
      if (!this.actions.hasChecks(ref.projectId) || !this.actions.milestones().view(ref)) {
        this.reviveOrDispose(panel, `its saved state ${safeJson(state)} names no milestone with checks`);
        return;
      }
      if (!this.isOpen) this.current = ref;
      this.followMilestones();
      this.reviveOrDispose(panel);
      return;
    }
    const nodeId = state?.nodeId;
    const roadmapId = typeof state?.roadmapId === 'string' ? state.roadmapId : BUILTIN_ROADMAP_ID;
    if (!this.actions.roadmap(roadmapId)) await this.actions.roadmapsLoaded();
    if (typeof nodeId !== 'string' || !this.actions.roadmap(roadmapId)?.index.node(nodeId)) {
      this.reviveOrDispose(panel, `its saved state ${safeJson(state ?? null)} names no node of a loaded roadmap`);
      return;
    }
    if (!this.isOpen) this.current = { roadmapId, nodeId };
    this.reviveOrDispose(panel);
  }

  protected parse(raw: unknown): FromWebview | undefined {
    const roadmap = this.current && this.actions.roadmap(this.current.roadmapId);
    const message = parseWebviewMessage(raw, {
      knownNode: (id) => roadmap?.index.node(id) !== undefined,
      knownProject: (id) => roadmap?.index.roadmap.projects.some((p) => p.id === id) === true,
      // Milestone pages belong to the built-in roadmap's ideas with checks.
      knownMilestone: (projectId, milestoneId) => this.current?.roadmapId === BUILTIN_ROADMAP_ID && this.actions.hasChecks(projectId) && !!this.actions.milestones().view({ roadmapId: BUILTIN_ROADMAP_ID, projectId, milestoneId }),
      showsMilestone: isMilestone(this.current),
      hasExercise: (id) => this.current?.roadmapId === BUILTIN_ROADMAP_ID && this.actions.exercise(id) !== undefined,
      isLanguage: (id) => this.current?.roadmapId === BUILTIN_ROADMAP_ID && roadmap?.index.node(id)?.choice === LANGUAGE_CHOICE,
    });
    // Only ideas with a starter can be scaffolded; the page offers no button for the others.
    return message?.type === 'scaffold' && !roadmap?.hasStarter(message.projectId) ? undefined : message;
  }

  protected async act(message: Exclude<FromWebview, Ready>): Promise<void> {
    switch (message.type) {
      case 'setStatus':
        await this.store.setStatus(this.current!.roadmapId, message.nodeId, message.status);
        return;
      case 'openNode':
        this.show(message.nodeId, this.current!.roadmapId);
        return;
      case 'openMilestone':
        this.showMilestone({ roadmapId: this.current!.roadmapId, projectId: message.projectId, milestoneId: message.milestoneId });
        return;
      case 'milestoneAction':
        if (isMilestone(this.current)) await this.actions.milestones().act(this.current, message.action);
        return;
      case 'openNotes':
        await this.actions.openNotes(message.nodeId, this.current!.roadmapId);
        return;
      case 'openDashboard':
        await this.actions.openDashboard(this.current!.roadmapId);
        return;
      case 'scaffold':
        await this.actions.scaffold(message.projectId, this.current!.roadmapId);
        return;
      case 'startExercise':
        await this.actions.startExercise(message.nodeId);
        return;
      case 'chooseLanguage':
        await this.actions.chooseLanguage(message.nodeId);
        return;
      case 'answerItem':
      case 'rateQuestion':
        await this.answer(message);
        return;
      case 'copyCode':
        if (await copyCodeBlock(this.lessonHtml(message.nodeId), message.index, this.log)) this.reply({ type: 'copied', nodeId: message.nodeId, index: message.index });
        return;
      case 'runCode':
        await runCodeBlock(this.lessonHtml(message.nodeId), message.index, this.log);
        return;
      case 'openExternal':
        // The page never opens a link itself (media/page.js); VS Code asks before this opens the
        // site, unless the learner has told it to trust the site's domain.
        await vscode.env.openExternal(vscode.Uri.parse(message.url, true));
        return;
    }
  }

  /** Grades an answer or takes the learner's rating of a self-check question, saves it for review and tells the page. */
  private async answer(message: Extract<FromWebview, { type: 'answerItem' | 'rateQuestion' }>): Promise<void> {
    const roadmapId = this.current!.roadmapId;
    const quiz = this.actions.quiz(roadmapId, message.nodeId);
    const reviews = this.store.reviews(roadmapId);
    const now = new Date();
    if (message.type === 'rateQuestion') {
      const record = quiz && rateQuestion(message.nodeId, quiz, message.question, message.outcome, reviews, now);
      if (!record) return void this.log.warn(`lesson page rated a question '${message.nodeId}' does not ask: ${message.question}`);
      await this.store.recordReviews(roadmapId, message.nodeId, record);
      this.reply({ type: 'rated', nodeId: message.nodeId, question: message.question, due: Object.values(record)[0].due });
      return;
    }
    const result = quiz && answerItem(message.nodeId, quiz, message.itemId, message.picked ? { picked: message.picked } : { typed: message.typed ?? '' }, reviews, now);
    if (!result) return void this.log.warn(`lesson page answered an item '${message.nodeId}' does not have: ${message.itemId}`);
    await this.store.recordReviews(roadmapId, message.nodeId, result.record);
    this.reply({ type: 'graded', nodeId: message.nodeId, graded: result.graded });
  }

  /** The HTML of a lesson of the roadmap shown: where a code block's text is read from. */
  private lessonHtml(nodeId: string): string | undefined {
    return this.current && this.actions.roadmap(this.current.roadmapId)?.html(nodeId);
  }

  protected title(): string {
    const at = this.current!;
    if (isMilestone(at)) return this.actions.milestones().view(at)?.title ?? at.milestoneId;
    const { roadmapId, nodeId } = at;
    const node = this.actions.roadmap(roadmapId)?.index.node(nodeId);
    return node?.title || nodeId;
  }

  protected snapshot(): ToWebview {
    const at = this.current!;
    if (isMilestone(at)) {
      const milestone = this.actions.milestones().view(at);
      if (milestone) return { type: 'milestone', milestone };
      throw new Error(`the milestone '${at.milestoneId}' of '${at.projectId}' has no checks any more`);
    }
    return { type: 'show', lesson: this.view(at) };
  }

  protected override partial(before: ToWebview, now: ToWebview): ToWebview[] | undefined {
    return before.type === 'show' && now.type === 'show' ? lessonUpdates(before.lesson, now.lesson) : undefined;
  }

  private view({ roadmapId, nodeId }: NodeRef): LessonView {
    const roadmap = this.actions.roadmap(roadmapId);
    if (!roadmap) throw new Error(`no roadmap '${roadmapId}' is loaded`);
    return buildLessonView(roadmap.index, nodeId, {
      statusOf: (id) => this.store.displayStatus(roadmapId, id),
      peeked: (id) => this.store.peeked(roadmapId, id),
      html: (id) => roadmap.html(id),
      hasNotes: (id) => this.actions.hasNotes(id, roadmapId),
      order: roadmap.order(),
      hasStarter: (id) => roadmap.hasStarter(id),
      hasChecks: (id) => roadmapId === BUILTIN_ROADMAP_ID && this.actions.hasChecks(id),
      showRoadmapTitle: roadmap.showTitle,
      canRun: vscode.workspace.isTrusted,
      terms: (id) => this.actions.terms(roadmapId, id),
      exercise: (id) => (roadmapId === BUILTIN_ROADMAP_ID ? this.actions.exercise(id) : undefined),
      languages: roadmapId === BUILTIN_ROADMAP_ID,
      quiz: (id) => {
        const quiz = this.actions.quiz(roadmapId, id);
        return quiz && buildQuizView(id, quiz, this.store.reviews(roadmapId), new Date());
      },
    });
  }
}
