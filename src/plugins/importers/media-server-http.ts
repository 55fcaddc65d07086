// JSON over HTTP(S) to a media server (Plex, Jellyfin, Emby), for the importers that read one. Every
// failure becomes one `unreachable` line naming the server and what to do, never the credential: the
// credential travels in a header, so no URL that reaches a message or a log carries it.
import { RetroVueError } from '../../core/errors.js';

export interface MediaServerRequest {
  /** What the server is called in messages ("the Plex server http://nas:32400"). */
  readonly server: string;
  /** The server's base URL (no trailing slash). */
  readonly baseUrl: string;
  /** Path and query below the base URL, starting with "/". */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Whole-answer deadline. */
  readonly timeoutMs: number;
  /** How the operator replaces a refused credential (named in a 401/403 message). */
  readonly credentialFix: string;
  readonly signal?: AbortSignal;
  /** Largest answer read, in bytes (default maxAnswerBytes). */
  readonly maxBytes?: number;
}

/**
 * Largest answer read: a page of 10,000 items is tens of MB, while a broken or hostile server sending an
 * endless 200 would otherwise fill memory until the process dies, long before timeout_ms.
 */
export const maxAnswerBytes = 256 * 1024 * 1024;

/** TLS failures say so: the fix (a trusted certificate, the right host name) differs from a dead server's. */
function isTlsError(code: string): boolean {
  return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code) || code.includes('CERT');
}

function failure(req: MediaServerRequest, error: unknown): RetroVueError {
  if (error instanceof RetroVueError) return error;
  if (req.signal?.aborted) return Object.assign(new Error('ingest interrupted'), { name: 'AbortError' }) as RetroVueError;
  const code = String((error as { code?: unknown }).code ?? (error as { cause?: { code?: unknown } }).cause?.code ?? '');
  const name = (error as Error).name;
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new RetroVueError('unreachable', `${req.server} did not answer ${req.path.split('?')[0]} within ${req.timeoutMs / 1000} s; check that it is up, or raise timeout_ms in the source's config`);
  }
  if (isTlsError(code)) {
    return new RetroVueError('unreachable', `${req.server}: TLS failed (${code}); use a certificate this machine trusts (NODE_EXTRA_CA_CERTS) or the server's http:// address`);
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return new RetroVueError('unreachable', `${req.server} closed the connection in the middle of ${req.path.split('?')[0]}; try again, and check the server's log`);
  }
  const why = code || (error instanceof Error ? error.message : String(error));
  return new RetroVueError('unreachable', `${req.server} is not reachable (${why}); check the source's url`);
}

/**
 * What to do about a status that is neither success nor a refused credential. A redirect is never followed
 * (the credential would go along to wherever it points), so its target is named for the operator to check.
 */
function statusAdvice(status: number, location: string | string[] | undefined): string {
  if (status === 429 || status >= 500) return "the server is busy or failing; try again later, and check the server's log";
  const target = typeof location === 'string' ? URL.parse(location, 'http://x/')?.origin : undefined;
  if (status >= 300 && status < 400 && target !== undefined && target !== 'http://x') {
    return `it redirects to ${target}, which RetroVue does not follow (the credential would go along); if that is the server, make it the source's url`;
  }
  return "check the source's url";
}

/**
 * Drops a body we will not read. undici's body stream errors with "Request aborted" when destroyed before its
 * end, and with no listener that error is an uncaught exception (a crash after the 401 was already reported).
 */
function discard(body: { on(event: 'error', listener: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => {});
  body.destroy();
}

/** The body as text, refused once it passes the size limit (announced or actually sent). */
async function readText(req: MediaServerRequest, body: AsyncIterable<Buffer> & Parameters<typeof discard>[0]): Promise<string> {
  const limit = req.maxBytes ?? maxAnswerBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      discard(body);
      const mib = Math.round(limit / 1024 / 1024);
      throw new RetroVueError('unreachable', `${req.server} answered ${req.path.split('?')[0]} with more than ${mib} MiB; lower page_size in the source's config, or check the source's url`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** GETs `path` and parses its JSON body; throws `unreachable` with one line on any failure. */
export async function getJson(req: MediaServerRequest): Promise<{ body: unknown; headers: Record<string, string | string[] | undefined> }> {
  const deadline = AbortSignal.timeout(req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([deadline, req.signal]) : deadline;
  try {
    // undici loads with the first request: every command's plugin registry holds this importer, few run it.
    const { request } = await import('undici');
    const answer = await request(`${req.baseUrl}${req.path}`, {
      method: 'GET',
      headers: { accept: 'application/json', ...req.headers },
      signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    if (answer.statusCode === 401 || answer.statusCode === 403) {
      discard(answer.body);
      throw new RetroVueError('unreachable', `${req.server} refused the credential (${answer.statusCode}); ${req.credentialFix}`);
    }
    if (answer.statusCode < 200 || answer.statusCode > 299) {
      discard(answer.body);
      throw new RetroVueError('unreachable', `${req.server} answered ${answer.statusCode} to ${req.path.split('?')[0]}; ${statusAdvice(answer.statusCode, answer.headers['location'])}`);
    }
    const text = await readText(req, answer.body);
    try {
      return { body: JSON.parse(text) as unknown, headers: answer.headers };
    } catch {
      throw new RetroVueError('unreachable', `${req.server} answered ${req.path.split('?')[0]} with something that is not JSON (cut short, or not a media server); check the source's url`);
    }
  } catch (error) {
    throw failure(req, deadline.aborted && !req.signal?.aborted ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error);
  }
}

/** A media server's base URL, checked and normalised (http or https, no trailing slash, no credentials). */
export function normaliseServerUrl(raw: unknown, what: string): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new RetroVueError('invalid_input', `${what} url "${String(raw)}" is not a URL; give one like http://192.168.1.10:32400`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RetroVueError('invalid_input', `${what} url must start with http:// or https://, not ${url.protocol}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new RetroVueError('invalid_input', `${what} url must be the server's address alone (no user, query or fragment); give the credential with its own option`);
  }
  // Origin and path alone: an empty "?" or "#" (which URL reports as no search or hash) would otherwise stay
  // in the string, and every request path would land in the query.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
