// The TypeScript shape of contracts/<noun>/<verb>.yaml, as contracts/contract.schema.json validates it.
export type OptionType = 'string' | 'integer' | 'number' | 'boolean' | 'string-list' | 'integer-list';
export type GlobalFlag = 'json' | 'dry-run' | 'force' | 'test-db';

export interface ContractOption {
  readonly name: string;
  readonly type: OptionType;
  readonly positional?: boolean;
  readonly repeatable?: boolean;
  /** A one-letter alias (-f for --file). */
  readonly short?: string;
  readonly required?: boolean;
  readonly default?: string | number | boolean | ReadonlyArray<string | number>;
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly pattern_hint?: string;
  readonly max_length?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly help: string;
}

export interface ContractRule {
  readonly id: string;
  readonly rule: string;
}

export interface Contract {
  readonly noun: string;
  readonly verb: string;
  /** `retrovue <noun>` alone runs this verb too. */
  readonly runs_as_noun?: boolean;
  readonly holds_database?: boolean;
  /** The command works with the plugin registries (importers, enrichers, producers). */
  readonly plugins?: boolean;
  readonly summary: string;
  readonly details?: string;
  readonly handler: string;
  readonly database: 'transaction' | 'batched' | 'connection' | 'none';
  readonly destructive: boolean;
  readonly flags: readonly GlobalFlag[];
  readonly options: readonly ContractOption[];
  readonly output: Record<string, unknown>;
  readonly exit_codes: Record<string, string>;
  readonly examples?: ReadonlyArray<{ description: string; command: string }>;
  readonly rules: { readonly behavior: readonly ContractRule[]; readonly data: readonly ContractRule[] };
}

/** A loaded contract with where it came from. */
export interface LoadedContract {
  readonly file: string;
  readonly contract: Contract;
}

export function commandKey(c: Contract): string {
  return `${c.noun}-${c.verb}`;
}

export function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());
}

export function camelCase(kebab: string): string {
  const pascal = pascalCase(kebab);
  return pascal.charAt(0).toLowerCase() + pascal.slice(1);
}

export function testFilesOf(c: Contract): { cli: string; data: string } {
  return {
    cli: `tests/contracts/${c.noun}/${c.verb}.cli.test.ts`,
    data: `tests/contracts/${c.noun}/${c.verb}.data.test.ts`,
  };
}
