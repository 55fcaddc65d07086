// Which subtitle streams are tracks a channel can burn in: ffprobe's stream list as it reports it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FfprobeStream, subtitleFormatOf, toSubtitles } from '../../src/media/ffprobe-streams.js';

describe('subtitle streams', () => {
  it('calls PGS, VobSub, DVB and XSUB image tracks, SRT, ASS, mov_text and WebVTT text tracks, and anything else no track', () => {
    for (const codec of ['hdmv_pgs_subtitle', 'dvd_subtitle', 'dvb_subtitle', 'xsub']) assert.equal(subtitleFormatOf(codec), 'image', codec);
    for (const codec of ['subrip', 'srt', 'ass', 'ssa', 'mov_text', 'webvtt', 'text']) assert.equal(subtitleFormatOf(codec), 'text', codec);
    for (const codec of ['eia_608', 'dvb_teletext', 'arib_caption', 'unknown', '']) assert.equal(subtitleFormatOf(codec), undefined, codec);
  });

  it('keeps the index among all subtitle streams (ffmpeg 0:s:N) when it leaves a closed-caption stream out', () => {
    const streams: FfprobeStream[] = [
      { index: 0, codec_type: 'video', codec_name: 'h264' },
      { index: 1, codec_type: 'subtitle', codec_name: 'eia_608', tags: { language: 'eng' } },
      { index: 2, codec_type: 'audio', codec_name: 'aac' },
      { index: 3, codec_type: 'subtitle', codec_name: 'hdmv_pgs_subtitle', tags: { LANGUAGE: 'ger' }, disposition: { forced: 1, default: 0 } },
      { index: 4, codec_type: 'subtitle', tags: { language: 'und' } },
      { index: 5, codec_type: 'subtitle', codec_name: 'subrip', tags: { language: 'und' }, disposition: { default: 1 } },
    ];
    assert.deepEqual(toSubtitles(streams), [
      { source: { kind: 'embedded', index: 1 }, codec: 'hdmv_pgs_subtitle', format: 'image', forced: true, isDefault: false, language: 'ger' },
      { source: { kind: 'embedded', index: 3 }, codec: 'subrip', format: 'text', forced: false, isDefault: true },
    ]);
  });
});
