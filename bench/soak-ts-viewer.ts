// MPEG-TS viewers of the soak, reading a channel's /channel/{id}.ts over real HTTP: a real-time one that
// reads everything as it arrives, and one that stops reading for a while every few minutes and resumes. A
// stall is a gap of more than 1 s between arriving chunks while the viewer reads; a drop is the server
// ending the response; a dropped viewer tunes in again (a new connection, a new decoder).
import { setTimeout as wait } from 'node:timers/promises';
import { get, type IncomingMessage } from 'node:http';
import { type DecodeFigures, Decoder, PacketAligner, PesAlignedFeed, sumDecode } from './soak-decoder.js';
import { DriftTracker, type DriftFigures } from './soak-drift.js';

const STALL_GAP_MS = 1000;

export interface Stall {
  /** Seconds since the soak's viewers started. */
  readonly atS: number;
  readonly gapMs: number;
  /** Within 30 s after the viewer resumed from a pause of its own. */
  readonly afterResume: boolean;
  /** Media the viewer held beyond the wall clock when the gap began (from its video DTS): a gap shorter
   * than this empties no player's buffer (the engine pausing after its start burst looks like that). */
  readonly leadMs: number;
}

export interface TsFigures {
  readonly channel: string;
  readonly connections: number;
  readonly drops: number;
  readonly pauses: number;
  readonly stalls: Stall[];
  readonly decode: DecodeFigures;
  readonly drift: DriftFigures | undefined;
  readonly bytes: number;
}

export interface TsViewerOptions {
  readonly base: string;
  readonly channel: string;
  readonly t0: number;
  readonly signal: AbortSignal;
  /** Pause reading for `ms` at these offsets (ms since t0); none for a real-time viewer. */
  readonly pauses?: { readonly atMs: readonly number[]; readonly ms: number };
}

/** One connection, read until the server ends it or the viewer leaves. */
class Connection {
  readonly ended: Promise<'server' | 'viewer'>;
  private res: IncomingMessage | undefined;
  private lastArrival: number | undefined;
  private resumedAt = -Infinity;
  private left = false;
  readonly feed = new PesAlignedFeed(new Decoder());
  private readonly aligner = new PacketAligner();
  bytes = 0;

  constructor(url: string, private readonly viewer: { t0: number; stalls: Stall[]; drift: DriftTracker }) {
    this.ended = new Promise((resolve) => {
      const req = get(url, (res) => {
        this.res = res;
        if (res.statusCode !== 200) res.destroy();
        res.on('data', (chunk: Buffer) => this.arrived(chunk));
        res.once('close', () => resolve(this.left ? 'viewer' : 'server'));
      });
      req.once('error', () => resolve(this.left ? 'viewer' : 'server'));
      this.leave = () => {
        this.left = true;
        req.destroy();
      };
    });
  }

  leave: () => void = () => {};

  private arrived(chunk: Buffer): void {
    const now = performance.now();
    if (this.lastArrival !== undefined && now - this.lastArrival > STALL_GAP_MS) {
      const atS = (this.lastArrival - this.viewer.t0) / 1000;
      const leadMs = this.viewer.drift.leadMs(this.lastArrival);
      this.viewer.stalls.push({ atS, gapMs: now - this.lastArrival, afterResume: now - this.resumedAt < 30_000, leadMs });
    }
    this.lastArrival = now;
    this.bytes += chunk.length;
    const packets = this.aligner.push(chunk);
    this.viewer.drift.push(packets, now);
    this.feed.push(packets);
  }

  pause(): void {
    this.res?.pause();
  }

  resume(): void {
    // The gap over the viewer's own pause is no stall of the server's.
    this.lastArrival = undefined;
    this.resumedAt = performance.now();
    this.res?.resume();
  }
}

/** Waits `ms`, or less if the soak ends meanwhile. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> => wait(ms, undefined, { signal }).catch(() => undefined);

/** Watches until `signal` aborts, tuning in again after each drop; the drift is the first connection's. */
export async function watchTs(options: TsViewerOptions): Promise<TsFigures> {
  const url = `${options.base}/channel/${encodeURIComponent(options.channel)}.ts`;
  const stalls: Stall[] = [];
  const decodes: DecodeFigures[] = [];
  let drift: DriftTracker | undefined;
  let connection: Connection | undefined;
  let connections = 0;
  let drops = 0;
  let bytes = 0;
  const pauses = schedulePauses(options, () => connection);
  while (!options.signal.aborted) {
    const tracker = new DriftTracker();
    // Drift is the real-time viewer's first connection's; a paused viewer's media runs behind by its pauses.
    if (connections === 0 && options.pauses === undefined) drift = tracker;
    connection = new Connection(url, { t0: options.t0, stalls, drift: tracker });
    connections++;
    const current = connection;
    const leave = () => current.leave();
    options.signal.addEventListener('abort', leave, { once: true });
    const how = await current.ended;
    options.signal.removeEventListener('abort', leave);
    bytes += current.bytes;
    decodes.push(await current.feed.end());
    if (how === 'server' && !options.signal.aborted) {
      drops++;
      await sleep(1000, options.signal);
    }
  }
  pauses.cancel();
  return { channel: options.channel, connections, drops, pauses: pauses.count(), stalls, decode: sumDecode(decodes), drift: drift?.figures(), bytes };
}

function schedulePauses(options: TsViewerOptions, current: () => Connection | undefined): { cancel(): void; count(): number } {
  const timers: NodeJS.Timeout[] = [];
  let count = 0;
  for (const atMs of options.pauses?.atMs ?? []) {
    const wait = atMs - (performance.now() - options.t0);
    timers.push(setTimeout(() => {
      const paused = current();
      paused?.pause();
      count++;
      timers.push(setTimeout(() => paused?.resume(), options.pauses?.ms ?? 0));
    }, Math.max(0, wait)));
  }
  return { cancel: () => timers.forEach(clearTimeout), count: () => count };
}
