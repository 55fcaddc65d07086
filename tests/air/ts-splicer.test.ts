// The splicer on hand-made packets: timestamps moved onto the stream's timeline (across 33-bit wraps),
// continuity counters running on across pieces, pieces cut at their window on PES boundaries, and
// timestamps never allowed to go back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  continuityCounter, isRandomAccess, pidOf, PTS_WRAP, readPcr, readPesTimestamps, shiftPesTimestamps, unwrapNear, writePcr,
} from '../../src/air/ts-packet.js';
import { TsSplicer, type SplicedPacket } from '../../src/air/ts-splicer.js';

const VIDEO = 0x100;
const AUDIO = 0x101;
const FRAME = 3003;
const AAC = 1920;

/** A TS packet; with `pts`, a PES header starts in it (payload unit start). */
function packet(pid: number, options: { pts?: number; dts?: number; pcr?: number; cc?: number; payload?: boolean; key?: boolean } = {}): Buffer {
  const p = Buffer.alloc(188, 0xff);
  const payload = options.payload ?? true;
  const adaptation = options.pcr !== undefined || options.key === true || !payload;
  p[0] = 0x47;
  p[1] = (options.pts !== undefined ? 0x40 : 0) | (pid >> 8);
  p[2] = pid & 0xff;
  p[3] = ((adaptation ? 2 : 0) | (payload ? 1 : 0)) << 4 | ((options.cc ?? 0) & 0x0f);
  let at = 4;
  if (adaptation) {
    const length = payload ? 7 : 183;
    p[4] = length;
    p[5] = (options.pcr !== undefined ? 0x10 : 0) | (options.key === true ? 0x40 : 0);
    if (options.pcr !== undefined) writePcr(p, options.pcr);
    at = 5 + length;
  }
  if (options.pts !== undefined && payload) {
    const dts = options.dts;
    p.set([0, 0, 1, pid === VIDEO ? 0xe0 : 0xc0, 0, 0, 0x80, dts === undefined ? 0x80 : 0xc0, dts === undefined ? 5 : 10], at);
    writeTimestamp(p, at + 9, options.pts, dts === undefined ? 0x2 : 0x3);
    if (dts !== undefined) writeTimestamp(p, at + 14, dts, 0x1);
  }
  return p;
}

/** Written here by hand (ISO 13818-1 2.4.3.7), so reading it back tests the module's reader. */
function writeTimestamp(p: Buffer, at: number, value: number, prefix: number): void {
  const v = ((value % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  p[at] = (prefix << 4) | ((Math.floor(v / 2 ** 30) & 7) << 1) | 1;
  p[at + 1] = Math.floor(v / 2 ** 22) & 0xff;
  p[at + 2] = ((Math.floor(v / 2 ** 15) & 0x7f) << 1) | 1;
  p[at + 3] = Math.floor(v / 2 ** 7) & 0xff;
  p[at + 4] = ((v & 0x7f) << 1) | 1;
}

/** A piece as ffmpeg writes it: PAT, then per frame one video PES (2 packets) and one audio PES. */
function piece(frames: number, start: number, options: { audioLead?: number } = {}): Buffer[] {
  const out = [packet(0, { cc: 0 })];
  const lead = options.audioLead ?? AAC;
  for (let i = 0; i < frames; i++) {
    const t = (start + i * FRAME) % PTS_WRAP;
    out.push(packet(AUDIO, { pts: (start - lead + i * AAC + PTS_WRAP) % PTS_WRAP, cc: i }));
    out.push(packet(VIDEO, { pts: t, dts: t, pcr: t * 300, cc: 2 * i, key: i === 0 }));
    out.push(packet(VIDEO, { cc: 2 * i + 1 }));
  }
  return out;
}

function splice(splicer: TsSplicer, packets: Buffer[], window: { start: number; end: number }): SplicedPacket[] {
  const s = splicer.begin(window);
  return [...packets.flatMap((p) => s.push(p)), ...s.finish()];
}

const layout = { videoPid: VIDEO, audioPid: AUDIO, frameTicks: FRAME, audioFrameTicks: AAC };

describe('TS packet fields', () => {
  it('reads back what it writes: PTS/DTS across the 33-bit range, PCR with its extension', () => {
    for (const pts of [0, 1, 126_000, 2 ** 32 + 5, PTS_WRAP - 1]) {
      const p = packet(VIDEO, { pts, dts: pts - 3003 < 0 ? pts : pts - 3003 });
      assert.equal(readPesTimestamps(p)?.pts, pts);
      shiftPesTimestamps(p, 10);
      assert.equal(readPesTimestamps(p)?.pts, (pts + 10) % PTS_WRAP);
    }
    for (const pcr of [0, 299, 300 * 126_000 + 17, (PTS_WRAP - 1) * 300 + 299]) {
      const p = packet(VIDEO, { pcr });
      assert.equal(readPcr(p), pcr);
    }
    const wrapped = packet(VIDEO, { pcr: 0 });
    writePcr(wrapped, PTS_WRAP * 300 + 5);
    assert.equal(readPcr(wrapped), 5);
    assert.ok(isRandomAccess(packet(VIDEO, { pts: 0, key: true })));
    assert.equal(pidOf(packet(0x1fff)), 0x1fff);
  });

  it('unwraps a timestamp next to a reference', () => {
    assert.equal(unwrapNear(5, PTS_WRAP - 10), PTS_WRAP + 5);
    assert.equal(unwrapNear(PTS_WRAP - 10, 5), -10);
    assert.equal(unwrapNear(1000, 900), 1000);
  });
});

describe('TsSplicer', () => {
  it('moves each piece to its window and runs continuity counters on, whatever the pieces start at', () => {
    const splicer = new TsSplicer(layout, 126_000);
    const a = splice(splicer, piece(30, 900_000), { start: 126_000, end: 126_000 + 30 * FRAME });
    const b = splice(splicer, piece(30, 1920), { start: 126_000 + 30 * FRAME, end: 126_000 + 60 * FRAME });
    const out = [...a, ...b].map((s) => s.bytes);
    const videoPts = out.filter((p) => pidOf(p) === VIDEO).map(readPesTimestamps).filter((t) => t !== undefined).map((t) => t.pts);
    assert.deepEqual(videoPts, Array.from({ length: 60 }, (_, i) => 126_000 + i * FRAME));
    for (const pid of [0, VIDEO, AUDIO]) {
      const counters = out.filter((p) => pidOf(p) === pid).map(continuityCounter);
      counters.forEach((cc, i) => assert.equal(cc, i % 16, `PID ${pid} packet ${i}`));
    }
    const pcrs = out.map(readPcr).filter((v) => v !== undefined);
    assert.deepEqual(pcrs, videoPts.map((t) => t * 300));
    assert.equal(splicer.position, 126_000 + 59 * FRAME);
  });

  it('cuts a piece at its window: whole PES only, audio one frame early for the next piece’s priming', () => {
    const splicer = new TsSplicer(layout, 0);
    const s = splicer.begin({ start: 10_000, end: 10_000 + 10 * FRAME });
    const out = [...piece(20, 0).flatMap((p) => s.push(p)), ...s.finish()].map((x) => x.bytes);
    const video = out.filter((p) => pidOf(p) === VIDEO);
    assert.equal(video.length, 20, '10 frames of 2 packets each');
    assert.equal(splicer.videoEnd, 10_000 + 10 * FRAME);
    assert.ok(splicer.audioEnd <= 10_000 + 10 * FRAME - AAC);
    assert.ok(s.saturated);
  });

  it('never lets timestamps go back: a piece whose window starts too early lands after what was emitted', () => {
    const splicer = new TsSplicer(layout, 0);
    splice(splicer, piece(10, 0), { start: 0, end: 10 * FRAME });
    const late = splice(splicer, piece(10, 0), { start: 5 * FRAME, end: 20 * FRAME });
    const first = late.map((x) => readPesTimestamps(x.bytes)).find((t, i) => t !== undefined && pidOf(late[i]?.bytes ?? Buffer.alloc(188)) === VIDEO);
    assert.equal(first?.pts, 10 * FRAME);
    const audio = late.filter((x) => pidOf(x.bytes) === AUDIO).map((x) => readPesTimestamps(x.bytes)?.pts ?? -1);
    assert.ok(audio.every((pts) => pts >= 10 * FRAME - AAC), 'overlapping audio is dropped, not emitted');
  });

  it('follows a piece across the 33-bit wrap and writes the stream modulo 2^33', () => {
    const splicer = new TsSplicer(layout, PTS_WRAP - 5 * FRAME);
    const start = PTS_WRAP - 5 * FRAME;
    const out = splice(splicer, piece(10, PTS_WRAP - 3 * FRAME), { start, end: start + 10 * FRAME });
    const pts = out.filter((x) => pidOf(x.bytes) === VIDEO).map((x) => readPesTimestamps(x.bytes)?.pts).filter((v) => v !== undefined);
    assert.deepEqual(pts, Array.from({ length: 10 }, (_, i) => (start + i * FRAME) % PTS_WRAP));
    assert.equal(splicer.videoEnd, start + 10 * FRAME, 'positions stay unwrapped inside the engine');
  });

  it('keeps the counter of a packet without payload (adaptation only)', () => {
    const splicer = new TsSplicer(layout, 0);
    const s = splicer.begin({ start: 0, end: 100 * FRAME });
    const out = [...[...piece(2, 0), packet(VIDEO, { payload: false, cc: 9 }), ...piece(1, 2 * FRAME).slice(1)].flatMap((p) => s.push(p)), ...s.finish()];
    const video = out.map((x) => x.bytes).filter((p) => pidOf(p) === VIDEO).map(continuityCounter);
    assert.deepEqual(video, [0, 1, 2, 3, 3, 4, 5]);
  });
});
