// The `retrovue` process: real stdio, real environment, exit code from the command.
import { runCli } from './run-cli.js';

// First Ctrl-C asks the command to stop cleanly (long work keeps what it finished); a second one exits now.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\ninterrupted: finishing the current work; press Ctrl-C again to exit now\n');
  interrupt.abort(Object.assign(new Error('interrupted by SIGINT'), { name: 'AbortError' }));
});

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
// Everything the command opened is closed by now; exiting at once spares the embedded database's
// lingering wasm teardown (~150 ms). stdout/stderr writes to pipes and files are synchronous on Linux.
process.exit(exitCode);
