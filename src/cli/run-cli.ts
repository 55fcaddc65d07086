// Runs `retrovue …` in-process: parses with Clipanion, prints usage/help, and turns parse errors into
// the same one-line (or JSON) errors as command failures. bin/retrovue.js and the tests both call it.
import { Builtins, Cli, type Command } from 'clipanion';
import { bareNouns, commands, nouns, version } from '../../generated/index.js';
import { builtinPlugins } from '../plugins/builtin-plugins.js';
import type { CliContext } from './cli-context.js';
import { wantsColour } from './colour.js';
import { reportError } from './report-error.js';
import { explainUsageError, joinNegativeValues } from './usage-errors.js';

// Colour only for a terminal that wants it (colour.ts); Clipanion's help would otherwise ask the
// process-wide default, which colours even a pipe.
function buildCli(colored: boolean): Cli<CliContext> {
  const cli = new Cli<CliContext>({
    binaryLabel: 'RetroVue Core',
    binaryName: 'retrovue',
    binaryVersion: version,
    enableCapture: false,
    enableColors: colored,
  });
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  for (const command of commands) cli.register(command);
  return cli;
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
  // The process's own working directory and the built-in plugins, unless the caller (a test, the runtime)
  // hands in its own: handlers reach neither through globals, only through the context built from this.
  const context: CliContext = { ...given, cwd: given.cwd ?? process.cwd(), plugins: given.plugins ?? builtinPlugins() };
  const cli = buildCli(wantsColour(context.colorDepth, context.env as Record<string, string | undefined>));
  const [first, second] = argv;
  const runsAlone = argv.length === 1 && first !== undefined && bareNouns.includes(first);
  if (first && !runsAlone && (nouns as readonly string[]).includes(first) && (argv.length === 1 || second === '--help' || second === '-h')) {
    context.stdout.write(nounHelp(cli, first));
    return argv.length === 1 ? 1 : 0;
  }
  let command: Command<CliContext>;
  const definitions = cli.definitions();
  try {
    command = cli.process(joinNegativeValues(argv, definitions), context);
  } catch (error) {
    const env = context.env as Record<string, string | undefined>;
    const explained = explainUsageError(error, argv, definitions) ?? error;
    return reportError(explained, { stderr: context.stderr, json: argv.includes('--json'), debug: env['RETROVUE_DEBUG'] === '1' });
  }
  return cli.run(command, context);
}
