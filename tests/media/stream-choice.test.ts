// The one decision of how an asset airs (its SourceTreatment): which audio track, which subtitles burned
// in, what loudness gain, which tone map. Pure functions of what ingest recorded and the channel's wishes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AudioStream, SubtitleTrack, VideoStream } from '../../src/media/media-types.js';
import {
  chooseAudio, chooseSubtitles, chooseTreatment, defaultPresentation, type Presentation, type SubtitleMode, toneMapOf, TRUE_PEAK_CEILING_DBTP,
} from '../../src/media/stream-choice.js';

const audio = (language?: string, extra: Partial<AudioStream> = {}): AudioStream => ({
  codec: 'aac', channels: 2, sampleRate: 48000, ...(language === undefined ? {} : { language }), ...extra,
});
/** An embedded subtitle track; its index names it in the expectations. */
const sub = (index: number, language: string | undefined, forced = false): SubtitleTrack => ({
  source: { kind: 'embedded', index }, codec: 'subrip', format: 'text', forced, isDefault: false, ...(language === undefined ? {} : { language }),
});
const presentation = (subtitleMode: SubtitleMode, audioLanguages: string[], subtitleLanguages: string[] = []): Presentation => ({
  ...defaultPresentation, audioLanguages, subtitleMode, subtitleLanguages,
});
/** The index of the embedded track chosen, or undefined for none. */
const chosen = (tracks: SubtitleTrack[], p: Presentation, audioLanguage: string | undefined) => {
  const burn = chooseSubtitles(tracks, p, audioLanguage);
  return burn?.kind === 'embedded' ? burn.index : burn;
};
const video = (transfer?: string): VideoStream => ({
  codec: 'hevc', width: 320, height: 240, frameRate: 25, frameRateFraction: '25/1', scan: 'progressive', ...(transfer === undefined ? {} : { transfer }),
});

describe('chooseAudio', () => {
  it('takes the first preferred language the file has, in the channel’s order, whatever the code’s spelling', () => {
    const tracks = [audio('eng'), audio('fre'), audio('ger')];
    assert.equal(chooseAudio(tracks, ['fr', 'de']), 1);
    assert.equal(chooseAudio(tracks, ['spa', 'deu']), 2);
  });

  it('among several tracks in the wanted language, takes the file’s default one', () => {
    const tracks = [audio('eng', { title: 'Commentary' }), audio('fre'), audio('eng', { isDefault: true })];
    assert.equal(chooseAudio(tracks, ['eng']), 2);
  });

  it('takes the default track when no preferred language matches, else the first; none from a file without audio', () => {
    assert.equal(chooseAudio([audio('eng'), audio('ger', { isDefault: true })], ['jpn']), 1);
    assert.equal(chooseAudio([audio('eng'), audio('ger', { isDefault: true })], []), 1);
    assert.equal(chooseAudio([audio(), audio()], ['eng']), 0);
    assert.equal(chooseAudio([], ['eng']), undefined);
  });
});

describe('chooseSubtitles', () => {
  it('off: nothing, whatever the file has', () => {
    assert.equal(chosen([sub(0, 'eng'), sub(1, 'eng', true)], presentation('off', ['eng']), 'fre'), undefined);
  });

  it('always: the full track in a preferred language, even when a forced one in it is listed first', () => {
    assert.equal(chosen([sub(0, 'eng', true), sub(1, 'eng')], presentation('always', ['eng']), 'eng'), 1);
    // The subtitle languages, when given, win over the audio ones; a forced track only when it is all there is.
    assert.equal(chosen([sub(0, 'eng'), sub(1, 'spa')], presentation('always', ['eng'], ['es']), 'eng'), 1);
    assert.equal(chosen([sub(0, 'eng', true)], presentation('always', ['eng']), 'eng'), 0);
    assert.equal(chosen([sub(0, 'ger')], presentation('always', ['eng']), 'eng'), undefined);
  });

  it('forced: the forced track in the aired audio’s language, never one in another language', () => {
    const p = presentation('forced', ['eng']);
    assert.equal(chosen([sub(0, 'fre', true), sub(1, 'eng', true), sub(2, 'eng')], p, 'eng'), 1);
    assert.equal(chosen([sub(0, 'fre', true), sub(1, 'eng')], p, 'eng'), undefined);
  });

  it('when-audio-differs: full subtitles when the aired audio is in none of the wanted languages, else only forced ones', () => {
    const tracks = [sub(0, 'eng', true), sub(1, 'eng'), sub(2, 'jpn', true)];
    const p = presentation('when-audio-differs', ['eng']);
    assert.equal(chosen(tracks, p, 'jpn'), 1, 'Japanese audio on an English channel: full English subtitles');
    assert.equal(chosen(tracks, p, 'eng'), 0, 'English audio: only the forced English track');
    assert.equal(chosen([sub(1, 'eng')], p, 'eng'), undefined, 'English audio and no forced track: none');
  });

  it('names a sidecar by its path', () => {
    const sidecar: SubtitleTrack = { source: { kind: 'external', path: '/m/Movie.en.srt' }, codec: 'subrip', format: 'text', forced: false, isDefault: false, language: 'eng' };
    assert.deepEqual(chooseSubtitles([sidecar], presentation('always', ['eng']), 'eng'), { kind: 'external', path: '/m/Movie.en.srt' });
  });
});

describe('toneMapOf', () => {
  it('maps PQ and HLG sources, and leaves SDR, untagged and missing video alone', () => {
    assert.equal(toneMapOf(video('smpte2084')), 'pq');
    assert.equal(toneMapOf(video('arib-std-b67')), 'hlg');
    for (const v of [video('bt709'), video(), undefined]) assert.equal(toneMapOf(v), undefined);
  });
});

describe('chooseTreatment', () => {
  const measured = audio('eng', { loudness: { integratedLufs: -14, truePeakDbtp: -8 } });

  it('puts the choices together: the track, its subtitles, the gain to the target under the ceiling, the tone map', () => {
    const asset = { video: video('smpte2084'), audio: [audio('fre'), measured], subtitles: [sub(0, 'eng', true)] };
    const p: Presentation = { ...presentation('forced', ['eng']), loudnessTargetLufs: -24 };
    assert.deepEqual(chooseTreatment(asset, p), {
      audioStream: 1, subtitles: { kind: 'embedded', index: 0, format: 'text' }, loudness: { gainDb: -10, ceilingDbtp: TRUE_PEAK_CEILING_DBTP }, toneMap: 'pq',
    });
  });

  it('adds no gain to an unmeasured track or on a channel without a target, and chooses nothing for a file without audio', () => {
    const asset = { video: video('bt709'), audio: [measured], subtitles: [] };
    assert.deepEqual(chooseTreatment({ ...asset, audio: [audio('eng')] }, { ...defaultPresentation, loudnessTargetLufs: -24 }), { audioStream: 0 });
    assert.deepEqual(chooseTreatment(asset, { ...defaultPresentation, loudnessTargetLufs: null }), { audioStream: 0 });
    assert.deepEqual(chooseTreatment({ audio: [], subtitles: [] }, defaultPresentation), {});
  });
});
