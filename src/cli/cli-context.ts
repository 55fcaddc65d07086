// The Clipanion context RetroVue runs commands in. Tests and embedders inject a database, a clock, a
// working directory and plugin registries through it; run-cli fills in the process's own for what is absent.
import type { BaseContext } from 'clipanion';
import type { Clock } from '../core/clock.js';
import type { Database } from '../db/open-database.js';
import type { PluginRegistries } from '../plugins/plugin-registries.js';

export interface CliContext extends BaseContext {
  /** An already-open, migrated database to use instead of opening one (left open afterwards). */
  readonly database?: Database | undefined;
  readonly clock?: Clock | undefined;
  /** Where relative paths resolve (default: the process's working directory). */
  readonly cwd?: string | undefined;
  /** The importers, enrichers and producers commands may use (default: the built-in ones). */
  readonly plugins?: PluginRegistries | undefined;
  /** Whether a person can answer a confirmation prompt (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Aborted when the operator interrupts (SIGINT). */
  readonly signal?: AbortSignal | undefined;
  /**
   * How to start this program ([node, bin/retrovue.js]): given, a command that finds no holder of the
   * embedded database starts one in the background (src/db/holder-client.ts). In-process runs leave it out.
   */
  readonly holderCommand?: readonly string[] | undefined;
}
