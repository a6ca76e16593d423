import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import { buildPageHtml, pageAssets, type PageFiles } from './html';
import type { Ready } from './protocol';
import { messagesBetween, RenderQueue } from './render';

/** Which page a panel shows. */
export interface PageSpec extends PageFiles {
  viewType: string;
  /** How the log and error messages name the page ("lesson page"). */
  name: string;
}

/**
 * One webview panel drawn from media/, the base of every page: the shell HTML with its CSP and
 * nonce, the initial state in the HTML, the `ready` handshake, every incoming message checked
 * before it acts, typed messages out, one drawing per turn that posts only what changed, restore
 * or dispose after a reload, and disposal. A page says what it shows (`title`, `snapshot`, and
 * `partial` for small updates), how its messages are checked (`parse`, from its protocol.ts) and
 * what they do (`act`).
 */
export abstract class WebviewPage<ToPage, FromPage extends { type: string }> extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelSubscriptions: vscode.Disposable[] = [];
  private ready = false;
  /** The snapshot written into the panel's HTML: what a page (re)loaded from it shows. */
  private inHtml: ToPage | undefined;
  /** What the page shows now, as a snapshot: drawing posts only the difference. */
  private shown: ToPage | undefined;
  private readonly queue = new RenderQueue(() => this.draw());
  /** Messages from the page that were refused (logged, never acted on). */
  rejected = 0;
  /** Messages posted to the page. */
  posted = 0;

  protected constructor(
    protected readonly extensionUri: vscode.Uri,
    protected readonly log: vscode.LogOutputChannel,
    private readonly spec: PageSpec,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Whether the page has said it is ready: until then, changes wait for it instead of being posted. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Checks a message from the page (its protocol's parser); undefined refuses it. */
  protected abstract parse(raw: unknown): FromPage | undefined;
  /** Does what a checked message asks; `ready` is handled here and never reaches it. */
  protected abstract act(message: Exclude<FromPage, Ready>): Promise<void>;
  /** The panel's tab title. */
  protected abstract title(): string;
  /** Everything the page shows, as the message that draws it whole; the HTML carries it too. */
  protected abstract snapshot(): ToPage;

  /** Smaller messages that take the page from `before` to `now`, when a page has them. */
  protected partial(_before: ToPage, _now: ToPage): ToPage[] | undefined {
    return undefined;
  }

  /** Reveals the open panel, or opens one in `column`. True when it had to be opened. */
  protected openPanel(column: vscode.ViewColumn, preserveFocus = false): boolean {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      return false;
    }
    this.attach(vscode.window.createWebviewPanel(this.spec.viewType, this.title(), { viewColumn: column, preserveFocus }, this.options()));
    return true;
  }

  /**
   * For the panel serializer after a window reload: takes the panel, or disposes it when
   * `refusal` says why its saved state no longer means anything, or when a panel is open already.
   */
  protected reviveOrDispose(panel: vscode.WebviewPanel, refusal?: string): boolean {
    if (refusal !== undefined || this.panel) {
      this.log.info(`${this.spec.name} not restored: ${refusal ?? 'one is open already'}`);
      panel.dispose();
      return false;
    }
    panel.webview.options = this.options();
    this.attach(panel);
    return true;
  }

  /** Notes that what the page shows may have changed: it is drawn once for all the notes of this turn. */
  protected invalidate(): void {
    if (this.panel) this.queue.request();
  }

  /** Answers the page at once, beside what it draws (a graded answer); nothing when no page is ready. */
  protected reply(message: ToPage): void {
    if (!this.panel || !this.ready) return;
    this.posted++;
    void this.panel.webview.postMessage(message);
  }

  /** Handles a message as if the page had sent it: checked first, refused ones are logged and counted. */
  async handleMessage(raw: unknown): Promise<boolean> {
    const message = this.parse(raw);
    if (!message) {
      this.rejected++;
      this.log.warn(`${this.spec.name} sent a message that was refused: ${safeJson(raw)}`);
      return false;
    }
    if (message.type === 'ready') {
      // The page drew the state in its HTML: on first load, and again when VS Code reloads a
      // hidden webview that is shown again. Whatever changed since is sent now.
      this.ready = true;
      this.shown = this.inHtml;
      this.invalidate();
      return true;
    }
    await this.act(message as Exclude<FromPage, Ready>);
    return true;
  }

  private draw(): void {
    const panel = this.panel;
    if (!panel) return;
    try {
      panel.title = this.title();
      // A page that is not ready yet is brought up to date when it says it is.
      if (!this.ready) return;
      const now = this.snapshot();
      for (const message of messagesBetween(this.shown, now, (before, after) => this.partial(before, after))) {
        this.posted++;
        void panel.webview.postMessage(message);
      }
      this.shown = now;
    } catch (err) {
      this.log.error(`${this.spec.name} could not be drawn: ${(err as Error).stack ?? err}`);
    }
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    // Scripts run; files load only from media/. No retainContextWhenHidden: a page shown again
    // is reloaded from its HTML and brought up to date after its `ready`.
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    this.queue.cancel();
    const title = this.title();
    this.inHtml = this.snapshot();
    this.shown = undefined;
    panel.title = title;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'roadmap.svg');
    const media = (...file: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', ...file)).toString();
    panel.webview.html = buildPageHtml(pageAssets(panel.webview.cspSource, media, this.spec), randomBytes(16).toString('base64'), title, this.inHtml);
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((raw) => this.handleMessage(raw).catch((err) => {
        this.log.error(`${this.spec.name}: a message failed: ${(err as Error).stack ?? err}`);
        void vscode.window.showErrorMessage(`Backend Roadmap: ${(err as Error).message}`);
      })),
      panel.onDidDispose(() => this.detach()),
    ];
  }

  private detach(): void {
    for (const s of this.panelSubscriptions.splice(0)) s.dispose();
    this.panel = undefined;
    this.ready = false;
    this.inHtml = this.shown = undefined;
    this.queue.cancel();
  }

  override dispose(): void {
    this.panel?.dispose();
    super.dispose();
  }
}

/** A value for the log: short, and never a throw on cyclic or odd values. */
export function safeJson(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 200);
  } catch {
    return String(value);
  }
}
