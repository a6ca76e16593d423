/**
 * What a command of the command line is: its arguments and options, described once, so that the
 * parser, the help and the usage line all read the same description.
 */
import type { Io } from './io';

export const PROGRAM = 'node dist/cli.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** How the value is shown in the help, as `<dir>`; string options only. */
  value?: string;
  /** The command refuses to run without it. */
  required?: boolean;
  help: string;
}

export interface PositionalSpec {
  /** As the help shows it, without brackets: `file`, `idea-id`. */
  name: string;
  optional?: boolean;
  help: string;
}

/** The arguments a command receives, already checked against its description. */
export interface CommandArgs {
  positionals: string[];
  /** String options by name; present only when given (required ones always are). */
  strings: Record<string, string>;
  /** Boolean options that were given. */
  flags: Set<string>;
}

export interface Command {
  name: string;
  /** What it does, for the help: a sentence or two. */
  summary: string;
  positionals: PositionalSpec[];
  /** In the order the help lists them; `--help` is added to every command. */
  options: Record<string, OptionSpec>;
  run(args: CommandArgs, io: Io): number | Promise<number>;
}

/**
 * The command line was not understood: exit 2 with the message and where to read more. `command`
 * names the command whose help applies, if any.
 */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
  }

  /** The message with a pointer to the help that answers it. */
  explained(): string {
    return `${this.message}; see ${PROGRAM}${this.command ? ` ${this.command}` : ''} --help`;
  }
}

/** The arguments and options after the command's name, as the help and error messages show them. */
export function usageLine(c: Command): string {
  const parts = c.positionals.map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`));
  for (const [name, o] of Object.entries(c.options)) {
    const written = `--${name}${o.value ? ` ${o.value}` : ''}`;
    parts.push(o.required ? written : `[${written}]`);
  }
  return [c.name, ...parts].join(' ');
}
