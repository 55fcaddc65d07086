// Where a channel request is served when several nodes share the database: here when this node owns the
// channel (or just took it), else from the owner (proxied or redirected). Only a GET of a stream or a
// playlist may take a channel; a HEAD or an HLS segment asks who owns it and takes nothing. A request
// another node forwarded is served here or refused (503), never forwarded again, so no request loops.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { ChannelOwnership, Claim } from './channel-ownership.js';
import { PLAYLIST_ROUTE, SEGMENT_ROUTE } from './hls-routes.js';
import { errorBody, sendJson } from './http-replies.js';
import { FORWARDED_HEADER, type ForwardMode, proxyToOwner, redirectToOwner } from './owner-forwarding.js';


/** The channel of an HLS route, and whether the route may start it (the playlist does, a segment never). */
export function hlsChannelOf(path: string): { readonly channelId: string; readonly starts: boolean } | undefined {
  const playlist = PLAYLIST_ROUTE.exec(path);
  if (playlist !== null) return { channelId: decodeURIComponent(playlist[1] as string), starts: true };
  const segment = SEGMENT_ROUTE.exec(path);
  return segment === null ? undefined : { channelId: decodeURIComponent(segment[1] as string), starts: false };
}

export interface NodeStatus {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly forward: ForwardMode;
  readonly owned_channels: string[];
}

export class OwnerRouting {
  constructor(private readonly ownership: ChannelOwnership, private readonly mode: ForwardMode, private readonly log: Logger) {}

  status(): NodeStatus {
    const { id, name, url } = this.ownership.node;
    return { id, name, url, forward: this.mode, owned_channels: this.ownership.owned() };
  }

  /**
   * Answers the request from the owner when another node owns `channelId`; false when it is to be served here
   * (this node owns it now, or nobody does and the request starts nothing).
   */
  async answered(req: IncomingMessage, res: ServerResponse, channelId: string, starts: boolean): Promise<boolean> {
    const forwarded = req.headers[FORWARDED_HEADER] !== undefined;
    const takes = starts && req.method === 'GET';
    const claim: Claim = takes ? await this.ownership.claim(channelId) : await this.ownership.locate(channelId);
    switch (claim.kind) {
      case 'local':
        return false;
      case 'unknown':
        if (!takes) return false;
        return this.refuse(req, res, channelId, 'its owner node has no fresh heartbeat');
      case 'owner':
        if (forwarded) return takes ? this.refuse(req, res, channelId, `node ${claim.node.name} owns it now`) : false;
        if (this.mode === 'redirect') redirectToOwner(req, res, claim.node.url);
        else await proxyToOwner(req, res, claim.node.url, this.ownership.node.id, this.log);
        return true;
    }
  }

  /** answered() for an HLS route (false for any other path). */
  async answeredHls(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const hls = hlsChannelOf(path);
    return hls !== undefined && this.answered(req, res, hls.channelId, hls.starts);
  }

  private refuse(req: IncomingMessage, res: ServerResponse, channelId: string, why: string): true {
    res.setHeader('Retry-After', '1');
    sendJson(res, req, 503, errorBody('owner_moving', `channel "${channelId}" is playing on another node (${why}); retry shortly`));
    return true;
  }
}
