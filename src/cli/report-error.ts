// Turns any failure into one line on stderr (JSON under --json) and an exit code.
import { isRetroVueError, RetroVueError } from '../core/errors.js';
import { printableLine } from '../core/printable.js';
import { concurrentConflict } from './database-conflict.js';

export function toRetroVueError(error: unknown): RetroVueError {
  if (isRetroVueError(error)) return error;
  if (error instanceof Error && (error as { clipanion?: { type?: string } }).clipanion) {
    return new RetroVueError('invalid_input', usageMessage(error));
  }
  const conflict = concurrentConflict(error);
  if (conflict) return conflict;
  const message = error instanceof Error ? error.message : String(error);
  return new RetroVueError('internal', `internal error: ${firstLine(message)} (set RETROVUE_DEBUG=1 for details)`, { cause: error });
}

function usageMessage(error: Error): string {
  if (error.name === 'UnknownSyntaxError') {
    const reason = firstLine(error.message.replace(/^Command not found; did you mean.*$/ms, 'unknown command')).replace(/\.$/, '');
    return `${reason}; see retrovue --help`;
  }
  // Clipanion lists several problems as "msg:\n\n- a\n- b": fold them onto one line.
  return error.message
    .split('\n')
    .map((line) => line.replace(/^- /, '').trim())
    .filter((line) => line.length > 0)
    .join(' ')
    .replace(/: +/, ': ');
}

function firstLine(text: string): string {
  return (text.split('\n').find((line) => line.trim().length > 0) ?? text).trim();
}

export function reportError(
  error: unknown,
  io: { stderr: NodeJS.WritableStream; json: boolean; debug: boolean },
): number {
  const failure = toRetroVueError(error);
  if (io.json) {
    io.stderr.write(`${JSON.stringify({ error: { code: failure.code, message: failure.message } })}\n`);
  } else {
    for (const problem of failure.problems) io.stderr.write(`retrovue: error: ${printableLine(problem)}\n`);
  }
  if (io.debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return failure.exitCode;
}
