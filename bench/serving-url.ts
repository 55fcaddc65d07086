// The URL a `retrovue runtime serve` or `retrovue demo` process announces on stderr ("serving at <url>"),
// once it listens; rejects if the process exits first. `onLine` sees every whole stderr line.
import type { ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';

export function servingUrl(server: ChildProcess, onLine?: (line: string) => void): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let err = '';
    let partial = '';
    (server.stderr as Readable).on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      err = (err + text).slice(-4096);
      const match = /serving at (\S+)/.exec(err);
      if (match?.[1]) resolve(match[1]);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      if (onLine !== undefined) for (const line of lines) onLine(line);
    });
    server.once('exit', (code) => reject(new Error(`${server.spawnargs.slice(2).join(' ')} exited ${code}: ${err.slice(-500)}`)));
  });
}
