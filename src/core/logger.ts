// pino on stderr: JSON by default (machines read it), pretty on a terminal (people read it), coloured only
// when the caller says colour is welcome (a terminal, and no NO_COLOR). pino itself loads on the first line
// logged at an enabled level: most commands log nothing at the default level, and loading pino (with its
// worker-thread transport, sonic-boom and assert) would cost each of them ~12 ms of its start.
import { createRequire } from 'node:module';
import type { LogFn, Logger as PinoLogger } from 'pino';

/** What RetroVue logs through: the pino methods it uses (a pino logger is one). */
export interface Logger {
  readonly error: LogFn;
  readonly warn: LogFn;
  readonly info: LogFn;
  readonly debug: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** pino level name; default `warn`. */
  readonly level?: string | undefined;
  /** Human-readable lines instead of JSON (for a terminal). */
  readonly pretty?: boolean;
  /** ANSI colour in pretty lines. */
  readonly colour?: boolean;
}

/** pino's levels: a call below the logger's level writes nothing. */
const levelValues: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'warn';
  const threshold = levelValues[level];
  // pino's own words, as it said them when it loaded with the logger
  if (threshold === undefined) throw new Error(`default level:${level} must be included in custom levels`);
  let real: PinoLogger | undefined;
  return deferred(threshold, () => (real ??= pinoLogger(level, options)));
}

/** A logger that turns into `load()`'s on the first call at or above `threshold`. */
function deferred(threshold: number, load: () => PinoLogger): Logger {
  const method =
    (name: 'error' | 'warn' | 'info' | 'debug', value: number): LogFn =>
    (...args: Parameters<LogFn>) => {
      if (value >= threshold) load()[name](...args);
    };
  return {
    error: method('error', 50),
    warn: method('warn', 40),
    info: method('info', 30),
    debug: method('debug', 20),
    child: (bindings) => {
      let child: PinoLogger | undefined;
      return deferred(threshold, () => (child ??= load().child(bindings)));
    },
  };
}

function pinoLogger(level: string, options: LoggerOptions): PinoLogger {
  // Required, not imported: the bundle leaves pino out (scripts/build.ts) so a command that logs nothing never parses it.
  const require = createRequire(import.meta.url);
  const { pino } = require('pino') as typeof import('pino');
  const destination = options.pretty === true ? prettyStream(options.colour === true) : pino.destination({ dest: 2, sync: true });
  return pino({ level, base: { name: 'retrovue' } }, destination);
}

function prettyStream(colorize: boolean): NodeJS.WritableStream {
  // pino-pretty as a synchronous in-process stream: no worker thread to start for a short CLI command.
  const require = createRequire(import.meta.url);
  const pretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
  return pretty({ destination: 2, sync: true, colorize, ignore: 'pid,hostname' });
}
