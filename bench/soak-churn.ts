// Tune-in/tune-out churn beside the soak's steady viewers: every 10 s a short-lived TS viewer on a random
// channel reads for 2–5 s and leaves. Each records its status and time to the first byte, and what it got
// is decoded (its own cut tail held back, see soak-decoder.ts).
import { get } from 'node:http';
import { type DecodeFigures, Decoder, PacketAligner, PesAlignedFeed, sumDecode } from './soak-decoder.js';

const EVERY_MS = 10_000;

export interface ChurnFigures {
  readonly tunes: number;
  /** Not 200, or no byte within the viewer's stay. */
  readonly failures: number;
  readonly firstByteMs: number[];
  readonly decode: DecodeFigures;
}

interface Visit {
  readonly ok: boolean;
  readonly firstByteMs: number | undefined;
  readonly decode: DecodeFigures;
}

function visit(url: string, stayMs: number): Promise<Visit> {
  const t0 = performance.now();
  const feed = new PesAlignedFeed(new Decoder());
  const aligner = new PacketAligner();
  return new Promise<{ ok: boolean; firstByteMs: number | undefined }>((resolve) => {
    let firstByteMs: number | undefined;
    const req = get(url, (res) => {
      if (res.statusCode !== 200) res.destroy();
      res.on('data', (chunk: Buffer) => {
        firstByteMs ??= performance.now() - t0;
        feed.push(aligner.push(chunk));
      });
    });
    req.on('error', () => {});
    setTimeout(() => {
      req.destroy();
      resolve({ ok: firstByteMs !== undefined, firstByteMs });
    }, stayMs);
  }).then(async (got) => ({ ...got, decode: await feed.end() }));
}

/** Runs churn until `signal` aborts. */
export async function churn(base: string, channels: readonly string[], signal: AbortSignal): Promise<ChurnFigures> {
  const visits: Array<Promise<Visit>> = [];
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const channel = channels[Math.floor(Math.random() * channels.length)] as string;
      visits.push(visit(`${base}/channel/${encodeURIComponent(channel)}.ts`, 2000 + Math.random() * 3000));
    }, EVERY_MS);
    signal.addEventListener('abort', () => (clearInterval(timer), resolve()), { once: true });
  });
  const done = await Promise.all(visits);
  return {
    tunes: done.length,
    failures: done.filter((v) => !v.ok).length,
    firstByteMs: done.flatMap((v) => (v.firstByteMs === undefined ? [] : [v.firstByteMs])),
    decode: sumDecode(done.map((v) => v.decode)),
  };
}
