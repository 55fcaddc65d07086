// The contract machinery itself: schema errors with file:line, the traceability gate, the --check mode.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import ts from 'typescript';
import { commandKey } from '../../scripts/contracts/contract.js';
import { ContractError, loadContracts } from '../../scripts/contracts/load-contracts.js';
import { emitTestStubs } from '../../scripts/contracts/emit-test-stubs.js';
import { emitContractTypes } from '../../scripts/contracts/emit-types.js';
import { emitOutputValidators } from '../../scripts/contracts/emit-validators.js';
import { traceRules } from '../../scripts/contracts/traceability.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch: string[] = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const goodContract = `noun: widget
verb: add
summary: Create a widget for the codegen tests.
handler: src/widget.ts#addWidget
database: transaction
destructive: false
flags: [json]
options:
  - name: size
    type: integer
    minimum: 1
    help: How big the widget is.
output:
  type: object
  additionalProperties: false
  required: [ok, colour, parts]
  properties:
    ok: { type: boolean }
    colour: { enum: [red, blue] }
    parts: { type: array, items: { $ref: "#/definitions/Part" } }
    note: { type: [string, "null"], description: why it is so }
exit_codes: { "0": created }
rules:
  behavior:
    - id: B-1
      rule: The command MUST create a widget.
  data:
    - id: D-1
      rule: A widget MUST be persisted once.
`;

const partDefinition = `Part:
  type: object
  additionalProperties: false
  required: [name]
  properties:
    name: { type: string }
    weight: { type: [integer, "null"] }
`;

function fixtureRoot(contract: string): string {
  const root = mkdtempSync(join(tmpdir(), 'retrovue-codegen-'));
  scratch.push(root);
  mkdirSync(join(root, 'contracts', 'widget'), { recursive: true });
  mkdirSync(join(root, 'src'), { recursive: true });
  cpSync(join(repo, 'contracts', 'contract.schema.json'), join(root, 'contracts', 'contract.schema.json'));
  writeFileSync(join(root, 'contracts', 'definitions.yaml'), partDefinition);
  writeFileSync(join(root, 'contracts', 'widget', 'add.yaml'), contract);
  writeFileSync(join(root, 'src', 'widget.ts'), 'export {};\n');
  return root;
}

function writeTests(root: string, cli: string, data: string): void {
  mkdirSync(join(root, 'tests', 'contracts', 'widget'), { recursive: true });
  writeFileSync(join(root, 'tests', 'contracts', 'widget', 'add.cli.test.ts'), cli);
  writeFileSync(join(root, 'tests', 'contracts', 'widget', 'add.data.test.ts'), data);
}

test('a valid contract loads', () => {
  const { contracts } = loadContracts(fixtureRoot(goodContract));
  assert.equal(contracts.length, 1);
  assert.equal(contracts[0]?.contract.rules.behavior[0]?.id, 'B-1');
});

test('a malformed contract fails with the file, the line and what is wrong', () => {
  const root = fixtureRoot(goodContract.replace('type: integer', 'type: int'));
  assert.throws(
    () => loadContracts(root),
    (error: unknown) =>
      error instanceof ContractError &&
      /contracts\/widget\/add\.yaml:10:11: \/options\/0\/type: must be equal to one of the allowed values \(string, integer/.test(error.message),
  );
  const unknownField = fixtureRoot(goodContract.replace('destructive: false', 'destructive: false\ncolour: red'));
  assert.throws(() => loadContracts(unknownField), /add\.yaml:1:1: \(top level\): unknown field "colour"/);
  const twice = '    - id: D-1\n      rule: A widget MUST be persisted once.\n';
  const outOfOrder = fixtureRoot(goodContract.replace(twice, twice.replace('D-1', 'D-3') + twice.replace('D-1', 'D-2')));
  assert.throws(() => loadContracts(outOfOrder), /add\.yaml:\d+:\d+: rule ids must run in order: expected D-N with N above 3, got D-2/);
  // Gaps are allowed: parallel work takes a range of its own (B-10..B-19).
  assert.doesNotThrow(() => loadContracts(fixtureRoot(goodContract.replace('id: D-1', 'id: D-10'))));
  const noMust = fixtureRoot(goodContract.replace('The command MUST create a widget.', 'The command creates a widget.'));
  assert.throws(() => loadContracts(noMust), /\/rules\/behavior\/0\/rule: must match pattern/);
  const missingHandler = fixtureRoot(goodContract.replace('src/widget.ts', 'src/gadget.ts'));
  assert.throws(() => loadContracts(missingHandler), /handler module src\/gadget\.ts does not exist/);
  const noHelp = fixtureRoot(goodContract.replace('    help: How big the widget is.\n', ''));
  assert.throws(() => loadContracts(noHelp), /add\.yaml:9:5: \/options\/0: must have required property 'help'/);
});

test('the gate passes when every rule is proven and fails on todos, unknown ids, missing and extra files', () => {
  const root = fixtureRoot(goodContract);
  const trace = (r: string) => traceRules(r, loadContracts(r).contracts).problems;
  assert.match(trace(root).join('\n'), /add\.cli\.test\.ts: missing/);

  writeTests(root, "test('B-1: creates', () => {});\n", "test('D-1: persists once', () => {});\n");
  assert.deepEqual(trace(root), []);

  // The stubs codegen writes for a new contract prove nothing.
  const [widget] = loadContracts(root).contracts;
  assert.ok(widget);
  const stubs = emitTestStubs(widget.contract);
  writeTests(root, stubs.cli, "test('D-1: persists', () => {});\ntest('D-7: ghost', () => {});\n");
  const problems = trace(root).join('\n');
  assert.match(problems, /B-1: only a todo\/skip test proves it/);
  assert.match(problems, /cites D-7, which contracts\/widget\/add\.yaml does not define/);

  writeTests(root, "test('B-1: creates', () => {});\ntest('no id here', () => {});\n", "test('D-1: persists', () => {});\n");
  assert.match(trace(root).join('\n'), /test "no id here" cites no rule id/);

  writeTests(root, "test('B-1: creates', () => {});\n", "test('D-1: persists', () => {});\n");
  writeFileSync(join(root, 'tests', 'contracts', 'widget', 'extra.test.ts'), "test('B-1: again', () => {});\n");
  assert.match(trace(root).join('\n'), /extra\.test\.ts: not one of a command's two contract test files/);
});

test('codegen --check fails when generated/ is stale and passes once regenerated', async () => {
  const target = join(repo, 'generated', 'TRACEABILITY.md');
  const original = readFileSync(target, 'utf8');
  const env = { ...process.env, NODE_TEST_CONTEXT: undefined };
  try {
    writeFileSync(target, `${original}\nhand edit\n`);
    const stale = await execa(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'codegen.ts'), '--check'], { reject: false, env });
    assert.equal(stale.exitCode, 1);
    assert.match(stale.stderr, /generated\/ is stale; run npm run codegen and commit:\n\s+generated\/TRACEABILITY\.md/);
  } finally {
    writeFileSync(target, original);
  }
  const fresh = await execa(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'codegen.ts'), '--check'], { reject: false, env });
  assert.equal(fresh.exitCode, 0, fresh.stderr);
});

test('codegen types each output schema and shared definition, and a handler of the wrong shape fails tsc', () => {
  const root = fixtureRoot(goodContract);
  const { contracts, definitions } = loadContracts(root);
  const types = emitContractTypes(contracts, definitions);
  assert.match(types, /export interface Part \{\n {2}readonly name: string;\n {2}readonly weight\?: number \| null;\n\}/);
  assert.match(types, /export interface WidgetAddInput \{\n {2}\/\*\* How big the widget is\. \*\/\n {2}readonly size: number \| undefined;\n\}/);
  assert.match(types, /readonly colour: "red" \| "blue";\n {2}readonly parts: readonly Part\[\];\n {2}\/\*\* why it is so \*\/\n {2}readonly note\?: string \| null;/);
  assert.match(types, /export type WidgetAddHandler = \(ctx: TransactionContext, input: WidgetAddInput\) => Promise<CommandResult<WidgetAddOutput>>;/);

  // Compile the generated types with two handlers: the right shape passes, a wrong one is a type error.
  mkdirSync(join(root, 'generated'));
  mkdirSync(join(root, 'src', 'command'), { recursive: true });
  writeFileSync(join(root, 'generated', 'contract-types.ts'), types);
  writeFileSync(
    join(root, 'src', 'command', 'command-context.ts'),
    'export interface TransactionContext { readonly dryRun: boolean }\nexport interface CommandResult<Output = unknown> { readonly data: Output; readonly text: string }\n',
  );
  const handler = (data: string) =>
    `import type { WidgetAddHandler } from '../generated/contract-types.js';\nexport const addWidget: WidgetAddHandler = async () => ({ data: ${data}, text: '' });\n`;
  writeFileSync(join(root, 'src', 'right.ts'), handler("{ ok: true, colour: 'red', parts: [{ name: 'a', weight: null }] }"));
  writeFileSync(join(root, 'src', 'wrong.ts'), handler("{ ok: true, colour: 'green', parts: [] }"));
  const options = { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const program = ts.createProgram([join(root, 'src', 'right.ts'), join(root, 'src', 'wrong.ts')], options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(root.length + 1)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0] ?? '', /^src\/wrong\.ts: .*Type '"green"' is not assignable to type '"red" \| "blue"'/);
});

test('each command gets an output validator module of its own, with each shared definition it uses compiled once', async () => {
  const root = fixtureRoot(goodContract);
  const { contracts, definitions } = loadContracts(root);
  const code = emitOutputValidators(contracts, definitions).get('widget-add') ?? '';
  assert.equal(code.match(/sourceURL="definition-Part\.json"/g)?.length, 1, 'one function checks a Part');
  // In the real modules too: Asset, for one, is used by three commands and compiled once in each of them,
  // and a module holds no other command's schema.
  const real = loadContracts(repo);
  for (const { contract } of real.contracts) {
    const key = commandKey(contract);
    const module = readFileSync(join(repo, 'generated', 'output-validators', `${key}.ts`), 'utf8');
    assert.deepEqual([...new Set(module.match(/sourceURL="[^"]+"/g)?.filter((u) => !u.includes('definition-')))], [`sourceURL="${key}"`]);
    for (const name of Object.keys(real.definitions)) {
      assert.ok((module.match(new RegExp(`sourceURL="definition-${name}\\.json"`, 'g'))?.length ?? 0) <= 1, `${name} compiled once in ${key}`);
    }
  }
  const file = join(root, 'validators.mjs');
  writeFileSync(file, code.replace('// @ts-nocheck', ''));
  const { widgetAddOutput } = (await import(file)) as Record<string, ((data: unknown) => boolean) & { errors?: unknown[] }>;
  assert.ok(widgetAddOutput);
  assert.equal(widgetAddOutput({ ok: true, colour: 'blue', parts: [{ name: 'a', weight: 2 }] }), true);
  assert.equal(widgetAddOutput({ ok: true, colour: 'blue', parts: [{ name: 'a', weight: 'heavy' }] }), false);
  assert.equal(widgetAddOutput({ ok: true, colour: 'blue', parts: [], dry_run: true }), false, 'no --dry-run flag, no dry_run field');
});
