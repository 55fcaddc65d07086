// The slice of a contract a generated command carries at run time.
export type GlobalFlag = 'json' | 'dry-run' | 'force' | 'test-db';

export interface CommandSpec {
  readonly noun: string;
  readonly verb: string;
  readonly database: 'transaction' | 'batched' | 'connection' | 'none';
  readonly destructive: boolean;
  /** A long-running command that holds the embedded database and serves it to the others (contract `holds_database`). */
  readonly holdsDatabase?: boolean;
  /** The command works with plugins (contract `plugins`): only then do the registries load. */
  readonly usesPlugins?: boolean;
  readonly flags: readonly GlobalFlag[];
  /**
   * Loads the standalone ajv validator compiled from the contract's output schema (its own module, so a
   * command start parses only the one it runs).
   */
  readonly outputValidator: () => Promise<OutputValidator>;
}

export interface OutputValidator {
  (data: unknown): boolean;
  errors?: ReadonlyArray<{ instancePath: string; message?: string }> | null;
}

export interface GlobalFlagValues {
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly force: boolean;
  readonly testDb: boolean;
}
