/**
 * Reads roadmap/verify/<idea>.yaml files with every problem located at file:line:column.
 * For the CLI and the build only: the extension reads the compiled verify.json (compiled.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { ProjectIdea } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';
import { parseIdeaChecks, type IdeaChecks } from './checks';


/** Reads every check file of a folder against the roadmap's ideas. */
export function readCheckFiles(dir: string, ideas: ProjectIdea[], display: (f: string) => string = (f) => f): { checks: Record<string, IdeaChecks>; raw: Record<string, unknown>; problems: Problem[] } {
  const checks: Record<string, IdeaChecks> = {};
  const sources: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const name of files) {
    const file = path.join(dir, name);
    const shown = display(file);
    const text = fs.readFileSync(file, 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    if (doc.errors.length) {
      const pos = doc.errors[0].linePos?.[0] ?? { line: 1, col: 1 };
      problems.push({ file: shown, line: pos.line, column: pos.col, message: `YAML syntax: ${doc.errors[0].message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}` });
      continue;
    }
    const raw = doc.toJS({ maxAliasCount: 50 }) as unknown;
    const ideaId = path.basename(name, '.yaml');
    const idea = ideas.find((i) => i.id === ideaId);
    if (!idea) {
      problems.push({ file: shown, line: 1, column: 1, message: `'${ideaId}' is not a project idea: name the file after an idea id in projects.yaml` });
      continue;
    }
    const result = parseIdeaChecks(raw, idea.milestones.map((m) => m.id));
    for (const p of result.problems) {
      let node = (p.key ? keyNode(doc, p.path) : doc.getIn(p.path, true)) as { range?: [number, number, number] } | undefined;
      for (let cut = p.path.length - 1; !node?.range && cut >= 0; cut--) node = (cut === 0 ? doc.contents : doc.getIn(p.path.slice(0, cut), true)) as typeof node;
      const pos = lines.linePos(node?.range?.[0] ?? 0);
      problems.push({ file: shown, line: pos.line, column: pos.col, message: p.message });
    }
    if (result.checks) {
      if (result.checks.idea !== ideaId) problems.push({ file: shown, line: 1, column: 1, message: `idea is '${result.checks.idea}' but the file is named for '${ideaId}'` });
      else {
        checks[ideaId] = result.checks;
        sources[ideaId] = raw;
      }
    }
  }
  return { checks, raw: sources, problems };
}

/** The key node of the last part of a path, for problems about a key rather than its value. */
function keyNode(doc: Document.Parsed, at: (string | number)[]): unknown {
  const parent = at.length === 1 ? doc.contents : doc.getIn(at.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  return parent.items.find((pair) => (pair.key as { value?: unknown } | null)?.value === at[at.length - 1])?.key;
}
