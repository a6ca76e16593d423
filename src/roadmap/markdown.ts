import MarkdownIt from 'markdown-it';

/** Links a lesson may carry: web pages, and `#node-id` to another node of the roadmap. */
export function isAllowedLessonLink(href: string): boolean {
  return /^https?:\/\//i.test(href) || /^#[a-z0-9-]+$/i.test(href);
}

/**
 * Markdown to HTML for lessons, which may come from an untrusted custom roadmap: raw HTML is
 * escaped, and a link or image whose target is not allowed keeps only its text.
 */
export function createLessonRenderer(): (markdown: string) => string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.validateLink = (url: string) => isAllowedLessonLink(url.trim());
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const href = token.attrGet('href') ?? '';
    if (href.startsWith('#')) token.attrSet('data-node', href.slice(1));
    else token.attrSet('rel', 'noopener noreferrer');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return (markdown: string) => md.render(markdown);
}
