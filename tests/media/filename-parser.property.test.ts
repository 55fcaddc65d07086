// Property tests of the filename parser: whatever a title's words (tag-like ones such as HD or 4K and
// year-like ones such as 1984 included), `<title> (<year>) <tags>.mkv` is that title and year, and an
// episode's title keeps its words and loses only the release tags after them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMediaFilename } from '../../src/media/filename-parser.js';

const WORDS = ['The', 'Night', 'Drive', 'HD', '4K', 'Tales', 'x264', 'BluRay', 'Proper', 'Web', '1984', '2001', 'Dr. No', "Charlotte's", 'Odyssey', 'Mr', 'of', 'AAC'];
// Words that may end an episode title: never a release tag there.
const ENDINGS = ['Drive', 'Tales', 'Odyssey', 'Night', '1984', 'Web', "Charlotte's"];
const TAGS = ['1080p', '720p', '2160p', '4K', 'HD', 'H264', 'H.264', 'x264', 'x265', 'HEVC', 'BluRay', 'BDRip', 'WEB-DL', 'WEBRip',
  'DVDRip', 'HDTV', 'AAC', 'AC3', 'DTS', '10bit', 'REMUX', 'PROPER', 'REPACK'];

const title = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
const tags = fc.tuple(fc.array(fc.constantFrom(...TAGS), { maxLength: 4 }), fc.option(fc.constantFrom('GROUP', 'rarbg', 'x0r'), { nil: undefined }))
  .map(([list, group]) => (group === undefined || list.length === 0 ? list.join(' ') : `${list.join(' ')}-${group}`));
const year = fc.integer({ min: 1900, max: 2099 });

describe('parseMediaFilename properties', () => {
  it('a movie named <title> (<year>) <tags> is exactly that title and year', () => {
    fc.assert(fc.property(title, year, tags, fc.constantFrom('()', '[]'), (t, y, tail, [open, close]) => {
      const name = `${t} ${open}${y}${close}${tail === '' ? '' : ` ${tail}`}.mkv`;
      assert.deepEqual(parseMediaFilename(`Movies/${name}`), { kind: 'movie', title: t, year: y }, name);
    }), { numRuns: 500 });
  });

  it('an episode named <series> S01E02 - <title> <tags> keeps every title word and loses the tags', () => {
    const episodeTitle = fc.tuple(title, fc.constantFrom(...ENDINGS)).map(([t, end]) => `${t} ${end}`);
    fc.assert(fc.property(title, episodeTitle, tags, (series, t, tail) => {
      const name = `${series} S01E02 - ${t}${tail === '' ? '' : ` ${tail}`}.mkv`;
      assert.deepEqual(parseMediaFilename(name), { kind: 'episode', series, season: 1, episode: 2, title: t }, name);
    }), { numRuns: 500 });
  });

  it('scene names with dots: <Title.Words>.<year>.<tags> is that title and year', () => {
    const dotted = fc.array(fc.constantFrom('Night', 'Drive', 'HD', 'Tales', '4K', 'Heat'), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(dotted, year, fc.array(fc.constantFrom('1080p', 'BluRay', 'x264', 'DTS', 'REPACK'), { maxLength: 3 }), (words, y, tail) => {
      const name = [...words, String(y), ...tail].join('.');
      assert.deepEqual(parseMediaFilename(`${name}.mkv`), { kind: 'movie', title: words.join(' '), year: y }, name);
    }), { numRuns: 300 });
  });
});
