/** The help texts, drawn from the commands' own descriptions so that they cannot drift apart. */
import { type Command, PROGRAM, usageLine } from './command';

const WIDTH = 100;
/** Where descriptions start: two spaces of indent, a 26-character label and a space. */
const COLUMN = 29;

/** `node dist/cli.js --help`: every command with its usage and what it does. */
export function mainHelp(commands: Command[]): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => row(usageLine(c), c.summary)),
    row('help [command]', 'Show this help, or a command\'s.'),
    '',
    'Options:',
    row('-h, --help', 'Show this help.'),
    row('-v, --version', 'Show the version.'),
    '',
    `${PROGRAM} <command> --help describes a command's arguments and options.`,
    '',
  ].join('\n');
}

/** `node dist/cli.js <command> --help`: its usage, what it does, each argument and option. */
export function commandHelp(c: Command): string {
  const lines = [`Usage: ${PROGRAM} ${usageLine(c)}`, '', ...wrap(c.summary, WIDTH), ''];
  if (c.positionals.length) lines.push('Arguments:', ...c.positionals.map((p) => row(p.name, `${p.optional ? '(optional) ' : ''}${p.help}`)), '');
  lines.push('Options:');
  for (const [name, o] of Object.entries(c.options)) lines.push(row(`--${name}${o.value ? ` ${o.value}` : ''}`, `${o.required ? '(required) ' : ''}${o.help}`));
  lines.push(row('-h, --help', 'Show this help.'), '');
  return lines.join('\n');
}

/** A label and its description in two columns; a label too long for its column gets a line of its own. */
function row(label: string, text: string): string {
  const body = wrap(text, WIDTH - COLUMN).map((l) => ' '.repeat(COLUMN) + l);
  const head = `  ${label}`;
  if (head.length < COLUMN) body[0] = head.padEnd(COLUMN) + body[0].slice(COLUMN);
  else body.unshift(head);
  return body.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
