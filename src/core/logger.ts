// pino on stderr: JSON by default (machines read it), pretty on a terminal (people read it).
import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string | undefined; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env['RETROVUE_LOG_LEVEL'] ?? 'warn';
  const pretty = options.pretty ?? process.stderr.isTTY === true;
  const destination = pretty ? prettyStream() : pino.destination({ dest: 2, sync: true });
  return pino({ level, base: { name: 'retrovue' } }, destination);
}

function prettyStream(): NodeJS.WritableStream {
  // pino-pretty as a synchronous in-process stream: no worker thread to start for a short CLI command.
  const require = createRequire(import.meta.url);
  const pretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
  return pretty({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname' });
}
