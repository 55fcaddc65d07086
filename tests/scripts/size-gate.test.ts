// The size gate: the runtime's layers keep files to 300 lines and functions to 50, and a tree that breaks
// either fails naming the file, the line and the length.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { checkSizes } from '../../scripts/sizes/check-sizes.js';
import { scratchTree as tree } from '../support/scratch-tree.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const body = (lines: number) => Array.from({ length: lines }, (_, i) => `  const v${i} = ${i};`).join('\n');
const fn = (name: string, total: number) => `export function ${name}(): void {\n${body(total - 2)}\n}\n`;

test('the repository keeps every file of scheduling, playout, AIR and the runtime within 300 lines and every function within 50', () => {
  assert.deepEqual(checkSizes(repo).problems, []);
});

test('a 301-line file and a 51-line function (arrow or method too) fail the gate (exit 1) naming file, line and length', async () => {
  const root = tree({
    'src/air/ok.ts': fn('fifty', 50) + `export const arrow = (): void => {\n${body(48)}\n};\n`,
    'src/air/long.ts': `// first\n${fn('fiftyOne', 51)}`,
    'src/runtime/class.ts': `export class C {\n  m(): void {\n${body(49)}\n  }\n}\n`,
    'src/scheduling/time/big.ts': Array.from({ length: 301 }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n',
    'src/catalog/elsewhere.ts': fn('notChecked', 80),
  });
  assert.deepEqual(checkSizes(root).problems.map((p) => `${p.file}:${p.line}: ${p.message}`), [
    'src/scheduling/time/big.ts:1: 301 lines, over 300: split it by idea',
    'src/air/long.ts:2: function fiftyOne has 51 lines, over 50',
    'src/runtime/class.ts:2: function m has 51 lines, over 50',
  ]);
  const run = await execa(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'size-gate.ts'), root], { reject: false, env: { NODE_TEST_CONTEXT: undefined } });
  assert.equal(run.exitCode, 1);
  assert.match(run.stderr, /^size gate: 3 problem\(s\)/);
  assert.match(run.stderr, /\n {2}src\/air\/long\.ts:2: function fiftyOne has 51 lines, over 50/);
});
