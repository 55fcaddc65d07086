// The instant an operator types (`channel plan --at`, `playlog show --at`, `epg show --from`): a wall time
// without an offset is named by the same rule as the scheduler's day boundaries, whatever season it is now.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Settings } from 'luxon';
import { parseInstant } from '../../src/command/instant.js';
import { timelineFor } from '../../src/scheduling/time/time-zone-timeline.js';

const newYork = { nowMs: 0, timezone: 'America/New_York' };
const realNow = Settings.now;
afterEach(() => {
  Settings.now = realNow;
});

const at = (text: string, context = newYork) => new Date(parseInstant(text, '--at', context)).toISOString();

describe('parseInstant', () => {
  for (const season of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
    it(`a wall time the fall-back repeats is its first occurrence, a skipped one is shifted forward (process run on ${season.slice(0, 10)})`, () => {
      Settings.now = () => Date.parse(season);
      assert.equal(at('2026-11-01T01:30'), '2026-11-01T05:30:00.000Z', '01:30 EDT, not 01:30 EST');
      assert.equal(at('2026-03-08T02:30'), '2026-03-08T07:30:00.000Z', '02:30 does not exist: 03:30 EDT');
      assert.equal(at('2026-11-24T20:00'), '2026-11-25T01:00:00.000Z');
      assert.equal(at('2026-11-24T20:00:00-05:00'), '2026-11-25T01:00:00.000Z');
    });
  }

  it('names a wall time exactly as the scheduler does (one rule for both)', () => {
    const timeline = timelineFor('Australia/Lord_Howe');
    for (const wall of ['2026-04-05T01:45', '2026-10-04T02:15', '2026-10-04T02:45', '2026-06-01T12:00']) {
      const expected = timeline.instantOfWall(Date.parse(`${wall}:00Z`));
      assert.equal(parseInstant(wall, '--at', { nowMs: 0, timezone: 'Australia/Lord_Howe' }), expected, wall);
    }
  });
});
