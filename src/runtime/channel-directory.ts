// What the ProgramDirector lists of channels: the enabled ones (for /channels, the playlist and the guide)
// and the ScheduleDays the guide shows; whether a channel can be tuned is the plan source's to say. The
// database one reads the scheduling repositories through the runtime's DbGate; tests may hand in a list.
import type { EpgChannel } from '../scheduling/epg/epg-guide.js';
import { epgChannelOf, sortChannels } from '../scheduling/epg/epg-guide.js';
import { listChannelRows } from '../scheduling/channel/channel-repository.js';
import { loadScheduleDaysBetween } from '../scheduling/schedule-day/schedule-day-repository.js';
import type { ScheduleDay } from '../scheduling/schedule-day/schedule-day.js';
import type { DbGate } from './db-gate.js';

export interface ChannelDirectory {
  /** In dial order. */
  channels(): Promise<EpgChannel[]>;
  /** Built ScheduleDays of every enabled channel overlapping [fromMs, toMs). */
  guideDays(fromMs: number, toMs: number): Promise<ScheduleDay[]>;
}

export function databaseDirectory(gate: DbGate): ChannelDirectory {
  return {
    channels: () => gate.run(async (db) => sortChannels((await listChannelRows(db, { enabledOnly: true })).map((row) => epgChannelOf(row)))),
    guideDays: (fromMs, toMs) =>
      gate.run(async (db) => {
        const days: ScheduleDay[] = [];
        for (const row of await listChannelRows(db, { enabledOnly: true })) days.push(...(await loadScheduleDaysBetween(db, row.id, fromMs, toMs)));
        return days;
      }),
  };
}
