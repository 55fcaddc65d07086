// The engine's event channel: JSON lines on an inherited file descriptor (fd 3 by default) or appended to
// a file or named pipe. Writes never block the stream; if the reader goes away, events stop (with one
// line on stderr) and playout goes on.
import { createWriteStream, fstatSync, type WriteStream } from 'node:fs';
import type { AirEvent } from './protocol.js';

export interface EventSink {
  emit(event: AirEvent): void;
  close(): Promise<void>;
}

/**
 * Whether an inherited descriptor can carry events: a pipe, socket, file or device. When the parent passed
 * nothing there, Node's own event loop may hold that number (an epoll or eventfd descriptor, which has no
 * file type): writing to it fails, and closing it aborts the process.
 */
function isEventChannel(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isSocket() || stat.isFile() || stat.isCharacterDevice();
  } catch {
    return false;
  }
}

/** `fd:N` for an inherited descriptor, anything else is a path. */
export function openEventSink(target: string, warn: (line: string) => void): EventSink {
  const fdMatch = /^fd:(\d+)$/.exec(target);
  let stream: WriteStream;
  if (fdMatch) {
    const fd = Number(fdMatch[1]);
    if (!isEventChannel(fd)) {
      warn(`air: no event channel on fd ${fd} (start the engine with a pipe there, or pass --events <path>); events are dropped`);
      return { emit: () => {}, close: async () => {} };
    }
    // Never closed by us: the descriptor is the parent's, and the process's exit closes it.
    stream = createWriteStream('', { fd, autoClose: false });
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
