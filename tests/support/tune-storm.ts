// A tune-in storm against a running server: many GETs of /channel/{id}.ts fired over a short span through
// undici, each one's status and time to its headers recorded, the streams kept open until the caller hangs
// up; and a watch on the engines (AIR, children of the server's process) started meanwhile.
import { Agent, request } from 'undici';
import { readdirSync, readFileSync } from 'node:fs';

export interface StormAnswer {
  readonly channelId: string;
  readonly status: number;
  /** From the request being sent to its response headers. */
  readonly headersMs: number;
  /** The JSON error code of a refusal; '' for a stream. */
  readonly code: string;
}

export interface Storm {
  readonly answers: readonly StormAnswer[];
  /** Hangs up every stream still open and closes the client. */
  hangUp(): Promise<void>;
}

/** `count` tune-ins spread evenly over `spanMs`, round-robin over `channelIds`; resolves once all are answered. */
export async function tuneInStorm(url: string, channelIds: readonly string[], count: number, spanMs: number): Promise<Storm> {
  const agent = new Agent({ connections: count, pipelining: 0, headersTimeout: 60_000 });
  const open: Array<{ destroy(): void }> = [];
  const one = async (i: number): Promise<StormAnswer> => {
    await new Promise((resolve) => setTimeout(resolve, (i * spanMs) / count));
    const channelId = channelIds[i % channelIds.length] as string;
    const sent = performance.now();
    const response = await request(`${url}/channel/${channelId}.ts`, { dispatcher: agent });
    const headersMs = performance.now() - sent;
    if (String(response.headers['content-type']).startsWith('video/')) {
      open.push(response.body);
      return { channelId, status: response.statusCode, headersMs, code: '' };
    }
    const body = await response.body.text();
    let code = '?';
    try {
      code = (JSON.parse(body) as { error: { code: string } }).error.code;
    } catch {
      code = body.slice(0, 80);
    }
    return { channelId, status: response.statusCode, headersMs, code };
  };
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => one(i)));
  return {
    answers,
    hangUp: async () => {
      for (const body of open) body.destroy();
      await agent.destroy();
    },
  };
}

/** `serverPid`'s children running AIR (the engines), from /proc's children lists: cheap enough to poll often. */
function engineChildren(serverPid: number): number[] {
  const pids: number[] = [];
  for (const task of readdirSync(`/proc/${serverPid}/task`)) {
    const listed = readFileSync(`/proc/${serverPid}/task/${task}/children`, 'utf8').trim();
    for (const pid of listed === '' ? [] : listed.split(' ').map(Number)) {
      try {
        // An engine runs dist/air.mjs; any child (an ffprobe too) is a copy of the server until its exec.
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('air.mjs')) pids.push(pid);
      } catch {
        // exited while we looked
      }
    }
  }
  return pids;
}

/** Samples the engines of the server `serverPid` every few milliseconds: every pid ever seen, and the most at once. */
export function watchEngines(serverPid: number, everyMs = 10): { readonly seen: Set<number>; most(): number; stop(): void } {
  const seen = new Set<number>();
  let most = 0;
  const sample = () => {
    const engines = engineChildren(serverPid);
    for (const pid of engines) seen.add(pid);
    most = Math.max(most, engines.length);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return { seen, most: () => most, stop: () => clearInterval(timer) };
}
