/** How much a problem matters: an error fails a lint, a hint only suggests. */
export type Severity = 'error' | 'warning' | 'hint';

/** A problem found in roadmap source, located for an editor or a terminal. */
export interface Problem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where the offending value ends (1-based), when the source knows it; editors underline up to it. */
  endLine?: number;
  endColumn?: number;
  message: string;
  /** Absent means 'error'. */
  severity?: Severity;
}

/** Whether a problem is only a suggestion: a file with nothing but hints passes the lint. */
export function isHint(p: Problem): boolean {
  return p.severity === 'hint';
}

export function formatProblem(p: Problem): string {
  const severity = p.severity && p.severity !== 'error' ? `${p.severity}: ` : '';
  return `${p.file}:${p.line}:${p.column}: ${severity}${p.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
