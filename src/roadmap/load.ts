import * as fs from 'fs';
import * as path from 'path';
import { RoadmapIndex, type LessonBundle, type Roadmap } from './model';

export const ROADMAP_JSON = 'roadmap.json';
export const LESSONS_JSON = 'lessons.json';

/** Loads the compiled built-in roadmap (no YAML, no Markdown: both were handled at build time). */
export function loadCompiledRoadmap(distDir: string): RoadmapIndex {
  const file = path.join(distDir, ROADMAP_JSON);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}. Run 'npm run build' first.`);
  }
  const roadmap = JSON.parse(text) as Roadmap;
  if (!roadmap || !Array.isArray(roadmap.sections)) throw new Error(`${file} is not a compiled roadmap: run 'npm run build' again`);
  return new RoadmapIndex(roadmap);
}

/** Lesson HTML is read on first use, so activation does not pay for it. */
export class LessonStore {
  private bundle: LessonBundle | undefined;

  constructor(private readonly distDir: string) {}

  html(nodeId: string): string | undefined {
    if (!this.bundle) this.bundle = JSON.parse(fs.readFileSync(path.join(this.distDir, LESSONS_JSON), 'utf8')) as LessonBundle;
    return Object.prototype.hasOwnProperty.call(this.bundle, nodeId) ? this.bundle[nodeId] : undefined;
  }
}
