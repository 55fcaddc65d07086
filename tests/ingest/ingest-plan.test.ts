// planIngest: which discovered items an ingest probes, which it skips, and which assets vanished.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssetState } from '../../src/db/schema.js';
import type { KnownAsset } from '../../src/catalog/asset-repository.js';
import { planIngest } from '../../src/ingest/ingest-plan.js';
import type { DiscoveredItem } from '../../src/plugins/importer.js';

const item = (key: string, sizeBytes = 1000, mtimeMs = 1_700_000_000_000): DiscoveredItem => ({
  providerKey: key,
  relativePath: key,
  path: `/media/${key}`,
  sizeBytes,
  mtimeMs,
});

const asset = (key: string, state: AssetState = 'ready', sizeBytes = 1000, mtimeMs = 1_700_000_000_000): KnownAsset => ({
  id: `id-${key}`,
  providerKey: key,
  providerVersion: null,
  path: `/media/${key}`,
  sizeBytes,
  mtimeMs,
  state,
  operatorFields: [],
  sidecars: [],
});

const keysOf = (plan: ReturnType<typeof planIngest>) => ({
  probe: plan.toProbe.map((t) => [t.item.providerKey, t.existing?.id ?? null]),
  unchanged: plan.unchanged,
  vanished: plan.vanished.map((a) => a.id),
});

describe('planIngest', () => {
  it('probes every item of an empty catalog as new', () => {
    const plan = planIngest([item('a.mkv'), item('b.mp4')], []);
    assert.deepEqual(keysOf(plan), { probe: [['a.mkv', null], ['b.mp4', null]], unchanged: 0, vanished: [] });
  });

  it('skips an item whose size and mtime match its asset', () => {
    const plan = planIngest([item('a.mkv'), item('b.mp4')], [asset('a.mkv'), asset('b.mp4')]);
    assert.deepEqual(keysOf(plan), { probe: [], unchanged: 2, vanished: [] });
  });

  it('skips unchanged invalid and new assets too (only a change of the file re-probes them)', () => {
    const plan = planIngest([item('bad.mp4'), item('odd.mkv')], [asset('bad.mp4', 'invalid'), asset('odd.mkv', 'new')]);
    assert.deepEqual(keysOf(plan), { probe: [], unchanged: 2, vanished: [] });
  });

  it('re-probes an unchanged asset invalid for the environment (unreadable, timed out, gone), not one invalid for its media', () => {
    const invalid = (key: string, invalidReason: string): KnownAsset => ({ ...asset(key, 'invalid'), invalidReason });
    const plan = planIngest(
      ['locked.mp4', 'slow.mkv', 'gone.mkv', 'bad.mp4', 'cut.mp4'].map((k) => item(k)),
      [
        invalid('locked.mp4', 'unreadable (EACCES): Permission denied'),
        invalid('slow.mkv', 'ffprobe timed out after 30000 ms'),
        invalid('gone.mkv', 'file not found'),
        invalid('bad.mp4', 'not a media file: Invalid data found when processing input'),
        invalid('cut.mp4', 'truncated: media ends at 1.00 s of declared 5.00 s'),
      ],
    );
    assert.deepEqual(keysOf(plan), {
      probe: [['locked.mp4', 'id-locked.mp4'], ['slow.mkv', 'id-slow.mkv'], ['gone.mkv', 'id-gone.mkv']],
      unchanged: 2,
      vanished: [],
    });
  });

  it('re-probes every item with reprobe, changed or not, as its existing asset', () => {
    const plan = planIngest([item('a.mkv'), item('b.mp4'), item('c.mp4')], [asset('a.mkv'), asset('b.mp4', 'invalid')], () => true, undefined, true);
    assert.deepEqual(keysOf(plan), { probe: [['a.mkv', 'id-a.mkv'], ['b.mp4', 'id-b.mp4'], ['c.mp4', null]], unchanged: 0, vanished: [] });
  });

  it('re-probes an item whose size changed, or whose mtime changed, as its existing asset', () => {
    const plan = planIngest(
      [item('size.mkv', 2000), item('mtime.mkv', 1000, 1_700_000_000_001), item('same.mkv')],
      [asset('size.mkv'), asset('mtime.mkv'), asset('same.mkv')],
    );
    assert.deepEqual(keysOf(plan), { probe: [['size.mkv', 'id-size.mkv'], ['mtime.mkv', 'id-mtime.mkv']], unchanged: 1, vanished: [] });
    // The task carries the new stat of the file and the known asset (with its operator fields) it updates.
    assert.deepEqual(plan.toProbe[0]?.item, item('size.mkv', 2000));
    assert.deepEqual(plan.toProbe[0]?.existing, asset('size.mkv'));
  });

  it('marks an asset whose item is gone as vanished, but not one already missing', () => {
    const plan = planIngest([item('kept.mkv')], [asset('kept.mkv'), asset('gone.mkv'), asset('long-gone.mkv', 'missing'), asset('gone-bad.mp4', 'invalid')]);
    assert.deepEqual(keysOf(plan), { probe: [], unchanged: 1, vanished: ['id-gone.mkv', 'id-gone-bad.mp4'] });
  });

  it('re-probes a missing asset whose file came back, even with the same size and mtime', () => {
    const plan = planIngest([item('back.mkv')], [asset('back.mkv', 'missing')]);
    assert.deepEqual(keysOf(plan), { probe: [['back.mkv', 'id-back.mkv']], unchanged: 0, vanished: [] });
  });

  it('only lets assets in scope vanish (an ingest of a sub-path leaves the rest alone)', () => {
    const known = [asset('Show A/e1.mkv'), asset('Show A/e2.mkv'), asset('Show B/e1.mkv')];
    const plan = planIngest([item('Show A/e1.mkv')], known, (known) => known.path.startsWith('/media/Show A/'));
    assert.deepEqual(keysOf(plan), { probe: [], unchanged: 1, vanished: ['id-Show A/e2.mkv'] });
    // Without a scope the same listing would call Show B vanished.
    assert.deepEqual(keysOf(planIngest([item('Show A/e1.mkv')], known)).vanished, ['id-Show A/e2.mkv', 'id-Show B/e1.mkv']);
  });

  it('handles a mixed listing in one pass, keeping the listing order for probing', () => {
    const plan = planIngest(
      [item('z-new.mkv'), item('changed.mkv', 5), item('same.mkv'), item('back.mkv'), item('a-new.mkv')],
      [asset('changed.mkv'), asset('same.mkv'), asset('back.mkv', 'missing'), asset('vanished.mkv')],
    );
    assert.deepEqual(keysOf(plan), {
      probe: [['z-new.mkv', null], ['changed.mkv', 'id-changed.mkv'], ['back.mkv', 'id-back.mkv'], ['a-new.mkv', null]],
      unchanged: 1,
      vanished: ['id-vanished.mkv'],
    });
  });
});

describe('planIngest with an enricher chain signature', () => {
  const enriched = (key: string, signature: string | null): KnownAsset => ({ ...asset(key), enrichedWith: signature });

  it('re-enriches an unchanged file enriched by another chain, and skips one enriched by this chain', () => {
    const plan = planIngest([item('a.mkv'), item('b.mkv'), item('c.mkv')], [enriched('a.mkv', 'old'), enriched('b.mkv', 'now'), enriched('c.mkv', null)], () => true, 'now');
    assert.deepEqual(keysOf(plan), { probe: [['a.mkv', 'id-a.mkv'], ['c.mkv', 'id-c.mkv']], unchanged: 1, vanished: [] });
  });
});

describe('planIngest with subtitle sidecars', () => {
  const srt = (name: string, sizeBytes = 100, mtimeMs = 1_700_000_000_000) => ({ path: `/media/${name}`, sizeBytes, mtimeMs });
  const withSidecars = (key: string, sidecars: ReturnType<typeof srt>[]): DiscoveredItem => ({ ...item(key), sidecars });

  it('re-enriches an unchanged file whose sidecar was added, removed or changed, and skips one whose sidecars are as recorded', () => {
    const known = [
      { ...asset('same.mkv'), sidecars: [srt('same.en.srt'), srt('same.fr.srt')] },
      { ...asset('added.mkv'), sidecars: [] },
      { ...asset('removed.mkv'), sidecars: [srt('removed.srt')] },
      { ...asset('resized.mkv'), sidecars: [srt('resized.srt')] },
      { ...asset('touched.mkv'), sidecars: [srt('touched.srt')] },
    ];
    const plan = planIngest(
      [
        withSidecars('same.mkv', [srt('same.fr.srt'), srt('same.en.srt')]), // order does not matter
        withSidecars('added.mkv', [srt('added.srt')]),
        item('removed.mkv'),
        withSidecars('resized.mkv', [srt('resized.srt', 101)]),
        withSidecars('touched.mkv', [srt('touched.srt', 100, 1_700_000_000_001)]),
      ],
      known,
    );
    assert.deepEqual(keysOf(plan), {
      probe: [['added.mkv', 'id-added.mkv'], ['removed.mkv', 'id-removed.mkv'], ['resized.mkv', 'id-resized.mkv'], ['touched.mkv', 'id-touched.mkv']],
      unchanged: 1,
      vanished: [],
    });
  });
});
