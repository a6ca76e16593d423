/** Reads roadmap/backend/glossary.yaml with every problem at file:line:column (CLI and build only: YAML). */
import * as fs from 'fs';
import type { Problem } from '../roadmap/problems';
import { readYamlFile } from '../verify/files';
import { parseGlossary, type GlossaryTerm } from './terms';

/** The glossary against the lessons it points into (`lessons`: topic id to Markdown). */
export function readGlossaryFile(file: string, lessons: ReadonlyMap<string, string>, display: (f: string) => string = (f) => f): { terms: GlossaryTerm[]; problems: Problem[] } {
  if (!fs.existsSync(file)) return { terms: [], problems: [{ file: display(file), line: 1, column: 1, message: 'the glossary is missing: write the terms the lessons use (see roadmap/AUTHORING.md, "The glossary")' }] };
  const read = readYamlFile(file, display, (raw) => {
    const g = parseGlossary(raw, lessons);
    return { value: g.terms, problems: g.problems };
  });
  return { terms: read.value ?? [], problems: read.problems };
}
