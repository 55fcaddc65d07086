// The HDHomeRun routes of the ProgramDirector: discover.json, lineup.json, lineup_status.json, lineup.post,
// device.xml and /auto/v<GuideNumber>, which tunes the channel of that number exactly as /channel/{id}.ts
// (the director's own tune-in). Clients append query strings (Plex's lineup.json?tuning, Jellyfin's
// ?transcode=…): only the path decides.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChannelDirectory } from '../channel-directory.js';
import { errorBody, sendJson, sendText } from '../http-replies.js';
import type { TunerDevice } from './device-identity.js';
import { deviceXml, discoverDocument, lineupDocument, lineupStatusDocument } from './hdhomerun-documents.js';

export interface HdHomeRunRoutesOptions {
  readonly directory: ChannelDirectory;
  /** The persisted identity (loaded once, on first use). */
  readonly device: () => Promise<TunerDevice>;
  readonly tunerCount: () => number;
  /** The director's tune-in of a channel by id. */
  readonly tune: (req: IncomingMessage, res: ServerResponse, channelId: string) => Promise<void>;
}

/** The one route answering POST, as on a real tuner. */
export const LINEUP_POST = '/lineup.post';

const AUTO_ROUTE = /^\/auto\/v([^/]+)$/;

export class HdHomeRunRoutes {
  private device: Promise<TunerDevice> | undefined;

  constructor(private readonly options: HdHomeRunRoutesOptions) {}

  /** The TunerCount clients are told (an unlimited server says how many channels it has, at least one). */
  async tunerCount(): Promise<number> {
    const count = this.options.tunerCount();
    return Number.isFinite(count) ? count : Math.max(1, (await this.options.directory.channels()).length);
  }

  identity(): Promise<TunerDevice> {
    this.device ??= this.options.device().catch((error: unknown) => {
      this.device = undefined;
      throw error;
    });
    return this.device;
  }

  /** Answers `path` when it is an HDHomeRun route; false otherwise. */
  async answer(req: IncomingMessage, res: ServerResponse, path: string, baseUrl: string): Promise<boolean> {
    const auto = AUTO_ROUTE.exec(path);
    if (auto !== null) {
      await this.tuneNumber(req, res, decodeURIComponent(auto[1] as string));
      return true;
    }
    switch (path) {
      case '/discover.json':
        sendJson(res, req, 200, discoverDocument(await this.identity(), baseUrl, await this.tunerCount()));
        return true;
      case '/lineup.json':
        sendJson(res, req, 200, lineupDocument(await this.options.directory.channels(baseUrl), baseUrl));
        return true;
      case '/lineup_status.json':
        sendJson(res, req, 200, lineupStatusDocument);
        return true;
      case '/device.xml':
        sendText(res, req, 'application/xml; charset=utf-8', deviceXml(await this.identity(), baseUrl));
        return true;
      case LINEUP_POST:
        this.lineupPost(req, res);
        return true;
      default:
        return false;
    }
  }

  /** `POST /lineup.post?scan=start|abort`: the lineup is the channel list, so a scan is over as soon as it starts. */
  private lineupPost(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, req, 405, errorBody('method_not_allowed', `${req.method ?? '?'} is not supported on ${LINEUP_POST}; use POST`));
      return;
    }
    const scan = new URL(req.url ?? '/', 'http://localhost').searchParams.get('scan');
    if (scan !== 'start' && scan !== 'abort') {
      sendJson(res, req, 400, errorBody('invalid_input', `${LINEUP_POST} takes scan=start or scan=abort, not ${scan === null ? 'nothing' : `scan=${scan}`}`));
      return;
    }
    req.resume();
    res.writeHead(200, { 'Content-Length': 0, 'Cache-Control': 'no-store' }).end();
  }

  private async tuneNumber(req: IncomingMessage, res: ServerResponse, number: string): Promise<void> {
    const { directory } = this.options;
    const channelId = directory.channelIdOfNumber ? await directory.channelIdOfNumber(number) : (await directory.channels()).find((c) => c.number === number)?.id;
    if (channelId === undefined) {
      sendJson(res, req, 404, errorBody('unknown_channel', `no enabled channel has number ${number}; see /lineup.json`));
      return;
    }
    await this.options.tune(req, res, channelId);
  }
}
