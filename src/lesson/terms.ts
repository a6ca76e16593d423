/** The glossary terms a lesson shows: linked to the lesson that teaches each, marked where it is taught. Pure. */
import { formsOf, plainDefinition, termsIn, type GlossaryTerm } from '../glossary/terms';
import type { LessonTerm } from './protocol';

export function lessonTerms(html: string, nodeId: string, glossary: readonly GlossaryTerm[], titleOf: (topic: string) => string): LessonTerm[] {
  if (!glossary.length) return [];
  return termsIn(html, glossary).map((t) => ({ forms: formsOf(t), topic: t.topic, title: titleOf(t.topic), definition: plainDefinition(t.definition), own: t.topic === nodeId }));
}
