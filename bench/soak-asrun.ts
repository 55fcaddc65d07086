// As-run completeness of the soak window, through the built binary after the server stopped (the home's
// embedded database has one user at a time): every PlaylogEvent of the window (`playlog show --json`)
// against the rows `asrun show --json` has for it, matched on asset, title and a scheduled start within it. An event wholly
// inside the window must have aired in full; the two at its edges (on air at tune-in, cut at the stop)
// must have a row of any status. Rows substituted or cut by an error inside the window are listed.
import { execFileSync } from 'node:child_process';
import { cli } from './soak-network.js';

const DAY_MS = 86_400_000;

interface PlaylogEvent {
  readonly start_ms: number;
  readonly end_ms: number;
  readonly asset_id: string | null;
  readonly title: string;
}

interface AsRunEntry {
  readonly asset_id: string | null;
  readonly title: string;
  readonly scheduled_start: string;
  readonly status: string;
}

export interface AsRunFigures {
  readonly channel: string;
  readonly events: number;
  /** Events with the row they should have (aired in full inside the window, any row at its edges). */
  readonly complete: number;
  readonly missing: string[];
  readonly notInFull: string[];
  readonly rows: number;
}

const json = <T>(args: readonly string[], env: NodeJS.ProcessEnv): T =>
  JSON.parse(execFileSync(cli[0], [...cli.slice(1), ...args, '--json'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as T;

function asRunRows(channel: string, fromMs: number, toMs: number, env: NodeJS.ProcessEnv): AsRunEntry[] {
  const rows: AsRunEntry[] = [];
  for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    rows.push(...json<{ entries: AsRunEntry[] }>(['asrun', 'show', '--channel', channel, '--date', date], env).entries);
  }
  return rows;
}

const label = (e: PlaylogEvent): string => `${new Date(e.start_ms).toISOString().slice(11, 19)} ${e.title}`;

/** Compares the channel's playlog with its as-run over [fromMs, toMs] (the channel watched throughout). */
export function asRunCompleteness(channel: string, fromMs: number, toMs: number, env: NodeJS.ProcessEnv): AsRunFigures {
  // --hours takes at most three decimals.
  const hours = Math.max(0.001, Math.ceil((toMs - fromMs) / 3600) / 1000);
  const events = json<{ events: PlaylogEvent[] }>(['playlog', 'show', '--channel', channel, '--at', new Date(fromMs).toISOString(), '--hours', String(hours)], env)
    .events.filter((e) => e.end_ms > fromMs && e.start_ms < toMs);
  const rows = asRunRows(channel, fromMs, toMs, env);
  // A row's scheduled start is where its airing began in the event: the event's start, or the tune-in instant.
  const rowOf = (e: PlaylogEvent) => rows.find((r) => {
    const at = Date.parse(r.scheduled_start);
    return at >= e.start_ms && at < e.end_ms && r.asset_id === e.asset_id && r.title === e.title;
  });
  const missing: string[] = [];
  const notInFull: string[] = [];
  for (const e of events) {
    const row = rowOf(e);
    const inside = e.start_ms >= fromMs && e.end_ms <= toMs;
    if (row === undefined) missing.push(label(e));
    else if (inside && row.status !== 'aired') notInFull.push(`${label(e)}: ${row.status}`);
  }
  return { channel, events: events.length, complete: events.length - missing.length - notInFull.length, missing, notInFull, rows: rows.length };
}
