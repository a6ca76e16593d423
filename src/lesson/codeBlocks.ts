/**
 * The code blocks of a lesson, read back from its rendered HTML: what "Copy" copies and "Run in
 * Terminal" runs. The page names a block only by its number, so what runs is always the lesson's own
 * text, never text the page sends. Pure: no `vscode`.
 */

export interface CodeBlock {
  /** The fence's language tag (`bash`, `ts`...), when it has one. */
  lang?: string;
  text: string;
}

/** Fence languages whose blocks are commands for a shell, and may be run in a terminal. */
export const SHELL_LANGS: readonly string[] = ['bash', 'sh', 'shell', 'zsh', 'console'];

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** Every `<pre><code>` block of the HTML, in order, its text unescaped and without the final newline. */
export function codeBlocks(html: string): CodeBlock[] {
  return [...html.matchAll(/<pre><code(?: class="language-([\w+#.-]+)")?>([\s\S]*?)<\/code><\/pre>/g)].map((m) => ({
    ...(m[1] ? { lang: m[1] } : {}),
    text: m[2].replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]).replace(/\n$/, ''),
  }));
}

export function isShellBlock(block: CodeBlock): boolean {
  return block.lang !== undefined && SHELL_LANGS.includes(block.lang);
}
