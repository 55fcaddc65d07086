// Data contract tests for `retrovue channel plan` (contracts/channel/plan.yaml).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { playableFile, statFile } from '../../../src/catalog/playable-file.js';
import { builtinPlugins } from '../../../src/plugins/builtin-plugins.js';
import { defaultOutputProfile, type PlayoutPlan } from '../../../src/plugins/playout-plan.js';
import { loadPlaylog } from '../../../src/scheduling/playlog/playlog-repository.js';
import { cli, json } from '../../support/cli.js';
import { forEachDatabase, resettableTables } from '../../support/test-databases.js';
import { buildPlaylog, networkNow, seedPlayoutNetwork } from '../../playout/playout-fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-channel-plan-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
const file = join(scratch, 'media.mkv');
writeFileSync(file, 'readable');

forEachDatabase((fx) => {
  const db = () => fx.database.db;
  const planAt = async (at: string, span = '3'): Promise<PlayoutPlan> => {
    const run = await cli(['channel', 'plan', '--channel', 'retro1', '--at', at, '--span-minutes', span, '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    return json<PlayoutPlan>(run);
  };
  const network = async () => {
    const catalog = await seedPlayoutNetwork(db(), { episodeSeconds: 40, bumperSeconds: 4, commercialSeconds: 6, files: { episode: file, bumper: file, commercial: file } });
    await buildPlaylog(db(), networkNow);
    return catalog;
  };

  test('D-1: the first in-point is exactly how far into its event the instant falls; segments follow the playlog contiguously to the span end', async () => {
    await network();
    const at = networkNow + 61_234; // 1.234 s into the 15:01 episode
    const plan = await planAt(new Date(at).toISOString());
    const events = await loadPlaylog(db(), 'retro1', at, at + 180_000);
    assert.equal(plan.segments.length, events.length);
    plan.segments.forEach((segment, i) => {
      const event = events[i];
      assert.ok(event);
      assert.equal(segment.playlogEventId, event.id);
      assert.equal(segment.startsAtMs, Math.max(event.startMs, at));
      assert.equal(segment.startsAtMs + segment.durationMs, event.endMs, `segment ${i} ends with its event`);
      assert.equal(segment.inPointMs, (event.source.kind === 'asset' ? event.source.inPointMs : 0) + (i === 0 ? 1234 : 0));
      assert.equal(segment.source.kind === 'synthetic' ? segment.source.synthetic : segment.source.assetId, event.source.kind === 'asset' ? event.source.assetId : event.source.synthetic);
    });
    const last = plan.segments.at(-1);
    assert.ok(last && last.startsAtMs + last.durationMs >= at + 180_000);
  });

  test('D-2: current files, renditions with the source they were made from, enrichers in order leaving the segments identical', async () => {
    const catalog = await network();
    const episode = catalog.assets['sitcom-1'] as string;
    const source = await db().selectFrom('asset').select(['size_bytes', 'mtime_ms']).where('id', '=', episode).executeTakeFirstOrThrow();
    const made = { size_bytes: 5, duration_ms: 40_000, source_size_bytes: Number(source.size_bytes), source_mtime_ms: Number(source.mtime_ms) };
    const rendition = join(scratch, 'ep1.mp4');
    writeFileSync(rendition, 'a rendition');
    await db().insertInto('asset_rendition').values({ asset_id: episode, profile: 'sd-480p30', path: rendition, ...made }).execute();
    await db().insertInto('asset_rendition').values({ asset_id: episode, profile: 'hd-720p30', path: '/r/ep1-hd.mp4', ...made }).execute();
    const bare = await planAt('2026-11-24T15:00:01Z');
    const expected = { kind: 'asset', assetId: episode, path: file, rendition: { path: rendition, profile: 'sd-480p30', sourceSizeBytes: made.source_size_bytes, sourceMtimeMs: made.source_mtime_ms, treatmentKey: 'a0' }, treatment: { audioStream: 0 } };
    assert.deepEqual(bare.segments[0]?.source, expected);
    assert.deepEqual(bare.profile, defaultOutputProfile, 'the profile the schedule producer declares');
    for (const argv of [['enricher', 'add', '--id', 'tape', '--type', 'vhs'], ['enricher', 'add', '--id', 'logo', '--type', 'bug', '--config', '{"image":"/srv/logo.png"}'], ['channel', 'update', 'retro1', '--enrichers', 'logo,tape']]) {
      assert.equal((await cli(argv, { database: fx.database })).exitCode, 0);
    }
    const decorated = await planAt('2026-11-24T15:00:01Z');
    assert.deepEqual(decorated.segments, bare.segments);
    assert.deepEqual(decorated.directives.map((d) => (d as { kind: string }).kind), ['image-overlay', 'vhs']);
    const first = bare.segments[0]?.source;
    assert.ok(first?.kind === 'asset');
    assert.deepEqual(playableFile(first, bare.profile.name), { kind: 'rendition', path: rendition, sourcePath: file });
    // The source file changes on disk: the same plan's rendition no longer plays, by the rule AIR applies.
    const facts = statFile(file);
    assert.ok(!('problem' in facts));
    const changed = { ...first, rendition: { ...expected.rendition, sourceMtimeMs: facts.mtimeMs - 1000 } };
    assert.deepEqual(playableFile(changed, bare.profile.name), { kind: 'source', path: file, renditionSkipped: `rendition ${rendition} was made from an earlier version of its source file` });
  });

  test('D-2: the file is the one the catalog names now, never a copy kept by the playlog; an asset the catalog no longer has ready is an unavailable segment with the reason', async () => {
    const catalog = await network();
    const episode = catalog.assets['sitcom-1'] as string;
    const moved = join(scratch, 'moved.mkv');
    writeFileSync(moved, 'readable');
    await db().updateTable('asset').set({ path: moved }).where('id', '=', episode).execute();
    assert.deepEqual((await planAt('2026-11-24T15:00:01Z')).segments[0]?.source, { kind: 'asset', assetId: episode, path: moved, treatment: { audioStream: 0 } });
    // Re-ingest found the bumper gone: every break's bumper airs as slate, with the reason.
    const bumper = catalog.assets['bumper-1'] as string;
    await db().updateTable('asset').set({ state: 'missing' }).where('id', '=', bumper).execute();
    const run = await cli(['channel', 'plan', '--channel', 'retro1', '--at', '2026-11-24T15:00:01Z', '--span-minutes', '2', '--json'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const reason = `asset ${bumper} (${file}) was missing at the last ingest of its collection`;
    const gone = json<PlayoutPlan>(run).segments.filter((s) => s.source.kind === 'unavailable');
    assert.ok(gone.length >= 1, 'a bumper airs within two minutes');
    for (const segment of gone) assert.deepEqual(segment.source, { kind: 'unavailable', assetId: bumper, reason });
    assert.ok(run.stderr.includes(`will air as slate: asset ${bumper} "Sitcom": ${reason}`), run.stderr);
  });

  test('D-2: a producer that returns a plan in another profile than it declares fails the command', async () => {
    await network();
    const plugins = builtinPlugins();
    const schedule = plugins.producers.get('schedule');
    plugins.producers.register({ ...schedule, type: 'wrong-profile', produce: (input, config) => ({ ...schedule.produce(input, config), profile: { ...input.profile, name: 'hd-720p30' } }) });
    await db().insertInto('producer').values({ id: 'wrong', type: 'wrong-profile', config: JSON.stringify({}) }).execute();
    await db().updateTable('channel').set({ producer_id: 'wrong' }).where('id', '=', 'retro1').execute();
    const run = await cli(['channel', 'plan', '--channel', 'retro1', '--at', '2026-11-24T15:00:01Z', '--json'], { database: fx.database, plugins });
    assert.equal(run.exitCode, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /producer wrong \(wrong-profile\) returned a plan for channel retro1 in profile hd-720p30; it declares sd-480p30/);
  });

  test('D-3: the command writes nothing', async () => {
    await network();
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const table of await resettableTables(fx.database)) out[table] = (await sql`select * from ${sql.table(table)}`.execute(db())).rows;
      return out;
    };
    const before = await snapshot();
    await planAt('2026-11-24T15:00:30Z');
    assert.equal((await cli(['channel', 'plan', '--channel', 'retro1', '--at', '2026-11-24T15:00:30Z'], { database: fx.database })).exitCode, 0);
    assert.deepEqual(await snapshot(), before);
  });

  test('D-20: each asset segment carries the treatment its channel airs it with: audio by language, default, first; loudness gain; tone map', async () => {
    const catalog = await network();
    const id = (key: string) => catalog.assets[key] as string;
    const track = (language: string | undefined, extra: Record<string, unknown> = {}) => ({ codec: 'aac', channels: 2, sampleRate: 48000, ...(language ? { language } : {}), ...extra });
    const streams: Record<string, { audio: unknown[]; video?: unknown }> = {
      // Spanish 5.1 first, English second: the preference picks English wherever it sits.
      'sitcom-1': { audio: [track('spa', { channels: 6, loudness: { integratedLufs: -12, truePeakDbtp: -3 } }), track('eng', { loudness: { integratedLufs: -30, truePeakDbtp: -9 } })] },
      // No preferred language: the file's default track, not the first.
      'sitcom-2': { audio: [track('fre'), track('ger', { isDefault: true, loudness: { integratedLufs: -24, truePeakDbtp: -10 } })] },
      // Two English tracks, the second the default: the default among the matches.
      'sitcom-3': { audio: [track('eng'), track('eng', { isDefault: true })] },
      // Untagged: the first.
      'sitcom-4': { audio: [track(undefined), track(undefined)], video: { codec: 'hevc', width: 1920, height: 1080, frameRate: 25, frameRateFraction: '25/1', scan: 'progressive', transfer: 'smpte2084' } },
      'bumper-1': { audio: [track('eng', { loudness: { integratedLufs: -36.5, truePeakDbtp: -1 } })], video: { codec: 'h264', width: 640, height: 480, frameRate: 25, frameRateFraction: '25/1', scan: 'progressive', transfer: 'arib-std-b67' } },
    };
    for (const [key, s] of Object.entries(streams)) {
      await db().updateTable('asset').set({ audio: JSON.stringify(s.audio), ...(s.video ? { video: JSON.stringify(s.video) } : {}) }).where('id', '=', id(key)).execute();
    }
    const run = await cli(['channel', 'update', 'retro1', '--audio-languages', 'en,ja', '--loudness-target', '-24'], { database: fx.database });
    assert.equal(run.exitCode, 0, run.stderr);
    const treatments = async () => {
      const plan = await planAt(new Date(networkNow).toISOString(), '360');
      const byAsset = new Map<string, unknown>();
      for (const s of plan.segments) if (s.source.kind === 'asset') byAsset.set(s.source.assetId, s.source.treatment);
      return (key: string) => byAsset.get(id(key));
    };
    let of = await treatments();
    assert.deepEqual(of('sitcom-1'), { audioStream: 1, loudness: { gainDb: 6, ceilingDbtp: -2 } });
    assert.deepEqual(of('sitcom-2'), { audioStream: 1, loudness: { gainDb: 0, ceilingDbtp: -2 } });
    assert.deepEqual(of('sitcom-3'), { audioStream: 1 }, 'unmeasured: no gain');
    assert.deepEqual(of('sitcom-4'), { audioStream: 0, toneMap: 'pq' });
    assert.deepEqual(of('bumper-1'), { audioStream: 0, loudness: { gainDb: 12.5, ceilingDbtp: -2, limit: true }, toneMap: 'hlg' });
    // Spanish preferred, the loudness target off: the Spanish track, and no gain anywhere.
    assert.equal((await cli(['channel', 'update', 'retro1', '--audio-languages', 'spa', '--loudness-target', 'off'], { database: fx.database })).exitCode, 0);
    of = await treatments();
    assert.deepEqual(of('sitcom-1'), { audioStream: 0 });
    assert.deepEqual(of('bumper-1'), { audioStream: 0, toneMap: 'hlg' });
    // Subtitles: a full English text track (embedded) and forced Spanish ones (a PGS stream and a sidecar file).
    const sidecar = join(scratch, 'Sitcom.spa.forced.srt');
    const subtitles = [
      { source: { kind: 'embedded', index: 0 }, codec: 'hdmv_pgs_subtitle', format: 'image', language: 'spa', forced: true, isDefault: false },
      { source: { kind: 'embedded', index: 1 }, codec: 'subrip', format: 'text', language: 'eng', forced: false, isDefault: false },
      { source: { kind: 'external', path: sidecar }, codec: 'subrip', format: 'text', language: 'spa', forced: true, isDefault: false },
    ];
    await db().updateTable('asset').set({ subtitles: JSON.stringify(subtitles) }).where('id', '=', id('sitcom-1')).execute();
    const present = async (...options: string[]) => {
      assert.equal((await cli(['channel', 'update', 'retro1', ...options], { database: fx.database })).exitCode, 0);
      return (await treatments())('sitcom-1');
    };
    assert.deepEqual(await present('--audio-languages', 'jpn', '--subtitles', 'when-audio-differs', '--subtitle-languages', 'en'),
      { audioStream: 0, subtitles: { kind: 'embedded', index: 1, format: 'text' } }, 'Spanish audio (the first; no Japanese) is not English: full English subtitles');
    assert.deepEqual(await present('--subtitles', 'forced'), { audioStream: 0, subtitles: { kind: 'embedded', index: 0, format: 'image' } }, 'forced ones in the aired language');
    assert.deepEqual(await present('--audio-languages', 'eng', '--subtitles', 'when-audio-differs'), { audioStream: 1 }, 'English audio: no English forced track, nothing');
    assert.deepEqual(await present('--subtitles', 'always', '--subtitle-languages', 'de,es'), { audioStream: 1, subtitles: { kind: 'embedded', index: 0, format: 'image' } }, 'no German: the Spanish track, full preferred but only forced ones exist');
    assert.deepEqual(await present('--subtitles', 'off'), { audioStream: 1 });
    await db().updateTable('asset').set({ subtitles: JSON.stringify(subtitles.slice(1)) }).where('id', '=', id('sitcom-1')).execute();
    assert.deepEqual(await present('--audio-languages', 'spa', '--subtitles', 'forced'), { audioStream: 0, subtitles: { kind: 'external', path: sidecar } }, 'a sidecar file is a track like any other');
  });
});
