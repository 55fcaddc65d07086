// What the director does when database work found no turn within its bound (database_busy): the request
// is answered 503 with Retry-After and logged in one line; the next request may find a turn. A database that
// cannot be reached (database_unavailable) is answered the same way but not logged per request: the
// outage is logged once (database-outage.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import { errorBody, sendJson } from './http-replies.js';
import { isDatabaseBusy } from './bounded-turns.js';
import { isDatabaseUnavailable } from './database-outage.js';
import { TuneFailure, UNAVAILABLE_RETRY_S } from './plan-source.js';

/** A tune-in check that logs a busy database once, then fails as before (the route answers 503). */
export function loggingBusyChecks<T>(log: () => Logger, check: (channelId: string) => Promise<T>): (channelId: string) => Promise<T> {
  return (channelId) =>
    check(channelId).catch((error: unknown) => {
      if (error instanceof TuneFailure && error.code === 'database_busy') log().warn({ channel: channelId }, error.message);
      throw error;
    });
}

/** Whether `error` is the database's being busy or unreachable, which a request answers with 503 (answerBusy). */
export function isDatabaseRefusal(error: unknown): boolean {
  return isDatabaseBusy(error) || isDatabaseUnavailable(error);
}

export function answerBusy(log: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const unavailable = isDatabaseUnavailable(error);
  if (!unavailable) log.warn({ url: req.url }, message);
  const retry = unavailable ? String(UNAVAILABLE_RETRY_S) : '1';
  if (!res.headersSent) sendJson(res, req, 503, errorBody(unavailable ? 'database_unavailable' : 'database_busy', message), { 'Retry-After': retry });
  else res.destroy();
}
