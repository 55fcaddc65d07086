// The `retrovue` process: real stdio, real environment, exit code from the command.
import { runCli } from './run-cli.js';

const exitCode = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  colorDepth: process.stdout.isTTY ? process.stdout.getColorDepth() : 1,
  interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
});
// Everything the command opened is closed by now; exiting at once spares the embedded database's
// lingering wasm teardown (~150 ms). stdout/stderr writes to pipes and files are synchronous on Linux.
process.exit(exitCode);
