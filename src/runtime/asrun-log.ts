// The as-run log's two copies: the as_run table, which holds a segment's row from the moment it goes on air
// (status airing, its end refreshed every few seconds, closed by id when it ends, so a node that dies
// leaves a row ending at most one refresh before its death), and a JSON-lines file per channel and UTC day
// under $RETROVUE_HOME/asrun/ with one line per finished record only (written synchronously when the
// segment ends; the in-flight row lives in the database alone). Database writes go through the runtime's
// DbGate one after another, in order; a failed one is logged and the file keeps the record. A full disk
// (or any failure) is logged once while it lasts and once when writes work again (WriteHealth), and a line
// the disk could not take whole is cut off, so the file never holds half a record. During a database outage
// a write waits and is tried again every second, in order, until the database is back (or the log is flushed
// at the server's stop), so the rows of what aired meanwhile are written after it.
import { appendFileSync, mkdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import { type Clock, systemClock } from '../core/clock.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { AsRunRecord, AsRunWriter } from './asrun-recorder.js';
import { closeAsRun, closeOrphanedAsRun, insertAsRun, openAsRun, refreshAsRun } from './asrun-repository.js';
import type { DbGate } from './db-gate.js';
import { WriteHealth } from './write-health.js';
import { isDatabaseUnavailable, OUTAGE_RETRY_MS } from './database-outage.js';

export const asRunTiming = {
  /** How often the end of every airing row is moved to now. */
  refreshMs: 5000,
} as const;

/** The reason a taking node gives the rows a stopped node left airing. */
export const ORPHANED_REASON = 'playout ended without closing this record (its node stopped)';

export interface AsRunLogOptions {
  /** `$RETROVUE_HOME/asrun`; null writes no files. */
  readonly dir: string | null;
  readonly db: DbGate | null;
  /** Where the database lives, as the log names it (describeLocation); default `the database`. */
  readonly dbWhere?: string;
  readonly log: Logger;
  /** Default the system clock. */
  readonly clock?: Clock;
  /** The node writing (runtime_node.id on a Postgres server); null: none named. */
  readonly nodeId?: string | null;
  /** Default asRunTiming.refreshMs. */
  readonly refreshMs?: number;
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

export class AsRunLog implements AsRunWriter {
  private chain: Promise<void> = Promise.resolve();
  private nextKey = 1;
  /** Records on air, by key: their channel and row id (undefined until inserted, or if the insert failed). */
  private readonly airing = new Map<number, { channelId: string; rowId: number | undefined }>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  /** Flushing for the server's stop: a write the database refuses is given up, not retried. */
  private flushing = false;
  /** Records finished (closed) so far. */
  written = 0;

  private readonly dbHealth: WriteHealth;
  private readonly fileHealth: WriteHealth;

  constructor(private readonly options: AsRunLogOptions) {
    this.dbHealth = new WriteHealth(options.log, 'as-run', options.dbWhere ?? 'the database');
    this.fileHealth = new WriteHealth(options.log, 'as-run', options.dir ?? 'no directory');
  }

  open(record: AsRunRecord): number {
    const key = this.nextKey++;
    const entry = { channelId: record.channelId, rowId: undefined as number | undefined };
    this.airing.set(key, entry);
    this.queue(record.channelId, 'insert', true, async (db) => {
      entry.rowId = await openAsRun(db, record, this.options.nodeId ?? null);
    });
    this.timer ??= setInterval(() => this.refresh(), this.options.refreshMs ?? asRunTiming.refreshMs).unref();
    return key;
  }

  close(key: number | null, record: AsRunRecord): void {
    const entry = key === null ? undefined : this.airing.get(key);
    if (key !== null && entry === undefined) return; // closed already: a record is finished once
    if (key !== null) this.airing.delete(key);
    this.written++;
    this.appendLine(record);
    if (this.airing.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    // Read when the write runs: the insert queued before it has set the row id by then (or failed).
    this.queue(record.channelId, 'close', true, (db) => (entry?.rowId === undefined ? insertAsRun(db, [record], this.options.nodeId ?? null) : closeAsRun(db, entry.rowId, record)));
  }

  takeOver(channelId: string): void {
    this.queue(channelId, 'close the rows a stopped node left airing', false, async (db) => {
      const live = [...this.airing.values()].flatMap((e) => (e.channelId === channelId && e.rowId !== undefined ? [e.rowId] : []));
      const closed = await closeOrphanedAsRun(db, channelId, live, ORPHANED_REASON);
      if (closed > 0) this.options.log.warn({ channel: channelId, rows: closed }, 'as-run: rows left airing by a node that stopped were closed as errors');
    });
  }

  /** Resolves once every record so far is in the database (or its failure logged). */
  flush(): Promise<void> {
    this.flushing = true;
    return this.chain;
  }

  /** Every airing row's end moves to now, in one statement; a refresh still queued is not doubled. */
  private refresh(): void {
    if (this.refreshing) return;
    this.refreshing = true;
    this.queue(null, 'refresh', false, async (db) => {
      this.refreshing = false;
      const ids = [...this.airing.values()].flatMap((e) => (e.rowId === undefined ? [] : [e.rowId]));
      await refreshAsRun(db, ids, (this.options.clock ?? systemClock).now());
    });
  }

  private appendLine(record: AsRunRecord): void {
    const { dir } = this.options;
    if (dir === null) return;
    const file = asRunFileOf(dir, record.channelId, record.actualStartMs);
    let before: number | undefined;
    try {
      mkdirSync(join(dir, record.channelId), { recursive: true });
      before = sizeOf(file);
      appendFileSync(file, `${asRunLine(record)}\n`);
      this.fileHealth.succeeded();
    } catch (error) {
      if (before !== undefined) cutBack(file, before);
      this.fileHealth.failed(error, { file, channel: record.channelId });
    }
  }

  /**
   * `adds`: the write adds a record (an insert, or a close that may insert); only such a write shows that
   * writes work again, as updates that change nothing (or fit in place) succeed on a full disk too.
   */
  private queue(channelId: string | null, what: string, adds: boolean, work: (db: Kysely<Schema>) => Promise<void>): void {
    const { db, log } = this.options;
    if (db === null) return;
    this.chain = this.chain
      .then(() => this.untilReachable(() => db.run(work)))
      .then(
        () => (adds ? this.dbHealth.succeeded() : undefined),
        (error: unknown) => this.dbHealth.failed(error, { channel: channelId, write: what }),
      )
      .catch((error: unknown) => log.error({ err: error }, 'as-run: logging a database write failed'));
  }

  /** Runs `write`, again every second while the database cannot be reached (the outage is logged once, elsewhere). */
  private async untilReachable(write: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await write();
      } catch (error) {
        if (!isDatabaseUnavailable(error) || this.flushing) throw error;
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_RETRY_MS));
      }
    }
  }
}

/** The file's size, 0 when it does not exist yet. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** A line the disk took only part of is cut off: the file ends with its last whole record. */
function cutBack(file: string, size: number): void {
  try {
    if (sizeOf(file) > size) truncateSync(file, size);
  } catch {
    // Truncating frees space and cannot itself fail for lack of it; any other failure was logged by the caller.
  }
}
