/**
 * The built-in content's editorial bar (`lint` without a file, or `--strict`): what a node and
 * its lesson must have beyond the structural rules. Roadmaps of the learner's own are not held to it.
 */

const LESSON_WORDS = { min: 350, max: 900 };
/** The four parts every built-in lesson has, in this order. */
export const LESSON_HEADINGS = ['Why it matters', 'Key ideas', 'Try it in VS Code', 'Self-check'];
const SELF_CHECK_QUESTIONS = { min: 3, max: 5 };
const SUMMARY_MAX_CHARS = 160;
const MIN_RESOURCES = 3;

/** A node's problems under the bar, each with the key it is about ('id' when the key is missing). */
export function nodeShapeProblems(id: string, summary: string, resources: unknown): { key: 'id' | 'summary' | 'resources'; message: string }[] {
  const problems: { key: 'id' | 'summary' | 'resources'; message: string }[] = [];
  if (summary.length > SUMMARY_MAX_CHARS) problems.push({ key: 'summary', message: `summary of '${id}' is ${summary.length} characters: keep it under ${SUMMARY_MAX_CHARS}` });
  if (resources === undefined) problems.push({ key: 'id', message: `node '${id}' has no resources: add at least three` });
  else if (Array.isArray(resources) && resources.length < MIN_RESOURCES) problems.push({ key: 'resources', message: `node '${id}' has ${resources.length} resource(s): add at least three` });
  return problems;
}

/** What keeps a lesson from the bar: length, its four parts, its self-check. */
export function lessonShapeProblems(markdown: string): string[] {
  const problems: string[] = [];
  const words = countWords(markdown);
  if (words < LESSON_WORDS.min || words > LESSON_WORDS.max) problems.push(`has ${words} words: keep it between ${LESSON_WORDS.min} and ${LESSON_WORDS.max}`);
  const prose = withoutCode(markdown);
  const headings = [...prose.matchAll(/^## (.+?)\s*$/gm)].map((m) => m[1]).filter((h) => LESSON_HEADINGS.includes(h));
  if (headings.join('|') !== LESSON_HEADINGS.join('|')) problems.push(`needs the headings ${LESSON_HEADINGS.map((h) => `'## ${h}'`).join(', ')} in this order`);
  if (/^# /m.test(prose)) problems.push(`has a top-level '# ' heading: the page shows the title, start at '##'`);
  const questions = selfCheckQuestions(markdown);
  if (questions !== undefined) {
    if (questions < SELF_CHECK_QUESTIONS.min || questions > SELF_CHECK_QUESTIONS.max) {
      problems.push(`has ${questions} self-check questions: ask ${SELF_CHECK_QUESTIONS.min} to ${SELF_CHECK_QUESTIONS.max} as a numbered list`);
    }
  }
  return problems;
}

/** How many numbered questions the lesson's Self-check asks; undefined without the part. */
export function selfCheckQuestions(markdown: string): number | undefined {
  const selfCheck = withoutCode(markdown).split(/^## Self-check\s*$/m)[1];
  return selfCheck === undefined ? undefined : (selfCheck.match(/^\d+\. /gm) ?? []).length;
}

export function countWords(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * A paragraph that appears in two lessons is filler or a copy: each lesson says its own thing.
 * Returns each repeat at the later lesson, with the lesson it first appeared in.
 */
export function repeatedParagraphs(lessons: Map<string, { markdown: string }>): { id: string; first: string; paragraph: string }[] {
  const seen = new Map<string, string>();
  const repeats: { id: string; first: string; paragraph: string }[] = [];
  for (const [id, lesson] of lessons) {
    for (const paragraph of withoutCode(lesson.markdown).split(/\n\s*\n/)) {
      const text = paragraph.replace(/\s+/g, ' ').trim().toLowerCase();
      if (text.split(' ').length < 12 || text.startsWith('#')) continue;
      const first = seen.get(text);
      if (first && first !== id) repeats.push({ id, first, paragraph: paragraph.trim() });
      else seen.set(text, id);
    }
  }
  return repeats;
}

function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}
