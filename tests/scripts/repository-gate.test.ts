// The repository gate: no query outside a *-repository.ts file, src/db/ and migrations/, and a tree that
// writes one elsewhere fails naming the file and the line.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { scratchTree } from '../support/scratch-tree.js';
import { checkQueries } from '../../scripts/repositories/check-queries.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const problemsOf = (root: string) => checkQueries(root).map((p) => `${p.file}:${p.line}: ${p.message}`);
const fix = 'move the query into the *-repository.ts of the noun it reads and call that function';

test('the repository itself writes every query in a repository, src/db/ or migrations/', () => {
  assert.deepEqual(problemsOf(repo), []);
});

test('a query in a handler fails the gate (exit 1) naming the file, the line and the rule', async () => {
  const root = scratchTree({
    'src/scheduling/channel/channel-repository.ts': "export const find = (db: any) => db.selectFrom('channel').selectAll().execute();\n",
    'src/db/migrations.ts': "export const up = (db: any) => db.deleteFrom('channel').execute();\n",
    'migrations/0001_init.ts': "export const up = (db: any) => db.insertInto('channel').values({}).execute();\n",
    'src/scheduling/channel/channel-commands.ts': [
      '// db.selectFrom("channel") in a comment is not a query, nor is a string: "deleteFrom"',
      "export async function list(db: any) {",
      "  return db.selectFrom('channel').selectAll().execute();",
      '}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(problemsOf(root), [`src/scheduling/channel/channel-commands.ts:3: selectFrom outside a repository: ${fix}`]);
  const run = await execa(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'repository-gate.ts'), root], { reject: false, env: { NODE_TEST_CONTEXT: undefined } });
  assert.equal(run.exitCode, 1);
  assert.match(run.stderr, /^repository gate: 1 problem\(s\) \(queries belong in \*-repository\.ts files, src\/db\/ and migrations\/\)\n/);
  assert.match(run.stderr, /\n {2}src\/scheduling\/channel\/channel-commands\.ts:3: selectFrom outside a repository: /);
});

test('every query builder that writes or reads, and raw sql however it is imported, is caught', () => {
  const root = scratchTree({
    'src/catalog/writer.ts': [
      "export async function w(trx: any) {",
      "  await trx.insertInto('asset').values({}).execute();",
      "  await trx.updateTable('asset').set({}).execute();",
      "  await trx.deleteFrom('asset').execute();",
      '  await trx.selectNoFrom([]).execute();',
      '}',
      '',
    ].join('\n'),
    'src/catalog/raw.ts': [
      "import { sql as raw } from 'kysely';",
      "import * as k from 'kysely';",
      'export const a = (db: any) => raw<number>`select 1`.execute(db);',
      "export const b = (db: any) => k.sql`select ${raw.ref('id')}`.execute(db);",
      "export const c = raw.ref('id');",
      '',
    ].join('\n'),
    'src/catalog/fine.ts': "import type { Kysely } from 'kysely';\nexport const sql = 'not kysely';\nexport type D = Kysely<never>;\nexport const s = sql.length;\n",
  });
  assert.deepEqual(problemsOf(root), [
    `src/catalog/raw.ts:3: raw sql outside a repository: ${fix}`,
    `src/catalog/raw.ts:4: raw sql outside a repository: ${fix}`,
    `src/catalog/raw.ts:5: raw sql (raw.ref) outside a repository: ${fix}`,
    `src/catalog/writer.ts:2: insertInto outside a repository: ${fix}`,
    `src/catalog/writer.ts:3: updateTable outside a repository: ${fix}`,
    `src/catalog/writer.ts:4: deleteFrom outside a repository: ${fix}`,
    `src/catalog/writer.ts:5: selectNoFrom outside a repository: ${fix}`,
  ]);
});
