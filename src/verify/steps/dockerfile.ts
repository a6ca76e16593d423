/**
 * A small Dockerfile reader for the file step: the instructions in order, each as
 * `{ instruction: "FROM", args: "node:22-alpine" }` (instruction in upper case, continuation lines
 * joined with one space, comments and empty lines left out), so a check can ask for a HEALTHCHECK or
 * a USER with a JSON shape. It knows the parser directives at the top (`# escape=` changes the
 * continuation character) and here-documents (`RUN <<EOF` ... `EOF`, kept in args). An unknown
 * instruction, or a line that is not one, is an error at its line and column, as `docker build` says.
 */

export interface Instruction {
  instruction: string;
  args: string;
}

export class DockerfileError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
  }
}

export const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

/** The instructions of a Dockerfile's text; throws DockerfileError. */
export function parseDockerfile(text: string): Instruction[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let escape = '\\';
  let i = 0;
  // Parser directives: `# name=value` lines before anything else (a comment or an instruction ends them).
  for (; i < lines.length; i++) {
    const d = /^\s*#\s*([A-Za-z]+)\s*=\s*(\S*)\s*$/.exec(lines[i]);
    if (!d) break;
    if (d[1].toLowerCase() === 'escape') {
      if (d[2] !== '\\' && d[2] !== '`') throw new DockerfileError(i + 1, lines[i].indexOf(d[2]) + 1, `the escape directive takes \\ or \`, not '${d[2]}'`);
      escape = d[2];
    }
  }
  const out: Instruction[] = [];
  const isComment = (l: string) => /^\s*#/.test(l);
  while (i < lines.length) {
    const first = lines[i];
    if (first.trim() === '' || isComment(first)) {
      i++;
      continue;
    }
    const start = i;
    const m = /^(\s*)(\S+)(.*)$/.exec(first)!;
    const word = m[2];
    const column = m[1].length + 1;
    if (!/^[A-Za-z]+$/.test(word)) throw new DockerfileError(start + 1, column, `'${word}' is not an instruction: a line starts with one (FROM, RUN, COPY, ...), a comment with #, and a line ending in ${escape} goes on on the next`);
    const instruction = word.toUpperCase();
    if (!INSTRUCTIONS.includes(instruction)) throw new DockerfileError(start + 1, column, `unknown instruction '${word}': known are ${INSTRUCTIONS.join(', ')}`);
    const parts: string[] = [];
    let rest = m[3];
    i++;
    // A line that ends in the escape character goes on on the next one; comment lines between are skipped.
    while (rest.trimEnd().endsWith(escape)) {
      const trimmed = rest.trimEnd();
      parts.push(trimmed.slice(0, -1).trim());
      while (i < lines.length && isComment(lines[i])) i++;
      if (i >= lines.length) throw new DockerfileError(start + 1, column, `${instruction} ends in ${escape} on the last line: the instruction goes on, but the file ends`);
      rest = lines[i++];
    }
    parts.push(rest.trim());
    let args = parts.filter((s) => s !== '').join(' ');
    // Here-documents (RUN <<EOF): the lines up to the terminator belong to the instruction.
    for (const doc of args.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
      const body: string[] = [];
      while (i < lines.length && lines[i].replace(doc[0].startsWith('<<-') ? /^\t+/ : /^$/, '') !== doc[2]) body.push(lines[i++]);
      if (i >= lines.length) throw new DockerfileError(start + 1, column, `the here-document <<${doc[2]} of ${instruction} has no closing ${doc[2]} line`);
      i++;
      args += `\n${body.join('\n')}\n${doc[2]}`;
    }
    if (args === '') throw new DockerfileError(start + 1, column, `${instruction} needs arguments`);
    out.push({ instruction, args });
  }
  return out;
}
