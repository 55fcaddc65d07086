// A database outage as `runtime serve` meets it, measured from outside: a real reader of a channel's stream
// that records the longest pause between its chunks, tune-ins answered during the outage, and the server's
// JSON log lines (pino on stderr) logged after a given point.
import { request } from 'undici';

export interface TimedReader {
  /** Bytes received so far. */
  received(): number;
  /** The longest pause between two chunks (or since the last one) from `sinceMs` (performance.now()) on. */
  longestPauseMs(sinceMs: number): number;
  close(): void;
}

/** Reads `url` (a 200 stream) as fast as it comes, noting when each chunk arrived. */
export async function timedReader(url: string): Promise<TimedReader> {
  const response = await request(url);
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${await response.body.text()}`);
  const arrivals: number[] = [];
  let bytes = 0;
  response.body.on('data', (chunk: Buffer) => {
    arrivals.push(performance.now());
    bytes += chunk.length;
  });
  response.body.on('error', () => {});
  return {
    received: () => bytes,
    longestPauseMs: (sinceMs) => {
      let longest = 0;
      let previous = sinceMs;
      for (const at of arrivals) {
        if (at < sinceMs) continue;
        longest = Math.max(longest, at - previous);
        previous = at;
      }
      return Math.max(longest, performance.now() - previous);
    },
    close: () => response.body.destroy(),
  };
}

/**
 * Resolves once `reader`'s stream runs at the wall clock's pace: AIR sends its first 6.5 s at once (the start
 * burst) and then nothing until live catches up to its 1.5 s lead, a pause that is no outage's doing.
 */
export async function steadyStream(reader: TimedReader, burstMs = 6500, leadMs = 1500): Promise<void> {
  const started = performance.now();
  while (reader.received() === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + burstMs - leadMs + 500 - performance.now())));
}

export interface LoggedLine {
  readonly level: number;
  readonly msg: string;
}

/** The JSON log lines in `stderr` from character `from` on (other lines ignored). */
export function loggedLines(stderr: string, from = 0): LoggedLine[] {
  return stderr
    .slice(from)
    .split('\n')
    .flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        const parsed = JSON.parse(line) as { level?: number; msg?: string };
        return [{ level: parsed.level ?? 0, msg: parsed.msg ?? '' }];
      } catch {
        return [];
      }
    });
}

/** A tune-in answered with no stream: its status, Retry-After, JSON error code and how long it took. */
export async function refusedTuneIn(url: string): Promise<{ status: number; retryAfter: string | undefined; code: string | undefined; ms: number }> {
  const started = performance.now();
  const response = await request(url);
  const ms = performance.now() - started;
  const retry = response.headers['retry-after'];
  if (response.statusCode === 200) {
    response.body.destroy();
    return { status: 200, retryAfter: undefined, code: undefined, ms };
  }
  const body = (await response.body.json().catch(() => ({}))) as { error?: { code?: string }; code?: string };
  return { status: response.statusCode, retryAfter: typeof retry === 'string' ? retry : undefined, code: body.error?.code ?? body.code, ms };
}
