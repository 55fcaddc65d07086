// Parse errors an operator can act on: which command, which option is missing or wrong, and where its
// help is. Clipanion reports a missing required option as "Command not found" and a negative number as
// an option of its own; this module turns both into the one line the operator needs.
import type { Definition } from 'clipanion';
import { RetroVueError } from '../core/errors.js';

/** The names of a definition's option ("-h,--help" → ["-h", "--help"]) and whether it takes a value ("--id #0"). */
function optionNames(option: Definition['options'][number]): { names: string[]; takesValue: boolean } {
  const [names = '', ...rest] = option.definition.split(' ');
  return { names: names.split(','), takesValue: rest.length > 0 };
}

/**
 * `--grid-block-minutes -30` → `--grid-block-minutes=-30`, for options that take a value: Clipanion would
 * read "-30" as an option and answer "Not enough arguments", where the operator needs the range error.
 */
export function joinNegativeValues(argv: readonly string[], definitions: () => readonly Definition[]): string[] {
  // Most command lines hold no negative number: they skip rendering every definition to find the options.
  if (!argv.some((token) => /^-[0-9.]/.test(token))) return [...argv];
  const valued = new Set(definitions().flatMap((d) => d.options.map(optionNames).filter((o) => o.takesValue).flatMap((o) => o.names)));
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    const next = argv[i + 1];
    if (valued.has(token) && next !== undefined && /^-[0-9.]/.test(next)) {
      joined.push(`${token}=${next}`);
      i++;
    } else {
      joined.push(token);
    }
  }
  return joined;
}

/** The command the words of `argv` name (`channel add …` → "retrovue channel add"), if any. */
function commandOf(argv: readonly string[], definitions: readonly Definition[]): Definition | undefined {
  const words: string[] = [];
  for (const token of argv) {
    if (token.startsWith('-')) break;
    words.push(token);
  }
  for (let n = words.length; n > 0; n--) {
    const path = ['retrovue', ...words.slice(0, n)].join(' ');
    const found = definitions.find((d) => d.path === path);
    if (found) return found;
  }
  return undefined;
}

const firstLine = (text: string) => (text.split('\n').find((line) => line.trim().length > 0) ?? text).trim();

/**
 * A Clipanion parse error as one line naming the command and what to fix, or undefined when `argv` names
 * no command (the generic "unknown command" answer stands).
 */
export function explainUsageError(error: unknown, argv: readonly string[], definitions: readonly Definition[]): RetroVueError | undefined {
  if (!(error instanceof Error) || error.name !== 'UnknownSyntaxError') return undefined;
  const command = commandOf(argv, definitions);
  if (!command) return undefined;
  const help = `see ${command.path} --help`;
  const reason = firstLine(error.message).replace(/\.$/, '');
  const given = (name: string) => argv.some((token) => token === name || token.startsWith(`${name}=`));
  if (reason.startsWith('Command not found')) {
    const missing = command.options
      .filter((o) => o.required)
      .map(optionNames)
      .filter((o) => !o.names.some(given))
      .map((o) => o.names[o.names.length - 1] as string);
    if (missing.length > 0) {
      return new RetroVueError('invalid_input', `${command.path} needs ${missing.join(', ')} (required); ${help}`);
    }
    return new RetroVueError('invalid_input', `${command.path}: these arguments do not fit its usage "${command.usage}"; ${help}`);
  }
  const unknownOption = /^Unsupported option name \("(.*)"\)$/.exec(reason);
  if (unknownOption) return new RetroVueError('invalid_input', `${command.path} has no option ${unknownOption[1]}; ${help}`);
  const noValue = /^Not enough arguments to option (.*)$/.exec(reason);
  if (noValue) return new RetroVueError('invalid_input', `option ${noValue[1]} needs a value; ${help}`);
  if (/^(Not enough|Too many|Extraneous) positional argument/.test(reason)) {
    return new RetroVueError('invalid_input', `${command.path}: ${reason.toLowerCase()}; usage: ${command.usage}; ${help}`);
  }
  return new RetroVueError('invalid_input', `${command.path}: ${reason}; ${help}`);
}
