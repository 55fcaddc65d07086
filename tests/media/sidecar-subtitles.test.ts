// Sidecar subtitle names (which media file owns one, what its name says) and language codes as stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseLanguage } from '../../src/media/iso639.js';
import { isSidecarName, sidecarOwner, sidecarTrack } from '../../src/media/sidecar-subtitles.js';

describe('normaliseLanguage', () => {
  it('stores ISO 639-2/B: two-letter codes, 639-2/T variants, English names and regions map to it', () => {
    const cases: Array<[string, string | undefined]> = [
      ['en', 'eng'], ['EN', 'eng'], ['eng', 'eng'], ['es', 'spa'], ['fr', 'fre'], ['fra', 'fre'], ['fre', 'fre'],
      ['de', 'ger'], ['deu', 'ger'], ['zh', 'chi'], ['zho', 'chi'], ['ja', 'jpn'], ['nl', 'dut'], ['pt-BR', 'por'],
      ['pt_br', 'por'], ['French', 'fre'], ['tlh', 'tlh'], ['und', undefined], ['', undefined], [' ', undefined],
      ['zxx', undefined], ['english subtitles', undefined], ['x', undefined],
    ];
    for (const [code, stored] of cases) assert.equal(normaliseLanguage(code), stored, code);
    assert.equal(normaliseLanguage(undefined), undefined);
  });
});

describe('sidecar subtitle names', () => {
  it('knows .srt, .ass, .ssa and .vtt in any case, and nothing else', () => {
    for (const name of ['a.srt', 'a.SRT', 'a.en.ass', 'a.ssa', 'a.vtt']) assert.ok(isSidecarName(name), name);
    for (const name of ['a.mkv', 'a.sub', 'a.idx', 'a.srt.txt', 'srt']) assert.ok(!isSidecarName(name), name);
  });

  it('belongs to the media file of the longest matching base name, followed by a dot or the extension', () => {
    const bases = new Set(['Movie', 'Movie.en', 'Show - S01E01', '-Odd [1] "x": ü']);
    assert.equal(sidecarOwner('Movie.srt', bases), 'Movie');
    assert.equal(sidecarOwner('Movie.eng.forced.srt', bases), 'Movie');
    assert.equal(sidecarOwner('Movie.en.srt', bases), 'Movie.en');
    assert.equal(sidecarOwner('Movie.en.fr.srt', bases), 'Movie.en');
    assert.equal(sidecarOwner('Show - S01E01.es.ass', bases), 'Show - S01E01');
    assert.equal(sidecarOwner('-Odd [1] "x": ü.de.srt', bases), '-Odd [1] "x": ü');
    assert.equal(sidecarOwner('Movie2.srt', bases), undefined);
    assert.equal(sidecarOwner('Movie Extras.srt', bases), undefined);
    assert.equal(sidecarOwner('movie.srt', bases), undefined);
  });

  it('reads the language, forced and default words of a name; other words are ignored', () => {
    const track = (name: string) => sidecarTrack('/m/Movie.mkv', `/m/${name}`);
    assert.deepEqual(track('Movie.srt'), { source: { kind: 'external', path: '/m/Movie.srt' }, codec: 'subrip', format: 'text', forced: false, isDefault: false });
    assert.deepEqual(track('Movie.en.srt'), { source: { kind: 'external', path: '/m/Movie.en.srt' }, codec: 'subrip', format: 'text', forced: false, isDefault: false, language: 'eng' });
    assert.deepEqual(
      [track('Movie.eng.forced.srt'), track('Movie.forced.fr.ass'), track('Movie.Spanish.default.ssa'), track('Movie.sdh.de.vtt'), track('Movie.pt-BR.srt')].map(
        (t) => [t.codec, t.language, t.forced, t.isDefault],
      ),
      [['subrip', 'eng', true, false], ['ass', 'fre', true, false], ['ass', 'spa', false, true], ['webvtt', 'ger', false, false], ['subrip', 'por', false, false]],
    );
    assert.equal(track('Movie.commentary.srt').language, undefined);
    // The words are read in any case, as people and tools write them.
    assert.deepEqual([track('Movie.en.FORCED.srt').forced, track('Movie.EN.Default.srt').isDefault, track('Movie.EN.Default.srt').language], [true, true, 'eng']);
  });
});
