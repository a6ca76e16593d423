/**
 * Errors in a build's (or a crashed start's) output, read from the standard formats of the tools
 * the starters use, so they can show in the Problems panel at their file and line: tsc, go build and
 * Python tracebacks (compileall's syntax errors included). Lines in any other format are left to the
 * output itself. Pure: no `vscode`.
 */
import * as path from 'path';

export interface BuildProblem {
  /** Absolute path of the file. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
  source: 'tsc' | 'go' | 'python';
}

/** Where a Python frame points when it is the learner's code: not the interpreter's nor an installed package's. */
const outsideProject = (file: string) => file.startsWith('<') || /[\\/](site-packages|\.venv|lib[\\/]python\d)/.test(file);

// `src/a.ts(3,7): error TS2322: ...` (plain) or `src/a.ts:3:7 - error TS2322: ...` (--pretty)
const TSC = /^(.+?)(?:\((\d+),(\d+)\)|:(\d+):(\d+)) ?[:-] ?error (TS\d+): (.*)$/;
// `./main.go:2:15: declared and not used: x` (a column is optional: `main.go:12: ...`)
const GO = /^(\.{0,2}[\w./\\-]*\.go):(\d+)(?::(\d+))?: (.*)$/;
const PY_FRAME = /^\s*File "(.+)", line (\d+)/;
const PY_ERROR = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)|SyntaxWarning|Warning)(?::\s*(.*))?$/;

export function parseBuildOutput(output: string, projectDir: string): BuildProblem[] {
  const abs = (file: string) => path.resolve(projectDir, file.trim());
  const problems: BuildProblem[] = [];
  // Colours off, and the `    | ` a quoted tail (a start's last output) puts before each line.
  // eslint-disable-next-line no-control-regex -- the escape that starts a colour code
  const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/).map((l) => l.replace(/^ {4}\| ?/, ''));
  let frame: { file: string; line: number } | undefined;
  for (const raw of lines) {
    const line = raw.trimEnd();
    const ts = TSC.exec(line);
    if (ts) {
      problems.push({ file: abs(ts[1]), line: Number(ts[2] ?? ts[4]), column: Number(ts[3] ?? ts[5]), message: `${ts[7]} (${ts[6]})`, source: 'tsc' });
      continue;
    }
    const go = GO.exec(line);
    if (go) {
      problems.push({ file: abs(go[1]), line: Number(go[2]), column: Number(go[3] ?? 1), message: go[4], source: 'go' });
      continue;
    }
    const py = PY_FRAME.exec(line);
    if (py) {
      // The last frame in the learner's own files is where the error is; later library frames are not.
      if (!outsideProject(py[1])) frame = { file: abs(py[1]), line: Number(py[2]) };
      continue;
    }
    const error = frame && !/^\s/.test(raw) ? PY_ERROR.exec(line) : undefined;
    if (error && frame) {
      problems.push({ ...frame, column: 1, message: error[2] ? `${error[1]}: ${error[2]}` : error[1], source: 'python' });
      frame = undefined;
    }
  }
  return dedupe(problems);
}

/** A tool that prints the same error twice (tsc in watch, go vet) shows it once. */
function dedupe(problems: BuildProblem[]): BuildProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
