// The layer gate: the repository keeps its floors, and a tree that breaks one fails naming file, line and rule.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { scratchTree } from '../support/scratch-tree.js';
import { checkLayers } from '../../scripts/layers/check-layers.js';
import { importGraph } from '../../scripts/layers/import-graph.js';
import { renderOrder, renderRooms } from '../../scripts/layers/layer-order.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const problemsOf = (root: string) => checkLayers(importGraph(root)).map((p) => `${p.file}:${p.line}: ${p.message}`);

test('the repository itself has no upward import, no sideways import and no cycle', () => {
  assert.deepEqual(problemsOf(repo), []);
});

test('an upward import fails the gate (exit 1) naming the file, the line and the rule', async () => {
  const root = scratchTree({
    'src/core/clock.ts': 'export const now = 0;\n',
    'src/db/schema.ts': "// a comment first, so the import sits on line 2\nimport { textTable } from '../cli/text-table.js';\nexport const t = textTable;\n",
    'src/cli/text-table.ts': "import { now } from '../core/clock.js';\nexport const textTable = now;\n",
  });
  assert.deepEqual(problemsOf(root), ['src/db/schema.ts:2: imports src/cli/text-table.ts: upward import: db (floor 3 of 12) may not import cli (floor 12 of 12)']);
  const run = await execa(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'layer-gate.ts'), root], { reject: false, env: { NODE_TEST_CONTEXT: undefined } });
  assert.equal(run.exitCode, 1);
  assert.match(run.stderr, /^layer gate: 1 problem\(s\) \(order: core ← media ← db ← /);
  assert.match(run.stderr, /\n {2}src\/db\/schema\.ts:2: imports src\/cli\/text-table\.ts: upward import: db .* may not import cli/);
});

test('an import cycle fails the gate, naming each hop with its line', () => {
  const root = scratchTree({
    'src/catalog/a.ts': "import type { B } from './b.js';\nexport type A = B;\n",
    'src/catalog/b.ts': "export type B = number;\nexport { c } from './c.js';\n",
    'src/catalog/c.ts': "import type { A } from './a.js';\nexport const c: A | undefined = undefined;\n",
  });
  assert.deepEqual(problemsOf(root), [
    'src/catalog/a.ts:1: import cycle: src/catalog/a.ts:1 → src/catalog/b.ts:2 → src/catalog/c.ts:1 → src/catalog/a.ts; break it by moving what both need into one of them or below both',
  ]);
});

test('siblings, the plugins-never-db rule, dynamic imports and undeclared folders are refused', () => {
  const root = scratchTree({
    'src/db/schema.ts': 'export type Row = { id: string };\n',
    'src/plugins/p.ts': "import type { Row } from '../db/schema.js';\nexport type P = Row;\n",
    'src/scheduling/s.ts': "export async function s() {\n  return import('../ingest/i.js');\n}\n",
    'src/ingest/i.ts': 'export const i = 1;\n',
    'src/widgets/w.ts': "import { i } from '../ingest/i.js';\nexport const w = i;\n",
  });
  assert.deepEqual(problemsOf(root), [
    'src/plugins/p.ts:1: imports src/db/schema.ts: plugins may not import db: plugins are pure transformers and never touch the database',
    'src/scheduling/s.ts:2: imports src/ingest/i.ts: sibling import: scheduling and ingest share a floor and never import each other',
    `src/widgets/w.ts:1: imports src/ingest/i.ts: src/widgets is not a declared floor; add it to scripts/layers/layer-order.ts (order: ${renderOrder()})`,
  ]);
});

test('generated/ is the cli floor\'s; its contract types are importable with `import type` from the command floor up', () => {
  const root = scratchTree({
    'src/command/command-context.ts': 'export interface CommandResult<T> { data: T }\n',
    'generated/contract-types.ts': "import type { CommandResult } from '../src/command/command-context.js';\nexport type Out = CommandResult<number>;\n",
    'generated/commands/x.ts': "import type { Out } from '../contract-types.js';\nexport const x = (o: Out) => o;\n",
    'src/catalog/ok.ts': "import type { Out } from '../../generated/contract-types.js';\nexport type Ok = Out;\n",
    'src/catalog/value.ts': "import { type Out } from '../../generated/contract-types.js';\nexport type V = Out;\n",
    'src/catalog/command.ts': "import { x } from '../../generated/commands/x.js';\nexport const y = x;\n",
    'src/plugins/low.ts': "import type { Out } from '../../generated/contract-types.js';\nexport type L = Out;\n",
    'src/cli/run.ts': "import { x } from '../../generated/commands/x.js';\nexport const run = x;\n",
  });
  assert.deepEqual(problemsOf(root), [
    'src/catalog/command.ts:1: imports generated/commands/x.ts: only cli imports generated/ (except `import type` from generated/contract-types.ts); catalog may not',
    'src/catalog/value.ts:1: imports generated/contract-types.ts: generated/contract-types.ts holds types only: use `import type`',
    'src/plugins/low.ts:1: imports generated/contract-types.ts: contract types stand on the command floor; plugins (floor 4 of 12) is below it',
  ]);
});

test('the README shows the declared order and the rooms', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  assert.ok(readme.includes(renderOrder()), `README.md does not show the layer order:\n${renderOrder()}`);
  assert.ok(readme.includes(renderRooms('scheduling')), `README.md does not show scheduling's rooms:\n${renderRooms('scheduling')}`);
});
