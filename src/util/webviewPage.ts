import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { buildPageHtml } from '../lesson/html';

/** Scripts may run; files load only from media/. */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')] };
}

/** Fills a webview with one of the pages in media/, with a fresh nonce and the initial state. */
export function renderPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { script: string; style: string; title: string; state: unknown }): void {
  const media = (...file: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', ...file)).toString();
  webview.html = buildPageHtml(
    { cspSource: webview.cspSource, scriptUris: [media('page.js'), media(page.script)], styleUris: [media('base.css'), media(page.style)], codiconUri: media('codicons', 'codicon.css') },
    randomBytes(16).toString('base64'),
    page.title,
    page.state,
  );
}

/**
 * Routes a panel's messages to `handle` (failures are logged and shown) and calls `onDispose`
 * once when the panel closes, after dropping its listeners.
 */
export function wirePanel(panel: vscode.WebviewPanel, what: string, handle: (raw: unknown) => Promise<unknown>, onDispose: () => void, log: vscode.LogOutputChannel): void {
  const subscriptions = [
    panel.webview.onDidReceiveMessage((raw) => handle(raw).catch((err) => {
      log.error(`${what} action failed: ${(err as Error).stack ?? err}`);
      void vscode.window.showErrorMessage(`Backend Roadmap: ${(err as Error).message}`);
    })),
    panel.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      onDispose();
    }),
  ];
}
