/** The lesson page as its own bundle (dist/lessonPanel.js), loaded when a lesson is first opened or restored. */
export { LessonPanel } from './lessonPanel';
