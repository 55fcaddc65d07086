// For a contract with no tests yet: the two paired test files with one test.todo per rule.
// A todo is never proof; the gate keeps failing until each is a real test.
import type { Contract, ContractRule } from './contract.js';

function stub(c: Contract, kind: 'CLI' | 'data', rules: readonly ContractRule[]): string {
  return [
    `// ${kind} contract tests for \`retrovue ${c.noun} ${c.verb}\` (contracts/${c.noun}/${c.verb}.yaml).`,
    "import { test } from 'node:test';",
    '',
    ...rules.map((r) => `test.todo(${JSON.stringify(`${r.id}: ${r.rule}`)});`),
    '',
  ].join('\n');
}

export function emitTestStubs(c: Contract): { cli: string; data: string } {
  return { cli: stub(c, 'CLI', c.rules.behavior), data: stub(c, 'data', c.rules.data) };
}
