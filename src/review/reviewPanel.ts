import * as vscode from 'vscode';
import { REVIEW_PANEL } from '../ids';
import { answerItem, rateQuestion } from '../lesson/quizView';
import type { ProgressStore } from '../progress/store';
import type { RoadmapSource } from '../roadmaps/registry';
import type { Ready } from '../webview/protocol';
import { WebviewPage } from '../webview/page';
import { parseReviewMessage, type FromReviewPage, type ToReviewPage } from './protocol';
import { ReviewSession, type SessionRoadmap } from './session';

/**
 * The review page (dist/reviewPanel.js): every quiz item and self-check question due now, across the
 * roadmaps shown, in one session. Answers are graded here, saved for review as on the lesson page,
 * and stay on the page with their verdict until a new session starts.
 */
export class ReviewPanel extends WebviewPage<ToReviewPage, FromReviewPage> {
  private session: ReviewSession;

  constructor(
    extensionUri: vscode.Uri,
    private readonly roadmaps: RoadmapSource,
    private readonly store: ProgressStore,
    private readonly openLesson: (roadmapId: string, nodeId: string) => void,
    log: vscode.LogOutputChannel,
  ) {
    super(extensionUri, log, { viewType: REVIEW_PANEL, name: 'review page', script: 'review.js', parts: ['quiz.js'], style: 'lesson.css' });
    this.session = this.newSession();
  }

  /** Starts a session with what is due now and shows it; false when nothing is due (no page opens for that). */
  show(): boolean {
    this.session = this.newSession();
    if (this.session.isEmpty && !this.isOpen) return false;
    if (!this.openPanel(vscode.ViewColumn.Active)) this.invalidate();
    return true;
  }

  /** After a window reload: a new session with what is due now. */
  revive(panel: vscode.WebviewPanel): void {
    this.session = this.newSession();
    this.reviveOrDispose(panel);
  }

  private newSession(): ReviewSession {
    const sources: SessionRoadmap[] = this.roadmaps.list().map((r) => ({
      id: r.id,
      title: r.index.roadmap.title || r.id,
      order: r.index.order,
      nodeTitle: (id) => r.index.node(id)?.title,
      quiz: (id) => r.quiz(id),
      reviews: this.store.reviews(r.id),
    }));
    return new ReviewSession(sources, new Date());
  }

  protected parse(raw: unknown): FromReviewPage | undefined {
    const s = this.session;
    return parseReviewMessage(raw, {
      knownNode: (roadmapId, nodeId) => this.roadmaps.get(roadmapId)?.index.node(nodeId) !== undefined,
      hasTopic: (roadmapId, nodeId) => s.topic(roadmapId, nodeId) !== undefined,
      hasItem: (roadmapId, nodeId, itemId) => s.hasItem(roadmapId, nodeId, itemId),
      hasQuestion: (roadmapId, nodeId, n) => s.hasQuestion(roadmapId, nodeId, n),
    });
  }

  protected async act(message: Exclude<FromReviewPage, Ready>): Promise<void> {
    // The page never opens a link itself; VS Code asks before this opens the site.
    if (message.type === 'openExternal') return void (await vscode.env.openExternal(vscode.Uri.parse(message.url, true)));
    const { roadmapId, nodeId } = message;
    if (message.type === 'openLesson') return this.openLesson(roadmapId, nodeId);
    const quiz = this.roadmaps.get(roadmapId)?.quiz(nodeId);
    // The roadmap file may have changed since the session started: the item is then gone.
    if (!quiz) return void this.log.warn(`review page: '${nodeId}' of '${roadmapId}' has no quiz any more`);
    const reviews = this.store.reviews(roadmapId);
    const now = new Date();
    if (message.type === 'rateQuestion') {
      const record = rateQuestion(nodeId, quiz, message.question, message.outcome, reviews, now);
      if (!record) return;
      await this.store.recordReviews(roadmapId, nodeId, record);
      const due = Object.values(record)[0].due;
      this.session.recordRated(roadmapId, nodeId, message.question, due);
      this.reply({ type: 'rated', roadmapId, nodeId, question: message.question, due });
      return;
    }
    const result = answerItem(nodeId, quiz, message.itemId, message.picked ? { picked: message.picked } : { typed: message.typed ?? '' }, reviews, now);
    if (!result) return void this.log.warn(`review page: '${nodeId}' has no item '${message.itemId}' any more`);
    await this.store.recordReviews(roadmapId, nodeId, result.record);
    this.session.recordGraded(roadmapId, nodeId, result.graded);
    this.reply({ type: 'graded', roadmapId, nodeId, graded: result.graded });
  }

  protected title(): string {
    return 'Review';
  }

  protected snapshot(): ToReviewPage {
    return { type: 'review', review: this.session.view() };
  }
}
