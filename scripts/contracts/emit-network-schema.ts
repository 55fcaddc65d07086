// contracts/network-file.yaml → the network file's JSON Schema (generated/network.schema.json, for editors)
// and generated/network-schema.ts (the same schema as a value, for the handlers, and its TypeScript types).
// Each object's fields are the options of the commands that make it, so the file and the CLI agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ContractOption, LoadedContract } from './contract.js';
import { ContractError } from './load-contracts.js';
import { declaration } from './json-schema-to-ts.js';

type JsonSchema = Record<string, unknown>;

interface ObjectSpec {
  readonly required?: readonly string[];
  readonly options?: Readonly<Record<string, readonly string[]>>;
  readonly rename?: Readonly<Record<string, string>>;
  readonly fields?: Readonly<Record<string, JsonSchema>>;
}

interface NetworkFileSpec {
  readonly title: string;
  readonly description: string;
  readonly root: ObjectSpec;
  readonly objects: Readonly<Record<string, ObjectSpec>>;
}

/** One option as a property of the file: its type, bounds and help, and its default. */
export function optionSchema(option: ContractOption): JsonSchema {
  const bounds = { ...(option.minimum !== undefined ? { minimum: option.minimum } : {}), ...(option.maximum !== undefined ? { maximum: option.maximum } : {}) };
  const text: JsonSchema = {
    type: 'string',
    ...(option.enum ? { enum: option.enum } : {}),
    ...(option.pattern ? { pattern: option.pattern } : {}),
    ...(option.max_length ? { maxLength: option.max_length } : {}),
  };
  const described = (schema: JsonSchema): JsonSchema => ({
    ...schema,
    description: option.help,
    ...(option.default !== undefined ? { default: option.default } : {}),
  });
  switch (option.type) {
    case 'string':
      return described(option.repeatable ? { type: 'array', items: text } : text);
    case 'integer':
    case 'number':
      return described({ type: option.type, ...bounds });
    case 'boolean':
      return described({ type: 'boolean' });
    case 'string-list':
      return described({ type: 'array', items: { type: 'string' } });
    case 'integer-list':
      return described({ type: 'array', items: { type: 'integer', ...bounds } });
  }
}

function objectSchema(name: string, spec: ObjectSpec, contracts: ReadonlyMap<string, LoadedContract>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required = new Set(spec.required ?? []);
  for (const [key, names] of Object.entries(spec.options ?? {})) {
    const contract = contracts.get(key);
    if (!contract) throw new ContractError(`contracts/network-file.yaml: ${name} takes options of ${key}, which is no contract`);
    for (const optionName of names) {
      const option = contract.contract.options.find((o) => o.name === optionName);
      if (!option) throw new ContractError(`contracts/network-file.yaml: ${name}: ${key} has no option "${optionName}"`);
      const field = spec.rename?.[optionName] ?? optionName;
      properties[field] = optionSchema(option);
      if (option.required) required.add(field);
    }
  }
  Object.assign(properties, spec.fields ?? {});
  return { type: 'object', additionalProperties: false, ...(required.size > 0 ? { required: [...required] } : {}), properties };
}

/** The network file's JSON Schema (draft-07). */
export function networkFileSchema(root: string, contracts: readonly LoadedContract[]): JsonSchema {
  const spec = parse(readFileSync(join(root, 'contracts', 'network-file.yaml'), 'utf8')) as NetworkFileSpec;
  const byKey = new Map(contracts.map((c) => [`${c.contract.noun}/${c.contract.verb}`, c]));
  const definitions = Object.fromEntries(Object.entries(spec.objects).map(([name, object]) => [name, objectSchema(name, object, byKey)]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://retrovue.dev/network.schema.json',
    title: spec.title,
    description: spec.description,
    ...objectSchema('the file', spec.root, byKey),
    definitions,
  };
}

/** generated/network-schema.ts: the schema as a value and the file's types (each object prefixed Network…). */
export function emitNetworkSchemaModule(schema: JsonSchema): string {
  const definitions = schema['definitions'] as Record<string, JsonSchema>;
  const names = new Set(Object.keys(definitions));
  // Comments keep the plain words; only the code's type names take the prefix.
  const prefixLine = (line: string): string =>
    line.trimStart().startsWith('/**') ? line : line.replace(/\b([A-Z][A-Za-z]+)\b/g, (word: string) => (names.has(word) ? `Network${word}` : word));
  const prefixed = (code: string): string => code.split('\n').map(prefixLine).join('\n');
  const { definitions: _, $schema: __, $id: ___, ...rootSchema } = schema;
  const types = [
    declaration('NetworkFile', rootSchema, { definitions: names }, 'network file', 'A network file as apply reads it and export writes it.'),
    ...Object.entries(definitions).map(([name, def]) => declaration(name, def, { definitions: names }, `network file ${name}`, `A ${name} of the network file.`)),
  ];
  return [
    '// Generated by scripts/codegen.ts from contracts/network-file.yaml and the contracts it names; do not edit.',
    '// The network file of `retrovue network apply` / `network export`: its JSON Schema and its types.',
    '',
    `export const networkFileSchema: Readonly<Record<string, unknown>> = ${JSON.stringify(schema, null, 2)};`,
    '',
    ...types.map((t) => `${prefixed(t)}\n`),
  ].join('\n');
}
