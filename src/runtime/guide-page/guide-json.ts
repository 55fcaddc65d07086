// The web guide's data (GET /guide.json): the guide JSON `epg show` prints (epgJson, so the same guide
// function and ScheduleDays as /epg.xml), cut to a window from half an hour ago to some hours ahead.
import { RetroVueError } from '../../core/errors.js';
import { type EpgChannel, type EpgProgramme, programmesBetween } from '../../scheduling/epg/epg-guide.js';
import { type EpgJsonChannel, epgJson } from '../../scheduling/epg/epg-json-renderer.js';

export const DEFAULT_GUIDE_HOURS = 6;
export const MAX_GUIDE_HOURS = 48;
/** The grid starts at the half hour before now: what just began still shows whole. */
const LOOK_BACK_MS = 30 * 60_000;
/** Days around the window are loaded too, so a programme at its edge sees its neighbours as /epg.xml does. */
export const DAY_MARGIN_MS = 86_400_000;

export interface GuideWindow {
  readonly nowMs: number;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface GuideJson {
  readonly now: string;
  readonly now_ms: number;
  readonly from: string;
  readonly from_ms: number;
  readonly to: string;
  readonly to_ms: number;
  readonly channels: EpgJsonChannel[];
}

/** `hours` of the query (null: not given): a whole number from 1 to 48. */
export function guideHours(hours: string | null): number {
  if (hours === null) return DEFAULT_GUIDE_HOURS;
  const n = /^\d{1,3}$/.test(hours) ? Number(hours) : Number.NaN;
  if (!(n >= 1 && n <= MAX_GUIDE_HOURS)) throw new RetroVueError('invalid_input', `hours must be a whole number from 1 to ${MAX_GUIDE_HOURS}, got "${hours.slice(0, 40)}"`);
  return n;
}

export function guideWindow(nowMs: number, hours: number): GuideWindow {
  return { nowMs, fromMs: nowMs - LOOK_BACK_MS, toMs: nowMs + hours * 3_600_000 };
}

/** Every channel in dial order with its programmes on air at some moment of the window. */
export function guideJson(channels: readonly EpgChannel[], programmes: readonly EpgProgramme[], window: GuideWindow): GuideJson {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    now: iso(window.nowMs),
    now_ms: window.nowMs,
    from: iso(window.fromMs),
    from_ms: window.fromMs,
    to: iso(window.toMs),
    to_ms: window.toMs,
    channels: epgJson(channels, programmesBetween(programmes, window.fromMs, window.toMs)).channels,
  };
}
