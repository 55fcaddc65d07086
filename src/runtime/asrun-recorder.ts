// Turns one engine run's events into as-run records: a record per segment that went on air, opened when it
// starts (status airing) and closed when it ends (aired in full, truncated because playout stopped,
// substituted with slate, or cut by an engine failure). Gaps the engine filled on its own are not segments
// and leave no record. Pure: events in, records out through the writer.
import type { AirEvent } from '../air/protocol.js';
import type { AsRunStatus } from '../db/asrun-schema.js';

export interface AsRunRecord {
  readonly channelId: string;
  readonly playlogEventId: string | null;
  readonly assetId: string | null;
  readonly title: string;
  readonly scheduledStartMs: number;
  readonly actualStartMs: number;
  readonly endMs: number;
  readonly inPointMs: number;
  readonly status: AsRunStatus;
  readonly reason: string | null;
}

/** Where records go (the AsRunLog: file and database). */
export interface AsRunWriter {
  /** A segment went on air: its record opens (status airing, end = its start); the key closes it. */
  open(record: AsRunRecord): number;
  /** The segment ended: its record closes with its final end, status and reason (key null: it never opened). */
  close(key: number | null, record: AsRunRecord): void;
  /** This node starts playing `channelId`: its records left airing by a node that stopped are closed. */
  takeOver(channelId: string): void;
}

type Started = Extract<AirEvent, { type: 'segment-started' }>;

/** A segment on air: how it started, a substitution seen, and its writer's key (null: it never opened). */
interface OpenSegment {
  readonly started: Started;
  substitution: string | null;
  key: number | null;
}

export class AsRunRecorder {
  private readonly open = new Map<number, OpenSegment>();

  constructor(private readonly channelId: string, private readonly writer: Pick<AsRunWriter, 'open' | 'close'> | null) {}

  onEvent(event: AirEvent): void {
    switch (event.type) {
      case 'segment-started': {
        if (event.segment.index === null) return;
        const entry: OpenSegment = { started: event, substitution: null, key: null };
        this.open.set(event.segment.index, entry);
        // Keyed after: a writer that throws here still gets the segment's final record when it ends.
        entry.key = this.writer?.open(this.record(event, event.wallClockMs, 'airing', null)) ?? null;
        return;
      }
      case 'segment-substituted': {
        const entry = event.segment.index === null ? undefined : this.open.get(event.segment.index);
        if (entry !== undefined) entry.substitution = event.reason;
        return;
      }
      case 'segment-ended': {
        if (event.segment.index === null) return;
        const entry = this.open.get(event.segment.index);
        if (entry === undefined) return;
        this.open.delete(event.segment.index);
        const status: AsRunStatus = event.outcome === 'stopped' ? 'truncated' : event.outcome === 'substituted' || entry.substitution !== null ? 'substituted' : 'aired';
        this.writer?.close(entry.key, this.record(entry.started, event.wallClockMs, status, status === 'truncated' ? 'playout stopped (no viewers left, or shutdown)' : entry.substitution));
        return;
      }
      case 'ready':
      case 'started':
      case 'segment-skipped':
      case 'extended':
      case 'underrun':
      case 'error':
      case 'ended':
        return;
    }
  }

  /** The run is over: segments still open end now, cut by a failure or by the stop. */
  close(endMs: number, failure: string | null): void {
    // Taken first: a writer that throws must not make a second close record them twice.
    const open = [...this.open.values()];
    this.open.clear();
    for (const { started, substitution, key } of open) {
      this.writer?.close(key, this.record(started, Math.max(endMs, started.wallClockMs), failure === null ? 'truncated' : 'error', failure ?? substitution ?? 'playout stopped'));
    }
  }

  private record(started: Started, endMs: number, status: AsRunStatus, reason: string | null): AsRunRecord {
    return {
      channelId: this.channelId,
      playlogEventId: started.segment.playlogEventId,
      assetId: started.segment.assetId,
      title: started.segment.title,
      scheduledStartMs: started.scheduledAtMs,
      actualStartMs: started.wallClockMs,
      endMs: Math.max(endMs, started.wallClockMs),
      inPointMs: started.inPointMs,
      status,
      reason,
    };
  }
}
