// The HTTP request sequences of the clients that add an HDHomeRun tuner by its address, replayed with undici
// as each client sends them; each returns what it saw (the log of requests and statuses, the documents) and
// the stream it opened last, still playing.
//  - Jellyfin (jellyfin/jellyfin src/Jellyfin.LiveTv/TunerHosts/HdHomerun/HdHomerunHost.cs): Validate and
//    GetModelInfo read /discover.json; GetLineup reads LineupURL (lineup.json); an HDTC model "supports
//    transcoding", so the stream is the lineup URL with `?transcode=<profile>` appended (native: none).
//  - Plex (its DVR setup, as SiliconDust's HTTP API documents and peers' logs show): discover.json,
//    lineup_status.json, POST lineup.post?scan=start&source=Cable, lineup_status.json polled until no scan
//    runs, lineup.json?tuning, device.xml, then the lineup URL.
//  - Channels DVR: discover.json, lineup_status.json, lineup.json, then the lineup URL with an EXTEND
//    transcode profile (`?transcode=mobile`) and `duration`, as SiliconDust's HTTP API defines them.
import { request } from 'undici';
import { tuneIn, type Viewer } from './runtime.js';

export interface LineupEntry {
  readonly GuideNumber: string;
  readonly GuideName: string;
  readonly URL: string;
  readonly [field: string]: unknown;
}

export interface ClientRun {
  /** `METHOD /path?query -> status`, in order. */
  readonly log: string[];
  readonly discover: Record<string, unknown>;
  readonly lineup: LineupEntry[];
  readonly deviceXml?: string;
  readonly stream: Viewer;
}

class Session {
  readonly log: string[] = [];
  constructor(private readonly base: string) {}

  async get(url: string, method: 'GET' | 'POST' = 'GET'): Promise<{ status: number; body: string }> {
    const absolute = url.startsWith('http') ? url : `${this.base}${url}`;
    const response = await request(absolute, { method });
    const body = await response.body.text();
    this.log.push(`${method} ${absolute.slice(this.base.length)} -> ${response.statusCode}`);
    return { status: response.statusCode, body };
  }

  async json<T>(url: string): Promise<T> {
    const answer = await this.get(url);
    if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as T;
  }

  async stream(url: string): Promise<Viewer> {
    const viewer = await tuneIn(url);
    this.log.push(`GET ${url.slice(this.base.length)} -> ${viewer.status}`);
    return viewer;
  }
}

function pick(lineup: readonly LineupEntry[], guideNumber: string): LineupEntry {
  const entry = lineup.find((e) => e.GuideNumber === guideNumber);
  if (entry === undefined) throw new Error(`no GuideNumber ${guideNumber} in ${JSON.stringify(lineup)}`);
  return entry;
}

/** Jellyfin adding the tuner (Validate), refreshing channels, then playing one with a transcode profile. */
export async function jellyfin(base: string, guideNumber: string, profile = 'heavy'): Promise<ClientRun> {
  const s = new Session(base);
  const discover = await s.json<Record<string, unknown>>('/discover.json');
  const lineup = (await s.json<LineupEntry[]>(String(discover['LineupURL'] ?? `${base}/lineup.json`))).filter((e) => e['DRM'] !== true && e['DRM'] !== 1);
  const supportsTranscoding = String(discover['ModelNumber']).toLowerCase().includes('hdtc');
  const url = pick(lineup, guideNumber).URL + (supportsTranscoding && profile !== 'native' ? `?transcode=${profile}` : '');
  return { log: s.log, discover, lineup, stream: await s.stream(url) };
}

/** Plex adding the device, scanning its channels and tuning one. */
export async function plex(base: string, guideNumber: string): Promise<ClientRun> {
  const s = new Session(base);
  const discover = await s.json<Record<string, unknown>>('/discover.json');
  await s.json('/lineup_status.json');
  const scan = await s.get('/lineup.post?scan=start&source=Cable', 'POST');
  if (scan.status !== 200) throw new Error(`lineup.post: ${scan.status} ${scan.body}`);
  for (let polls = 0; ; polls++) {
    const status = await s.json<{ ScanInProgress: number }>('/lineup_status.json');
    if (status.ScanInProgress === 0) break;
    if (polls > 20) throw new Error('the scan never ends');
  }
  const lineup = await s.json<LineupEntry[]>('/lineup.json?tuning');
  const deviceXml = (await s.get('/device.xml')).body;
  return { log: s.log, discover, lineup, deviceXml, stream: await s.stream(pick(lineup, guideNumber).URL) };
}

/** Channels DVR adding the tuner by its address and tuning one channel with an EXTEND transcode profile. */
export async function channelsDvr(base: string, guideNumber: string): Promise<ClientRun> {
  const s = new Session(base);
  const discover = await s.json<Record<string, unknown>>('/discover.json');
  await s.json('/lineup_status.json');
  const lineup = await s.json<LineupEntry[]>(String(discover['LineupURL']));
  return { log: s.log, discover, lineup, stream: await s.stream(`${pick(lineup, guideNumber).URL}?transcode=mobile&duration=3600`) };
}
