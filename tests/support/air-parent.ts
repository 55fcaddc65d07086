// A stand-in for ChannelManager in the orphan tests: starts the engine with its stdin a pipe from this
// process (stdout and events discarded, so only stdin can tell the engine its parent is gone), hands it
// the plan given as argv[2], prints "engine <pid>" and then waits to be killed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../src/air/main.ts', import.meta.url));
const env: NodeJS.ProcessEnv = { ...process.env };
delete env['NODE_TEST_CONTEXT'];
const engine = spawn(process.execPath, ['--import', 'tsx', main, '--events', '/dev/null'], { stdio: ['pipe', 'ignore', 'inherit'], env });
engine.stdin.write(`${process.argv[2] ?? ''}\n`);
process.stdout.write(`engine ${engine.pid ?? -1}\n`);
setInterval(() => {}, 60_000);
