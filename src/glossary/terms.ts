/**
 * The glossary (roadmap/backend/glossary.yaml): the words a learner meets in lessons, each with a
 * short definition and the lesson that first teaches it. Checked here (each problem at its path), found
 * in a lesson's prose, and read back from dist/glossary.json. Pure: no `vscode`, no YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMapping } from '../roadmap/fields';
import { Parser, type CheckProblem } from '../verify/parser';

export const GLOSSARY_JSON = 'glossary.json';

export interface GlossaryTerm {
  term: string;
  /** Other forms lessons use (a plural, an acronym). */
  aliases: string[];
  /** The topic whose lesson first teaches it. */
  topic: string;
  /** One or two sentences of Markdown (inline code only). */
  definition: string;
}

export const GLOSSARY_RULES = { minTerms: 150, maxTerms: 400, maxWords: 4, maxDefinition: 300, maxSentences: 2 };

/** A definition as plain text (hover titles, quick pick details): inline code without its backticks. */
export const plainDefinition = (markdown: string): string => markdown.replace(/`([^`\n]*)`/g, '$1');

/** The words a term is found by: the term and its aliases. */
export const formsOf = (t: Pick<GlossaryTerm, 'term' | 'aliases'>): string[] => [t.term, ...t.aliases];

/** A whole-word, case-insensitive pattern for one form (punctuation such as B-tree or N+1 taken as written). */
export function wordPattern(form: string, flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}_])`, flags);
}

/** A lesson's prose: its Markdown without code blocks, inline code, link targets and headings' marks. */
export function lessonProse(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, ' ').replace(/`[^`\n]*`/g, ' ').replace(/\]\([^)]*\)/g, ']');
}

/** A rendered lesson's text where a term may be linked: no code, links or headings, no tags. */
export function linkableText(html: string): string {
  return html.replace(/<(pre|code|a|h[1-6])\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&(?:lt|gt|quot|#39|amp);/g, ' ');
}

/**
 * Checks the glossary: `lessons` maps topic id to its Markdown. Every term is found in the prose of
 * the lesson it names; `rules` can lower the count bounds (a test's small glossary).
 */
export function parseGlossary(raw: unknown, lessons: ReadonlyMap<string, string>, rules: { minTerms: number; maxTerms: number } = GLOSSARY_RULES): { terms?: GlossaryTerm[]; problems: CheckProblem[] } {
  if (!isMapping(raw)) return { problems: [{ path: [], message: 'the glossary must be a mapping with terms' }] };
  const p = new Parser();
  p.track(raw, []);
  p.knownKeys(raw, ['terms'], 'the glossary');
  const list = p.list(raw, 'terms', 'the glossary', 'terms', 'add the terms, each with term, topic and definition') ?? [];
  if (raw.terms !== undefined && (list.length < rules.minTerms || list.length > rules.maxTerms)) p.fail(raw, 'terms', `the glossary has ${list.length} terms: write ${rules.minTerms} to ${rules.maxTerms}`);
  const terms: GlossaryTerm[] = [];
  const seen = new Map<string, string>();
  let previous = '';
  for (const [entry, i] of p.mappings(list, 'each term is a mapping with term, topic and definition')) {
    const what = `term ${i + 1}`;
    p.knownKeys(entry, ['term', 'aliases', 'topic', 'definition'], what);
    const term = p.string(entry, 'term', what, 'add the term as lessons write it');
    const aliases = entry.aliases === undefined ? [] : p.strings(entry, 'aliases', what);
    const topic = p.string(entry, 'topic', what, 'add the topic id whose lesson teaches it');
    const definition = p.string(entry, 'definition', what, 'add a definition of one or two sentences');
    if (term === undefined || topic === undefined || definition === undefined) continue;
    const t: GlossaryTerm = { term: term.trim(), aliases: aliases.map((a) => a.trim()), topic, definition: definition.trim() };
    for (const form of formsOf(t)) {
      const words = form.split(/\s+/).filter(Boolean).length;
      if (words < 1 || words > GLOSSARY_RULES.maxWords) p.fail(entry, form === t.term ? 'term' : 'aliases', `'${form}' of ${what} has ${words} words: a term is 1 to ${GLOSSARY_RULES.maxWords}`);
      const first = seen.get(form.toLowerCase());
      if (first !== undefined) p.fail(entry, form === t.term ? 'term' : 'aliases', `'${form}' is already a form of '${first}': each form names one term`);
      else seen.set(form.toLowerCase(), t.term);
    }
    if (t.term.toLowerCase() < previous) p.fail(entry, 'term', `'${t.term}' comes after '${previous}': keep the terms sorted`);
    previous = t.term.toLowerCase();
    const lesson = lessons.get(topic);
    if (lesson === undefined) p.fail(entry, 'topic', `'${topic}' is not a topic with a lesson`);
    else if (!formsOf(t).some((f) => wordPattern(f).test(lessonProse(lesson)))) p.fail(entry, 'topic', `the lesson of '${topic}' never writes '${formsOf(t).join("' or '")}' in its prose: name the topic that teaches it, or add the form it uses`);
    const sentences = (t.definition.replace(/`[^`\n]*`/g, 'code').match(/[.!?](?=\s|$)/g) ?? []).length;
    if (t.definition.length > GLOSSARY_RULES.maxDefinition || sentences < 1 || sentences > GLOSSARY_RULES.maxSentences) p.fail(entry, 'definition', `the definition of '${t.term}' must be 1 or 2 sentences of at most ${GLOSSARY_RULES.maxDefinition} characters`);
    if (/\]\(|https?:\/\/|<[a-z/]/i.test(t.definition)) p.fail(entry, 'definition', `the definition of '${t.term}' holds a link or HTML: write plain text and inline code`);
    if (wordPattern(t.term).test(t.definition.split(/\s+/).slice(0, t.term.split(/\s+/).length + 1).join(' '))) p.fail(entry, 'definition', `the definition of '${t.term}' starts with the term itself: say what it is`);
    terms.push(t);
  }
  return p.problems.length ? { problems: p.problems } : { terms, problems: [] };
}

/** The terms a lesson's HTML uses outside code, links and headings (at most `max`, in glossary order). */
export function termsIn(html: string, terms: readonly GlossaryTerm[], max = 40): GlossaryTerm[] {
  const text = linkableText(html);
  return terms.filter((t) => formsOf(t).some((f) => wordPattern(f).test(text))).slice(0, max);
}

/** The compiled glossary; none when the file is missing or not of this shape. */
export function loadGlossary(distDir: string): GlossaryTerm[] {
  try {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(distDir, GLOSSARY_JSON), 'utf8'));
    const ok = (t: unknown): t is GlossaryTerm => isMapping(t) && typeof t.term === 'string' && typeof t.topic === 'string' && typeof t.definition === 'string' && Array.isArray(t.aliases) && t.aliases.every((a) => typeof a === 'string');
    return Array.isArray(raw) ? raw.filter(ok) : [];
  } catch {
    return [];
  }
}
