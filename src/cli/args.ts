/**
 * Reads a command line with Node's `util.parseArgs` (strict) against a command's description, and
 * turns what it refuses into a UsageError that says which argument is wrong and what to write instead.
 */
import { parseArgs } from 'util';
import { type Command, type CommandArgs, PROGRAM, UsageError, usageLine } from './command';

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** A command's own arguments (after its name), checked; `help` when -h/--help asks for its help instead. */
export function parseCommandArgs(c: Command, argv: string[]): { help: boolean; args: CommandArgs } {
  const options: ParseOptions = { ...HELP_OPTION };
  for (const [name, o] of Object.entries(c.options)) options[name] = { type: o.type };
  const { values, positionals } = strictParse(argv, options, c);
  const args: CommandArgs = { positionals, strings: {}, flags: new Set() };
  if (values.help) return { help: true, args };

  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'boolean') args.flags.add(name);
    else if (value === '') throw new UsageError(`--${name} needs a value: ${optionWithValue(c, name)}`, c.name);
    else if (value !== undefined) args.strings[name] = value;
  }
  const missing = c.positionals.slice(positionals.length).filter((p) => !p.optional).map((p) => `<${p.name}> (${p.help.charAt(0).toLowerCase()}${p.help.slice(1).replace(/\.$/, '')})`);
  for (const [name, o] of Object.entries(c.options)) if (o.required && args.strings[name] === undefined) missing.push(optionWithValue(c, name));
  if (missing.length) throw new UsageError(`${c.name} needs ${missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0]}`, c.name);
  if (positionals.length > c.positionals.length) {
    const extra = positionals.slice(c.positionals.length).map((a) => `'${a}'`).join(', ');
    const takes = c.positionals.length === 0 ? 'no arguments' : `${usageLine({ ...c, options: {} }).slice(c.name.length + 1)} only`;
    throw new UsageError(`unexpected argument ${extra}: ${c.name} takes ${takes}`, c.name);
  }
  return { help: false, args };
}

/**
 * The options before any command: -h/--help and -v/--version. `rest` is the command line from the
 * command's name on. An option of a command written before the command is pointed out.
 */
export function parseLeadingOptions(argv: string[], commands: Command[]): { help: boolean; version: boolean; rest: string[] } {
  const firstWord = argv.findIndex((a) => !a.startsWith('-'));
  const leading = firstWord < 0 ? argv : argv.slice(0, firstWord);
  const rest = firstWord < 0 ? [] : argv.slice(firstWord);
  const options: ParseOptions = { ...HELP_OPTION, version: { type: 'boolean', short: 'v' } };
  const owners = (name: string) => commands.filter((c) => Object.hasOwn(c.options, name)).map((c) => c.name);
  const { values } = strictParse(leading, options, undefined, owners);
  return { help: values.help === true, version: values.version === true, rest };
}

/** The closest of `candidates` to a mistyped `word`, when it is close enough to be the one meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    // Every letter changed is no typo: `x` does not mean `h`.
    if (d < bestDistance && d < word.length && d <= Math.max(1, Math.floor(c.length / 3))) [best, bestDistance] = [c, d];
  }
  return best;
}

function strictParse(argv: string[], options: ParseOptions, command: Command | undefined, owners?: (name: string) => string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw explain(err as Error & { code?: string }, argv, options, command, owners);
  }
}

/**
 * Finds the argument that the strict parse refused by parsing again without strictness (the same
 * tokens, no checks): the error's code says what kind of mistake, the tokens say which argument.
 */
function explain(err: Error & { code?: string }, argv: string[], options: ParseOptions, c: Command | undefined, owners?: (name: string) => string[]): Error {
  if (err.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && err.code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return err;
  const command = c?.name;
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (!spec) {
      // `-dir` reads as the short options -d -i -r: name the word that was written.
      const written = argv[t.index].split('=')[0];
      const word = written.replace(/^--?/, '');
      const guess = written.startsWith('--') || word.length > 1 ? closest(word, Object.keys(options)) : undefined;
      const elsewhere = owners?.(word) ?? [];
      const hint = guess ? ` (did you mean --${guess}?)` : elsewhere.length ? ` (an option of ${elsewhere.join(', ')}: write it after the command, as in ${PROGRAM} ${elsewhere[0]} --${word})` : '';
      return new UsageError(`unknown option ${written}${hint}`, command);
    }
    if (spec.type === 'boolean' && t.value !== undefined) return new UsageError(`--${t.name} takes no value, but got '${t.value}'`, command);
    if (spec.type === 'string' && t.value === undefined) return new UsageError(`--${t.name} needs a value: ${c ? optionWithValue(c, t.name) : `--${t.name} <value>`}`, command);
    if (spec.type === 'string' && t.inlineValue === false && t.value.length > 1 && t.value.startsWith('-')) {
      return new UsageError(`--${t.name} needs a value, but is followed by the option '${t.value}' (a value that starts with '-' is written --${t.name}=${t.value})`, command);
    }
  }
  return new UsageError(err.message, command);
}

function optionWithValue(c: Command, name: string): string {
  return `--${name} ${c.options[name]?.value ?? '<value>'}`;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
