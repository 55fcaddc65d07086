// The Clipanion context RetroVue runs commands in. Tests inject a database and a fake TTY through it.
import type { BaseContext } from 'clipanion';
import type { Clock } from '../core/clock.js';
import type { Database } from '../db/open-database.js';

export interface CliContext extends BaseContext {
  /** An already-open, migrated database to use instead of opening one (left open afterwards). */
  readonly database?: Database | undefined;
  readonly clock?: Clock | undefined;
  /** Whether a person can answer a confirmation prompt (stdin and stderr are terminals). */
  readonly interactive: boolean;
  /** Aborted when the operator interrupts (SIGINT). */
  readonly signal?: AbortSignal | undefined;
}
