/**
 * Reads the per-idea and per-topic YAML files beside the roadmap (roadmap/verify/<idea>.yaml,
 * roadmap/hints/<idea>.yaml through practice/hintFiles.ts, roadmap/backend/quiz/<topic>.yaml through quiz/quizFiles.ts)
 * with every problem located at file:line:column, the way roadmap files are: syntax errors where the
 * mistake starts, the one alias limit, one locator. For the CLI and the build only: the extension
 * reads the compiled JSON (compiled.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { ProjectIdea } from '../roadmap/model';
import type { Problem } from '../roadmap/problems';
import { locateYaml, type YamlSource } from '../roadmap/yamlLocation';
import { expandAliases, syntaxProblem } from '../roadmap/yamlProblems';
import { parseIdeaChecks, type CheckProblem, type IdeaChecks } from './checks';

/** Every <idea>.yaml of a folder, parsed by `parse`; what it accepts by idea id, with the source form. */
export function readIdeaFiles<T>(dir: string, ideas: ProjectIdea[], display: (f: string) => string, parse: (raw: unknown, idea: ProjectIdea) => { value?: T; problems: CheckProblem[] }): { values: Record<string, T>; raw: Record<string, unknown>; problems: Problem[] } {
  return readKeyedFiles(dir, display, (raw, id) => {
    const idea = ideas.find((i) => i.id === id);
    return idea ? parse(raw, idea) : `'${id}' is not a project idea: name the file after an idea id in projects.yaml`;
  });
}

/**
 * Every <id>.yaml of a folder, parsed by `parse` with the id its name gives; `parse` answers a
 * message instead when the id names nothing (the problem is then the file's, at its first line).
 */
export function readKeyedFiles<T>(dir: string, display: (f: string) => string, parse: (raw: unknown, id: string) => { value?: T; problems: CheckProblem[] } | string): { values: Record<string, T>; raw: Record<string, unknown>; problems: Problem[] } {
  const values: Record<string, T> = {};
  const sources: Record<string, unknown> = {};
  const problems: Problem[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const name of files) {
    const id = path.basename(name, '.yaml');
    const read = readYamlFile(path.join(dir, name), display, (raw) => parse(raw, id));
    problems.push(...read.problems);
    if (read.value !== undefined) {
      values[id] = read.value;
      sources[id] = read.raw;
    }
  }
  return { values, raw: sources, problems };
}

/**
 * One YAML file parsed by `parse`, every problem at its file:line:column: a syntax error where the
 * mistake starts, a message `parse` answers instead of a value at the file's first line.
 */
export function readYamlFile<T>(file: string, display: (f: string) => string, parse: (raw: unknown) => { value?: T; problems: CheckProblem[] } | string): { value?: T; raw?: unknown; problems: Problem[] } {
  const shown = display(file);
  const text = fs.readFileSync(file, 'utf8');
  const lines = new LineCounter();
  const source: YamlSource = { text, doc: parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true }), lines };
  const syntax = syntaxProblem(source);
  if (syntax) return { problems: [{ file: shown, ...syntax }] };
  const expanded = expandAliases(source);
  if ('problem' in expanded) return { problems: [{ file: shown, ...expanded.problem }] };
  const result = parse(expanded.value);
  if (typeof result === 'string') return { problems: [{ file: shown, line: 1, column: 1, message: result }] };
  const problems = result.problems.map((p) => ({ file: shown, ...locateYaml(source, p.path, p.key), message: p.message }));
  return result.value === undefined ? { problems } : { value: result.value, raw: expanded.value, problems };
}

/** Reads every check file of a folder against the roadmap's ideas. */
export function readCheckFiles(dir: string, ideas: ProjectIdea[], display: (f: string) => string = (f) => f): { checks: Record<string, IdeaChecks>; raw: Record<string, unknown>; problems: Problem[] } {
  const { values, raw, problems } = readIdeaFiles(dir, ideas, display, (value, idea) => {
    const result = parseIdeaChecks(value, idea.milestones.map((m) => m.id), Object.fromEntries(idea.milestones.map((m) => [m.id, m.description])));
    if (result.checks && result.checks.idea !== idea.id) return { problems: [{ path: ['idea'], message: `idea is '${result.checks.idea}' but the file is named for '${idea.id}'` }] };
    return { value: result.checks, problems: result.problems };
  });
  return { checks: values, raw, problems };
}
