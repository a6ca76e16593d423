import { createLessonRenderer } from './markdown';
import type { LessonBundle, Roadmap } from './model';
import type { LessonSource } from './readContext';

/**
 * Renders every lesson; nodes whose lesson is missing get none (the validator has said why).
 * `diagrams`: the roadmap's diagrams drawn at build time, by name (none for a roadmap of your own).
 */
export function renderLessons(roadmap: Roadmap, lessons: Map<string, LessonSource>, diagrams?: ReadonlyMap<string, string>): LessonBundle {
  const render = createLessonRenderer({ diagrams });
  const bundle: LessonBundle = {};
  for (const section of roadmap.sections) {
    for (const node of section.nodes) {
      const lesson = lessons.get(node.id);
      if (lesson) bundle[node.id] = render(lesson.markdown);
    }
  }
  return bundle;
}

