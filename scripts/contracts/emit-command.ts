// Renders one contract as a Clipanion command class: options and validators from the contract,
// execute() delegating to the handwritten handler through src/cli/execute-command.ts.
import { camelCase, type Contract, type ContractOption, commandKey, pascalCase } from './contract.js';

const q = (value: unknown): string => JSON.stringify(value);

/** The TypeScript type of an option's value as the handler receives it. */
export function tsType(option: ContractOption): string {
  if (option.repeatable) return 'readonly string[]';
  switch (option.type) {
    case 'string':
      return option.enum ? option.enum.map(q).join(' | ') : 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string-list':
      return 'readonly string[]';
    case 'integer-list':
      return 'readonly number[]';
  }
}

function validatorFor(option: ContractOption): string | undefined {
  if (option.repeatable) return undefined; // checked item by item in the handler
  const bounds = [
    option.minimum !== undefined ? `minimum: ${option.minimum}` : '',
    option.maximum !== undefined ? `maximum: ${option.maximum}` : '',
  ].filter(Boolean);
  switch (option.type) {
    case 'string': {
      const rules = [
        option.pattern !== undefined ? `pattern: ${q(option.pattern)}` : '',
        option.pattern_hint !== undefined ? `patternHint: ${q(option.pattern_hint)}` : '',
        option.enum !== undefined ? `enum: ${q(option.enum)}` : '',
        option.max_length !== undefined ? `maxLength: ${option.max_length}` : '',
      ].filter(Boolean);
      return rules.length > 0 ? `isStringOption({ ${rules.join(', ')} })` : undefined;
    }
    case 'integer':
      return `isIntegerOption(${bounds.length ? `{ ${bounds.join(', ')} }` : ''})`;
    case 'number':
      return `isNumberOption(${bounds.length ? `{ ${bounds.join(', ')} }` : ''})`;
    case 'integer-list':
      return `isIntegerListOption(${bounds.length ? `{ ${bounds.join(', ')} }` : ''})`;
    case 'string-list':
      return 'isStringListOption()';
    case 'boolean':
      return undefined;
  }
}

function describeOption(option: ContractOption): string {
  const parts = [option.help];
  if (option.default !== undefined) parts.push(`(default: ${Array.isArray(option.default) ? option.default.join(',') : String(option.default)})`);
  return parts.filter(Boolean).join(' ');
}

/** Members of Clipanion's Command that an option field must not shadow. */
const reservedFields = new Set(['cli', 'context', 'execute', 'help', 'path', 'paths', 'schema', 'usage', 'validateAndExecute', 'catch', 'input']);

function fieldName(option: ContractOption): string {
  const name = camelCase(option.name);
  return reservedFields.has(name) ? `${name}Option` : name;
}

function optionField(option: ContractOption): string {
  const field = fieldName(option);
  const validator = validatorFor(option);
  const settings = [
    `description: ${q(describeOption(option))}`,
    validator ? `validator: ${validator}` : '',
    option.required ? 'required: true' : '',
  ].filter(Boolean);
  if (option.positional) {
    const positional = [`name: ${q(option.name)}`, `required: ${option.required === true}`, validator ? `validator: ${validator}` : ''];
    return `  readonly ${field} = Option.String({ ${positional.filter(Boolean).join(', ')} });`;
  }
  // Clipanion names an option by its flags: "-f,--file" when the contract gives it a short letter.
  const flags = option.short ? `-${option.short},--${option.name}` : `--${option.name}`;
  if (option.repeatable) {
    return `  readonly ${field} = Option.Array(${q(flags)}, { ${settings.join(', ')} });`;
  }
  if (option.type === 'boolean') {
    const initial = option.default === undefined ? '' : `${q(option.default)}, `;
    return `  readonly ${field} = Option.Boolean(${q(flags)}, ${initial}{ ${settings.join(', ')} });`;
  }
  return `  readonly ${field} = Option.String(${q(flags)}, { ${settings.join(', ')} });`;
}

function inputValue(option: ContractOption): string {
  const field = `this.${fieldName(option)}`;
  const value = option.default === undefined || option.type === 'boolean' ? field : `${field} ?? ${q(option.default)}`;
  return option.enum ? `(${value}) as ${tsType(option)}${option.required || option.default !== undefined ? '' : ' | undefined'}` : value;
}

const flagFields: Record<string, string> = {
  json: `  readonly json = Option.Boolean('--json', false, { description: 'Print only machine-readable JSON on stdout (errors as JSON on stderr)' });`,
  'dry-run': `  readonly dryRun = Option.Boolean('--dry-run', false, { description: 'Report what would change and change nothing' });`,
  force: `  readonly force = Option.Boolean('--force', false, { description: 'Do not ask for confirmation' });`,
  'test-db': `  readonly testDb = Option.Boolean('--test-db', false, { description: 'Use an isolated throwaway database' });`,
};

const executors = {
  transaction: 'executeTransactionCommand',
  batched: 'executeBatchedCommand',
  connection: 'executeConnectionCommand',
  none: 'executePlainCommand',
} as const;

/** The context each kind of command hands its handler (src/command/command-context.ts). */
export const handlerContexts = {
  transaction: 'TransactionContext',
  batched: 'ConnectionContext',
  connection: 'ConnectionContext',
  none: 'BaseCommandContext',
} as const;

/**
 * The Details block of `--help`. Clipanion folds single newlines into spaces and keeps "- " items apart,
 * so each list gets a blank line after its heading: the rules read as a list, one rule per item.
 */
function usageDetails(c: Contract): string {
  const rules = [...c.rules.behavior, ...c.rules.data].map((r) => `- ${r.id}: ${r.rule}`);
  const exits = Object.entries(c.exit_codes).map(([code, meaning]) => `- ${code}: ${meaning}`);
  const intro = c.details === undefined ? [] : [c.details.trim(), ''];
  return [...intro, 'Rules (B: behaviour, D: data):', '', ...rules, '', 'Exit codes:', '', ...exits].join('\n');
}

export function emitCommand(c: Contract, sourceFile: string): { className: string; fileName: string; code: string } {
  const name = pascalCase(commandKey(c));
  const className = `${name}Command`;
  const [modulePath = '', exportName = ''] = c.handler.split('#');
  const handlerImport = `../../${modulePath.replace(/\.ts$/, '.js')}`;
  const executor = executors[c.database];
  const validators = [...new Set(c.options.map(validatorFor).filter((v): v is string => v !== undefined).map((v) => v.split('(')[0]))].sort();
  const flag = (f: string, field: string) => (c.flags.includes(f as never) ? `this.${field}` : 'false');
  const lines = [
    `// GENERATED by scripts/codegen.ts from ${sourceFile}; do not edit. Change the contract, then run npm run codegen.`,
    `import { Command, Option } from 'clipanion';`,
    `import type { CliContext } from '../../src/cli/cli-context.js';`,
    `import type { CommandSpec } from '../../src/cli/command-spec.js';`,
    validators.length > 0 ? `import { ${validators.join(', ')} } from '../../src/cli/option-validators.js';` : '',
    `import type { ${name}Handler, ${name}Input } from '../contract-types.js';`,
    '',
    `export class ${className} extends Command<CliContext> {`,
    `  static override paths = [[${q(c.noun)}, ${q(c.verb)}]${c.runs_as_noun ? `, [${q(c.noun)}]` : ''}];`,
    `  static override usage = Command.Usage({`,
    `    category: ${q(c.noun)},`,
    `    description: ${q(c.summary)},`,
    `    details: ${q(usageDetails(c))},`,
    `    examples: ${q((c.examples ?? []).map((e) => [e.description, e.command.replace(/^retrovue /, '$0 ')]))},`,
    '  });',
    `  static readonly spec: CommandSpec = {`,
    `    noun: ${q(c.noun)},`,
    `    verb: ${q(c.verb)},`,
    `    database: ${q(c.database)},`,
    `    destructive: ${c.destructive},`,
    ...(c.holds_database ? ['    holdsDatabase: true,'] : []),
    ...(c.plugins ? ['    usesPlugins: true,'] : []),
    `    flags: ${q(c.flags)},`,
    `    outputValidator: async () => (await import(${q(`../output-validators/${commandKey(c)}.js`)})).${camelCase(commandKey(c))}Output,`,
    '  };',
    '',
    ...c.options.map(optionField),
    ...c.flags.map((f) => flagFields[f] ?? ''),
    '',
    '  override async execute(): Promise<number> {',
    `    const flags = { json: ${flag('json', 'json')}, dryRun: ${flag('dry-run', 'dryRun')}, force: ${flag('force', 'force')}, testDb: ${flag('test-db', 'testDb')} };`,
    // The executor (database, logging) and the handler load only when the command runs: help, usage
    // errors and the other commands of the noun, which parse this class, pay for neither. The executor
    // loads first, alone, and opens the database at once; the handler's module loads while it opens.
    `    const { ${executor} } = await import('../../src/cli/execute-command.js');`,
    `    const handlerModule = import(${q(handlerImport)});`,
    `    handlerModule.catch(() => {}); // awaited by the handler, which reports a failure to load`,
    `    return ${executor}(this.context, ${className}.spec, flags, async (ctx) => {`,
    `      const { ${exportName} } = await handlerModule;`,
    `      const handler: ${name}Handler = ${exportName};`,
    `      return handler(ctx, this.input());`,
    '    });',
    '  }',
    '',
    `  private input(): ${name}Input {`,
    '    return {',
    ...c.options.map((o) => `      ${camelCase(o.name)}: ${inputValue(o)},`),
    '    };',
    '  }',
    '}',
    '',
  ];
  return { className, fileName: `${commandKey(c)}.ts`, code: lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n') };
}
