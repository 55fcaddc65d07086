// Seeds channels through the real CLI, so fixtures obey the same rules as operators.
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/open-database.js';
import { cli } from './cli.js';

export async function addChannel(database: Database, id: string, number: string, extra: string[] = []): Promise<void> {
  const run = await cli(['channel', 'add', '--id', id, '--name', `Channel ${id}`, '--number', number, '--timezone', 'UTC', ...extra], {
    database,
  });
  assert.equal(run.exitCode, 0, run.stderr);
}
