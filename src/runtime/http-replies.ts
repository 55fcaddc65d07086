// Replies every route of the ProgramDirector shares: JSON and text bodies (HEAD gets the headers only),
// and the short JSON error body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TuneFailure } from './plan-source.js';

export const streamHeaders = { 'Content-Type': 'video/mp2t', 'Cache-Control': 'no-store' } as const;

/**
 * The request's path (a query string dropped), or undefined when it is not valid percent-encoded UTF-8 or
 * decodes to a NUL: every route decodes the ids in it and looks them up, and no database stores a NUL
 * (Postgres refuses the query), so such a path is the client's error (400), not ours (B-91).
 */
export function requestPath(req: IncomingMessage): string | undefined {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  try {
    if (decodeURIComponent(path).includes('\u0000')) return undefined;
  } catch {
    return undefined;
  }
  return path;
}

/** An error message echoes what the client sent (an id, a path): at most this many characters of it. */
export const MAX_ERROR_MESSAGE = 300;

export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message: message.length > MAX_ERROR_MESSAGE ? `${message.slice(0, MAX_ERROR_MESSAGE - 1)}…` : message } };
}

export function sendFailure(res: ServerResponse, req: IncomingMessage, failure: TuneFailure): void {
  sendJson(res, req, failure.status, errorBody(failure.code, failure.message), failure.headers);
}

export function sendJson(res: ServerResponse, req: IncomingMessage, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : text);
}

export function sendText(res: ServerResponse, req: IncomingMessage, type: string, text: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}
