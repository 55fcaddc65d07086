// loudnessGain and loudnessFilters: the static gain to the target, the limiter only when the gained true
// peak would pass the ceiling, nothing for an unknown or silent track. Pure; property-tested.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderFilter } from '../../src/media/ffmpeg-filtergraph.js';
import { loudnessFilters } from '../../src/media/ffmpeg-loudness.js';
import { LIMITER_MARGIN_DB, loudnessGain, MAX_BOOST_DB } from '../../src/media/loudness-gain.js';

describe('loudnessGain', () => {
  it('brings a loud and a quiet track to the target; only a peaky one gets the limiter', () => {
    assert.deepEqual(loudnessGain({ integratedLufs: -10.3, truePeakDbtp: -7.5 }, -24, -2), { gainDb: -13.7, ceilingDbtp: -2 });
    assert.deepEqual(loudnessGain({ integratedLufs: -35.3, truePeakDbtp: -25.2 }, -24, -2), { gainDb: 11.3, ceilingDbtp: -2 });
    assert.deepEqual(loudnessGain({ integratedLufs: -34.3, truePeakDbtp: -1 }, -24, -2), { gainDb: 10.3, ceilingDbtp: -2, limit: true });
  });

  it('gives no gain to an unknown or silent track, and never more than the boost cap', () => {
    assert.equal(loudnessGain(undefined, -24, -2), undefined);
    assert.equal(loudnessGain({ integratedLufs: -Infinity, truePeakDbtp: -Infinity }, -24, -2), undefined);
    assert.equal(loudnessGain({ integratedLufs: Number.NaN, truePeakDbtp: -10 }, -24, -2), undefined);
    assert.equal(loudnessGain({ integratedLufs: -69.9, truePeakDbtp: -60 }, -24, -2)?.gainDb, MAX_BOOST_DB);
  });

  it('holds for any measured track: the gain reaches the target (or the cap), and the limiter runs exactly when needed', () => {
    fc.assert(fc.property(
      fc.double({ min: -69.9, max: 0, noNaN: true }), fc.double({ min: -60, max: 3, noNaN: true }),
      fc.integer({ min: -31, max: -16 }), fc.double({ min: -9, max: -0.5, noNaN: true }),
      (lufs, peak, target, ceiling) => {
        const gain = loudnessGain({ integratedLufs: lufs, truePeakDbtp: peak }, target, ceiling);
        assert.ok(gain);
        assert.ok(gain.gainDb <= MAX_BOOST_DB);
        if (target - lufs <= MAX_BOOST_DB) assert.ok(Math.abs(lufs + gain.gainDb - target) <= 0.05 + 1e-9);
        assert.equal(gain.limit === true, peak + gain.gainDb > ceiling - LIMITER_MARGIN_DB);
        assert.equal(gain.ceilingDbtp, ceiling);
      },
    ));
  });
});

describe('loudnessFilters', () => {
  it('is a volume alone, or a volume then a non-levelling, latency-compensated limiter under the ceiling', () => {
    assert.deepEqual(loudnessFilters(undefined), []);
    assert.deepEqual(loudnessFilters({ gainDb: -13.7, ceilingDbtp: -2 }).map(renderFilter), ['volume=volume=-13.7dB']);
    assert.deepEqual(loudnessFilters({ gainDb: 10.3, ceilingDbtp: -2, limit: true }).map(renderFilter), [
      'volume=volume=10.3dB', 'alimiter=limit=0.707946:level=0:latency=1',
    ]);
    // A ceiling under alimiter's range is held at its lowest limit (−24 dBFS) rather than refused by ffmpeg.
    assert.deepEqual(loudnessFilters({ gainDb: 3, ceilingDbtp: -30, limit: true }).map(renderFilter)[1], 'alimiter=limit=0.0625:level=0:latency=1');
  });
});
