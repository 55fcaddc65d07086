// What every step of `network apply` shares: the command's transaction context (relative paths resolve
// against the network file's folder) and the rule that a refused object is named by its place in the file.
import type { TransactionContext } from '../command/command-context.js';
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import type { DocPath, LoadedNetworkFile } from './network-file.js';

export interface ApplyContext {
  readonly ctx: TransactionContext;
  readonly file: LoadedNetworkFile;
  /** Lines the operator should read after the plan (a series waiting for ingest, …). */
  readonly notes: string[];
  /** Told of each object as its command starts (progress on a terminal). */
  readonly reached?: (what: string) => void;
}

/** Runs one object's command; a refusal becomes "file:line:col: <what>: <reason>" with the same exit code. */
export async function atObject<T>(apply: ApplyContext, path: DocPath, what: string, run: () => Promise<T>): Promise<T> {
  apply.reached?.(what);
  try {
    return await run();
  } catch (error) {
    if (!isRetroVueError(error)) throw error;
    throw new RetroVueError(error.code, `${apply.file.where(path)}: ${what}: ${error.message}`, { cause: error, exitCode: error.exitCode });
  }
}

/** A field that cannot change in place: refused with how to do it. */
export function immutable(what: string, field: string, from: unknown, to: unknown, fix: string): RetroVueError {
  return new RetroVueError('invalid_input', `${field} cannot change from ${JSON.stringify(from)} to ${JSON.stringify(to)} (${what}); ${fix}`);
}
