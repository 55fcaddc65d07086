// What a ChannelManager is given (its channel, where plans come from, how to start AIR, its timings) and
// what it reports in /status.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { AirCommand } from './air-process.js';
import type { AsRunWriter } from './asrun-recorder.js';
import type { ChannelState } from './channel-state.js';
import type { HlsLeaseStats } from './hls-leases.js';
import type { PlanSource } from './plan-source.js';
import type { ViewerStats } from './stream-fanout.js';

export interface ChannelManagerOptions {
  readonly channelId: string;
  readonly planSource: PlanSource;
  readonly air: AirCommand;
  readonly clock: Clock;
  readonly log: Logger;
  readonly asRun: AsRunWriter | null;
  /** How long the engine keeps running after the last viewer leaves (a quick re-tune rejoins it). */
  readonly lingerMs: number;
  readonly maxViewerBufferBytes: number;
  /** An extension is fed once less than this is queued ahead of now. */
  readonly extendAheadMs: number;
  /** How often the queued horizon is checked. */
  readonly extendCheckMs: number;
  readonly restartBackoff: { readonly initialMs: number; readonly maxMs: number };
  /** How long an HLS client counts as a viewer after its last fetch. */
  readonly hlsLeaseMs?: number;
}

export const defaultManagerTiming = {
  lingerMs: 5000,
  extendAheadMs: 30 * 60_000,
  extendCheckMs: 10_000,
  restartBackoff: { initialMs: 500, maxMs: 30_000 },
} as const;

export interface ChannelStatus {
  readonly id: string;
  readonly state: ChannelState['kind'];
  readonly viewers: readonly ViewerStats[];
  readonly hlsViewers: readonly HlsLeaseStats[];
  readonly air: { readonly pid: number; readonly uptimeMs: number } | null;
  readonly restarts: number;
  readonly bytesSent: number;
  readonly viewersDropped: number;
}
