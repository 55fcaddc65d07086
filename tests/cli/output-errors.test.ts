// The built binary's own output: one that cannot be written (a full disk; /dev/full) fails the command in
// one line with exit 1, never exit 0 with the output lost; a reader that goes away early (`| head`) is the
// reader's choice and no error. Needs `npm run build`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { test } from 'node:test';
import { binPath } from '../support/cli.js';
import { testServerUrl } from '../support/test-databases.js';

const env = { ...process.env, RETROVUE_DATABASE_URL: testServerUrl, RETROVUE_LOG_LEVEL: 'silent' };

test('output written to a full disk (/dev/full): exit 1 and one line naming standard output and ENOSPC', () => {
  const full = openSync('/dev/full', 'w');
  try {
    const run = spawnSync(process.execPath, [binPath, 'network', 'export'], { env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr, 'retrovue: error: standard output cannot be written: ENOSPC\n');
  } finally {
    closeSync(full);
  }
});

test('a reader gone before the output comes (| true) ends the command quietly with its exit code', () => {
  const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${binPath}" --help | true`], { env, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
});
