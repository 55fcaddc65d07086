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
process.exitCode = exitCode;
