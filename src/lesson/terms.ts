/** The glossary terms a lesson shows: linked to the lesson that teaches each, marked where it is taught. Pure. */
import { formsOf, termsIn, type GlossaryTerm } from '../glossary/terms';
import type { LessonTerm } from './protocol';

/** Plain text of a definition written in Markdown with inline code. */
const plain = (markdown: string) => markdown.replace(/`([^`\n]*)`/g, '$1');

export function lessonTerms(html: string, nodeId: string, glossary: readonly GlossaryTerm[], titleOf: (topic: string) => string): LessonTerm[] {
  if (!glossary.length) return [];
  return termsIn(html, glossary).map((t) => ({ forms: formsOf(t), topic: t.topic, title: titleOf(t.topic), definition: plain(t.definition), own: t.topic === nodeId }));
}
