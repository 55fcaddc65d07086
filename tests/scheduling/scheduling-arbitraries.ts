// fast-check generators shared by the scheduling property tests: channels with every kind of grid, day
// start and time zone (DST, half-hour and 45-minute offsets, southern-hemisphere summers).
import fc from 'fast-check';
import type { ScheduleChannel } from '../../src/scheduling/time/grid.js';

/** Zones whose clocks move (New York, London, Lord Howe's 30-minute shift, Santiago, Chatham) and some that never do. */
export const dstZones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Chatham', 'Europe/Berlin'] as const;
export const fixedZones = ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Asia/Kathmandu'] as const;

export const gridBlocks = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 720, 1440] as const;

export function arbitraryChannel(): fc.Arbitrary<ScheduleChannel> {
  return fc
    .record({
      block: fc.constantFrom(...gridBlocks),
      timezone: fc.constantFrom<string>(...dstZones, ...dstZones, ...fixedZones),
      dayStartMinute: fc.oneof(fc.constantFrom(0, 120, 150, 360, 300), fc.integer({ min: 0, max: 1439 })),
      offsetSeeds: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
    })
    .map(({ block, timezone, dayStartMinute, offsetSeeds }) => ({
      id: 'prop',
      gridBlockMinutes: block,
      blockStartOffsetsMinutes: [...new Set(offsetSeeds.map((s) => s % block))].sort((a, b) => a - b),
      programmingDayStart: `${String(Math.floor(dayStartMinute / 60)).padStart(2, '0')}:${String(dayStartMinute % 60).padStart(2, '0')}`,
      timezone,
    }));
}
