/**
 * The shared half of reading a check file: a collector of problems, each with the path inside the
 * file where it is, and the checks of plain values (strings, bounded numbers, maps) that the file
 * and every step kind use. Pure: no `vscode`, no YAML.
 */

/** A problem with the path inside the file where it is, for a locator to turn into line:column. */
export interface CheckProblem {
  path: (string | number)[];
  message: string;
  /** The problem is the key itself (the last part of the path), not its value. */
  key?: boolean;
}

export type Path = (string | number)[];

/** Bounds shared by step kinds, so a check file cannot ask for something unreasonable of the learner's machine. */
export const MAX_WITHIN_MS = 60_000;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function lowerKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));
}

export class Parser {
  readonly problems: CheckProblem[] = [];

  fail(path: Path, message: string, key = false): undefined {
    this.problems.push(key ? { path, message, key } : { path, message });
    return undefined;
  }

  keys(value: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail([...path, key], `unknown key '${key}' (expected one of: ${allowed.join(', ')})`, true);
    }
  }

  string(value: unknown, path: Path, what: string): string | undefined {
    return typeof value === 'string' && value.length > 0 ? value : this.fail(path, `${what} must be a non-empty string`);
  }

  number(value: unknown, path: Path, what: string, min: number, max: number, integer = true): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      return this.fail(path, `${what} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
    }
    return value;
  }

  status(value: unknown, path: Path): number | undefined {
    return this.number(value, path, 'status', 100, 599);
  }

  stringMap(value: unknown, path: Path, what: string): Record<string, string> | undefined {
    if (value === undefined) return {};
    if (!isObject(value)) return this.fail(path, `${what} must be a map of names to strings`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') this.fail([...path, k], `${what} values must be strings: write "${String(v)}" in quotes`);
      else this.fail([...path, k], `${what} values must be strings`);
    }
    return out;
  }
}
