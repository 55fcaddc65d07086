// SIGTERM stops the server even while a child process runs that was started after serving began: execa's exit
// hook (signal-exit) re-raises a SIGTERM it thinks nobody handles, so the handler stays until the stop is done.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { execa } from 'execa';

test('SIGTERM while a child started after serving runs: the stop completes and the process exits 0', async () => {
  const run = await execa(process.execPath, ['--import', 'tsx', 'tests/runtime/fixtures/sigterm-while-child.ts'], { reject: false, timeout: 30_000 });
  assert.equal(run.signal, undefined, `killed by ${run.signal}: ${run.stderr}`);
  assert.equal(run.exitCode, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'stopped cleanly');
});
