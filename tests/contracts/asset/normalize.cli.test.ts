// CLI contract tests for `retrovue asset normalize` (contracts/asset/normalize.yaml).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, execaSync } from 'execa';
import { after, before, beforeEach, test } from 'node:test';
import { cli, cliProcess, json } from '../../support/cli.js';
import { binaryEnv, killBinaryWhileFfmpegRuns, withBinaryDatabase } from '../../support/media-fixtures.js';
import { playoutMedia, type PlayoutMedia } from '../../support/playout-media.js';
import { processesMentioning, survivors } from '../../support/processes.js';
import { forEachDatabase, onOneDatabase, testDialects } from '../../support/test-databases.js';
import { seedClips, type ClipAsset } from '../../playout/playout-fixtures.js';
import { outputProfileNames } from '../../../src/plugins/output-profiles.js';
import { seedLanguageClip } from '../../support/language-clip.js';
import { toneHz } from '../../support/audio-analysis.js';
import { frameAt } from '../../support/piece-frames.js';
import { mountSmallDisk, smallDiskRefusal } from '../../support/small-disk.js';

interface Summary {
  profile: string; total: number; normalized: number; up_to_date: number; failed: number; interrupted: boolean;
  failures: Array<{ asset_id: string; path: string; reason: string }>;
}

let media: PlayoutMedia;
let home = '';
const scratch = mkdtempSync(join(tmpdir(), 'retrovue-normalize-'));
before(async () => {
  media = await playoutMedia();
});
beforeEach(() => {
  home = mkdtempSync(join(scratch, 'home-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const clips = (): ClipAsset[] => [
  { key: 'bumper', path: media.path('bumper'), seconds: 4 },
  { key: 'ad', path: media.path('commercial'), seconds: 6 },
  { key: 'silent', path: media.path('commercial2'), seconds: 5, silent: true },
];

// B-6 needs a real full disk: a small tmpfs (root only).
const smallDiskSkip = smallDiskRefusal();

forEachDatabase((fx) => {
  const normalize = (argv: string[], signal?: AbortSignal) =>
    cli(['asset', 'normalize', ...argv], { database: fx.database, env: { RETROVUE_HOME: home }, ...(signal ? { signal } : {}) });

  test('B-1: makes a rendition for every ready asset lacking one, several at once, prints a summary, exit 0; nothing on stderr off a terminal', async () => {
    await seedClips(fx.database.db, clips());
    const run = await normalize(['--collection', 'lib/Clips', '--concurrency', '2', '--json']);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, '');
    const summary = json<Summary>(run);
    assert.deepEqual({ ...summary, elapsed_ms: 0 }, { profile: 'sd-480p30', total: 3, normalized: 3, up_to_date: 0, failed: 0, interrupted: false, elapsed_ms: 0, failures: [] });
    const again = await normalize([]);
    assert.equal(again.exitCode, 0, again.stderr);
    assert.match(again.stdout, /^normalized 3 asset\(s\) into sd-480p30: 0 made, 3 up to date, 0 failed \(\d+\.\d s\)\n$/);
  });

  test('B-2: an unknown collection or profile is refused with exit 1 naming it', async () => {
    const collection = await normalize(['--collection', 'lib/Nope']);
    assert.equal(collection.exitCode, 1);
    assert.match(collection.stderr, /^retrovue: error: .*lib\/Nope/);
    const profile = await normalize(['--profile', '4k']);
    assert.equal(profile.exitCode, 1);
    assert.match(profile.stderr, /--profile.*4k|4k.*--profile/);
  });

  test('B-20: --profile accepts each of the eight output profiles (the list producers use); an unknown one is refused listing them all', async () => {
    const all = ['sd-480p30', 'sd-576p25', 'wide-480p30', 'wide-480p25', 'hd-720p30', 'hd-720p25', 'hd-1080p30', 'hd-1080p25'];
    assert.deepEqual(outputProfileNames, all, 'the profiles a producer can name are the ones normalize accepts');
    for (const profile of all) {
      const run = await normalize(['--profile', profile, '--json']);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(json<Summary>(run).profile, profile);
    }
    const unknown = await normalize(['--profile', 'hd-1080p60']);
    assert.equal(unknown.exitCode, 1);
    assert.match(unknown.stderr, new RegExp(`--profile.*${all.join(', ')}.*hd-1080p60`));
  });

  test('B-4: with work to do and no ffmpeg on PATH, exit 3 in one line naming ffmpeg, no rendition written', async () => {
    await seedClips(fx.database.db, clips());
    const run = await cli(['asset', 'normalize'], { database: fx.database, env: { RETROVUE_HOME: home, PATH: join(scratch, 'no-such-bin') } });
    assert.equal(run.exitCode, 3, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^retrovue: error: ffmpeg "ffmpeg" is not installed or not on PATH; install ffmpeg or fix PATH, then run the command again\n$/);
    assert.deepEqual(await fx.database.db.selectFrom('asset_rendition').selectAll().execute(), []);
    assert.equal(existsSync(join(home, 'renditions', 'sd-480p30')), false);
  });

  test('B-3: an asset that cannot be normalised is reported and exit 2, the others are made', async () => {
    const broken = join(scratch, `broken-${fx.dialect}.mkv`);
    writeFileSync(broken, 'Tape 14: not a video at all.\n'.repeat(50));
    await seedClips(fx.database.db, [...clips().slice(0, 1), { key: 'broken', path: broken, seconds: 5 }]);
    const run = await normalize(['--json']);
    assert.equal(run.exitCode, 2, run.stderr);
    const summary = json<Summary>(run);
    assert.deepEqual([summary.normalized, summary.failed, summary.failures.map((f) => f.path)], [1, 1, [broken]]);
    assert.ok((summary.failures[0]?.reason ?? '').length > 0);
    assert.deepEqual(readdirSync(join(home, 'renditions', 'sd-480p30')).filter((f) => f.includes('partial')), []);
  });

  test('B-3: an interrupt stops at once with exit 2, keeps finished renditions, leaves no partial file or ffmpeg; a second run makes only the rest', onOneDatabase(fx), async () => {
    // Three copies of the episode, made one at a time: the interrupt lands once the first is made, mid-run.
    const three = Array.from({ length: 3 }, (_, i) => {
      const path = join(scratch, `episode-${fx.dialect}-${i}.mp4`);
      copyFileSync(media.path('episode'), path);
      return { key: `episode-${i}`, path, seconds: 14 };
    });
    await seedClips(fx.database.db, three);
    const controller = new AbortController();
    const rows = () => fx.database.db.selectFrom('asset_rendition').select('asset_id').execute();
    const running = normalize(['--concurrency', '1', '--json'], controller.signal);
    while ((await rows()).length === 0) await sleep(50);
    controller.abort();
    const first = await running;
    assert.equal(first.exitCode, 2, first.stderr);
    const summary = json<Summary>(first);
    assert.equal(summary.interrupted, true);
    assert.ok(summary.normalized >= 1 && summary.normalized < 3, `made ${summary.normalized} before the interrupt`);
    assert.equal((await rows()).length, summary.normalized);
    const dir = join(home, 'renditions', 'sd-480p30');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial')), []);
    assert.equal(readdirSync(dir).length, summary.normalized);
    assert.deepEqual(processesMentioning('ffmpeg', home), []);
    const second = json<Summary>(await normalize(['--json']));
    assert.deepEqual([second.up_to_date, second.normalized, second.interrupted], [summary.normalized, 3 - summary.normalized, false]);
  });

  test('B-5: SIGKILLed mid-rendition it leaves no ffmpeg running; the next run makes what is left and no partial file stays', onOneDatabase(fx), async () => {
    // Killed as its first ffmpeg runs: one more copy than it makes at once, so work is still queued.
    const three = Array.from({ length: 3 }, (_, i) => {
      const path = join(scratch, `killed-${fx.dialect}-${i}.mp4`);
      copyFileSync(media.path('episode'), path);
      return { key: `killed-${i}`, path, seconds: 14 };
    });
    await withBinaryDatabase(fx, home, (database) => seedClips(database.db, three));
    const env = binaryEnv(fx, home);
    try {
      const ffmpeg = await killBinaryWhileFfmpegRuns(['asset', 'normalize', '--concurrency', '2'], env, home);
      // Gone, however long a loaded box takes to reap them; and killed, not left to finish: an ffmpeg that
      // outlived its command would complete its partial rendition (an MP4 gets its index last).
      assert.deepEqual(await survivors(ffmpeg, 10_000), [], 'ffmpeg outlived the killed asset normalize');
      assert.deepEqual(processesMentioning('ffmpeg', home), []);
      const dir = join(home, 'renditions', 'sd-480p30');
      for (const partial of readdirSync(dir).filter((f) => f.includes('partial'))) {
        const probe = await execa('ffprobe', ['-v', 'error', join(dir, partial)], { reject: false });
        assert.notEqual(probe.exitCode, 0, `${partial} was finished after its asset normalize was killed`);
      }
      const again = await cliProcess(['asset', 'normalize', '--json'], env);
      assert.equal(again.exitCode, 0, again.stderr);
      const summary = json<Summary>(again);
      assert.deepEqual([summary.up_to_date + summary.normalized, summary.failed, summary.interrupted], [3, 0, false]);
      assert.ok(summary.normalized >= 1, 'the killed run could not have finished every rendition');
      assert.deepEqual(readdirSync(dir).filter((f) => f.includes('partial')), []);
      assert.equal(readdirSync(dir).length, 3);
    } finally {
      for (const pid of processesMentioning('ffmpeg', home)) process.kill(pid, 'SIGKILL');
    }
  });

  test('B-30: renditions carry the audio track, loudness and subtitles of the presentation given; the same presentation again makes nothing', async () => {
    const id = await seedLanguageClip(fx.database.db, home);
    const rendition = async (options: string[]) => {
      const run = await normalize([...options, '--json']);
      assert.equal(run.exitCode, 0, run.stderr);
      assert.equal(json<Summary>(run).normalized, 1, `${options.join(' ')} made its rendition`);
      const again = json<Summary>(await normalize([...options, '--json']));
      assert.deepEqual([again.normalized, again.up_to_date], [0, 1], `${options.join(' ')} again makes nothing`);
      const rows = await fx.database.db.selectFrom('asset_rendition').select(['path', 'created_at']).where('asset_id', '=', id).orderBy('created_at', 'desc').execute();
      return rows[0]?.path as string;
    };
    const plain = await rendition([]);
    const spanish = await rendition(['--audio-languages', 'es', '--loudness-target', 'off']);
    assert.notEqual(plain, spanish, 'each presentation its own file');
    // What a rendition carries is ffmpeg's work, not the database's: the first database proves it.
    if (fx.dialect !== testDialects()[0]) return;
    // No preference: the file's default track (English, 1000 Hz), though Spanish (440 Hz) comes first.
    assert.ok(Math.abs((await toneHz(plain)) - 1000) < 30, 'the default track');
    assert.ok(Math.abs((await toneHz(spanish)) - 440) < 30, 'the Spanish track');
    const subtitled = await rendition(['--subtitles', 'always', '--subtitle-languages', 'eng']);
    assert.ok(Math.abs((await toneHz(subtitled)) - 1000) < 30);
    // The English SRT cue (1.0-2.0 s) is burned in: the pictures differ inside the cue, not outside it.
    const size = { width: 640, height: 480 };
    const differs = async (at: number) => {
      const [a, b] = await Promise.all([frameAt(plain, at, size), frameAt(subtitled, at, size)]);
      let changed = 0;
      for (let i = 0; i < a.y.length; i++) if (Math.abs((a.y[i] as number) - (b.y[i] as number)) > 40) changed++;
      return changed;
    };
    assert.ok((await differs(1.5)) > 200, 'subtitle pixels inside the cue');
    assert.ok((await differs(0.4)) < 20, 'no subtitle pixels before the cue');
    assert.equal(new Set([plain, spanish, subtitled]).size, 3, 'each presentation its own file');
  });

  test('B-6: with the renditions\' disk filling up mid-rendition the command stops at once with exit 2 and one line naming the full disk and the directory, leaving no partial file and no ffmpeg running', { skip: smallDiskSkip ?? onOneDatabase(fx).skip }, async () => {
    const disk = mountSmallDisk(16);
    try {
      home = disk.dir;
      await seedClips(fx.database.db, clips());
      disk.fill(8 * 1024); // room for a part of one rendition: ffmpeg starts writing, then meets ENOSPC
      // The real ffmpeg, each rendition it makes noted: after the first full disk no rendition may start.
      const tools = mkdtempSync(join(scratch, 'tools-'));
      const started = join(tools, 'started');
      const real = execaSync('sh', ['-c', 'command -v ffmpeg']).stdout;
      writeFileSync(join(tools, 'ffmpeg'), `#!/bin/sh\ncase " $* " in *" -i "*) echo run >> '${started}';; esac\nexec '${real}' "$@"\n`, { mode: 0o755 });
      const run = await cli(['asset', 'normalize', '--concurrency', '2'], { database: fx.database, env: { RETROVUE_HOME: home, PATH: `${tools}:${process.env['PATH'] ?? ''}` } });
      assert.equal(run.exitCode, 2, run.stderr);
      assert.equal(run.stdout, '');
      const line = /^retrovue: error: disk full: the renditions directory (\S+) has no space left \(ffmpeg: .*No space left on device.*\); free space there and run again \(the (\d) rendition\(s\) finished are kept\)\n$/.exec(run.stderr);
      assert.ok(line !== null, run.stderr);
      assert.equal(line[1], join(disk.dir, 'renditions', 'sd-480p30'));
      assert.deepEqual(readdirSync(line[1]).filter((f) => !/^[0-9a-f-]{36}\.mp4$/.test(f)), [], 'no partial file');
      assert.equal(readdirSync(line[1]).length, Number(line[2]), 'only the renditions finished');
      assert.deepEqual(processesMentioning('ffmpeg', disk.dir), []);
      const renditionsStarted = existsSync(started) ? readFileSync(started, 'utf8').split('\n').filter(Boolean).length : 0;
      assert.ok(renditionsStarted >= 1 && renditionsStarted <= 2, `the third rendition is never started once the disk is full (${renditionsStarted} started)`);
    } finally {
      disk.unmount();
    }
  });
});
