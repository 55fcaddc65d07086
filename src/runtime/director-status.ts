// What GET /status answers about the ProgramDirector: its uptime, its viewers, this node, and every channel
// that has played (or tried to) since the server started.
import type { ChannelStatus } from './channel-manager-options.js';
import type { NodeStatus } from './owner-routing.js';

export interface DirectorStatus {
  readonly started_at: string;
  readonly uptime_ms: number;
  readonly viewers: number;
  /** This node and the channels it owns (null: a single node on embedded PGlite). */
  readonly node: NodeStatus | null;
  readonly channels: ReadonlyArray<{
    readonly id: string;
    readonly state: ChannelStatus['state'];
    readonly viewers: number;
    /** HLS clients still fetching (counted in `viewers` too). */
    readonly hls_viewers: number;
    readonly air: { readonly pid: number; readonly uptime_ms: number } | null;
    readonly restarts: number;
    readonly bytes_sent: number;
    readonly viewers_dropped: number;
  }>;
}

export function directorStatus(startedAtMs: number, nowMs: number, node: NodeStatus | null, statuses: readonly ChannelStatus[]): DirectorStatus {
  const channels = statuses.filter((s) => s.state !== 'idle' || s.restarts > 0 || s.bytesSent > 0);
  return {
    started_at: new Date(startedAtMs).toISOString(),
    uptime_ms: nowMs - startedAtMs,
    viewers: channels.reduce((n, c) => n + c.viewers.length + c.hlsViewers.length, 0),
    node,
    channels: channels.map((c) => ({
      id: c.id,
      state: c.state,
      viewers: c.viewers.length + c.hlsViewers.length,
      hls_viewers: c.hlsViewers.length,
      air: c.air === null ? null : { pid: c.air.pid, uptime_ms: c.air.uptimeMs },
      restarts: c.restarts,
      bytes_sent: c.bytesSent,
      viewers_dropped: c.viewersDropped,
    })),
  };
}
