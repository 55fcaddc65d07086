// The `retrovue` process: real stdio, real environment, exit code from the command.
import { runCli } from './run-cli.js';

// First Ctrl-C asks the command to stop cleanly (long work keeps what it finished); a second one exits now.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\ninterrupted: finishing the current work; press Ctrl-C again to exit now\n');
  interrupt.abort(Object.assign(new Error('interrupted by SIGINT'), { name: 'AbortError' }));
});

// A reader that goes away early (`retrovue asset list | head`) is not an error of the command; output that
// cannot be written (a full disk, /dev/full) is: the command exits 1 saying so, never 0 with its output lost.
let outputError: string | undefined;
for (const [stream, name] of [[process.stdout, 'standard output'], [process.stderr, 'standard error']] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') outputError ??= `${name} cannot be written: ${error.code ?? error.message}`;
  });
}

/**
 * Resolves once everything written to the stream has been handed to the OS. A pipe whose buffer is full
 * (64 KiB) makes writes asynchronous: exiting before this cuts the output short with exit 0.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/** Runs the command line; an ordinary function, not top-level await, so the bundle can be CommonJS (scripts/build.ts). */
async function main(): Promise<void> {
  const exitCode = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    colorDepth: process.stdout.isTTY ? process.stdout.getColorDepth() : 1,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    signal: interrupt.signal,
    holderCommand: process.argv[1] ? [process.execPath, process.argv[1]] : undefined,
  });
  process.exitCode = exitCode;
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  await new Promise((resolve) => setImmediate(resolve)); // the error events of the last writes
  if (outputError !== undefined) {
    process.stderr.write(`retrovue: error: ${outputError}\n`);
    process.exit(exitCode === 0 ? 1 : exitCode);
  }
  // Everything the command opened is closed and its output flushed by now; exiting at once spares the
  // embedded database's lingering wasm teardown (~150 ms).
  process.exit(exitCode);
}

void main();
