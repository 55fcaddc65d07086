// An importer's error as the operator reads it: the source's name where the importer could only say
// `<source>` (importers never learn the operator's names), same code, same exit.
import { shellWord } from '../command/shell-quote.js';
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import { sourceNamePlaceholder } from '../plugins/importer.js';

/** `error` with the source's name put in; anything that is not a RetroVueError passes through untouched. */
export function namingSource(error: unknown, sourceName: string): unknown {
  if (!isRetroVueError(error) || !error.message.includes(sourceNamePlaceholder)) return error;
  const named = (text: string) => text.split(sourceNamePlaceholder).join(shellWord(sourceName));
  return new RetroVueError(error.code, named(error.message), { cause: error, exitCode: error.exitCode, problems: error.problems.map(named) });
}
