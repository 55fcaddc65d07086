// What is on a demo channel at an instant, as `epg show` lists it (the guide's programmes from the same
// ScheduleDays /epg.xml and the web guide read), and the demo's first line, which says it for every channel.
import type { TransactionContext } from '../command/command-context.js';
import { EPG_LOOK_BACK_MS } from '../runtime/channel-directory.js';
import { showEpg } from '../scheduling/epg/epg-commands.js';
import { iso, wallClock } from '../scheduling/schedule-day/schedule-day-json.js';

export interface OnNow {
  readonly title: string;
  readonly episode: string | null;
  readonly start: string;
  readonly end: string;
}

/** The guide programme on air on the channel at `atMs`, null when nothing is scheduled then. */
export async function onNowOf(ctx: TransactionContext, channelId: string, atMs: number): Promise<OnNow | null> {
  // Read from where the web guide starts, so a break at a day's edge belongs to the programme before it there too.
  const guide = await showEpg(ctx, { channel: channelId, from: iso(atMs - EPG_LOOK_BACK_MS), hours: (EPG_LOOK_BACK_MS + 1) / 3_600_000 });
  const on = guide.data.programmes.find((p) => Date.parse(p.start) <= atMs && atMs < Date.parse(p.stop));
  return on === undefined ? null : { title: on.title, episode: on.episode, start: on.start, end: on.stop };
}

export interface OnNowChannel {
  readonly number: string;
  readonly name: string;
  readonly timezone: string;
  readonly on_now: OnNow | null;
}

/**
 * "on now (Asia/Tokyo): 2 Toon Time — Captain Comet S01E02 (until 14:32) · 3 Sitcom Central — …"; the zone
 * goes beside each time instead when the channels' zones differ.
 */
export function onNowLine(channels: readonly OnNowChannel[]): string {
  const zones = new Set(channels.map((c) => c.timezone));
  const oneZone = zones.size === 1 ? [...zones][0] : undefined;
  const each = channels.map((c) => {
    if (c.on_now === null) return `${c.number} ${c.name} — nothing scheduled`;
    const until = wallClock(Date.parse(c.on_now.end), c.timezone).slice(11, 16);
    const title = c.on_now.episode === null ? c.on_now.title : `${c.on_now.title} ${c.on_now.episode}`;
    return `${c.number} ${c.name} — ${title} (until ${until}${oneZone === undefined ? ` ${c.timezone}` : ''})`;
  });
  return `on now${oneZone === undefined ? '' : ` (${oneZone})`}: ${each.join(' · ')}`;
}
