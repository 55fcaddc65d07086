// Runs `retrovue …` in-process: parses with Clipanion, prints usage/help, and turns parse errors into
// the same one-line (or JSON) errors as command failures. bin/retrovue.js and the tests both call it.
import { existsSync, readFileSync } from 'node:fs';
import { Builtins, Cli, type Command } from 'clipanion';
import { bareNouns, type CommandClass, commandLoaders, loadCommands, nouns, version } from '../../generated/index.js';
import type { CliContext } from './cli-context.js';
import { wantsColour } from './colour.js';
import { reportError } from './report-error.js';
import { explainUsageError, joinNegativeValues } from './usage-errors.js';

// Colour only for a terminal that wants it (colour.ts); Clipanion's help would otherwise ask the
// process-wide default, which colours even a pipe.
function buildCli(colored: boolean, registered: readonly CommandClass[]): Cli<CliContext> {
  const cli = new Cli<CliContext>({
    binaryLabel: 'RetroVue Core',
    binaryName: 'retrovue',
    binaryVersion: version,
    enableCapture: false,
    enableColors: colored,
  });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of registered) cli.register(command);
  return cli;
}

/**
 * The commands a command line can select: those every word of whose path it contains, each class loaded
 * alone (generated/index.ts) only now, so a start parses no other command's class and Clipanion builds no
 * other command's parser. Clipanion compiles one state machine of every registered command before it parses
 * (25 ms and more for all of them, a few for one noun's, where the process itself starts in 60); a path
 * matches word for word, so a command a word of whose every path is missing from argv never completes a
 * path: it can neither be selected nor outrank (by path length) a command that can. Parsing with these
 * alone therefore selects what parsing with all of them would; a command line that does not parse so is
 * parsed again with all of them, for the same errors and suggestions.
 */
async function commandsNamedIn(argv: readonly string[]): Promise<CommandClass[]> {
  const named = commandLoaders.filter(({ paths }) => paths.some((path) => path.every((word) => argv.includes(word))));
  return Promise.all(named.map(({ load }) => load()));
}

/**
 * `retrovue --help`'s listing as scripts/build.ts rendered it with this very CLI (dist/help.json, beside the
 * bundle): Clipanion renders the usage of all 72 commands in ~20 ms, a third of a bare Node start. Run from
 * source (tests) there is none, and Clipanion renders it.
 */
function prerenderedHelp(colored: boolean): string | undefined {
  const file = new URL('./help.json', import.meta.url);
  if (!existsSync(file)) return undefined;
  const texts = JSON.parse(readFileSync(file, 'utf8')) as { plain: string; colour: string };
  return colored ? texts.colour : texts.plain;
}

/** `retrovue channel` / `retrovue channel --help`: the verbs of one noun. */
function nounHelp(cli: Cli<CliContext>, noun: string): string {
  const rows = cli
    .definitions()
    .filter((d) => d.path.startsWith(`retrovue ${noun} `))
    .map((d) => `  ${d.path.padEnd(28)} ${(d.description ?? '').trim()}`);
  return [`retrovue ${noun} <verb>`, '', ...rows, '', `Details of one verb: retrovue ${noun} <verb> --help`, ''].join('\n');
}

export async function runCli(argv: readonly string[], given: CliContext): Promise<number> {
  // The process's own working directory, unless the caller (a test, the runtime) hands in its own: handlers
  // reach it only through the context built from this. The built-in plugins are the executor's default
  // (loaded only when a command runs, not for --help or --version).
  const context: CliContext = { ...given, cwd: given.cwd ?? process.cwd() };
  const colored = wantsColour(context.colorDepth, context.env as Record<string, string | undefined>);
  const listing = argv.length === 0 || (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) ? prerenderedHelp(colored) : undefined;
  if (listing !== undefined) {
    context.stdout.write(listing);
    return 0;
  }
  const [first, second] = argv;
  const runsAlone = argv.length === 1 && first !== undefined && bareNouns.includes(first);
  if (first && !runsAlone && (nouns as readonly string[]).includes(first) && (argv.length === 1 || second === '--help' || second === '-h')) {
    context.stdout.write(nounHelp(buildCli(colored, await loadCommands([first as (typeof nouns)[number]])), first));
    return argv.length === 1 ? 1 : 0;
  }
  const namedCommands = await commandsNamedIn(argv);
  const named = buildCli(colored, namedCommands);
  let command: Command<CliContext>;
  try {
    command = named.process(joinNegativeValues(argv, () => named.definitions()), context);
  } catch {
    return runWithEveryCommand(argv, context, colored);
  }
  // Help lists every command; a command of ours or --version needs none but itself.
  const own = (namedCommands as readonly unknown[]).includes(command.constructor) || command instanceof Builtins.VersionCommand;
  return (own ? named : buildCli(colored, await loadCommands())).run(command, context);
}

/** Parses and runs with every command registered: what does not parse gets their errors and suggestions. */
async function runWithEveryCommand(argv: readonly string[], context: CliContext, colored: boolean): Promise<number> {
  const cli = buildCli(colored, await loadCommands());
  const definitions = cli.definitions();
  let command: Command<CliContext>;
  try {
    command = cli.process(joinNegativeValues(argv, () => definitions), context);
  } catch (error) {
    const env = context.env as Record<string, string | undefined>;
    const explained = explainUsageError(error, argv, definitions) ?? error;
    return reportError(explained, { stderr: context.stderr, json: argv.includes('--json'), debug: env['RETROVUE_DEBUG'] === '1' });
  }
  return cli.run(command, context);
}
