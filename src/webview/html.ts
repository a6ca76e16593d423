/**
 * The shell every webview page is drawn in, and the escaping that keeps text and data inside it.
 * Pure: no `vscode` import, so plain tests can check it.
 */

/** What a page loads besides the shell: its own script and style, after the shared ones. */
export interface PageFiles {
  /** The page's script in media/, loaded after media/page.js. */
  script: string;
  /** Scripts in media/ the page's script uses, loaded before it. */
  parts?: string[];
  /** The page's style in media/, loaded after media/base.css. */
  style: string;
}

export interface PageAssets {
  /** `webview.cspSource`: the origin allowed for the page's own styles, fonts and images. */
  cspSource: string;
  /** Loaded in order, each with the render's nonce. */
  scriptUris: string[];
  styleUris: string[];
  codiconUri?: string;
}

/** Escapes text for HTML content and for a double- or single-quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The files of one page, as webview URIs made by `media` (which maps a path under media/): the
 * shared script and style first, so each page's own files may use them.
 */
export function pageAssets(cspSource: string, media: (...path: string[]) => string, page: PageFiles): PageAssets {
  return {
    cspSource,
    scriptUris: [media('page.js'), ...(page.parts ?? []).map((p) => media(p)), media(page.script)],
    styleUris: [media('base.css'), media(page.style)],
    codiconUri: media('codicons', 'codicon.css'),
  };
}

/**
 * The CSP: nothing by default; scripts only with this render's nonce; styles, fonts and images
 * from the extension's media/ (images also from https, which a lesson may show).
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} https:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * The page's whole HTML. `initialState` goes into the body's `data-state` attribute, escaped, so
 * the page draws at once without an inline script (which the CSP forbids anyway).
 */
export function buildPageHtml(assets: PageAssets, nonce: string, title: string, initialState: unknown): string {
  const csp = contentSecurityPolicy(assets.cspSource, nonce);
  const codicons = assets.codiconUri ? `\n  <link rel="stylesheet" href="${escapeHtml(assets.codiconUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">${codicons}
${assets.styleUris.map((u) => `  <link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n')}
  <title>${escapeHtml(title)}</title>
</head>
<body data-state="${escapeHtml(JSON.stringify(initialState ?? null))}">
  <main id="app" aria-live="polite"></main>
${assets.scriptUris.map((u) => `  <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(u)}"></script>`).join('\n')}
</body>
</html>`;
}
