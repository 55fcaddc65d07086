// GET|HEAD /channel/{id}/logo: a channel's stored logo, with its own content type and its SHA-256 as a
// strong ETag, so clients and proxies revalidate cheaply (304) and see a new logo as soon as it is set.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelDirectory } from './channel-directory.js';
import { errorBody, sendJson } from './http-replies.js';

export const LOGO_ROUTE = /^\/channel\/([^/]+)\/logo$/;

export async function serveChannelLogo(req: IncomingMessage, res: ServerResponse, directory: ChannelDirectory, channelId: string): Promise<void> {
  const logo = directory.logo ? await directory.logo(channelId) : undefined;
  if (logo === undefined) {
    sendJson(res, req, 404, errorBody('not_found', `channel "${channelId}" has no logo; set one with retrovue channel update ${channelId} --logo FILE`));
    return;
  }
  const etag = `"${logo.sha256}"`;
  // Revalidated every hour: a changed logo shows within the hour, an unchanged one costs a 304.
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' };
  const match = req.headers['if-none-match'];
  if (match !== undefined && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')) {
    res.writeHead(304, headers).end();
    return;
  }
  // An SVG may carry script: never run it in our origin when opened directly.
  const svg = logo.contentType === 'image/svg+xml' ? { 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" } : {};
  res.writeHead(200, { ...headers, ...svg, 'Content-Type': logo.contentType, 'Content-Length': logo.bytes.length });
  res.end(req.method === 'HEAD' ? undefined : Buffer.from(logo.bytes));
}
