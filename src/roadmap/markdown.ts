import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { DIAGRAM_SCHEME } from './diagrams';

/** Links a lesson may carry: https web pages, and `#node-id` to another node of the roadmap. */
export function isAllowedLessonLink(href: string): boolean {
  return /^https:\/\/[^/]/i.test(href) || /^#[a-z0-9-]+$/i.test(href);
}

/**
 * Markdown to HTML for lessons, which may come from an untrusted custom roadmap: raw HTML is
 * escaped, and a link or image whose target is not allowed (http://, javascript:, a relative
 * path...) becomes plain text: the link's text, the image's description.
 *
 * `diagrams` holds the SVG drawn at build time for the roadmap's diagrams (src/roadmap/graphviz.ts):
 * an image `![What the picture shows](diagram:name)` of one of them, alone in its paragraph, becomes a
 * figure with the SVG and its text alternative; otherwise (inside a sentence, an unknown name, a roadmap
 * of the learner's own) such an image is its text, as any image the renderer refuses.
 */
export function createLessonRenderer(options: { diagrams?: ReadonlyMap<string, string> } = {}): (markdown: string) => string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  const diagrams = options.diagrams ?? new Map<string, string>();
  const diagramOf = (token: Token) => {
    const src = (token.attrGet('src') ?? '').trim();
    return src.startsWith(DIAGRAM_SCHEME) ? diagrams.get(src.slice(DIAGRAM_SCHEME.length)) : undefined;
  };
  // A figure cannot sit in a paragraph: a paragraph that holds only a diagram loses its <p>.
  md.core.ruler.push('diagram_figures', (state) => {
    const tokens = state.tokens;
    for (let i = 1; i + 1 < tokens.length; i++) {
      const children = (tokens[i].children ?? []).filter((c) => !(c.type === 'text' && c.content.trim() === '') && c.type !== 'softbreak');
      if (tokens[i].type === 'inline' && tokens[i - 1].type === 'paragraph_open' && children.length === 1 && children[0].type === 'image' && diagramOf(children[0]) !== undefined) {
        tokens[i - 1].hidden = true;
        tokens[i + 1].hidden = true;
        children[0].meta = { figure: true };
      }
    }
  });
  // Every target parses as a link, so the renderer below can keep the text of one it refuses.
  md.validateLink = () => true;
  const allowed = (token: Token, attr: string) => isAllowedLessonLink((token.attrGet(attr) ?? '').trim());
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const defaultLinkClose = md.renderer.rules.link_close ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!allowed(token, 'href')) return '';
    const href = token.attrGet('href')!;
    if (href.startsWith('#')) token.attrSet('data-node', href.slice(1));
    else token.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  md.renderer.rules.link_close = (tokens, idx, options, env, self) => {
    // Links do not nest: the nearest link_open before this close is its own.
    let open = idx - 1;
    while (open >= 0 && tokens[open].type !== 'link_open') open--;
    return open >= 0 && !allowed(tokens[open], 'href') ? '' : defaultLinkClose(tokens, idx, options, env, self);
  };
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const svg = token.meta?.figure === true ? diagramOf(token) : undefined;
    if (svg !== undefined) {
      const alt = md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
      return `<figure class="diagram" role="img" aria-label="${alt}">${svg}<figcaption>${alt}</figcaption></figure>`;
    }
    if (allowed(token, 'src')) return defaultImage(tokens, idx, options, env, self);
    return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  };
  return (markdown: string) => md.render(markdown);
}
