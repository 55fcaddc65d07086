// The Channel noun: its programming grid rules (pure) and its JSON shape (contracts/definitions.yaml#Channel).
import type { Channel } from '../../../generated/contract-types.js';
import { RetroVueError } from '../../core/errors.js';
import { compareDigitStrings, withoutLeadingZeros } from '../../core/exact-number.js';
import type { ChannelRow } from '../../db/schema.js';
import { printableLine } from '../../core/printable.js';

const minutesPerDay = 1440;

/** Block lengths that tile a day exactly: 1, 2, 3, …, 720, 1440. */
export function gridBlockChoices(): number[] {
  return Array.from({ length: minutesPerDay }, (_, i) => i + 1).filter((n) => minutesPerDay % n === 0);
}

/** Throws `invalid_input` naming the field unless the grid tiles the day and every offset lies inside a block. */
export function assertValidGrid(gridBlockMinutes: number, offsets: readonly number[]): void {
  if (!Number.isInteger(gridBlockMinutes) || gridBlockMinutes <= 0 || minutesPerDay % gridBlockMinutes !== 0) {
    throw new RetroVueError(
      'invalid_input',
      `grid-block-minutes must divide 1440 (one of ${gridBlockChoices().join(', ')}); got ${gridBlockMinutes}`,
    );
  }
  if (offsets.length === 0) {
    throw new RetroVueError('invalid_input', 'block-start-offsets-minutes must list at least one offset');
  }
  const outside = offsets.find((o) => !Number.isInteger(o) || o < 0 || o >= gridBlockMinutes);
  if (outside !== undefined) {
    throw new RetroVueError(
      'invalid_input',
      `block-start-offsets-minutes must each lie in [0, ${gridBlockMinutes}) for a ${gridBlockMinutes}-minute block; got ${outside}`,
    );
  }
  if (new Set(offsets).size !== offsets.length) {
    throw new RetroVueError('invalid_input', `block-start-offsets-minutes must not repeat an offset; got ${offsets.join(',')}`);
  }
}

/**
 * Whether Intl knows the zone: the test Luxon's IANAZone.isValidZone makes, made here so that the channel
 * commands (list, show, add) do not load Luxon (230 KB) for it.
 */
function isKnownZone(timezone: string): boolean {
  if (timezone === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone }).format();
    return true;
  } catch {
    return false;
  }
}

export function assertValidTimezone(timezone: string): void {
  if (!isKnownZone(timezone)) {
    throw new RetroVueError('invalid_input', `timezone must be an IANA time zone such as Europe/London or America/New_York; got "${timezone}"`);
  }
}

/** A valid zone as its canonical IANA spelling ("utc" → "UTC", "europe/london" → "Europe/London"). */
export function canonicalTimezone(timezone: string): string {
  assertValidTimezone(timezone);
  return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
}

/** The machine's IANA zone (what a new channel gets when none is given). */
export function machineTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * "07" → "7", "7.10" stays "7.10" (minor numbers are labels), "007.01" → "7.1". Digits stay digits (never
 * through a JavaScript number), so "12345678901234567891" is stored exactly as typed.
 */
export function canonicalChannelNumber(number: string): string {
  const [major = '', minor] = number.split('.');
  const canonicalMajor = withoutLeadingZeros(major);
  return minor === undefined ? canonicalMajor : `${canonicalMajor}.${withoutLeadingZeros(minor)}`;
}

/** Dial order: major numerically, then a bare major before its subchannels, then minor numerically (exactly, any length). */
export function compareChannelNumbers(a: string, b: string): number {
  const [aMajor = '0', aMinor] = a.split('.');
  const [bMajor = '0', bMinor] = b.split('.');
  const major = compareDigitStrings(aMajor, bMajor);
  if (major !== 0 || aMinor === bMinor) return major;
  if (aMinor === undefined) return -1;
  if (bMinor === undefined) return 1;
  return compareDigitStrings(aMinor, bMinor);
}

export function sortedOffsets(offsets: readonly number[]): number[] {
  return [...offsets].sort((a, b) => a - b);
}

export function channelToJson(row: ChannelRow): Channel {
  return {
    id: row.id,
    name: row.name,
    number: row.number,
    grid_block_minutes: row.grid_block_minutes,
    block_start_offsets_minutes: [...row.block_start_offsets_minutes],
    programming_day_start: row.programming_day_start,
    timezone: row.timezone,
    enabled: row.enabled,
    producer: row.producer_id,
    audio_languages: [...row.audio_languages],
    subtitles: { mode: row.subtitle_mode, languages: [...row.subtitle_languages] },
    loudness_target_lufs: row.loudness_target_lufs === null ? null : Number(row.loudness_target_lufs),
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  };
}

export function describeChannel(c: Channel): string {
  const offsets = c.block_start_offsets_minutes.join(',');
  return [
    `${c.number.padStart(5)}  ${c.id}  ${printableLine(c.name)}${c.enabled ? '' : '  (disabled)'}`,
    `       grid ${c.grid_block_minutes} min, starts at +${offsets} min, day starts ${c.programming_day_start} ${c.timezone}`,
    `       audio ${c.audio_languages.join(',') || 'default track'}, subtitles ${describeSubtitles(c.subtitles)}, loudness ${c.loudness_target_lufs === null ? 'as each source has it' : `${c.loudness_target_lufs} LUFS`}`,
  ].join('\n');
}

function describeSubtitles(s: Channel['subtitles']): string {
  return s.mode === 'off' || s.languages.length === 0 ? s.mode : `${s.mode} (${s.languages.join(',')})`;
}
