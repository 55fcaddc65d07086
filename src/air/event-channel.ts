// The engine's event channel: JSON lines on an inherited file descriptor (fd 3 by default) or appended to
// a file or named pipe. Writes never block the stream; if the reader goes away, events stop (with one
// line on stderr) and playout goes on.
import { createWriteStream, fstatSync, type WriteStream } from 'node:fs';
import type { AirEvent } from './protocol.js';

export interface EventSink {
  emit(event: AirEvent): void;
  close(): Promise<void>;
}

/** `fd:N` for an inherited descriptor, anything else is a path. */
export function openEventSink(target: string, warn: (line: string) => void): EventSink {
  const fdMatch = /^fd:(\d+)$/.exec(target);
  let stream: WriteStream;
  if (fdMatch) {
    const fd = Number(fdMatch[1]);
    try {
      fstatSync(fd);
    } catch {
      warn(`air: no event channel on fd ${fd} (start the engine with a pipe there, or pass --events <path>); events are dropped`);
      return { emit: () => {}, close: async () => {} };
    }
    stream = createWriteStream('', { fd, autoClose: true });
  } else {
    stream = createWriteStream(target, { flags: 'a' });
  }
  let broken = false;
  stream.on('error', (error) => {
    if (!broken) warn(`air: event channel ${target} failed (${error.message}); events are dropped from now on`);
    broken = true;
  });
  return {
    emit(event) {
      if (!broken) stream.write(`${JSON.stringify(event)}\n`);
    },
    close: () => new Promise((resolve) => {
      if (broken) return resolve();
      stream.end(() => resolve());
    }),
  };
}
