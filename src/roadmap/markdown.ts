import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

/** Links a lesson may carry: https web pages, and `#node-id` to another node of the roadmap. */
export function isAllowedLessonLink(href: string): boolean {
  return /^https:\/\/[^/]/i.test(href) || /^#[a-z0-9-]+$/i.test(href);
}

/**
 * Markdown to HTML for lessons, which may come from an untrusted custom roadmap: raw HTML is
 * escaped, and a link or image whose target is not allowed (http://, javascript:, a relative
 * path...) becomes plain text: the link's text, the image's description.
 */
export function createLessonRenderer(): (markdown: string) => string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
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
    if (allowed(token, 'src')) return defaultImage(tokens, idx, options, env, self);
    return md.utils.escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
  };
  return (markdown: string) => md.render(markdown);
}
