// Every output profile through a real live piece (transcodePieceArgs, x264 ultrafast): the piece is the
// profile's size and frame rate, and a 16:9 or 4:3 picture keeps its aspect — filling a frame of its own
// shape, letterboxed in a 4:3 one, pillarboxed in a 16:9 one — measured on a decoded frame.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { transcodePieceArgs } from '../../src/media/ffmpeg-piece.js';
import { outputProfiles } from '../../src/plugins/output-profiles.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';
import { brightBox, boxesMatch, expectedBox, firstGreyFrame, whiteSource, type Shape } from '../support/picture-box.js';

const scratch = mkdtempSync(join(tmpdir(), 'retrovue-profiles-'));
const sources = new Map<Shape, string>();
before(async () => {
  for (const shape of ['16:9', '4:3'] as const) sources.set(shape, await whiteSource(scratch, shape));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

async function piece(path: string, profile: (typeof outputProfiles)[number]): Promise<Buffer> {
  const args = transcodePieceArgs({ source: { kind: 'file', path, seekMs: 0, audio: 'silence' }, format: profile, durationMs: 400, decorations: [] });
  const { stdout } = await execa('ffmpeg', args, { encoding: 'buffer', stdin: 'ignore' });
  return Buffer.from(stdout);
}

describe('output profiles', () => {
  it('offers 4:3 SD, 16:9 SD, 720p and 1080p at 25 and 29.97 fps; the default stays 4:3 480p', () => {
    assert.deepEqual(outputProfiles.map((p) => `${p.name} ${p.width}x${p.height}@${p.frameRate}`), [
      'sd-480p30 640x480@30000/1001', 'sd-576p25 720x576@25', 'wide-480p30 854x480@30000/1001', 'wide-480p25 854x480@25',
      'hd-720p30 1280x720@30000/1001', 'hd-720p25 1280x720@25', 'hd-1080p30 1920x1080@30000/1001', 'hd-1080p25 1920x1080@25',
    ]);
    assert.equal(defaultOutputProfile.name, 'sd-480p30');
  });

  for (const profile of outputProfiles) {
    it(`${profile.name}: a live piece has the profile's size and rate, and both shapes keep their aspect`, async () => {
      for (const shape of ['16:9', '4:3'] as const) {
        const ts = await piece(sources.get(shape) ?? '', profile);
        const { stdout } = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,r_frame_rate,pix_fmt', '-of', 'csv=p=0', 'pipe:0'], { input: ts });
        const rate = profile.frameRate.includes('/') ? profile.frameRate : `${profile.frameRate}/1`;
        assert.equal(stdout.trim().split('\n')[0], `h264,${profile.width},${profile.height},yuv420p,${rate}`);
        const box = brightBox(await firstGreyFrame(ts, profile.width, profile.height), profile.width, profile.height);
        const expected = expectedBox(shape, profile.width, profile.height);
        assert.ok(boxesMatch(box, expected), `${shape} in ${profile.name}: picture at ${JSON.stringify(box)}, expected ${JSON.stringify(expected)}`);
      }
    });
  }

  it('measures bars: a 16:9 picture is letterboxed in 4:3, a 4:3 one pillarboxed in 16:9 (the expected boxes are not trivial)', () => {
    assert.deepEqual(expectedBox('16:9', 640, 480), { top: 60, bottom: 419, left: 0, right: 639 });
    assert.deepEqual(expectedBox('4:3', 1920, 1080), { top: 0, bottom: 1079, left: 240, right: 1679 });
    assert.deepEqual(expectedBox('16:9', 1920, 1080), { top: 0, bottom: 1079, left: 0, right: 1919 });
  });
});
