// Runs several test files in one Node process, each inside a suite named after it (its hooks and tests
// stay its own), sharing one migrated database per dialect between them: a process start, the TypeScript
// loader and a database boot are paid once per group instead of once per file.
//   node --import tsx --test-reporter=spec scripts/test-group.ts tests/a.test.ts tests/b.test.ts …
import { resolve } from 'node:path';
import { after, describe } from 'node:test';
import { pathToFileURL } from 'node:url';
import { closeSharedDatabases, sharedDatabasesFlag } from '../tests/support/test-databases.js';

process.env[sharedDatabasesFlag] = '1';
for (const file of process.argv.slice(2)) {
  describe(file, async () => {
    await import(pathToFileURL(resolve(file)).href);
  });
}
after(() => closeSharedDatabases());
