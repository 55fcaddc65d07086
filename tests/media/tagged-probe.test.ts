// probeMedia on media shaped like a real library's (tests/support/tagged-media.ts): audio languages with the
// default track second, embedded text subtitles, mov_text, 10-bit HEVC tagged PQ.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ProbedMedia, probeMedia } from '../../src/media/ffprobe.js';
import { movTextMp4, pqHevcMkv, twoLanguageAudio, twoLanguageMkv, twoLanguageSubtitles } from '../support/tagged-media.js';

let dir = '';
const at = (name: string) => join(dir, name);

async function probed(name: string): Promise<ProbedMedia> {
  const outcome = await probeMedia(at(name));
  assert.ok(outcome.ok, JSON.stringify(outcome));
  return outcome.media;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retrovue-tagged-'));
  await Promise.all([twoLanguageMkv(at('two.mkv')), movTextMp4(at('mov.mp4')), pqHevcMkv(at('pq.mkv'))]);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeMedia reads languages, default tracks and subtitles', () => {
  it('lists the audio tracks in file order with language, default flag and title: Spanish 5.1 first, default English second', async () => {
    const media = await probed('two.mkv');
    assert.deepEqual(media.audio, [
      { codec: 'ac3', channels: 6, sampleRate: 48000, layout: '5.1(side)', language: 'spa', isDefault: false },
      { codec: 'aac', channels: 2, sampleRate: 48000, layout: 'stereo', language: 'eng', isDefault: true, title: 'English' },
    ]);
    assert.deepEqual(media.audio.map((a) => a.language), twoLanguageAudio.map((a) => a.language));
  });

  it('lists embedded text subtitles by index among subtitle streams, with codec, format, language, forced and default', async () => {
    const media = await probed('two.mkv');
    assert.deepEqual(media.subtitles, [
      { source: { kind: 'embedded', index: 0 }, codec: 'subrip', format: 'text', language: 'eng', forced: false, isDefault: false },
      { source: { kind: 'embedded', index: 1 }, codec: 'ass', format: 'text', language: 'spa', forced: true, isDefault: false },
    ]);
    assert.deepEqual(media.subtitles.map((t) => t.codec), twoLanguageSubtitles.map((t) => t.codec));
  });

  it('reads mov_text in MP4 as a text track, and stores MP4 languages as ISO 639-2/B', async () => {
    const media = await probed('mov.mp4');
    assert.deepEqual(media.subtitles, [
      { source: { kind: 'embedded', index: 0 }, codec: 'mov_text', format: 'text', language: 'fre', forced: false, isDefault: true },
    ]);
    assert.deepEqual(media.audio.map((a) => [a.language, a.isDefault]), [['ger', true]]);
  });

  it('reads the transfer characteristic and pixel format of 10-bit HEVC tagged PQ, and none for SDR without a tag', async () => {
    const pq = await probed('pq.mkv');
    assert.equal(pq.video?.codec, 'hevc');
    assert.equal(pq.video?.transfer, 'smpte2084');
    assert.equal(pq.video?.pixelFormat, 'yuv420p10le');
    const sdr = await probed('two.mkv');
    assert.equal(sdr.video?.pixelFormat, 'yuv420p');
    assert.equal(sdr.video?.transfer, undefined);
    assert.equal('transfer' in (sdr.video ?? {}), false);
  });
});
