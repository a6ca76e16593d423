/**
 * Reads roadmap/verify/<idea>.yaml files with every problem located at file:line:column, the way
 * roadmap files are: syntax errors where the mistake starts, the one alias limit, one locator.
 * For the CLI and the build only: the extension reads the compiled verify.json (compiled.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { ProjectIdea } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';
import { locateYaml, type YamlSource } from '../roadmap/yamlLocation';
import { expandAliases, syntaxProblem } from '../roadmap/yamlProblems';
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
    const source: YamlSource = { text, doc: parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true }), lines };
    const syntax = syntaxProblem(source);
    if (syntax) {
      problems.push({ file: shown, ...syntax });
      continue;
    }
    const expanded = expandAliases(source);
    if ('problem' in expanded) {
      problems.push({ file: shown, ...expanded.problem });
      continue;
    }
    const raw = expanded.value;
    const ideaId = path.basename(name, '.yaml');
    const idea = ideas.find((i) => i.id === ideaId);
    if (!idea) {
      problems.push({ file: shown, line: 1, column: 1, message: `'${ideaId}' is not a project idea: name the file after an idea id in projects.yaml` });
      continue;
    }
    const result = parseIdeaChecks(raw, idea.milestones.map((m) => m.id), Object.fromEntries(idea.milestones.map((m) => [m.id, m.description])));
    for (const p of result.problems) problems.push({ file: shown, ...locateYaml(source, p.path, p.key), message: p.message });
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
