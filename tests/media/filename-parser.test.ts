import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseMediaFilename, type ParsedFilename } from '../../src/media/filename-parser.js';

const cases: ReadonlyArray<[string, ParsedFilename]> = [
  // episodes: the common spellings
  ['Show Name - S01E02 - Title.mkv', { kind: 'episode', series: 'Show Name', season: 1, episode: 2, title: 'Title' }],
  ['Show.Name.S01E02.Title.720p.mkv', { kind: 'episode', series: 'Show Name', season: 1, episode: 2, title: 'Title' }],
  ['Show.Name.1x02.avi', { kind: 'episode', series: 'Show Name', season: 1, episode: 2 }],
  ['show_name_s1e2.mp4', { kind: 'episode', series: 'show name', season: 1, episode: 2 }],
  ['Show.Name.S02E10.1080p.WEB-DL.x264-GROUP.mkv', { kind: 'episode', series: 'Show Name', season: 2, episode: 10 }],
  ['Show.Name.S03E04.The.Long.Title.HDTV.x264.mkv',
    { kind: 'episode', series: 'Show Name', season: 3, episode: 4, title: 'The Long Title' }],
  ['Show Name - s01e01-e02 - Double Feature.mkv',
    { kind: 'episode', series: 'Show Name', season: 1, episode: 1, title: 'Double Feature' }],
  ['Show Name Season 2 Episode 7.mp4', { kind: 'episode', series: 'Show Name', season: 2, episode: 7 }],
  ['Doctor Who (2005) - S01E01 - Rose.mkv',
    { kind: 'episode', series: 'Doctor Who', year: 2005, season: 1, episode: 1, title: 'Rose' }],
  ['Show Name - S01E05 - Dr. No Returns.mkv',
    { kind: 'episode', series: 'Show Name', season: 1, episode: 5, title: 'Dr. No Returns' }],
  // the series name comes from folders when the file itself does not carry it
  ['Show Name/Season 1/S01E03.mkv', { kind: 'episode', series: 'Show Name', season: 1, episode: 3 }],
  ['TV/Show Name/Season 01/S01E03 - Pilot.mkv',
    { kind: 'episode', series: 'Show Name', season: 1, episode: 3, title: 'Pilot' }],
  ['Show Name\\Specials\\S00E01.mkv', { kind: 'episode', series: 'Show Name', season: 0, episode: 1 }],
  ['S01E03.mkv', { kind: 'episode', season: 1, episode: 3 }],
  // the file's own series name wins over the folder
  ['Other/Season 1/Show Name - S01E04.mkv', { kind: 'episode', series: 'Show Name', season: 1, episode: 4 }],
  // movies
  ['Movie (1987).mp4', { kind: 'movie', title: 'Movie', year: 1987 }],
  ['Movie.Name.1987.1080p.mkv', { kind: 'movie', title: 'Movie Name', year: 1987 }],
  ['Movies/Big Trouble (1986)/Big Trouble (1986).mkv', { kind: 'movie', title: 'Big Trouble', year: 1986 }],
  ['2001.A.Space.Odyssey.1968.720p.BluRay.x264.mkv', { kind: 'movie', title: '2001 A Space Odyssey', year: 1968 }],
  ['1917 (2019).mkv', { kind: 'movie', title: '1917', year: 2019 }],
  ["Charlotte's Web (1973).mkv", { kind: 'movie', title: "Charlotte's Web", year: 1973 }],
  ['E.T. the Extra-Terrestrial (1982).mp4', { kind: 'movie', title: 'E.T. the Extra-Terrestrial', year: 1982 }],
  ['Movie_Name_[1999]_DVDRip.avi', { kind: 'movie', title: 'Movie Name', year: 1999 }],
  // unknown: title is the cleaned basename
  ['Bumpers/Station ID 3.mp4', { kind: 'unknown', title: 'Station ID 3' }],
  ['commercials/cola_jingle.720p.mp4', { kind: 'unknown', title: 'cola jingle' }],
  ['Some.Clip.x264.mkv', { kind: 'unknown', title: 'Some Clip' }],
  ['1080p.mkv', { kind: 'unknown' }],
  // release tags are junk only at the end of the name; the same words earlier are title
  ['Torture S01E01 - HD H264 two audio.mkv', { kind: 'episode', series: 'Torture', season: 1, episode: 1, title: 'HD H264 two audio' }],
  ['Show S01E01 - Episode Title HD H264.mkv', { kind: 'episode', series: 'Show', season: 1, episode: 1, title: 'Episode Title' }],
  ['HD Tales S01E01.mkv', { kind: 'episode', series: 'HD Tales', season: 1, episode: 1 }],
  ['HD Tales S01E02 - The 4K Heist 2160p HEVC 10bit PROPER-GRP.mkv',
    { kind: 'episode', series: 'HD Tales', season: 1, episode: 2, title: 'The 4K Heist' }],
  ['Show.Name.S01E01.Title.720p.WEB-DL.DD5.1.H.264-GROUP[ettv].mkv', { kind: 'episode', series: 'Show Name', season: 1, episode: 1, title: 'Title' }],
  ['4K Dreams.mkv', { kind: 'unknown', title: '4K Dreams' }],
  ['4K Dreams (1999) 1080p BluRay x264-GRP.mkv', { kind: 'movie', title: '4K Dreams', year: 1999 }],
  ['Some Movie 1080p x265 HEVC 10bit AAC REMUX-GROUP.mkv', { kind: 'unknown', title: 'Some Movie' }],
  ['Spider-Man.mkv', { kind: 'unknown', title: 'Spider-Man' }],
  // a year in brackets or between dots is the release year, never one that is the whole title
  ['1984.mkv', { kind: 'unknown', title: '1984' }],
  ['2001 A Space Odyssey (1968).mkv', { kind: 'movie', title: '2001 A Space Odyssey', year: 1968 }],
  ['Heat [1995] DVDRip.avi', { kind: 'movie', title: 'Heat', year: 1995 }],
  ['Heat.1995.REPACK.720p.mkv', { kind: 'movie', title: 'Heat', year: 1995 }],
  ['Show S01E01 - Pilot (2004) HDTV.mkv', { kind: 'episode', series: 'Show', season: 1, episode: 1, year: 2004, title: 'Pilot' }],
  ['Show/Show S01E01 - Pilot [2004].mkv', { kind: 'episode', series: 'Show', season: 1, episode: 1, year: 2004, title: 'Pilot' }],
  // a year set off by spaces alone is part of a title
  ['Blade Runner 2049.mkv', { kind: 'unknown', title: 'Blade Runner 2049' }],
  ['Space 1999 - S01E01 - Breakaway.mkv', { kind: 'episode', series: 'Space 1999', season: 1, episode: 1, title: 'Breakaway' }],
];

describe('parseMediaFilename', () => {
  for (const [path, expected] of cases) {
    it(`parses ${path}`, () => {
      assert.deepEqual(parseMediaFilename(path), expected);
    });
  }

  it('does not mistake a resolution for a 1x02 episode', () => {
    assert.equal(parseMediaFilename('Clip 640x360.mp4').kind, 'unknown');
  });

  it('does not mistake a resolution like 1080p for a year', () => {
    assert.deepEqual(parseMediaFilename('Movie.Name.2160p.mkv'), { kind: 'unknown', title: 'Movie Name' });
  });
});
