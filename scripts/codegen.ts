// contracts/ → generated/: Clipanion commands, contract types, output validators, index and TRACEABILITY.md.
//   npm run codegen            write generated/ (and todo stubs for commands with no tests)
//   npm run codegen -- --check fail when generated/ is stale or a contract is invalid
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testFilesOf } from './contracts/contract.js';
import { emitCommand } from './contracts/emit-command.js';
import { emitIndex, emitNounIndexes } from './contracts/emit-index.js';
import { emitNetworkSchemaModule, networkFileSchema } from './contracts/emit-network-schema.js';
import { emitTestStubs } from './contracts/emit-test-stubs.js';
import { emitContractTypes } from './contracts/emit-types.js';
import { emitOutputValidators } from './contracts/emit-validators.js';
import { ContractError, loadContracts } from './contracts/load-contracts.js';
import { renderTraceability, traceRules } from './contracts/traceability.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function planGenerated(): Map<string, string> {
  const { contracts, definitions } = loadContracts(root);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const files = new Map<string, string>();
  for (const { contract, file } of contracts) {
    const command = emitCommand(contract, file);
    files.set(`generated/commands/${command.fileName}`, command.code);
  }
  files.set('generated/contract-types.ts', emitContractTypes(contracts, definitions));
  for (const [key, code] of emitOutputValidators(contracts, definitions)) files.set(`generated/output-validators/${key}.ts`, code);
  files.set('generated/index.ts', emitIndex(contracts, version));
  for (const [noun, code] of emitNounIndexes(contracts)) files.set(`generated/nouns/${noun}.ts`, code);
  const network = networkFileSchema(root, contracts);
  files.set('generated/network.schema.json', `${JSON.stringify(network, null, 2)}\n`);
  files.set('generated/network-schema.ts', emitNetworkSchemaModule(network));
  files.set('generated/TRACEABILITY.md', renderTraceability(traceRules(root, contracts)));
  return files;
}

function existingGenerated(): string[] {
  const walk = (dir: string): string[] =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
        )
      : [];
  return walk('generated');
}

function check(files: Map<string, string>): string[] {
  const stale: string[] = [];
  for (const [path, code] of files) {
    const full = join(root, path);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== code) stale.push(path);
  }
  for (const path of existingGenerated()) if (!files.has(path)) stale.push(`${path} (no longer generated)`);
  return stale;
}

function write(files: Map<string, string>): void {
  for (const path of existingGenerated()) if (!files.has(path)) rmSync(join(root, path));
  for (const [path, code] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    const full = join(root, path);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== code) writeFileSync(full, code);
  }
}

function writeMissingTestStubs(): string[] {
  const written: string[] = [];
  for (const { contract } of loadContracts(root).contracts) {
    const stubs = emitTestStubs(contract);
    const paths = testFilesOf(contract);
    for (const kind of ['cli', 'data'] as const) {
      const full = join(root, paths[kind]);
      if (existsSync(full)) continue;
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, stubs[kind]);
      written.push(paths[kind]);
    }
  }
  return written;
}

try {
  if (process.argv.includes('--check')) {
    const stale = check(planGenerated());
    if (stale.length > 0) {
      console.error(`generated/ is stale; run npm run codegen and commit:\n${stale.map((s) => `  ${s}`).join('\n')}`);
      process.exit(1);
    }
    console.log('codegen: generated/ is up to date');
  } else {
    for (const stub of writeMissingTestStubs()) console.log(`codegen: wrote todo stub ${stub}`);
    const files = planGenerated();
    write(files);
    console.log(`codegen: ${files.size} files in generated/`);
  }
} catch (error) {
  if (error instanceof ContractError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
