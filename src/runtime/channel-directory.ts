// What the ProgramDirector lists of channels: the enabled ones (for /channels, the playlist and the guide),
// the guide programmes and the ScheduleDays they come from, and channel logos; whether a channel can be
// tuned is the plan source's to say. The database one reads the scheduling repositories through the
// runtime's DbGate, each answer in one turn and a fixed number of queries whatever the channel count (set
// reads, not one per channel: always what other processes' commands last wrote, with nothing to invalidate);
// tests may hand in a list.
import type { EpgChannel, EpgProgramme } from '../scheduling/epg/epg-guide.js';
import { DEFAULT_GUIDE_DOMAIN, assertGuideDomain, epgChannelOf, guideProgrammes, sortChannels } from '../scheduling/epg/epg-guide.js';
import { firstAiringsOf } from '../scheduling/epg/first-airing-repository.js';
import { findChannelByNumber, listChannelRows } from '../scheduling/channel/channel-repository.js';
import type { ChannelLogo } from '../scheduling/channel/channel-logo.js';
import { channelsWithLogo, loadChannelLogo } from '../scheduling/channel/channel-logo-repository.js';
import { loadScheduleDaysOfChannels } from '../scheduling/schedule-day/schedule-day-repository.js';
import type { ScheduleDay } from '../scheduling/schedule-day/schedule-day.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { DbGate } from './db-gate.js';

export interface ChannelDirectory {
  /** In dial order; with the request's base URL, each channel with a logo has its absolute logoUrl. */
  channels(baseUrl?: string): Promise<EpgChannel[]>;
  /** Built ScheduleDays of every enabled channel overlapping [fromMs, toMs). */
  guideDays(fromMs: number, toMs: number): Promise<ScheduleDay[]>;
  /** The guide (guideProgrammes) of every enabled channel's days overlapping [fromMs, toMs). */
  guide?(fromMs: number, toMs: number): Promise<EpgProgramme[]>;
  /** The enabled channel of a GuideNumber (HDHomeRun's /auto/v…), if any. */
  channelIdOfNumber?(number: string): Promise<string | undefined>;
  /** An enabled channel's logo, if it has one. */
  logo?(channelId: string): Promise<ChannelLogo | undefined>;
}

export interface DirectoryOptions {
  /** The domain of XMLTV ids and tvg-ids (default `retrovue`). */
  readonly guideDomain?: string;
}

export function databaseDirectory(gate: DbGate, options: DirectoryOptions = {}): ChannelDirectory {
  const guideDomain = assertGuideDomain(options.guideDomain ?? DEFAULT_GUIDE_DOMAIN);
  const daysOf = async (db: Kysely<Schema>, fromMs: number, toMs: number) =>
    loadScheduleDaysOfChannels(db, (await listChannelRows(db, { enabledOnly: true })).map((row) => row.id), fromMs, toMs);
  const guideDays = (fromMs: number, toMs: number) => gate.run((db) => daysOf(db, fromMs, toMs));
  return {
    channels: (baseUrl) =>
      gate.run(async (db) => {
        const logos = baseUrl === undefined ? new Set<string>() : await channelsWithLogo(db);
        return sortChannels((await listChannelRows(db, { enabledOnly: true })).map((row) => epgChannelOf(row, { guideDomain, baseUrl, hasLogo: logos.has(row.id) })));
      }),
    guideDays,
    guide: (fromMs, toMs) =>
      gate.run(async (db) => {
        const days = await daysOf(db, fromMs, toMs);
        return guideProgrammes(days, await firstAiringsOf(db, days));
      }),
    channelIdOfNumber: (number) =>
      gate.run(async (db) => {
        const row = await findChannelByNumber(db, number);
        return row?.enabled === true ? row.id : undefined;
      }),
    logo: (channelId) =>
      gate.run(async (db) => {
        const enabled = await listChannelRows(db, { enabledOnly: true, ids: [channelId] });
        return enabled.length === 0 ? undefined : loadChannelLogo(db, channelId);
      }),
  };
}

/** The guide of a directory: its own when it has one, else built from its days with nothing known to have aired. */
/** How far back /epg.xml (and every guide cut from the same programmes) loads ScheduleDays. */
export const EPG_LOOK_BACK_MS = 12 * 3_600_000;

export async function directoryGuide(directory: ChannelDirectory, fromMs: number, toMs: number): Promise<EpgProgramme[]> {
  return directory.guide ? directory.guide(fromMs, toMs) : guideProgrammes(await directory.guideDays(fromMs, toMs), new Map());
}
