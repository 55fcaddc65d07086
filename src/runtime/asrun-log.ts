// The as-run log's two copies: a JSON-lines file per channel and UTC day under $RETROVUE_HOME/asrun/
// (written synchronously, one line per record, so a crash loses nothing already aired) and the as_run
// table (queued through the runtime's DbGate; a failed insert is logged and the file keeps the record).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { AsRunRecord } from './asrun-recorder.js';
import { insertAsRun } from './asrun-repository.js';
import type { DbGate } from './db-gate.js';

export interface AsRunLogOptions {
  /** `$RETROVUE_HOME/asrun`; null writes no files. */
  readonly dir: string | null;
  readonly db: DbGate | null;
  readonly log: Logger;
}

/** `asrun/<channel>/<YYYY-MM-DD>.jsonl`, the UTC day the segment started airing. */
export function asRunFileOf(dir: string, channelId: string, actualStartMs: number): string {
  return join(dir, channelId, `${new Date(actualStartMs).toISOString().slice(0, 10)}.jsonl`);
}

/** The file line of a record (snake_case, instants as ISO text and epoch ms). */
export function asRunLine(record: AsRunRecord): string {
  return JSON.stringify({
    channel: record.channelId,
    playlog_event_id: record.playlogEventId,
    asset_id: record.assetId,
    title: record.title,
    scheduled_start: new Date(record.scheduledStartMs).toISOString(),
    actual_start: new Date(record.actualStartMs).toISOString(),
    end: new Date(record.endMs).toISOString(),
    scheduled_start_ms: record.scheduledStartMs,
    actual_start_ms: record.actualStartMs,
    end_ms: record.endMs,
    in_point_ms: record.inPointMs,
    status: record.status,
    reason: record.reason,
  });
}

export class AsRunLog {
  private pending: Promise<void> = Promise.resolve();
  written = 0;

  constructor(private readonly options: AsRunLogOptions) {}

  append(record: AsRunRecord): void {
    this.written++;
    const { dir, db, log } = this.options;
    if (dir !== null) {
      const file = asRunFileOf(dir, record.channelId, record.actualStartMs);
      try {
        mkdirSync(join(dir, record.channelId), { recursive: true });
        appendFileSync(file, `${asRunLine(record)}\n`);
      } catch (error) {
        log.error({ err: error, file }, 'as-run: could not append to the file');
      }
    }
    if (db !== null) {
      this.pending = db
        .run((handle) => insertAsRun(handle, [record]))
        .catch((error: unknown) => log.error({ err: error, channel: record.channelId }, 'as-run: could not insert into the database'));
    }
  }

  /** Resolves once every record appended so far is in the database (or its failure logged). */
  flush(): Promise<void> {
    return this.pending;
  }
}
