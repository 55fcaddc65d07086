// The fan-out's pure parts on hand-made packets: a joiner starts at the PAT before the latest key frame,
// a new run never leaks the previous one's bytes, and a viewer past its bound is dropped alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StreamFanout, type ViewerSink } from '../../src/runtime/stream-fanout.js';
import { TsJoinPoint } from '../../src/runtime/ts-join-point.js';

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

test('a join point starts at the PAT before the latest key frame and runs to now', () => {
  const join = new TsJoinPoint();
  assert.equal(join.snapshot(), undefined);
  join.push(Buffer.concat([PAT(1), PMT(2), KEY(3), VIDEO(4), PAT(5), PMT(6), VIDEO(7), KEY(8), VIDEO(9)]));
  assert.deepEqual(tags(join.snapshot() as Buffer), [5, 6, 7, 8, 9]);
  join.push(VIDEO(10));
  assert.deepEqual(tags(join.snapshot() as Buffer), [5, 6, 7, 8, 9, 10]);
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
