// Data contract tests for `retrovue asset normalize` (contracts/asset/normalize.yaml).
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { execa } from 'execa';
import { playableFile } from '../../../src/catalog/playable-file.js';
import { currentMedia } from '../../../src/catalog/rendition-repository.js';
import { cli, json } from '../../support/cli.js';
import { playoutMedia, type PlayoutMedia } from '../../support/playout-media.js';
import { forEachDatabase, testDialects } from '../../support/test-databases.js';
import { seedClips } from '../../playout/playout-fixtures.js';
import { outputProfiles } from '../../../src/plugins/output-profiles.js';
import { brightBox, boxesMatch, expectedBox, firstGreyFrame, whiteSource, type Shape } from '../../support/picture-box.js';
import { seedLanguageClip } from '../../support/language-clip.js';
import { defaultPresentation } from '../../../src/media/stream-choice.js';
import { mountSmallDisk, smallDiskRefusal } from '../../support/small-disk.js';

let media: PlayoutMedia;
let home = '';
const scratch = mkdtempSync(join(tmpdir(), 'retrovue-normalize-data-'));
before(async () => {
  media = await playoutMedia();
});
beforeEach(() => {
  home = mkdtempSync(join(scratch, 'home-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Probed {
  format: { format_name: string };
  streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string; sample_rate?: string; channels?: number }>;
}

// D-4 needs a real full disk: a small tmpfs (root only).
const smallDiskSkip = smallDiskRefusal();

forEachDatabase((fx) => {
  const normalize = (...argv: string[]) => cli(['asset', 'normalize', ...argv, '--json'], { database: fx.database, env: { RETROVUE_HOME: home } });
  /** Which file a plan in sd-480p30 plays for the asset, by the one playability rule. */
  const plays = async (assetId: string) => {
    const media = (await currentMedia(fx.database.db, [assetId], 'sd-480p30')).get(assetId);
    assert.ok(media?.kind === 'file');
    return playableFile({ kind: 'asset', assetId, path: media.path, ...(media.rendition === undefined ? {} : { rendition: media.rendition }) }, 'sd-480p30');
  };

  test('D-1: each rendition is an MP4 under RETROVUE_HOME/renditions/<profile>/ in the profile, recorded with its source size and mtime', async () => {
    const catalog = await seedClips(fx.database.db, [{ key: 'silent', path: media.path('commercial2'), seconds: 5, silent: true }, { key: 'ad', path: media.path('commercial'), seconds: 6 }]);
    const run = await normalize('--profile', 'sd-576p25');
    assert.equal(run.exitCode, 0, run.stderr);
    const rows = await fx.database.db.selectFrom('asset_rendition').innerJoin('asset', 'asset.id', 'asset_rendition.asset_id')
      .select(['asset_rendition.asset_id', 'asset_rendition.profile', 'asset_rendition.path', 'asset_rendition.size_bytes', 'asset_rendition.source_size_bytes', 'asset_rendition.source_mtime_ms', 'asset.size_bytes as asset_size', 'asset.mtime_ms as asset_mtime'])
      .orderBy('asset_rendition.path').execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.profile, 'sd-576p25');
      assert.equal(row.path, join(home, 'renditions', 'sd-576p25', `${row.asset_id}.mp4`));
      assert.equal(Number(row.size_bytes), statSync(row.path).size);
      assert.deepEqual([Number(row.source_size_bytes), Number(row.source_mtime_ms)], [Number(row.asset_size), Number(row.asset_mtime)]);
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'format=format_name:stream=codec_type,codec_name,width,height,r_frame_rate,sample_rate,channels', '-of', 'json', row.path]);
      const probed = JSON.parse(stdout) as Probed;
      assert.match(probed.format.format_name, /mp4/);
      const video = probed.streams.find((s) => s.codec_type === 'video');
      const audio = probed.streams.find((s) => s.codec_type === 'audio');
      assert.deepEqual([video?.codec_name, video?.width, video?.height, video?.r_frame_rate], ['h264', 720, 576, '25/1']);
      assert.deepEqual([audio?.codec_name, audio?.sample_rate, audio?.channels], ['aac', '48000', 2], 'a source without audio gets silence');
    }
    assert.ok(rows.some((r) => r.asset_id === catalog.assets['silent']));
  });

  // A rendition's picture depends on the profile and ffmpeg alone (D-1 proves the recording on each database): the first one proves it.
  test('D-20: in every profile a rendition has its size and rate; 16:9 and 4:3 pictures fill, letterbox or pillarbox, never stretch', { skip: fx.dialect !== testDialects()[0] }, async () => {
    const shapes: Shape[] = ['16:9', '4:3'];
    const sources = await Promise.all(shapes.map((shape) => whiteSource(scratch, shape)));
    const catalog = await seedClips(fx.database.db, shapes.map((shape, i) => ({ key: shape, path: sources[i] as string, seconds: 1, silent: true })));
    for (const profile of outputProfiles) {
      const run = await normalize('--profile', profile.name);
      assert.equal(run.exitCode, 0, run.stderr);
      for (const shape of shapes) {
        const path = join(home, 'renditions', profile.name, `${catalog.assets[shape] as string}.mp4`);
        const { stdout } = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,r_frame_rate', '-of', 'csv=p=0', path]);
        const rate = profile.frameRate.includes('/') ? profile.frameRate : `${profile.frameRate}/1`;
        assert.equal(stdout.trim(), `${profile.width},${profile.height},${rate}`, `${shape} in ${profile.name}`);
        const box = brightBox(await firstGreyFrame(path, profile.width, profile.height), profile.width, profile.height);
        const expected = expectedBox(shape, profile.width, profile.height);
        assert.ok(boxesMatch(box, expected), `${shape} in ${profile.name}: picture at ${JSON.stringify(box)}, expected ${JSON.stringify(expected)}`);
      }
    }
  });

  test('D-2: a valid rendition is skipped; a changed source stops plans using it and the next run replaces it', async () => {
    const path = join(scratch, `ad-${fx.dialect}.avi`);
    copyFileSync(media.path('commercial'), path);
    const catalog = await seedClips(fx.database.db, [{ key: 'ad', path, seconds: 6 }, { key: 'bumper', path: media.path('bumper'), seconds: 4 }]);
    const ad = catalog.assets['ad'] as string;
    assert.equal(json<{ normalized: number }>(await normalize()).normalized, 2);
    const skipped = json<{ normalized: number; up_to_date: number }>(await normalize());
    assert.deepEqual([skipped.normalized, skipped.up_to_date], [0, 2]);
    const made = join(home, 'renditions', 'sd-480p30', `${ad}.mp4`);
    assert.deepEqual(await plays(ad), { kind: 'rendition', path: made, sourcePath: path });
    // The source changes: plans stop using the rendition at once; once re-ingested, the next run replaces it.
    appendFileSync(path, Buffer.alloc(1024));
    assert.deepEqual(await plays(ad), { kind: 'source', path, renditionSkipped: `rendition ${made} was made from an earlier version of its source file` }, 'plans no longer use the stale rendition');
    const stat = statSync(path);
    await fx.database.db.updateTable('asset').set({ size_bytes: stat.size, mtime_ms: Math.trunc(stat.mtimeMs) }).where('id', '=', ad).execute();
    const rerun = json<{ normalized: number; up_to_date: number }>(await normalize());
    assert.deepEqual([rerun.normalized, rerun.up_to_date], [1, 1]);
    const row = await fx.database.db.selectFrom('asset_rendition').selectAll().where('asset_id', '=', ad).executeTakeFirstOrThrow();
    assert.deepEqual([Number(row.source_size_bytes), Number(row.source_mtime_ms)], [stat.size, Math.trunc(stat.mtimeMs)]);
    assert.deepEqual(await plays(ad), { kind: 'rendition', path: made, sourcePath: path });
  });

  test('D-3: two runs at once both finish and record only whole, playable renditions; partial files of dead runs are removed', async () => {
    await seedClips(fx.database.db, [{ key: 'ad', path: media.path('commercial'), seconds: 6 }, { key: 'bumper', path: media.path('bumper'), seconds: 4 }]);
    const dir = join(home, 'renditions', 'sd-480p30');
    mkdirSync(dir, { recursive: true });
    const dead = join(dir, 'gone.4999999-0badc0de.partial.mp4'); // above any pid Linux hands out
    const legacy = join(dir, 'gone.partial.mp4');
    const live = join(dir, `busy.${process.pid}-0badc0de.partial.mp4`);
    for (const file of [dead, legacy, live]) writeFileSync(file, 'half a rendition');
    const runs = await Promise.all([normalize(), normalize()]);
    for (const run of runs) assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual([existsSync(dead), existsSync(legacy), existsSync(live)], [false, false, true]);
    rmSync(live);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial')), []);
    const rows = await fx.database.db.selectFrom('asset_rendition').select(['path']).execute();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      const { stdout } = await execa('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type', '-of', 'json', row.path]);
      assert.deepEqual((JSON.parse(stdout) as Probed).streams.map((st) => st.codec_type).sort(), ['audio', 'video'], row.path);
    }
    const again = json<{ normalized: number; up_to_date: number }>(await normalize());
    assert.deepEqual([again.normalized, again.up_to_date], [0, 2]);
  });

  test('D-30: renditions of one asset and profile for different treatments coexist, each recording its treatment; a plan names only the one its channel airs', async () => {
    const id = await seedLanguageClip(fx.database.db, home);
    assert.equal((await normalize('--audio-languages', 'spa')).exitCode, 0);
    assert.equal((await normalize()).exitCode, 0);
    const rows = await fx.database.db.selectFrom('asset_rendition').select(['treatment_key', 'path', 'profile']).where('asset_id', '=', id).orderBy('treatment_key').execute();
    assert.deepEqual(rows.map((r) => [r.treatment_key, r.profile]), [['a0', 'sd-480p30'], ['a1', 'sd-480p30']], 'Spanish is track 0, the default English track 1');
    assert.equal(new Set(rows.map((r) => r.path)).size, 2);
    const renditionFor = async (audioLanguages: string[]) => {
      const media = (await currentMedia(fx.database.db, [id], 'sd-480p30', { ...defaultPresentation, audioLanguages })).get(id);
      assert.ok(media?.kind === 'file');
      return [media.treatment?.audioStream, media.rendition?.treatmentKey, media.rendition?.path];
    };
    const path = (key: string) => rows.find((r) => r.treatment_key === key)?.path;
    assert.deepEqual(await renditionFor(['spa']), [0, 'a0', path('a0')]);
    assert.deepEqual(await renditionFor(['eng']), [1, 'a1', path('a1')]);
    assert.deepEqual(await renditionFor(['jpn']), [1, 'a1', path('a1')], 'no Japanese track: the default one, and its rendition');
    // A rendition of another treatment never stands in: the source is transcoded with the right track.
    const spanishRendition = { path: path('a0') as string, profile: 'sd-480p30', sourceSizeBytes: 0, sourceMtimeMs: 0, treatmentKey: 'a0' };
    const asset = await fx.database.db.selectFrom('asset').select(['path', 'size_bytes', 'mtime_ms']).where('id', '=', id).executeTakeFirstOrThrow();
    const made = { ...spanishRendition, sourceSizeBytes: Number(asset.size_bytes), sourceMtimeMs: Number(asset.mtime_ms) };
    const file = playableFile({ kind: 'asset', assetId: id, path: asset.path, rendition: made, treatment: { audioStream: 1 } }, 'sd-480p30');
    assert.equal(file.kind, 'source');
    assert.match(file.kind === 'source' ? String(file.renditionSkipped) : '', /made with treatment a0, the channel airs it with a1/);
  });

  test('D-4: a rendition cut short by a full disk is not recorded: every recorded rendition is a whole playable file at its path, no other file is there, and once space is freed the next run makes what is left', { skip: smallDiskSkip ?? false }, async () => {
    const disk = mountSmallDisk(16);
    try {
      home = disk.dir;
      await seedClips(fx.database.db, [{ key: 'silent', path: media.path('commercial2'), seconds: 5, silent: true }, { key: 'ad', path: media.path('commercial'), seconds: 6 }]);
      disk.fill(8 * 1024);
      const full = await normalize('--concurrency', '2');
      assert.equal(full.exitCode, 2, full.stderr + full.stdout);
      const dir = join(disk.dir, 'renditions', 'sd-480p30');
      const recorded = async () => (await fx.database.db.selectFrom('asset_rendition').select(['path', 'size_bytes']).execute()).map((r) => ({ path: r.path, size: Number(r.size_bytes) }));
      const whole = async () => {
        const rows = await recorded();
        assert.deepEqual(readdirSync(dir).map((f) => join(dir, f)).sort(), rows.map((r) => r.path).sort(), 'the files there are the recorded renditions');
        for (const row of rows) {
          assert.equal(statSync(row.path).size, row.size);
          await execa('ffmpeg', ['-v', 'error', '-xerror', '-i', row.path, '-f', 'null', '-']);
        }
        return rows.length;
      };
      assert.ok((await whole()) < 2, 'the full disk cut at least one rendition short');
      disk.free();
      const again = await normalize('--concurrency', '2');
      assert.equal(again.exitCode, 0, again.stderr);
      assert.equal(await whole(), 2);
    } finally {
      disk.unmount();
    }
  });
});
