// Drives the real CLI: in-process through Clipanion (sharing the test's database), or as a child
// process of the built bin (bin/retrovue.js → dist/load.cjs → dist/retrovue-<hash>.cjs).
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { runCli } from '../../src/cli/run-cli.js';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/open-database.js';
import type { PluginRegistries } from '../../src/plugins/plugin-registries.js';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly database?: Database;
  readonly env?: Record<string, string | undefined>;
  /** Lines typed at a confirmation prompt; makes the run interactive. */
  readonly typed?: string;
  readonly clock?: Clock;
  /** Plugin registries in place of the built-in ones (a test's own importer or enricher). */
  readonly plugins?: PluginRegistries;
  /** The working directory relative paths resolve against. */
  readonly cwd?: string;
  /** Colour depth of the (pretend) stdout terminal; 1, no terminal, by default. */
  readonly colorDepth?: number;
  /** Aborts the run as Ctrl-C would. */
  readonly signal?: AbortSignal;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

export async function cli(argv: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  if (options.typed !== undefined) stdin.end(options.typed);
  else stdin.end();
  const exitCode = await runCli(argv, {
    stdin,
    stdout,
    stderr,
    env: { ...process.env, RETROVUE_LOG_LEVEL: 'silent', ...options.env },
    colorDepth: options.colorDepth ?? 1,
    interactive: options.typed !== undefined,
    database: options.database,
    clock: options.clock,
    plugins: options.plugins,
    cwd: options.cwd,
    signal: options.signal,
  });
  return { exitCode, stdout: out(), stderr: err() };
}

export const binPath = fileURLToPath(new URL('../../bin/retrovue.js', import.meta.url));

/** Runs the built binary as a separate process, as an operator would. */
export async function cliProcess(argv: readonly string[], env: Record<string, string | undefined>): Promise<CliRun> {
  // RETROVUE_HOLDER=off: a test's commands never leave a background holder behind (holder tests turn it on).
  const childEnv: Record<string, string | undefined> = { ...process.env, RETROVUE_LOG_LEVEL: 'silent', RETROVUE_HOLDER: 'off', ...env };
  delete childEnv['NODE_TEST_CONTEXT'];
  const result = await execa(process.execPath, [binPath, ...argv], { env: childEnv, extendEnv: false, reject: false, stdin: 'ignore', stripFinalNewline: false });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** Parses a --json stdout, failing with the whole output when it is not exactly one JSON document. */
export function json<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.exitCode}): ${run.stdout}\nstderr: ${run.stderr}`);
  }
}
