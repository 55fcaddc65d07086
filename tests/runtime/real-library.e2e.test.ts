// Issue 17 end to end, as an operator runs it: a folder holding a film with a Spanish 5.1 track first and
// the default English track second (plus a loud and a quiet clip) goes through the real CLI — source add,
// discover, the loudness enricher, ingest, a channel with a language preference, a program, plan and zone,
// the horizon — then `retrovue runtime serve` (the built binary) streams it. What a viewer's decoder hears:
// English (1000 Hz), not the file's first track; after `channel update --audio-languages spa`, Spanish (440 Hz).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { ebur128Of, toneHz } from '../support/audio-analysis.js';
import { cli, json } from '../support/cli.js';
import { binaryOk, withEmbeddedDatabase } from '../support/media-fixtures.js';
import { survivors } from '../support/processes.js';
import { startServe, type ServeProcess } from '../support/runtime-binary.js';
import { tuneIn, until } from '../support/runtime.js';
import { brightPixels, frameAt } from '../support/piece-frames.js';
import { decodeWarnings } from '../support/ts-analysis.js';
import type { Database } from '../../src/db/open-database.js';

/**
 * The tone a capture mostly carries: the median of its half-seconds' tones. A 4 s capture may end in the
 * next film (a film here lasts under a minute), whose own tone would pull a whole-capture average away.
 */
async function dominantToneHz(file: string): Promise<number> {
  const tones = await Promise.all([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5].map((startS) => toneHz(file, { startS, durationS: 0.5 })));
  const sorted = tones.sort((a, b) => a - b);
  return ((sorted[3] as number) + (sorted[4] as number)) / 2;
}

const home = mkdtempSync(join(tmpdir(), 'retrovue-real-library-'));
const library = join(home, 'lib');
const env = { RETROVUE_HOME: home, RETROVUE_DATABASE_URL: undefined };
after(() => rmSync(home, { recursive: true, force: true }));

/** Just under the one-minute grid block the film fills, so it airs back to back. */
const FILM_SECONDS = 59.88;

const ffmpeg = (args: readonly string[]) => execa('ffmpeg', ['-v', 'error', '-y', '-nostdin', ...args]);

/**
 * The film: a flat 160×120 picture (almost no bytes), Spanish 5.1 AC3 at 440 Hz first, English stereo AAC at
 * 1000 Hz second and default, an English SRT whose one cue runs the whole film (so any capture shows it).
 */
async function makeFilm(path: string): Promise<void> {
  const srt = join(home, 'cue.srt');
  writeFileSync(srt, '1\n00:00:00,000 --> 00:00:59,800\nRETROVUE CUE\n\n');
  const tone = (hz: number) => ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=48000:duration=${FILM_SECONDS}`];
  await ffmpeg(['-f', 'lavfi', '-i', `color=c=0x406080:s=160x120:r=25:d=${FILM_SECONDS}`, ...tone(440), ...tone(1000), '-i', srt,
    '-map', '0:v', '-map', '1:a', '-map', '2:a', '-map', '3:s', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25',
    '-c:a:0', 'ac3', '-ac:a:0', '6', '-b:a:0', '192k', '-c:a:1', 'aac', '-ac:a:1', '2', '-b:a:1', '64k', '-c:s', 'srt',
    '-metadata:s:a:0', 'language=spa', '-metadata:s:a:1', 'language=eng', '-disposition:a:0', '0', '-disposition:a:1', 'default',
    '-metadata:s:s:0', 'language=eng', path]);
}

/** A 3 s clip whose one audio track is made by `audio` (lavfi). */
async function makeClip(path: string, audio: string): Promise<void> {
  await ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:s=160x120:r=25:d=3', '-f', 'lavfi', '-i', audio,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-b:a', '128k', path]);
}

async function ok(database: Database, argv: readonly string[]): Promise<Record<string, unknown>> {
  const run = await cli([...argv, '--json'], { database });
  assert.equal(run.exitCode, 0, `${argv.join(' ')}: ${run.stderr}`);
  return json(run);
}

/** Tunes in for `seconds` of stream and keeps what arrived, cut to whole packets, in a file. */
async function watch(serve: ServeProcess, name: string, seconds: number): Promise<string> {
  const viewer = await tuneIn(`${serve.url}/channel/films.ts`);
  assert.equal(viewer.status, 200);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  viewer.close();
  const bytes = viewer.bytes();
  const file = join(home, `${name}.ts`);
  writeFileSync(file, bytes.subarray(0, bytes.length - (bytes.length % 188)));
  // --linger-seconds 0: the engine stops with its last viewer, so the next tune-in builds a new plan.
  await until(() => serve.children().length === 0, 'the engine stopped after its last viewer left', 15_000);
  return file;
}

/** Each asset's measured integrated loudness per audio track, by file name, as ingest stored it. */
async function measuredLevels(database: Database): Promise<Record<string, Array<number | undefined>>> {
  const rows = await database.db.selectFrom('asset').select(['relative_path', 'audio']).execute();
  return Object.fromEntries(rows.map((r) => [r.relative_path.split('/').pop() ?? '', r.audio.map((a) => a.loudness?.integratedLufs)]));
}

describe('runtime: a real library through the CLI and runtime serve', () => {
  it('airs the channel\'s language (not the first track) at the loudness target, and follows a change of language', { timeout: 120_000 }, async () => {
    mkdirSync(join(library, 'Movies'), { recursive: true });
    mkdirSync(join(library, 'Commercials'), { recursive: true });
    await Promise.all([
      makeFilm(join(library, 'Movies', 'Two Tongues (1999).mkv')),
      makeClip(join(library, 'Commercials', 'loud.mp4'), 'aevalsrc=0.22*sin(2*PI*440*t)+0.18*sin(2*PI*1000*t)+0.1*sin(2*PI*3000*t):s=48000:c=stereo:d=3'),
      makeClip(join(library, 'Commercials', 'quiet.mp4'), 'anoisesrc=c=pink:r=48000:d=3:a=0.092:seed=7'),
    ]);
    await withEmbeddedDatabase(home, async (database) => {
      await ok(database, ['source', 'add', '--type', 'filesystem', '--name', 'lib', '--base-path', library]);
      await ok(database, ['source', 'discover', 'lib']);
      await ok(database, ['enricher', 'add', '--id', 'loud', '--type', 'loudness']);
      for (const collection of ['lib/Movies', 'lib/Commercials']) {
        await ok(database, ['collection', 'update', collection, '--ingest-enabled']);
        await ok(database, ['collection', 'attach-enricher', collection, '--enricher', 'loud']);
        await ok(database, ['collection', 'ingest', collection]);
      }
      await ok(database, ['channel', 'add', '--id', 'films', '--name', 'Films', '--number', '7', '--grid-block-minutes', '1', '--programming-day-start', '00:00',
        '--timezone', 'UTC', '--audio-languages', 'eng', '--subtitles', 'always', '--subtitle-languages', 'eng']);
      await ok(database, ['program', 'add', '--name', 'Films', '--kind', 'movie', '--link', 'collection:lib/Movies']);
      await ok(database, ['schedule-plan', 'add', '--channel', 'films', '--name', 'everyday']);
      await ok(database, ['zone', 'add', '--channel', 'films', '--plan', 'everyday', '--name', 'all-day', '--start', '00:00', '--end', '24:00', '--item', 'program:Films']);
      await ok(database, ['horizon', 'advance', '--channel', 'films']);
      // The loudness enricher measured every track at ingest; the plan chose the English track, its SRT and a gain.
      const levels = await measuredLevels(database);
      console.log(`measured at ingest: ${JSON.stringify(levels)}`);
      assert.ok(Math.abs((levels['loud.mp4']?.[0] ?? 0) + 10) < 2 && Math.abs((levels['quiet.mp4']?.[0] ?? 0) + 35) < 2, JSON.stringify(levels));
      const plan = await ok(database, ['channel', 'plan', '--channel', 'films', '--span-minutes', '1']) as unknown as { segments: Array<{ source: { treatment?: Record<string, unknown> } }> };
      const treatment = plan.segments.find((s) => s.source.treatment !== undefined)?.source.treatment;
      assert.deepEqual({ ...treatment, loudness: undefined }, { audioStream: 1, subtitles: { kind: 'embedded', index: 0, format: 'text' }, loudness: undefined });
      assert.ok(Math.abs(Number((treatment?.['loudness'] as { gainDb?: number } | undefined)?.gainDb) - (-24 - (levels['Two Tongues (1999).mkv']?.[1] ?? 0))) < 0.11, JSON.stringify(treatment));
    });
    const serve = await startServe(['--port', '0', '--json', '--linger-seconds', '0'], env);
    try {
      const english = await watch(serve, 'english', 4);
      assert.equal(await decodeWarnings(english), '');
      const heard = await dominantToneHz(english);
      assert.ok(Math.abs(heard - 1000) < 30, `the English track (1000 Hz) should air, heard ${heard.toFixed(0)} Hz`);
      // --subtitles always --subtitle-languages eng: the cue is burned in, white on the flat picture's lower part.
      const lower = { x: 0, y: 288, w: 640, h: 192 };
      // Frames across the capture: a tune-in in the film's last second joins after its one cue has ended.
      const counts: number[] = [];
      for (const at of [0.3, 1, 2, 3]) counts.push(brightPixels(await frameAt(english, at, { width: 640, height: 480 }), lower, 160));
      assert.ok(Math.max(...counts) > 300, `${counts.join(', ')} subtitle pixels in the lower part of the picture`);
      const level = await ebur128Of(english);
      assert.ok(Math.abs(level.i + 24) <= 1, `aired at ${level.i} LUFS, the target is -24`);
      await binaryOk(['channel', 'update', 'films', '--audio-languages', 'spa'], env);
      const spanish = await watch(serve, 'spanish', 4);
      assert.equal(await decodeWarnings(spanish), '');
      const then = await dominantToneHz(spanish);
      assert.ok(Math.abs(then - 440) < 20, `the Spanish track (440 Hz) should air after the update, heard ${then.toFixed(0)} Hz`);
      const spanishLevel = await ebur128Of(spanish);
      console.log(`aired: English ${level.i} LUFS, Spanish (5.1 downmixed) ${spanishLevel.i} LUFS`);
      assert.ok(Math.abs(spanishLevel.i + 24) <= 1, `Spanish aired at ${spanishLevel.i} LUFS, the target is -24`);
    } finally {
      const pids = [serve.child.pid ?? -1, ...serve.children().map((p) => p.pid)];
      const stopped = await serve.stop('SIGTERM');
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.deepEqual(await survivors(pids, 15_000), []);
    }
  });
});
