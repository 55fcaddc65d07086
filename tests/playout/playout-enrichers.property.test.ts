// Issue 9 item 2: playout enrichers change how content looks, never what airs. For random playlogs, plan
// instants and valid configs, every built-in playout enricher returns the very same segments (and leaves
// its input untouched), only adding directives; plus what each one adds, from its config and the playlog.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { builtinPlugins } from '../../src/plugins/builtin-plugins.js';
import { matchEnricher, type PlayoutEnricher } from '../../src/plugins/enricher.js';
import type { PlaylogEvent } from '../../src/plugins/playlog-event.js';
import type { PlayoutPlan } from '../../src/plugins/playout-plan.js';
import { assertValidPluginConfig } from '../../src/plugins/plugin-config.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';
import { scheduleProducer } from '../../src/plugins/producers/schedule-producer.js';

const t0 = Date.parse('2026-11-24T15:00:00Z');

const playoutEnrichers: PlayoutEnricher<any>[] = builtinPlugins().enrichers.list().flatMap((e) => matchEnricher(e, { ingest: () => [], playout: (p) => [p] }));

const arbitraryPlaylog: fc.Arbitrary<PlaylogEvent[]> = fc
  .array(fc.record({
    seconds: fc.integer({ min: 1, max: 1800 }),
    role: fc.constantFrom('program', 'interstitial', 'filler' as const),
    slot: fc.integer({ min: 0, max: 3 }),
    title: fc.constantFrom('Sitcom', 'Movie', 'News'),
    synthetic: fc.boolean(),
  }), { minLength: 1, maxLength: 30 })
  .map((specs) => {
    let at = t0;
    let slot = 0;
    return specs.map((s, i): PlaylogEvent => {
      slot += s.slot === 0 ? 1 : 0;
      const startMs = at;
      at += s.seconds * 1000;
      return {
        id: `ch@${startMs}`, channelId: 'ch', startMs, endMs: at, role: s.role, title: `${s.title} ${slot}`, slotId: `slot-${slot}`,
        source: s.synthetic ? { kind: 'synthetic', synthetic: 'slate' } : { kind: 'asset', assetId: `a${i}`, inPointMs: 0 },
      };
    });
  });

const isoAround = fc.integer({ min: -3_600_000, max: 3_600_000 }).map((d) => new Date(t0 + d).toISOString());

const configs: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  bug: fc.record({
    image: fc.constantFrom('/srv/logo.png', "/srv/logo %d: it's.png"),
    corner: fc.constantFrom('top-left', 'top-right', 'bottom-left', 'bottom-right'),
    opacity: fc.double({ min: 0, max: 1, noNaN: true }),
    margin_px: fc.integer({ min: 0, max: 500 }),
  }, { requiredKeys: ['image'] }),
  'lower-third': fc.record({
    before_end_ms: fc.integer({ min: 1000, max: 3_600_000 }),
    duration_ms: fc.integer({ min: 1000, max: 600_000 }),
    template: fc.constantFrom('Up next: {title}', 'Coming up {title}!', 'Next'),
  }, { requiredKeys: [] }),
  crawl: fc.record({
    text: fc.string({ minLength: 1, maxLength: 40 }),
    until: isoAround,
    speed_px_per_second: fc.integer({ min: 1, max: 2000 }),
  }, { requiredKeys: [] }),
  vhs: fc.record({
    noise: fc.double({ min: 0, max: 100, noNaN: true }),
    chroma_shift_px: fc.double({ min: 0, max: 64, noNaN: true }),
    blur: fc.double({ min: 0, max: 20, noNaN: true }),
    scanlines: fc.boolean(),
  }, { requiredKeys: [] }),
};

function planFrom(events: readonly PlaylogEvent[], atMs: number, untilMs: number): PlayoutPlan {
  const media = new Map(events.flatMap((e) => (e.source.kind === 'asset' ? [[e.source.assetId, { kind: 'file' as const, path: `/media/${e.source.assetId}.mkv` }]] as const : [])));
  return scheduleProducer.produce({ channelId: 'ch', atMs, untilMs, profile: defaultOutputProfile, events, media }, {});
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('playout enrichers leave the segment list identical', () => {
  test('the built-in playout enrichers are exactly bug, lower-third, crawl and vhs, each with a config generator', () => {
    assert.deepEqual(playoutEnrichers.map((e) => e.type), ['bug', 'crawl', 'lower-third', 'vhs']);
    assert.deepEqual(Object.keys(configs).sort(), playoutEnrichers.map((e) => e.type));
  });

  for (const enricher of playoutEnrichers) {
    test(`${enricher.type}: same segments, same channel and profile, directives only appended, input untouched`, async () => {
      const arbitraryConfig = configs[enricher.type];
      assert.ok(arbitraryConfig);
      await fc.assert(fc.asyncProperty(arbitraryPlaylog, fc.integer({ min: 0, max: 100 }), arbitraryConfig, fc.boolean(), async (playlog, atPercent, config, preDecorated) => {
        await assertValidPluginConfig('enricher', enricher, config);
        const end = playlog.at(-1)?.endMs ?? t0;
        const atMs = t0 + Math.floor(((end - 1 - t0) * atPercent) / 100);
        const base = planFrom(playlog, atMs, atMs + 2 * 3_600_000);
        const input = deepFreeze(preDecorated ? { ...base, directives: [{ kind: 'vhs', noise: 1, chromaShiftPx: 0, blur: 0, scanlines: false }] as const } : base);
        const snapshot = structuredClone(input);
        const output = await enricher.decorate(input, config as never, { nowMs: atMs, playlog });
        assert.deepEqual(output.segments, snapshot.segments);
        assert.equal(output.channelId, snapshot.channelId);
        assert.deepEqual(output.profile, snapshot.profile);
        assert.equal(output.builtAtMs, snapshot.builtAtMs);
        assert.deepEqual(output.directives.slice(0, snapshot.directives.length), snapshot.directives);
        assert.deepEqual(input, snapshot);
      }), { numRuns: 150 });
    });
  }
});

describe('what each playout enricher adds', () => {
  const playlog: PlaylogEvent[] = [
    { id: 'a', channelId: 'ch', startMs: t0, endMs: t0 + 600_000, role: 'program', title: 'Sitcom', slotId: 's1', source: { kind: 'asset', assetId: 'x', inPointMs: 0 } },
    { id: 'b', channelId: 'ch', startMs: t0 + 600_000, endMs: t0 + 660_000, role: 'interstitial', title: 'Sitcom', slotId: 's1', source: { kind: 'synthetic', synthetic: 'slate' } },
    { id: 'c', channelId: 'ch', startMs: t0 + 660_000, endMs: t0 + 1_800_000, role: 'program', title: 'The Late Movie', slotId: 's2', source: { kind: 'asset', assetId: 'y', inPointMs: 0 } },
  ];
  const plan = planFrom(playlog, t0 + 1000, t0 + 700_000);
  const enricher = (type: string) => {
    const found = playoutEnrichers.find((e) => e.type === type);
    assert.ok(found);
    return found;
  };

  test('lower-third: "Up next" names the next program from the playlog, before the program (not its break) ends', async () => {
    const out = await enricher('lower-third').decorate(plan, { before_end_ms: 30_000, duration_ms: 10_000 }, { nowMs: t0 + 1000, playlog });
    assert.deepEqual(out.directives, [{ kind: 'lower-third', text: 'Up next: The Late Movie', fromMs: t0 + 570_000, toMs: t0 + 580_000 }]);
  });

  test('crawl: shows until its expiry, nothing once expired or without text', async () => {
    const crawl = enricher('crawl');
    const on = await crawl.decorate(plan, { text: 'STORM WARNING', until: '2026-11-24T16:00:00Z' }, { nowMs: t0, playlog });
    assert.deepEqual(on.directives, [{ kind: 'crawl', text: 'STORM WARNING', speedPxPerSecond: 80, toMs: Date.parse('2026-11-24T16:00:00Z') }]);
    assert.deepEqual((await crawl.decorate(plan, { text: 'STORM WARNING', until: '2026-11-24T14:59:59Z' }, { nowMs: t0, playlog })).directives, []);
    assert.deepEqual((await crawl.decorate(plan, {}, { nowMs: t0, playlog })).directives, []);
  });

  test('bug and vhs: one directive for the whole plan, with the defaults filled in', async () => {
    assert.deepEqual((await enricher('bug').decorate(plan, { image: '/logo.png' }, { nowMs: t0, playlog })).directives,
      [{ kind: 'image-overlay', imagePath: '/logo.png', corner: 'top-right', opacity: 0.8, marginPx: 16 }]);
    assert.deepEqual((await enricher('vhs').decorate(plan, {}, { nowMs: t0, playlog })).directives,
      [{ kind: 'vhs', noise: 20, chromaShiftPx: 2, blur: 1, scanlines: true }]);
  });
});
