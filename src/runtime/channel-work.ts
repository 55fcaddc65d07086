// How a channel's work runs: one transition at a time under the channel's mutex, in the channel's scope
// (channel-scope.ts), and never silently. A transition nobody awaits that fails, or a callback that throws,
// is logged and the channel recovered (stopped) within the same turn of the mutex, so no other transition
// ever sees a half-done one and no error escapes to kill the process.
import type { Logger } from '../core/logger.js';
import { inChannel } from './channel-scope.js';
import { SerialQueue } from './serial-queue.js';

export class ChannelWork {
  private readonly mutex = new SerialQueue();

  /** `recover` brings the channel to rest after a failure (viewers disconnected, engine stopped). */
  constructor(private readonly channelId: string, private readonly log: Logger, private readonly recover: () => Promise<void>) {}

  /** A transition whose caller awaits it (and handles its failure). */
  run<T>(work: () => Promise<T>): Promise<T> {
    return inChannel(this.channelId, () => this.mutex.run(work));
  }

  /** A transition nobody awaits (a timer, an event): if it fails, the channel is recovered in the same turn. */
  later(during: string, work: () => Promise<void>): void {
    this.run(async () => {
      try {
        await work();
      } catch (error) {
        this.failed(error, during);
        await this.recover();
      }
    }).catch((error: unknown) => this.log.error({ err: error }, 'the failed channel could not be stopped cleanly'));
  }

  /** Something failed outside a transition (a callback, an error nobody handled): recover in a turn of its own. */
  fail(error: unknown, during: string): void {
    this.later(during, () => Promise.reject(error));
  }

  /** Runs a callback handed to the engine or a timer; a throw in it fails the channel instead of escaping. */
  guard(during: string, callback: () => void): void {
    try {
      inChannel(this.channelId, callback);
    } catch (error) {
      this.fail(error, during);
    }
  }

  private failed(error: unknown, during: string): void {
    this.log.error({ err: error, during }, 'channel failed: its viewers are disconnected and its engine stopped; the other channels carry on');
  }
}
