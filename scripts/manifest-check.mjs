// The manifest rules both registries (the Visual Studio Marketplace and Open VSX) hold an extension
// to, beyond what `vsce package` checks itself; each problem names the field and what to write.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The Marketplace's categories; any other is refused at publish time. */
export const CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
export const MAX_KEYWORDS = 30;
const ID = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** Every string of the manifest with the path to it ("contributes.commands[3].title"). */
function strings(value, at, out = []) {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

/** The fields a learner reads in the product that must come from package.nls.json, so they can be translated. */
const SHOWN = [/^(displayName|description)$/, /^capabilities\.\w+\.description$/, /\.(title|name|contextualTitle|contents|category|markdownDescription|description)$/, /\.enumDescriptions\[\d+\]$/];

/** PNG width and height from its header, or undefined when the file is not a PNG. */
function pngSize(file) {
  const b = readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/**
 * Problems of `pkg` (package.json) with `nls` (package.nls.json) in the project at `root`; empty
 * when the manifest is ready for both registries.
 */
export function manifestProblems(pkg, nls, root) {
  const problems = [];
  const say = (field, text) => problems.push(`package.json ${field}: ${text}`);
  if (!ID.test(pkg.name ?? '')) say('name', 'lowercase letters, digits and hyphens, starting with a letter or digit');
  if (!ID.test(pkg.publisher ?? '')) say('publisher', 'the publisher id (lowercase letters, digits and hyphens), not a display name');
  if (!SEMVER.test(pkg.version ?? '')) say('version', `"${pkg.version}" is not major.minor.patch (the registries refuse other versions for a release)`);
  if (!/^\^?\d+\.\d+\.\d+$/.test(pkg.engines?.vscode ?? '')) say('engines.vscode', 'a version such as "^1.90.0"');
  if (pkg.license !== 'MIT' || !existsSync(path.join(root, 'LICENSE'))) say('license', 'the SPDX id of the license ("MIT"), with its text in LICENSE');
  for (const [field, url] of [['repository.url', pkg.repository?.url], ['bugs.url', pkg.bugs?.url], ['homepage', pkg.homepage]]) {
    if (typeof url !== 'string' || !/^https:\/\/[^\s]+$/.test(url)) say(field, 'an https:// address (the listing links to it; Open VSX shows the repository)');
  }
  if (pkg.qna !== 'marketplace' && pkg.qna !== false && !/^https:\/\//.test(pkg.qna ?? '')) say('qna', '"marketplace", false, or an https:// address');
  if (!/^#[0-9a-fA-F]{6}$/.test(pkg.galleryBanner?.color ?? '') || !['dark', 'light'].includes(pkg.galleryBanner?.theme)) say('galleryBanner', '{ "color": "#rrggbb", "theme": "dark" | "light" }');
  const categories = pkg.categories ?? [];
  for (const c of categories) if (!CATEGORIES.includes(c)) say('categories', `"${c}" is not a category of the Marketplace (${CATEGORIES.join(', ')})`);
  if (!categories.length) say('categories', 'at least one category');
  const keywords = pkg.keywords ?? [];
  if (!keywords.length || keywords.length > MAX_KEYWORDS) say('keywords', `1 to ${MAX_KEYWORDS} keywords (has ${keywords.length})`);
  if (new Set(keywords).size !== keywords.length) say('keywords', 'a keyword is listed twice');
  const icon = pkg.icon && path.join(root, pkg.icon);
  const size = icon && existsSync(icon) ? pngSize(icon) : undefined;
  if (!size || size.width < 128 || size.height < 128) say('icon', 'a PNG of at least 128 x 128 pixels (SVG icons are refused)');
  if ((pkg.activationEvents ?? []).includes('*')) say('activationEvents', '"*" starts the extension with every window; name the events that need it');

  // Every string a learner reads comes from package.nls.json, and every key there is used.
  const used = new Set();
  for (const [at, value] of strings(pkg, '')) {
    const placeholder = /^%([^%\s]+)%$/.exec(value);
    if (placeholder) {
      used.add(placeholder[1]);
      if (typeof nls[placeholder[1]] !== 'string' || !nls[placeholder[1]].trim()) say(at, `"${value}" has no text in package.nls.json`);
    } else if (SHOWN.some((r) => r.test(at))) {
      say(at, `"${value.slice(0, 40)}" is shown to learners: move it to package.nls.json and write "%key%"`);
    }
  }
  for (const k of Object.keys(nls)) if (!used.has(k)) problems.push(`package.nls.json "${k}" is not used in package.json`);

  // Walkthrough steps: their media exist and each completes on an event.
  for (const w of pkg.contributes?.walkthroughs ?? []) {
    for (const s of w.steps ?? []) {
      const media = s.media?.markdown ?? s.media?.image;
      if (typeof media !== 'string' || !existsSync(path.join(root, media))) say(`walkthrough step ${s.id}`, `media ${media} is missing`);
      if (!(s.completionEvents ?? []).length) say(`walkthrough step ${s.id}`, 'completionEvents: the event that shows the learner did it (onCommand:, onView:, onContext:)');
    }
  }
  // The changelog has an entry for this version.
  const changelog = existsSync(path.join(root, 'CHANGELOG.md')) ? readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8') : '';
  if (!new RegExp(`^## \\[${pkg.version?.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm').test(changelog)) problems.push(`CHANGELOG.md: no "## [${pkg.version}] - YYYY-MM-DD" entry for the version in package.json`);
  return problems;
}
