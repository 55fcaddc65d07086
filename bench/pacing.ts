// Real-time pacing as a viewer receives it: reads a TS URL for a while after tune-in and compares how far
// the stream's clock (its PCR) has advanced with how far the wall clock has, from the request onwards.
// "Ahead" is media time received minus wall time elapsed: a start burst shows as a step, a stream that
// runs faster than real time as a slope.
import { get } from 'node:http';
import { readPcr, TS_PACKET_SIZE, unwrapNear } from '../src/air/ts-packet.js';

export interface Pacing {
  /** Most the stream was ever ahead of the wall clock (ms). */
  readonly maxAheadMs: number;
  /** How far ahead it was 2 s after the first PCR, and at the end: a difference between them is drift, not a burst. */
  readonly aheadAt2sMs: number;
  readonly aheadAtEndMs: number;
  readonly seconds: number;
}

export function measurePacing(url: string, forMs: number): Promise<Pacing> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const samples: Array<{ wallMs: number; mediaMs: number }> = [];
    let first: number | undefined;
    let last: number | undefined;
    let pending = Buffer.alloc(0);
    const req = get(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`${url}: HTTP ${res.statusCode}`));
      res.on('data', (chunk: Buffer) => {
        const wallMs = performance.now() - t0;
        pending = Buffer.concat([pending, chunk]);
        let at = 0;
        for (; at + TS_PACKET_SIZE <= pending.length; at += TS_PACKET_SIZE) {
          const pcr = readPcr(pending.subarray(at, at + TS_PACKET_SIZE));
          if (pcr === undefined) continue;
          const ticks = unwrapNear(pcr / 300, last ?? pcr / 300);
          last = ticks;
          first ??= ticks;
          samples.push({ wallMs, mediaMs: (ticks - first) / 90 });
        }
        pending = pending.subarray(at);
      });
    });
    req.once('error', reject);
    setTimeout(() => {
      req.destroy();
      // Wall time counts from the first PCR's arrival, so the figures are the burst itself, not first-byte latency.
      const from = samples[0]?.wallMs ?? 0;
      const ahead = samples.map((s) => ({ wallMs: s.wallMs, aheadMs: s.mediaMs - (s.wallMs - from) }));
      const at = (ms: number) => ahead.find((s) => s.wallMs >= from + ms)?.aheadMs ?? Number.NaN;
      resolve({ maxAheadMs: Math.max(...ahead.map((s) => s.aheadMs)), aheadAt2sMs: at(2000), aheadAtEndMs: ahead.at(-1)?.aheadMs ?? Number.NaN, seconds: forMs / 1000 });
    }, forMs);
  });
}
