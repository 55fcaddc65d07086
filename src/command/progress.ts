// Progress of long CLI work on stderr: a bar on a terminal, nothing otherwise (the final summary says it all).
import cliProgress from 'cli-progress';
import { printableLine } from '../core/printable.js';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

export function createProgress(stream: NodeJS.WritableStream, enabled: boolean, what: string): Progress {
  if (!enabled) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream & { isTTY?: boolean },
      format: `${what} [{bar}] {value}/{total} {label}`,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: true,
      notTTYSchedule: 200,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, label) {
      if (!started) {
        bar.start(total, 0, { label: '' });
        started = true;
      }
      bar.setTotal(total);
      const shown = printableLine(label);
      bar.update(done, { label: shown.length > 40 ? `…${shown.slice(-39)}` : shown });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
