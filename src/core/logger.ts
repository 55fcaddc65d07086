// pino on stderr: JSON by default (machines read it), pretty on a terminal (people read it), coloured only
// when the caller says colour is welcome (a terminal, and no NO_COLOR).
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** pino level name; default `warn`. */
  readonly level?: string | undefined;
  /** Human-readable lines instead of JSON (for a terminal). */
  readonly pretty?: boolean;
  /** ANSI colour in pretty lines. */
  readonly colour?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'warn';
  const destination = options.pretty === true ? prettyStream(options.colour === true) : pino.destination({ dest: 2, sync: true });
  return pino({ level, base: { name: 'retrovue' } }, destination);
}

function prettyStream(colorize: boolean): NodeJS.WritableStream {
  // pino-pretty as a synchronous in-process stream: no worker thread to start for a short CLI command.
  const require = createRequire(import.meta.url);
  const pretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
  return pretty({ destination: 2, sync: true, colorize, ignore: 'pid,hostname' });
}
