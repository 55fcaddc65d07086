// Which channels are enabled, as the ChannelDirectory last said, for a tune-in refused for want of a tuner:
// an unknown or disabled channel is still 404, not 503. A channel the last read knew is answered at once
// (no database work in a storm of refusals) and the read is renewed in the background once it is older than
// a second; a channel it did not know waits for one read, shared by every request asking meanwhile.
import type { ChannelDirectory } from './channel-directory.js';

/** How long a read of the enabled channels answers refusals before the next one is made. */
export const KNOWN_CHANNELS_FRESH_MS = 1000;

export class KnownChannels {
  private ids: ReadonlySet<string> | undefined;
  private readAtMs = Number.NEGATIVE_INFINITY;
  private reading: Promise<ReadonlySet<string>> | undefined;

  constructor(private readonly directory: ChannelDirectory, private readonly now: () => number) {}

  /** Whether `channelId` is an enabled channel: from the last read when it knows it, else from a new one. */
  async known(channelId: string): Promise<boolean> {
    const ids = this.ids;
    if (ids?.has(channelId) === true) {
      if (this.now() - this.readAtMs >= KNOWN_CHANNELS_FRESH_MS) void this.read().catch(() => undefined);
      return true;
    }
    return (await this.read()).has(channelId);
  }

  private read(): Promise<ReadonlySet<string>> {
    this.reading ??= this.directory.channels().then(
      (channels) => {
        this.ids = new Set(channels.map((c) => c.id));
        this.readAtMs = this.now();
        return this.ids;
      },
    ).finally(() => (this.reading = undefined));
    return this.reading;
  }
}
