// What the director does when database work found no turn within its bound (database_busy): the request
// is answered 503 with Retry-After and logged in one line; the next request may find a turn.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import { errorBody, sendJson } from './http-replies.js';
import { TuneFailure } from './plan-source.js';

/** A tune-in check that logs a busy database once, then fails as before (the route answers 503). */
export function loggingBusyChecks<T>(log: () => Logger, check: (channelId: string) => Promise<T>): (channelId: string) => Promise<T> {
  return (channelId) =>
    check(channelId).catch((error: unknown) => {
      if (error instanceof TuneFailure && error.code === 'database_busy') log().warn({ channel: channelId }, error.message);
      throw error;
    });
}

export function answerBusy(log: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.warn({ url: req.url }, message);
  if (!res.headersSent) sendJson(res, req, 503, errorBody('database_busy', message), { 'Retry-After': '1' });
  else res.destroy();
}
