// Serving a viewer from the node that owns the channel: a proxy (the owner's reply streamed through this
// node by undici, backpressure kept by the pipeline, a hang-up closing the upstream) or a redirect (307 to
// the owner's advertised URL). A forwarded request carries FORWARDED_HEADER and is never forwarded again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import type { Logger } from '../core/logger.js';
import { errorBody, sendJson } from './http-replies.js';

export type ForwardMode = 'proxy' | 'redirect';

/** Names the node a request was forwarded by: its receiver serves it or refuses it, never forwards it. */
export const FORWARDED_HEADER = 'x-retrovue-forwarded-by';

/** What a viewer's request may tell the owner (the rest is about this hop). */
const PASSED_HEADERS = ['user-agent', 'accept', 'range', 'x-playback-session-id'] as const;
/** What the owner's reply may tell the viewer: hop-by-hop headers stay on their hop. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);
/**
 * How long a frozen owner (alive to the kernel, silent to us) may hold a forwarded request: its own bounds
 * (a 5 s database turn, then 10 s for a first HLS segment) end before the first; a live stream is never
 * silent longer than the engine's restart backoff (30 s at most), which the second exceeds.
 */
export const proxyTimeouts = proxyTimeoutsFrom(process.env['RETROVUE_PROXY_TIMEOUTS_MS']);

/** "headers,idle" in ms (tests shorten the bounds to see them act); anything else gives the defaults. */
function proxyTimeoutsFrom(text: string | undefined): { readonly headersMs: number; readonly bodyIdleMs: number } {
  const [headersMs, bodyIdleMs] = (text ?? '').split(',').map(Number);
  const valid = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n > 0;
  return valid(headersMs) && valid(bodyIdleMs) ? { headersMs, bodyIdleMs } : { headersMs: 16_000, bodyIdleMs: 45_000 };
}

/** The owner's URL of this very request (path and query as the viewer sent them). */
export function ownerUrlOf(ownerBase: string, req: IncomingMessage): string {
  return `${ownerBase.replace(/\/+$/, '')}${req.url ?? '/'}`;
}

export function redirectToOwner(req: IncomingMessage, res: ServerResponse, ownerBase: string): void {
  res.writeHead(307, { Location: ownerUrlOf(ownerBase, req), 'Cache-Control': 'no-store', 'Content-Length': 0 });
  res.end();
}

/** Streams the owner's answer to `req` through to `res`; the owner unreachable is a 502 with a JSON body. */
export async function proxyToOwner(req: IncomingMessage, res: ServerResponse, ownerBase: string, by: string, log: Logger): Promise<void> {
  const upstream = new AbortController();
  res.on('close', () => upstream.abort());
  const headers: Record<string, string> = { [FORWARDED_HEADER]: by };
  for (const name of PASSED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter((v) => typeof v === 'string').join(', ');
  if (forwardedFor !== '') headers['x-forwarded-for'] = forwardedFor;
  let reply: Awaited<ReturnType<typeof request>>;
  try {
    reply = await request(ownerUrlOf(ownerBase, req), {
      method: req.method === 'HEAD' ? 'HEAD' : 'GET',
      headers,
      signal: upstream.signal,
      headersTimeout: proxyTimeouts.headersMs,
      bodyTimeout: proxyTimeouts.bodyIdleMs,
    });
  } catch (error) {
    if (upstream.signal.aborted) return;
    log.warn({ err: error, owner: ownerBase, url: req.url }, 'the owner node did not answer a forwarded request');
    res.setHeader('Retry-After', '1');
    sendJson(res, req, 502, errorBody('owner_unreachable', `the node playing this channel (${ownerBase}) did not answer; retry shortly`));
    return;
  }
  const passed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.headers)) if (value !== undefined && !HOP_HEADERS.has(name)) passed[name] = value;
  res.writeHead(reply.statusCode, passed);
  res.flushHeaders();
  try {
    await pipeline(reply.body, res);
  } catch (error) {
    // The viewer hung up (the upstream is aborted with it) or the owner died mid-stream: the viewer retunes.
    if (!upstream.signal.aborted) log.info({ err: error, owner: ownerBase, url: req.url }, 'a proxied stream ended early');
    reply.body.destroy();
    res.destroy();
  }
}
