// Reads every contract, validates it against contract.schema.json (ajv, strict) and against the rules a
// schema cannot state, and reports each problem as file:line:column so a person can fix it at once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Contract, LoadedContract } from './contract.js';

export class ContractError extends Error {}

export interface ContractSet {
  readonly contracts: readonly LoadedContract[];
  readonly definitions: Record<string, unknown>;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFiles(path);
      return entry.name.endsWith('.yaml') ? [path] : [];
    })
    .sort();
}

function locate(doc: Document, counter: LineCounter, instancePath: string): string {
  const path = instancePath.split('/').slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const { line, col } = counter.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(top level)';
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params['additionalProperty'])}"`;
  if (error.keyword === 'enum') return `${where}: ${error.message} (${(error.params['allowedValues'] as unknown[]).join(', ')})`;
  return `${where}: ${error.message ?? 'is invalid'}`;
}

function parse(file: string, root: string): { doc: Document; counter: LineCounter; value: unknown; name: string } {
  const counter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: counter, prettyErrors: false });
  const name = relative(root, file);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const { line, col } = counter.linePos(yamlError.pos[0]);
    throw new ContractError(`${name}:${line}:${col}: invalid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  return { doc, counter, value: doc.toJS(), name };
}

/** Checks a schema cannot express: file placement, rule id order, defaults of the declared type, the handler file. */
function semanticProblems(contract: Contract, name: string, root: string): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const expected = join('contracts', contract.noun, `${contract.verb}.yaml`);
  if (name !== expected) problems.push({ path: '/noun', message: `noun/verb say ${expected} but the file is ${name}` });
  for (const kind of ['behavior', 'data'] as const) {
    // Ids increase down the file; gaps are allowed, so parallel work can take ranges of its own (B-10..B-19).
    let previous = 0;
    contract.rules[kind].forEach((rule, index) => {
      const prefix = kind === 'behavior' ? 'B' : 'D';
      const n = new RegExp(`^${prefix}-([1-9][0-9]*)$`).exec(rule.id)?.[1];
      if (n === undefined || Number(n) <= previous) problems.push({ path: `/rules/${kind}/${index}/id`, message: `rule ids must run in order: expected ${prefix}-N with N above ${previous}, got ${rule.id}` });
      previous = Math.max(previous, Number(n ?? previous));
    });
  }
  const seen = new Set<string>();
  contract.options.forEach((option, index) => {
    if (seen.has(option.name)) problems.push({ path: `/options/${index}/name`, message: `duplicate option "${option.name}"` });
    seen.add(option.name);
    if (['json', 'dry-run', 'force', 'test-db', 'help'].includes(option.name)) {
      problems.push({ path: `/options/${index}/name`, message: `"${option.name}" is a global flag; list it under flags` });
    }
    const d = option.default;
    if (d !== undefined) {
      const ok =
        (option.type === 'string' && typeof d === 'string') ||
        ((option.type === 'integer' || option.type === 'number') && typeof d === 'number') ||
        (option.type === 'boolean' && typeof d === 'boolean') ||
        (option.type.endsWith('-list') && Array.isArray(d));
      if (!ok) problems.push({ path: `/options/${index}/default`, message: `default does not match type ${option.type}` });
      if (option.required) problems.push({ path: `/options/${index}/required`, message: 'a required option cannot have a default' });
    }
    if (option.repeatable && (option.type !== 'string' || option.positional)) {
      problems.push({ path: `/options/${index}/repeatable`, message: 'only non-positional string options can be repeatable' });
    }
    if (option.positional && option.type !== 'string') {
      problems.push({ path: `/options/${index}/positional`, message: 'only string options can be positional' });
    }
  });
  if (contract.destructive && !contract.flags.includes('force')) {
    problems.push({ path: '/flags', message: 'a destructive command must accept --force' });
  }
  if (!contract.destructive && contract.flags.includes('force')) {
    problems.push({ path: '/flags', message: '--force is only for destructive commands' });
  }
  const [module] = contract.handler.split('#');
  if (module && !existsSync(join(root, module))) problems.push({ path: '/handler', message: `handler module ${module} does not exist` });
  return problems;
}

export function loadContracts(root: string): ContractSet {
  const dir = join(root, 'contracts');
  const schema = JSON.parse(readFileSync(join(dir, 'contract.schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  const validate = ajv.compile(schema);
  const definitionsFile = join(dir, 'definitions.yaml');
  // The network file's spec sits beside the contracts it draws on (scripts/contracts/emit-network-schema.ts).
  const networkFileSpec = join(dir, 'network-file.yaml');
  const definitions = existsSync(definitionsFile) ? (parse(definitionsFile, root).value as Record<string, unknown>) : {};
  const problems: string[] = [];
  const contracts: LoadedContract[] = [];
  for (const file of yamlFiles(dir)) {
    if (file === definitionsFile || file === networkFileSpec) continue;
    const { doc, counter, value, name } = parse(file, root);
    if (!validate(value)) {
      for (const error of validate.errors ?? []) problems.push(`${name}:${locate(doc, counter, error.instancePath)}: ${describe(error)}`);
      continue;
    }
    const contract = value as unknown as Contract;
    for (const p of semanticProblems(contract, name, root)) problems.push(`${name}:${locate(doc, counter, p.path)}: ${p.message}`);
    contracts.push({ file: name, contract });
  }
  if (problems.length > 0) throw new ContractError(problems.join('\n'));
  return { contracts, definitions };
}
