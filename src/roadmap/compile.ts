import { createLessonRenderer } from './markdown';
import type { LessonBundle, Roadmap } from './model';
import type { LessonSource } from './readContext';

/** Renders every lesson; nodes whose lesson is missing get none (the validator has said why). */
export function renderLessons(roadmap: Roadmap, lessons: Map<string, LessonSource>): LessonBundle {
  const render = createLessonRenderer();
  const bundle: LessonBundle = {};
  for (const section of roadmap.sections) {
    for (const node of section.nodes) {
      const lesson = lessons.get(node.id);
      if (lesson) bundle[node.id] = render(lesson.markdown);
    }
  }
  return bundle;
}

