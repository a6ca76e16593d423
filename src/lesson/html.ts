/** Builds the lesson page's HTML. Pure: no `vscode` import, so plain tests can check it. */

export interface PageAssets {
  /** `webview.cspSource`: the origin allowed for the page's own styles, scripts and fonts. */
  cspSource: string;
  /** Loaded in order, each with the render's nonce. */
  scriptUris: string[];
  styleUris: string[];
  codiconUri?: string;
}

export function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The CSP: nothing by default; scripts only with this render's nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} https:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function buildPageHtml(assets: PageAssets, nonce: string, title: string, initialState: unknown): string {
  const csp = contentSecurityPolicy(assets.cspSource, nonce);
  const codicons = assets.codiconUri ? `\n  <link rel="stylesheet" href="${escapeAttribute(assets.codiconUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">${codicons}
${assets.styleUris.map((u) => `  <link rel="stylesheet" href="${escapeAttribute(u)}">`).join('\n')}
  <title>${escapeAttribute(title)}</title>
</head>
<body data-state="${escapeAttribute(JSON.stringify(initialState ?? null))}">
  <main id="app" aria-live="polite"></main>
${assets.scriptUris.map((u) => `  <script nonce="${nonce}" src="${escapeAttribute(u)}"></script>`).join('\n')}
</body>
</html>`;
}
