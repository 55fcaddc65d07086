// The web TV guide's routes on the ProgramDirector: GET / (the page), GET /assets/… (its scripts, styles
// and hls.js) and GET /guide.json?hours=N (its data). Everything the page loads comes from here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.js';
import { isRetroVueError } from '../../core/errors.js';
import { type ChannelDirectory, directoryGuide, EPG_LOOK_BACK_MS } from '../channel-directory.js';
import { errorBody, sendJson } from '../http-replies.js';
import { DAY_MARGIN_MS, guideHours, guideJson, guideWindow } from './guide-json.js';
import { isPageAsset, type PageAsset, pageAsset } from './page-assets.js';

export interface GuidePageSource {
  readonly directory: ChannelDirectory;
  readonly clock: Clock;
  /** The URL the client reached us by (logo URLs are absolute, as in /epg.xml). */
  readonly baseUrl: (req: IncomingMessage) => string;
}

// The page runs only our own scripts and styles; video comes from our HLS (hls.js feeds it through blob:
// URLs and may run its demuxer in a blob: worker). Logos may live elsewhere.
const pageHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
  'Referrer-Policy': 'no-referrer',
} as const;

/** Answers the request when `path` is one of the guide's routes; false otherwise. */
export async function serveGuidePage(source: GuidePageSource, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === '/guide.json') {
    await sendGuideJson(source, req, res);
    return true;
  }
  if (!isPageAsset(path)) return false;
  sendAsset(req, res, pageAsset(path), path === '/');
  return true;
}

async function sendGuideJson(source: GuidePageSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let hours: number;
  try {
    hours = guideHours(new URL(req.url ?? '/', 'http://localhost').searchParams.get('hours'));
  } catch (error) {
    if (!isRetroVueError(error)) throw error;
    sendJson(res, req, 400, errorBody(error.code, error.message));
    return;
  }
  const window = guideWindow(source.clock.now(), hours);
  const channels = await source.directory.channels(source.baseUrl(req));
  // Loaded from where /epg.xml starts, so a break at the edge of a day belongs to the same programme in both.
  const programmes = await directoryGuide(source.directory, window.nowMs - EPG_LOOK_BACK_MS, window.toMs + DAY_MARGIN_MS);
  sendJson(res, req, 200, guideJson(channels, programmes, window));
}

/** Revalidated on every load (ETag → 304), gzipped when the client takes it. */
function sendAsset(req: IncomingMessage, res: ServerResponse, asset: PageAsset, isPage: boolean): void {
  const headers: Record<string, string | number> = {
    'Content-Type': asset.type, 'Cache-Control': 'no-cache', ETag: asset.etag, Vary: 'Accept-Encoding', 'X-Content-Type-Options': 'nosniff', ...(isPage ? pageHeaders : {}),
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, { ...headers, 'Content-Length': body.length, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
