// HDR to SDR: a PQ or HLG source aired with tone mapping comes out BT.709 SDR with its highlights bright
// and its luma in video range; without it, the same source airs washed out (PQ) or desaturated (HLG).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { transcodePieceArgs } from '../../src/media/ffmpeg-piece.js';
import type { SubtitleBurn, ToneMap } from '../../src/media/source-treatment.js';
import { defaultOutputProfile } from '../../src/plugins/playout-plan.js';
import { HDR_PATCHES, HDR_SIZE, hdrSource } from '../support/hdr-media.js';
import { type Box, colourTags, frameAt, meanIn, runPiece, type YuvFrame } from '../support/piece-frames.js';
import { srtText } from '../support/subtitle-media.js';

const dir = mkdtempSync(join(tmpdir(), 'retrovue-tonemap-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The inside of a patch (edges blur in scaling and chroma subsampling). */
const inner = (box: Box): Box => ({ x: box.x + 12, y: box.y + 12, w: box.w - 24, h: box.h - 24 });
const luma = (frame: YuvFrame, patch: keyof typeof HDR_PATCHES) => meanIn(frame, 'y', inner(HDR_PATCHES[patch].box));
/** Distance of a patch's chroma from neutral grey: how saturated it is. */
const saturation = (frame: YuvFrame, patch: keyof typeof HDR_PATCHES) =>
  Math.hypot(meanIn(frame, 'u', inner(HDR_PATCHES[patch].box)) - 128, meanIn(frame, 'v', inner(HDR_PATCHES[patch].box)) - 128);

async function airPiece(source: string, toneMap: ToneMap | undefined, name: string, subtitles?: SubtitleBurn): Promise<{ frame: YuvFrame; file: string }> {
  const file = join(dir, `${name}.ts`);
  const treatment = { audioStream: 0, ...(toneMap === undefined ? {} : { toneMap }), ...(subtitles === undefined ? {} : { subtitles }) };
  await runPiece(transcodePieceArgs({
    source: { kind: 'file', path: source, seekMs: 0, audio: 'silence', treatment },
    format: defaultOutputProfile, durationMs: 1000, decorations: [],
  }), file);
  return { frame: await frameAt(file, 0.5, HDR_SIZE), file };
}

/** 16..235 give or take the encoder's rounding at a patch's edge (a 10000-nit patch unclamped reaches 255). */
function assertVideoRange(frame: YuvFrame): void {
  const [min, max] = [Math.min(...frame.y), Math.max(...frame.y)];
  assert.ok(min >= 14 && max <= 238, `luma spans ${min}..${max}, outside SDR video range 16..235`);
}

describe('tone mapping', () => {
  const sources: Partial<Record<ToneMap, string>> = {};
  before(async () => {
    sources.pq = await hdrSource(dir, 'pq');
    sources.hlg = await hdrSource(dir, 'hlg');
  });

  test('PQ airs as BT.709 SDR with bright highlights; untreated it airs grey', async () => {
    const mapped = await airPiece(sources.pq ?? '', 'pq', 'pq-mapped');
    const plain = await airPiece(sources.pq ?? '', undefined, 'pq-plain');
    assertVideoRange(mapped.frame);
    assert.deepEqual(await colourTags(mapped.file), { transfer: 'bt709', primaries: 'bt709', space: 'bt709' });
    // ~1000 nits is near white, ~200 nits (diffuse white) clearly light; black stays black.
    assert.ok(luma(mapped.frame, 'highlight') > 220, `highlight luma ${luma(mapped.frame, 'highlight')}`);
    assert.ok(luma(mapped.frame, 'diffuse') > 170, `diffuse white luma ${luma(mapped.frame, 'diffuse')}`);
    assert.ok(meanIn(mapped.frame, 'y', { x: 0, y: 0, w: 320, h: 40 }) < 20, 'black stays black');
    // Untreated, PQ code values air as if they were SDR: the highlight is mid-grey, diffuse white darker.
    assert.ok(luma(plain.frame, 'highlight') < 190, `untreated highlight luma ${luma(plain.frame, 'highlight')}`);
    assert.ok(luma(mapped.frame, 'diffuse') - luma(plain.frame, 'diffuse') > 30, 'tone mapping lifts diffuse white by 30+ codes');
    assert.notEqual((await colourTags(plain.file)).transfer, 'bt709');
  });

  test('HLG airs as BT.709 SDR in its full colour; untreated its colours are washed out', async () => {
    const mapped = await airPiece(sources.hlg ?? '', 'hlg', 'hlg-mapped');
    const plain = await airPiece(sources.hlg ?? '', undefined, 'hlg-plain');
    assertVideoRange(mapped.frame);
    assert.deepEqual(await colourTags(mapped.file), { transfer: 'bt709', primaries: 'bt709', space: 'bt709' });
    assert.ok(luma(mapped.frame, 'peak') > 225, `HLG peak luma ${luma(mapped.frame, 'peak')}`);
    assert.ok(luma(mapped.frame, 'highlight') > 170, `HLG highlight luma ${luma(mapped.frame, 'highlight')}`);
    // Read with HLG's curve (diffuse ~140, highlight ~181), not PQ's, which pushes them to ~182 and ~234.
    assert.ok(luma(mapped.frame, 'diffuse') < 160, `HLG diffuse luma ${luma(mapped.frame, 'diffuse')}`);
    assert.ok(luma(mapped.frame, 'highlight') < 215, `HLG highlight luma ${luma(mapped.frame, 'highlight')}`);
    // HLG's curve is SDR-compatible, so luma barely moves; BT.2020 colours read as BT.709 lose saturation.
    const [mappedSat, plainSat] = [saturation(mapped.frame, 'blue'), saturation(plain.frame, 'blue')];
    assert.ok(mappedSat - plainSat > 15, `blue patch saturation ${mappedSat.toFixed(1)} mapped vs ${plainSat.toFixed(1)} untreated`);
    assert.notEqual((await colourTags(plain.file)).transfer, 'bt709');
  });

  test('burned-in subtitles leave the tone mapping as it is: the picture outside the cue matches a piece without them', async () => {
    const sidecar = join(dir, 'pq.srt');
    writeFileSync(sidecar, srtText('SUBTITLE TEXT', { startMs: 0, endMs: 2000 }));
    const subtitled = await airPiece(sources.pq ?? '', 'pq', 'pq-subtitled', { kind: 'external', path: sidecar });
    const reference = await airPiece(sources.pq ?? '', 'pq', 'pq-unsubtitled');
    // The cue is drawn: the lower part of the frame (black in the source) has bright text in it.
    assert.ok(meanIn(subtitled.frame, 'y', { x: 0, y: 200, w: 320, h: 40 }) > meanIn(reference.frame, 'y', { x: 0, y: 200, w: 320, h: 40 }) + 3, 'the cue shows');
    for (const patch of ['diffuse', 'highlight', 'peak'] as const) {
      assert.ok(Math.abs(luma(subtitled.frame, patch) - luma(reference.frame, patch)) <= 3, `${patch}: ${luma(subtitled.frame, patch)} with subtitles vs ${luma(reference.frame, patch)} without`);
    }
  });

  test('an untagged PQ stream is mapped as the plan says, not as its missing tags would suggest', async () => {
    const untagged = await hdrSource(dir, 'pq', { tagged: false });
    assert.deepEqual(await colourTags(untagged), { transfer: undefined, primaries: undefined, space: undefined });
    const mapped = await airPiece(untagged, 'pq', 'pq-untagged-mapped');
    const reference = await airPiece(sources.pq ?? '', 'pq', 'pq-reference');
    for (const patch of ['diffuse', 'highlight', 'peak'] as const) {
      assert.ok(Math.abs(luma(mapped.frame, patch) - luma(reference.frame, patch)) < 2, `${patch}: ${luma(mapped.frame, patch)} untagged vs ${luma(reference.frame, patch)} tagged`);
    }
    assert.ok(Math.abs(saturation(mapped.frame, 'blue') - saturation(reference.frame, 'blue')) < 3, 'colours mapped from BT.2020 too');
  });
});
