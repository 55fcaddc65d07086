// The pacer's release rule on a fake clock: the start burst leaves at once, then a packet leaves only once
// it airs less than the lead ahead of the wall clock; so the stream is never more than the burst ahead.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { Pacer } from '../../src/air/pacer.js';
import type { SplicedPacket } from '../../src/air/ts-splicer.js';

const ANCHOR = 1_000_000;
/** One packet per 100 ms of stream for 10 s; a position is its air time in ms after the anchor. */
const packets: SplicedPacket[] = Array.from({ length: 100 }, (_, i) => ({ position: i * 100, bytes: Buffer.alloc(188, i) }));

function pacerAt(clock: { now: number }, burstMs: number): { pacer: Pacer; written: () => number } {
  let count = 0;
  const out = new Writable({ write: (chunk: Buffer, _encoding, done) => ((count += chunk.length / 188), done()) });
  const pacer = new Pacer(out, { airsAt: (p) => ANCHOR + p, now: () => clock.now, leadMs: 1500, burstUntilMs: ANCHOR + burstMs, wake: () => {} });
  pacer.push(packets);
  return { pacer, written: () => count };
}

function drain(pacer: Pacer): void {
  for (let i = 0; i < 200; i++) pacer.flush();
  pacer.stop();
}

describe('AIR pacer: start burst, then real time', () => {
  it('releases the first burst of stream at once, then only what airs within the lead', async () => {
    const clock = { now: ANCHOR };
    const { pacer, written } = pacerAt(clock, 3000);
    drain(pacer);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written(), 31, 'at the anchor: everything airing up to 3 s out (positions 0–3000 ms)');
    assert.equal(pacer.leadNowMs(), 3000);
    clock.now = ANCHOR + 2000;
    drain(pacer);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written(), 36, 'at 2 s: through 3.5 s (the lead, 1.5 s)');
    assert.equal(pacer.leadNowMs(), 1500);
  });

  it('without a burst, the start releases only the lead', async () => {
    const clock = { now: ANCHOR };
    const { pacer, written } = pacerAt(clock, 0);
    drain(pacer);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(written(), 16);
  });
});
