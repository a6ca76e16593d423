/**
 * The command-line twin of the extension: the same core modules, usable without VS Code.
 * Run `node dist/cli.js --help`. Exit codes: 0 done, 1 the command found problems or failed,
 * 2 the command line was not understood.
 */
import { closest, parseCommandArgs, parseLeadingOptions } from './args';
import { type Command, UsageError } from './command';
import { compileCommand } from './compile';
import { exerciseCommand } from './exercise';
import { readVersion } from './content';
import { commandHelp, mainHelp } from './help';
import { consoleIo, type Io } from './io';
import { lintCommand } from './lint';
import { listCommand } from './list';
import { quizCommand } from './quiz';
import { scaffoldCommand } from './scaffold';
import { verifyCommand } from './verify';

/** Every command, in the order the help lists them. */
const COMMANDS: Command[] = [lintCommand, compileCommand, listCommand, scaffoldCommand, verifyCommand, exerciseCommand, quizCommand];

export function main(argv: string[], io: Io = consoleIo): number | Promise<number> {
  try {
    const code = dispatch(argv, io);
    return code instanceof Promise ? code.catch((err: unknown) => usageFailure(err, io)) : code;
  } catch (err) {
    return usageFailure(err, io);
  }
}

function dispatch(argv: string[], io: Io): number | Promise<number> {
  let rest = argv;
  if (argv[0]?.startsWith('-')) {
    const leading = parseLeadingOptions(argv, COMMANDS);
    if (leading.version) {
      io.out(readVersion());
      return 0;
    }
    if (leading.help) {
      io.out(leading.rest.length ? commandHelp(findCommand(leading.rest[0])) : mainHelp(COMMANDS));
      return 0;
    }
    rest = leading.rest;
  }
  const [name, ...args] = rest;
  if (name === undefined) {
    io.out(mainHelp(COMMANDS));
    return 2;
  }
  if (name === 'help') {
    io.out(args.length ? commandHelp(findCommand(args[0])) : mainHelp(COMMANDS));
    return 0;
  }
  const command = findCommand(name);
  const parsed = parseCommandArgs(command, args);
  if (parsed.help) {
    io.out(commandHelp(command));
    return 0;
  }
  return command.run(parsed.args, io);
}

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command;
  const names = COMMANDS.map((c) => c.name);
  const guess = closest(name, names);
  throw new UsageError(`unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}; the commands are ${names.join(', ')} and help`);
}

function usageFailure(err: unknown, io: Io): number {
  if (!(err instanceof UsageError)) throw err;
  io.err(err.explained());
  return 2;
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => (process.exitCode = code));
}
