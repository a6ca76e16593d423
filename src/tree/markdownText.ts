/** Plain text inside the tree's Markdown tooltips. Pure: no `vscode`. */

/**
 * Text that a Markdown tooltip shows as written. Markdown's characters are escaped; a web address
 * becomes an autolink `<url>` instead, because VS Code links bare addresses itself and keeps any
 * backslash inside one, so an escaped address showed stray backslashes.
 */
export function escapeMarkdown(s: string): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(/\bhttps?:\/\/[^\s<>]+/g)) {
    const url = trimTrailing(m[0]);
    out += escapeText(s.slice(last, m.index)) + `<${url}>`;
    last = m.index! + url.length;
  }
  return out + escapeText(s.slice(last));
}

function escapeText(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** An address ends before the punctuation of the sentence around it, and before a ')' it did not open. */
function trimTrailing(url: string): string {
  let end = url.length;
  for (;;) {
    const c = url[end - 1];
    const open = (url.slice(0, end).match(/\(/g) ?? []).length;
    const close = (url.slice(0, end).match(/\)/g) ?? []).length;
    if (/[.,;:!?'"*_\]}]/.test(c) || (c === ')' && close > open)) end--;
    else return url.slice(0, end);
  }
}
