/** A starter project's manifest (starter.json): what it needs and how it runs. Pure: no `vscode`. */
import { ID_PATTERN } from '../roadmap/model';

import { MANIFEST_FILE, STACKS, STACK_NAMES, type Stack } from './names';

export { MANIFEST_FILE, STACKS, STACK_NAMES, type Stack };

export interface StarterVariable {
  name: string;
  description: string;
  /** A regular expression the value must match in full. */
  pattern: string;
  default?: string;
}

export interface StarterManifest {
  idea: string;
  stack: Stack;
  title: string;
  variables: StarterVariable[];
  /** Paths (relative, after expansion) that get the executable bit. */
  executable: string[];
  /** Services the starter talks to, such as postgresql or redis. */
  services: string[];
  install: string[];
  start: string;
  test: { unit: string; integration: string };
  port: number;
  healthPath: string;
  nodes: string[];
}

/** Checks a parsed starter.json; returns the manifest or the list of what is wrong. */
export function parseManifest(raw: unknown, where: string): { manifest?: StarterManifest; problems: string[] } {
  const problems: string[] = [];
  const m = raw as Partial<StarterManifest> | null;
  if (!m || typeof m !== 'object' || Array.isArray(m)) return { problems: [`${where}: a starter manifest must be a JSON object`] };
  const str = (v: unknown, what: string) => (typeof v === 'string' && v.length > 0 ? v : (problems.push(`${where}: '${what}' must be a non-empty string`), ''));
  const list = (v: unknown, what: string) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : (problems.push(`${where}: '${what}' must be a list of strings`), []));
  if (typeof m.idea !== 'string' || !ID_PATTERN.test(m.idea)) problems.push(`${where}: 'idea' must be a project idea id`);
  if (!(STACKS as readonly unknown[]).includes(m.stack)) problems.push(`${where}: 'stack' must be one of ${STACKS.join(', ')}`);
  const variables = Array.isArray(m.variables) ? m.variables : (problems.push(`${where}: 'variables' must be a list`), []);
  for (const v of variables) {
    if (!v || typeof v.name !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]*$/.test(v.name)) problems.push(`${where}: a variable needs a name of letters, digits and _`);
    try {
      new RegExp(v?.pattern ?? '');
    } catch {
      problems.push(`${where}: variable '${v?.name}' has an invalid pattern`);
    }
  }
  const port = m.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${where}: 'port' must be a TCP port`);
  const manifest: StarterManifest = {
    idea: m.idea ?? '',
    stack: m.stack as Stack,
    title: str(m.title, 'title'),
    variables: variables as StarterVariable[],
    executable: list(m.executable ?? [], 'executable'),
    services: list(m.services ?? [], 'services'),
    install: list(m.install ?? [], 'install'),
    start: str(m.start, 'start'),
    test: { unit: str(m.test?.unit, 'test.unit'), integration: str(m.test?.integration, 'test.integration') },
    port: typeof port === 'number' ? port : 0,
    healthPath: str(m.healthPath, 'healthPath'),
    nodes: list(m.nodes ?? [], 'nodes'),
  };
  if (!manifest.healthPath.startsWith('/')) problems.push(`${where}: 'healthPath' must start with /`);
  return problems.length ? { problems } : { manifest, problems };
}

/** Fills in defaults and checks every variable against its pattern. */
export function resolveVariables(manifest: StarterManifest, given: Record<string, string>): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const v of manifest.variables) {
    const value = given[v.name] ?? v.default;
    if (value === undefined) {
      problems.push(`missing value for '${v.name}' (${v.description})`);
      continue;
    }
    if (!new RegExp(`^(?:${v.pattern})$`).test(value)) {
      problems.push(`'${value}' is not a valid ${v.name}: ${v.description} (must match ${v.pattern})`);
      continue;
    }
    values[v.name] = value;
  }
  for (const name of Object.keys(given)) if (!manifest.variables.some((v) => v.name === name)) problems.push(`unknown variable '${name}'`);
  return { values, problems };
}

/** Replaces {{name}} with the variable's value; unknown names are left as they are. */
export function expand(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g, (all, name: string) => (Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all));
}
