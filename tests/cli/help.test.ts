// `retrovue --help` and `retrovue <noun> --help` list what exists, generated from the contracts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commands } from '../../generated/index.js';
import { cli } from '../support/cli.js';

test('retrovue --help lists every command of every contract', async () => {
  const run = await cli(['--help']);
  assert.equal(run.exitCode, 0);
  for (const command of commands) {
    const [path] = command.paths;
    assert.ok(path, 'every command has a path');
    assert.match(run.stdout, new RegExp(`retrovue ${path.join(' ')}\\b`));
  }
});

test('retrovue channel --help lists exactly the channel verbs', async () => {
  const run = await cli(['channel', '--help']);
  assert.equal(run.exitCode, 0);
  const verbs = [...run.stdout.matchAll(/^ {2}retrovue channel (\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(verbs, ['add', 'list', 'remove', 'show', 'update']);
});

test('a verb --help shows its options, rules and examples', async () => {
  const run = await cli(['channel', 'add', '--help']);
  assert.equal(run.exitCode, 0);
  assert.match(run.stdout, /--grid-block-minutes/);
  assert.match(run.stdout, /B-2: A grid-block-minutes that does not divide 1440 MUST be refused/);
  assert.match(run.stdout, /retrovue channel add --id retro1/);
});

test('an unknown command is one line on stderr with exit 1', async () => {
  const run = await cli(['chanel', 'list']);
  assert.equal(run.exitCode, 1);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'retrovue: error: unknown command; see retrovue --help\n');
});
