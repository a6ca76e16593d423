/**
 * Where the command line finds the roadmap's content. This module is bundled into dist/cli.js, so
 * `__dirname` is dist/: the compiled roadmap sits beside it, the sources one level up.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadCompiledRoadmap } from '../roadmap/load';
import type { ProjectIdea } from '../roadmap/model';
import type { Io } from './io';

/** The folder that holds dist/cli.js and the compiled roadmap, checks and lessons. */
export const distDir = __dirname;

/** Where the starter projects live, beside the roadmap content. */
export function startersRoot(): string {
  return path.resolve(distDir, '..', 'roadmap', 'starters');
}

/** Where the milestone checks live. */
export function checksRoot(): string {
  return path.resolve(distDir, '..', 'roadmap', 'verify');
}

/** Where the milestones' hints live. */
export function hintsRoot(): string {
  return path.resolve(distDir, '..', 'roadmap', 'hints');
}

/** The built-in roadmap's glossary: terms, definitions and the lessons that teach them. */
export function glossaryFile(): string {
  return path.resolve(distDir, '..', 'roadmap', 'backend', 'glossary.yaml');
}

/** Where the topics' quizzes live (model answers and graded items). */
export function quizRoot(): string {
  return path.resolve(distDir, '..', 'roadmap', 'backend', 'quiz');
}

/** The stacks an idea has starters for (their folder names), in name order. */
export function starterStacks(ideaId: string): string[] {
  const dir = path.join(startersRoot(), ideaId);
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];
}

/** The built-in roadmap's source (present in the repository, not in the .vsix). */
export function builtinRoadmapFile(): string {
  return path.resolve(distDir, '..', 'roadmap', 'backend', 'roadmap.yaml');
}

/** The built-in project ideas, from the compiled roadmap (the YAML sources do not ship in the .vsix). */
export function builtinProjects(io: Io): ProjectIdea[] | undefined {
  try {
    return loadCompiledRoadmap(distDir).roadmap.projects;
  } catch (err) {
    io.err((err as Error).message);
    return undefined;
  }
}

export function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.resolve(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
