// The fan-out's pure parts on hand-made packets: a joiner starts at the PAT before a key frame
// JOIN_HISTORY_MS before now (within a byte bound), a new run never leaks the previous one's bytes, and a
// viewer past its bound (its join burst aside) is dropped alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamFanout, type ViewerSink } from '../../src/runtime/stream-fanout.js';
import { JOIN_HISTORY_MS, TsJoinPoint } from '../../src/runtime/ts-join-point.js';
import { continuityCounter, hasDiscontinuity, hasPayload, pidOf, shiftPesTimestamps } from '../../src/air/ts-packet.js';

/** A 188-byte packet: PID, payload start, and (for key frames) an adaptation field with random access set; `tag` marks it. */
function packet(pid: number, options: { start?: boolean; key?: boolean; tag?: number } = {}): Buffer {
  const p = Buffer.alloc(188, 0xff);
  p[0] = 0x47;
  p[1] = ((options.start ?? false) ? 0x40 : 0) | ((pid >> 8) & 0x1f);
  p[2] = pid & 0xff;
  if (options.key) {
    p[3] = 0x30;
    p[4] = 1;
    p[5] = 0x40;
  } else {
    p[3] = 0x10;
  }
  p[187] = options.tag ?? 0;
  return p;
}

const PAT = (tag: number) => packet(0, { start: true, tag });
const PMT = (tag: number) => packet(0x1000, { start: true, tag });
const KEY = (tag: number) => packet(0x100, { start: true, key: true, tag });
const VIDEO = (tag: number) => packet(0x100, { tag });
/** A key frame whose PES header carries a PTS of `ms` (at 90 kHz). */
function keyAt(tag: number, ms: number): Buffer {
  const p = KEY(tag);
  Buffer.from([0, 0, 1, 0xe0, 0, 0, 0x80, 0x80, 5, 0x21, 0, 1, 0, 1]).copy(p, 6);
  shiftPesTimestamps(p, ms * 90);
  return p;
}
/** One second-long GOP starting at `second`: PAT, PMT, a key frame with its PTS, one more video packet; tags second*10 + 1..4. */
const gop = (second: number) => Buffer.concat([PAT(second * 10 + 1), PMT(second * 10 + 2), keyAt(second * 10 + 3, second * 1000), VIDEO(second * 10 + 4)]);
const tags = (bytes: Buffer) => Array.from({ length: bytes.length / 188 }, (_, i) => bytes[i * 188 + 187]);

function sink(): ViewerSink & { received: Buffer[]; closed: string | null; backlog: number } {
  const s = {
    received: [] as Buffer[], closed: null as string | null, backlog: 0,
    write(chunk: Buffer) { s.received.push(Buffer.from(chunk)); },
    get buffered() { return s.backlog; },
    close(reason: string) { s.closed = reason; },
  };
  return s;
}

test('a join point starts at the PAT before the newest key frame lying JOIN_HISTORY_MS before the newest frame, and runs to now', () => {
  const join = new TsJoinPoint();
  assert.equal(join.snapshot(), undefined);
  join.push(Buffer.concat([VIDEO(0), gop(0), gop(1), gop(2)]));
  assert.deepEqual(tags(join.snapshot() as Buffer), [1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24], 'younger than the history: all of it from the first PAT');
  for (let second = 3; second < 10; second++) join.push(gop(second));
  // The newest frame is at 9 s: the newest key frame at least 5.5 s before it is the one at 3 s.
  assert.equal(JOIN_HISTORY_MS, 5500);
  const from3 = Array.from({ length: 7 }, (_, i) => [1, 2, 3, 4].map((t) => (i + 3) * 10 + t)).flat();
  assert.deepEqual(tags(join.snapshot() as Buffer), from3);
  join.push(VIDEO(99));
  assert.deepEqual(tags(join.snapshot() as Buffer), [...from3, 99]);
});

test('a join point past its byte bound starts at a newer key frame, or not at all', () => {
  const join = new TsJoinPoint(0x100, 188 * 9);
  join.push(Buffer.concat([gop(0), gop(1), gop(2)]));
  assert.deepEqual(tags(join.snapshot() as Buffer), [11, 12, 13, 14, 21, 22, 23, 24]);
  const long = new TsJoinPoint(0x100, 188 * 3);
  long.push(Buffer.concat([gop(0)]));
  assert.equal(long.snapshot(), undefined, 'one GOP past the bound: a joiner waits for the next PAT');
});

test('joiners get the join point, then the live bytes; chunks split mid-packet are realigned', () => {
  const fanout = new StreamFanout({ maxBufferedBytes: 1 << 20 });
  const early = sink();
  fanout.add(early, 0);
  const stream = Buffer.concat([VIDEO(0), PAT(1), PMT(2), KEY(3), VIDEO(4)]);
  fanout.push(stream.subarray(0, 300));
  fanout.push(stream.subarray(300));
  assert.deepEqual(tags(Buffer.concat(early.received)), [1, 2, 3, 4], 'a viewer with no join point starts at the next PAT');
  const late = sink();
  fanout.add(late, 1);
  fanout.push(VIDEO(5));
  assert.deepEqual(tags(Buffer.concat(late.received)), [1, 2, 3, 4, 5]);
  assert.deepEqual(tags(Buffer.concat(early.received)), [1, 2, 3, 4, 5]);
});

test('a new run never hands a joiner the previous run\'s bytes', () => {
  const fanout = new StreamFanout({ maxBufferedBytes: 1 << 20 });
  fanout.push(Buffer.concat([PAT(1), PMT(2), KEY(3)]));
  fanout.restart();
  const viewer = sink();
  fanout.add(viewer, 0);
  assert.deepEqual(viewer.received, []);
  fanout.push(Buffer.concat([PAT(11), PMT(12), KEY(13)]));
  assert.deepEqual(tags(Buffer.concat(viewer.received)), [11, 12, 13]);
});

test('a viewer past its bound is dropped; the others keep receiving', () => {
  const dropped: number[] = [];
  const fanout = new StreamFanout({ maxBufferedBytes: 1000, onDrop: (v) => dropped.push(v.id) });
  const slow = sink();
  const fast = sink();
  const slowId = fanout.add(slow, 0);
  fanout.add(fast, 0);
  fanout.push(Buffer.concat([PAT(1), PMT(2), KEY(3)]));
  slow.backlog = 1001;
  fanout.push(VIDEO(4));
  assert.equal(slow.closed, 'overflow');
  assert.deepEqual(dropped, [slowId]);
  assert.equal(fanout.size, 1);
  fanout.push(VIDEO(5));
  assert.deepEqual(tags(Buffer.concat(fast.received)), [1, 2, 3, 4, 5]);
});

test('a joiner\'s burst does not count against its bound: it is dropped only once live bytes pile up past both', () => {
  const fanout = new StreamFanout({ maxBufferedBytes: 1000 });
  fanout.push(Buffer.concat([gop(0), gop(1)]));
  const joiner = sink();
  fanout.add(joiner, 0);
  const burst = tags(Buffer.concat(joiner.received)).length * 188;
  assert.ok(burst > 1000, `the burst (${burst} bytes) is bigger than the bound`);
  joiner.backlog = burst; // nothing sent on yet
  fanout.push(VIDEO(50));
  assert.equal(joiner.closed, null);
  joiner.backlog = burst + 1001;
  fanout.push(VIDEO(51));
  assert.equal(joiner.closed, 'overflow');
});

test('a viewer continuing across a restart gets the discontinuity indicator on each PID\'s first packet of the new stream; a first start, joiners\' PAT and the HLS tap stay as the engine sent them', () => {
  const tapped: Buffer[] = [];
  const fanout = new StreamFanout({ maxBufferedBytes: 1 << 20, tap: { push: (p) => tapped.push(Buffer.from(p)), restart: () => undefined } });
  const viewer = sink();
  fanout.add(viewer, 0);
  fanout.restart();
  fanout.push(gop(0));
  assert.deepEqual(discontinuities(Buffer.concat(viewer.received)), [], 'a first start is not marked');
  fanout.restart();
  const audio = packet(0x101, { start: true, tag: 15 });
  audio[3] = 0x15; // payload only, counter 5
  fanout.push(Buffer.concat([VIDEO(9), gop(1), audio, gop(2)]));
  const after = Buffer.concat(viewer.received).subarray(4 * 188);
  // PAT and PMT have no adaptation field: a marker packet of their PID goes before them; the key frame is flagged in place.
  assert.deepEqual(tags(after).slice(0, 5), [255, 11, 255, 12, 13], 'a marker is stuffing after its flag');
  assert.deepEqual(discontinuities(after), ['0 no payload cc 15', '4096 no payload cc 15', '256 payload cc 0', '257 no payload cc 4']);
  assert.deepEqual(tags(after).slice(5), [14, 255, 15, 21, 22, 23, 24], 'later packets of a marked PID are not marked again');
  assert.deepEqual(discontinuities(Buffer.concat(tapped)), [], 'the HLS tap gets the engine\'s bytes');
  const joiner = sink();
  fanout.add(joiner, 1);
  assert.equal(pidOf(joiner.received[0] as Buffer), 0);
});

/** Each packet with the discontinuity indicator: its PID, whether it has a payload, its continuity counter. */
function discontinuities(bytes: Buffer): string[] {
  return Array.from({ length: bytes.length / 188 }, (_, i) => bytes.subarray(i * 188, i * 188 + 188))
    .filter((p) => hasDiscontinuity(p))
    .map((p) => `${pidOf(p)} ${hasPayload(p) ? 'payload' : 'no payload'} cc ${continuityCounter(p)}`);
}
