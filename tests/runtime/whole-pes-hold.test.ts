// A PES whose header declares its length goes on only whole: on hand-made packets, and on ffmpeg's own
// stream killed mid-audio-PES, where a viewer continuing across the restart must give ffmpeg's demuxer
// no "PES packet size mismatch" (serve B-80 proves the same end to end, where the kill lands at random).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { declaredPesSize, pidOf } from '../../src/air/ts-packet.js';
import { StreamFanout, type ViewerSink } from '../../src/runtime/stream-fanout.js';
import { MAX_HELD_BYTES, WholePesHold } from '../../src/runtime/whole-pes-hold.js';

const AUDIO = 0x101;
const VIDEO = 0x100;

/** A packet of `pid` carrying 184 payload bytes; `pesSize` starts a PES declaring that whole size (0: unbounded). */
function packet(pid: number, tag: number, pesSize?: number): Buffer {
  const p = Buffer.alloc(188, 0xff);
  p[0] = 0x47;
  p[1] = (pesSize !== undefined ? 0x40 : 0) | (pid >> 8);
  p[2] = pid & 0xff;
  p[3] = 0x10;
  if (pesSize !== undefined) Buffer.from([0, 0, 1, pid === AUDIO ? 0xc0 : 0xe0, pesSize === 0 ? 0 : (pesSize - 6) >> 8, pesSize === 0 ? 0 : (pesSize - 6) & 0xff]).copy(p, 4);
  p[187] = tag;
  return p;
}
const tags = (bytes: Buffer) => Array.from({ length: bytes.length / 188 }, (_, i) => bytes[i * 188 + 187]);

test('an audio PES of declared length is held until its last packet, in order with what came between; video (unbounded) passes at once', () => {
  const hold = new WholePesHold();
  assert.deepEqual(tags(hold.push(Buffer.concat([packet(VIDEO, 1, 0), packet(VIDEO, 2), packet(AUDIO, 3, 184 * 3)]))), [1, 2]);
  assert.deepEqual(tags(hold.push(Buffer.concat([packet(AUDIO, 4), packet(VIDEO, 5)]))), [], 'one packet of it still to come');
  assert.deepEqual(tags(hold.push(Buffer.concat([packet(AUDIO, 6), packet(VIDEO, 7, 0)]))), [3, 4, 5, 6, 7]);
  // A PES that fits its first packet is whole at once.
  assert.deepEqual(tags(hold.push(packet(AUDIO, 8, 100))), [8]);
});

test('a PES the stream itself cut short (a new one starts on its PID) is let go, and a hold past MAX_HELD_BYTES lets everything through', () => {
  const hold = new WholePesHold();
  assert.deepEqual(tags(hold.push(packet(AUDIO, 1, 184 * 4))), []);
  assert.deepEqual(tags(hold.push(packet(AUDIO, 2, 184 * 2))), [1], 'the cut-short one goes; the new one is held');
  assert.deepEqual(tags(hold.push(packet(AUDIO, 3))), [2, 3]);
  const huge = new WholePesHold();
  assert.deepEqual(tags(huge.push(packet(AUDIO, 1, 60_000))), []);
  const video = Buffer.concat(Array.from({ length: Math.ceil(MAX_HELD_BYTES / 188) }, () => packet(VIDEO, 9)));
  assert.equal(huge.push(video).length, 188 + video.length, 'nothing buffered without end');
});

test('the declared size counts the 6 bytes before PES_packet_length: a PES of 188 bytes in all waits for the 4 its first packet lacks', () => {
  assert.equal(declaredPesSize(packet(AUDIO, 1, 188)), 188);
  assert.equal(declaredPesSize(packet(VIDEO, 1, 0)), 0, 'unbounded');
  assert.equal(declaredPesSize(packet(AUDIO, 1)), undefined, 'no PES starts here');
  const hold = new WholePesHold();
  assert.deepEqual(tags(hold.push(packet(AUDIO, 1, 188))), []);
  assert.deepEqual(tags(hold.push(packet(AUDIO, 2))), [1, 2]);
});

test('two unfinished PES on two PIDs: nothing goes from the first one\'s start until both are whole', () => {
  const SECOND_AUDIO = 0x102;
  const hold = new WholePesHold();
  assert.deepEqual(tags(hold.push(Buffer.concat([packet(VIDEO, 1, 0), packet(AUDIO, 2, 184 * 2), packet(SECOND_AUDIO, 3, 184 * 2)]))), [1]);
  assert.deepEqual(tags(hold.push(packet(SECOND_AUDIO, 4))), [], 'the second is whole, the first is not');
  assert.deepEqual(tags(hold.push(packet(AUDIO, 5))), [2, 3, 4, 5]);
});

test('one push of more than MAX_HELD_BYTES of video ending in an unfinished audio PES: the video goes, the audio is held', () => {
  const hold = new WholePesHold();
  const video = Buffer.concat(Array.from({ length: Math.ceil(MAX_HELD_BYTES / 188) + 10 }, () => packet(VIDEO, 9)));
  const out = hold.push(Buffer.concat([video, packet(AUDIO, 1, 184 * 2)]));
  assert.equal(out.length, video.length);
  assert.deepEqual(tags(hold.push(packet(AUDIO, 2))), [1, 2]);
});

test('a fan-out restart drops the old run\'s unfinished PES: the HLS tap gets nothing of it after the restart', () => {
  const tapped: Buffer[] = [];
  const fanout = new StreamFanout({ maxBufferedBytes: 1024 * 1024, tap: { push: (packets) => tapped.push(Buffer.from(packets)), restart: () => tapped.push(Buffer.alloc(0)) } });
  fanout.push(Buffer.concat([packet(VIDEO, 1, 0), packet(AUDIO, 2, 184 * 3), packet(AUDIO, 3)]));
  fanout.restart();
  const restartAt = tapped.length;
  fanout.push(Buffer.concat([packet(VIDEO, 11, 0), packet(AUDIO, 12, 184), packet(VIDEO, 13)]));
  assert.deepEqual(tags(Buffer.concat(tapped.slice(0, restartAt))), [1], 'before the restart: what was whole');
  assert.deepEqual(tags(Buffer.concat(tapped.slice(restartAt))), [11, 12, 13], 'after it: the new run alone');
});

test('clear() drops the unfinished PES: after it, packets flow from the new run alone', () => {
  const hold = new WholePesHold();
  hold.push(Buffer.concat([packet(VIDEO, 1, 0), packet(AUDIO, 2, 184 * 2)]));
  hold.clear();
  assert.deepEqual(tags(hold.push(Buffer.concat([packet(VIDEO, 3, 0), packet(AUDIO, 4)]))), [3, 4], 'the old run\'s PES is gone; a stray continuation is no PES of ours');
});

test('a viewer continuing across an engine killed mid-audio-PES gets no part of that PES: ffmpeg reads the capture with no PES size mismatch and no corrupt packet', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'whole-pes-'));
  const make = async (name: string, hz: number) => {
    const file = join(dir, name);
    await execa('ffmpeg', ['-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-f', 'lavfi', '-i', `sine=f=${hz}:sample_rate=48000`, '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-c:a', 'aac', '-f', 'mpegts', file]);
    return readFileSync(file);
  };
  const [first, second] = await Promise.all([make('first.ts', 440), make('second.ts', 880)]);
  // The kill lands two packets into an audio PES a second in, the way the pipe's last bytes may.
  const audioStarts = Array.from({ length: first.length / 188 }, (_, i) => i).filter((i) => {
    const p = first.subarray(i * 188, i * 188 + 188);
    return pidOf(p) !== VIDEO && (declaredPesSize(p) ?? 0) > 188 * 2;
  });
  const killAt = ((audioStarts[Math.floor(audioStarts.length / 2)] as number) + 2) * 188;
  const received: Buffer[] = [];
  const viewer: ViewerSink = { write: (chunk) => received.push(Buffer.from(chunk)), buffered: 0, close: () => undefined };
  const fanout = new StreamFanout({ maxBufferedBytes: 64 * 1024 * 1024 });
  fanout.add(viewer, 0);
  for (let at = 0; at < killAt; at += 4096 + 17) fanout.push(first.subarray(at, Math.min(at + 4096 + 17, killAt)));
  fanout.restart();
  for (let at = 0; at < second.length; at += 65536) fanout.push(second.subarray(at, at + 65536));
  const capture = join(dir, 'capture.ts');
  writeFileSync(capture, Buffer.concat(received));
  const read = await execa('ffmpeg', ['-nostdin', '-v', 'repeat+warning', '-i', capture, '-f', 'null', '-'], { reject: false });
  assert.equal(read.exitCode, 0, read.stderr);
  const warnings = read.stderr.split('\n').filter((l) => l !== '' && !/DTS \d+ < \d+ out of order|corrupt decoded frame in stream 0$/.test(l));
  assert.deepEqual(warnings, [], 'ffmpeg warned beyond the timestamp restart and the cut video frame');
});
