// The tuner limit (--tuners): how many channels may play at once. The one check every route makes before a
// ChannelManager starts (TS, /auto/v…, HLS): a channel already playing is always joined; a new one gets a
// tuner if one is free, or the tuner of a channel only lingering (no viewer left); otherwise 503 with the
// HDHomeRun 805 header, and nothing starts. A tune-in claims its tuner before its plan is checked and holds
// it until the start settles, so two tune-ins racing for the last tuner cannot both win, and a storm of
// tune-ins for channels that cannot get one is refused without building a plan.
import { tuneFailureOf } from './plan-source.js';

export interface TunerPoolOptions {
  /** The tuner count now (it may change once measured); Infinity for no limit. */
  readonly count: () => number;
  /** Channels whose engine runs or is starting or stopping (each holds a tuner), and whether it only lingers. */
  readonly playing: () => ReadonlyArray<{ readonly id: string; readonly lingering: boolean }>;
  /** Stops one channel that only lingers; resolves false when none does. */
  readonly releaseLingering: () => Promise<boolean>;
}

export class TunerPool {
  private readonly claims = new Map<string, number>();

  constructor(private readonly options: TunerPoolOptions) {}

  /** Whether `channelId` could play now (HEAD asks this; it starts and stops nothing). */
  available(channelId: string): boolean {
    const held = this.held();
    return held.has(channelId) || held.size < this.options.count() || this.options.playing().some((c) => c.lingering);
  }

  /**
   * Runs `start` (a ChannelManager's join) holding a tuner for `channelId`; throws the 805 TuneFailure,
   * without calling `start`, when every tuner plays another channel that has viewers.
   */
  async hold<T>(channelId: string, start: () => Promise<T>): Promise<T> {
    const release = await this.claim(channelId);
    try {
      return await start();
    } finally {
      release();
    }
  }

  /**
   * Takes a tuner for `channelId` until the returned release is called (a channel already playing, or one
   * claimed already, shares its tuner), ending a linger if it must; throws the 805 TuneFailure when every
   * tuner plays another channel that has viewers.
   */
  async claim(channelId: string): Promise<() => void> {
    for (;;) {
      const held = this.held();
      if (held.has(channelId) || held.size < this.options.count()) break;
      // None lingers: refused at once, not after waiting on every playing channel's turn to ask it.
      const full = !this.options.playing().some((c) => c.lingering) || !(await this.options.releaseLingering());
      if (full) throw tuneFailureOf({ kind: 'tuners-busy', channelId, tuners: this.options.count() });
    }
    this.claims.set(channelId, (this.claims.get(channelId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.claims.get(channelId) ?? 1) - 1;
      if (left > 0) this.claims.set(channelId, left);
      else this.claims.delete(channelId);
    };
  }

  private held(): Set<string> {
    return new Set([...this.options.playing().map((c) => c.id), ...this.claims.keys()]);
  }
}
