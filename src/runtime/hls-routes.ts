// The HLS routes of the ProgramDirector, served from each channel's window in memory:
//   GET|HEAD /channel/{id}.m3u8             the live media playlist (the same tune-in statuses as /channel/{id}.ts)
//   GET|HEAD /channel/{id}/hls/{sequence}.ts  one segment (404 once it has slid out of the window)
// A GET renews its client's lease (an HLS viewer); a playlist GET starts playout like a TS tune-in and, on
// a cold channel, is held until the first segment is complete.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { ChannelManager } from './channel-manager.js';
import { hlsClientOf } from './hls-leases.js';
import { renderPlaylist } from './hls-playlist.js';
import { errorBody, sendFailure, sendJson } from './http-replies.js';
import { asTuneFailure } from './plan-source.js';
import { admitTune, type TuneAdmission } from './tune-admission.js';

export const PLAYLIST_ROUTE = /^\/channel\/([^/]+)\.m3u8$/;
export const SEGMENT_ROUTE = /^\/channel\/([^/]+)\/hls\/(\d{1,15})\.ts$/;

/** A cold playlist waits this long for the first segment before answering 503. */
export const FIRST_SEGMENT_TIMEOUT_MS = 10_000;

export const playlistHeaders = {
  'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': 'public, max-age=1', 'Access-Control-Allow-Origin': '*',
} as const;
/** A sequence number never names another segment (hls-window.ts), so a segment never changes. */
export const segmentHeaders = {
  'Content-Type': 'video/mp2t', 'Cache-Control': 'public, max-age=86400, immutable', 'Access-Control-Allow-Origin': '*',
} as const;

export interface HlsRouteDeps {
  /** The tune-in steps of /channel/{id}.ts: a tuner, the plan at now, the start (the tuner limit, --tuners). */
  readonly admission: TuneAdmission;
  readonly managerOf: (channelId: string) => ChannelManager;
  readonly existing: (channelId: string) => ChannelManager | undefined;
  readonly log: Logger;
  readonly firstSegmentTimeoutMs?: number;
}

/** Answers `path` if it is an HLS route; false if it is not one. */
export async function answerHls(req: IncomingMessage, res: ServerResponse, path: string, deps: HlsRouteDeps): Promise<boolean> {
  const playlist = PLAYLIST_ROUTE.exec(path);
  if (playlist !== null) {
    await answerPlaylist(req, res, decodeURIComponent(playlist[1] as string), deps);
    return true;
  }
  const segment = SEGMENT_ROUTE.exec(path);
  if (segment === null) return false;
  answerSegment(req, res, decodeURIComponent(segment[1] as string), Number(segment[2]), deps);
  return true;
}

async function answerPlaylist(req: IncomingMessage, res: ServerResponse, channelId: string, deps: HlsRouteDeps): Promise<void> {
  const client = hlsClientOf(req.headers, req.socket.remoteAddress);
  const manager = await admitTune(req, res, channelId, deps.admission, playlistHeaders, async (checked) => {
    const joined = deps.managerOf(channelId);
    await joined.watchHls(client, true, checked);
    return joined;
  });
  if (manager === undefined) return;
  const window = manager.hls.window;
  if (!(await window.whenListed(deps.firstSegmentTimeoutMs ?? FIRST_SEGMENT_TIMEOUT_MS))) {
    res.setHeader('Retry-After', '1');
    sendJson(res, req, 503, errorBody('stream_starting', `channel "${channelId}" has no complete segment yet; retry shortly`));
    return;
  }
  const text = renderPlaylist(channelId, window.listed());
  res.writeHead(200, { ...playlistHeaders, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function answerSegment(req: IncomingMessage, res: ServerResponse, channelId: string, sequence: number, deps: HlsRouteDeps): void {
  const manager = deps.existing(channelId);
  const segment = manager?.hls.window.segment(sequence);
  if (manager === undefined || segment === undefined) {
    sendJson(res, req, 404, errorBody('segment_gone', `channel "${channelId}" has no segment ${sequence} (slid out of the window, or not made yet); reload the playlist`));
    return;
  }
  if (req.method === 'GET') {
    manager.hls.bytesSent += segment.bytes.length;
    manager.watchHls(hlsClientOf(req.headers, req.socket.remoteAddress), false).catch((error: unknown) => {
      deps.log.warn({ channel: channelId, err: error }, 'an HLS lease could not be renewed');
    });
  }
  res.writeHead(200, { ...segmentHeaders, 'Content-Length': segment.bytes.length });
  res.end(req.method === 'HEAD' ? undefined : segment.bytes);
}
