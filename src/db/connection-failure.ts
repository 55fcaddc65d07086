// Whether an error of a database call means the database could not be reached (its server down or
// refusing connections, the session killed, the holder's socket gone) rather than a query that failed:
// the one place that reads pg's and the server's ways of saying so.

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const SOCKET_CALLS = new Set(['connect', 'read', 'write', 'getaddrinfo']);
/** SQLSTATEs of a session the server ended or would not take: admin/crash shutdown, cannot connect now, connection exceptions (08…). */
const SERVER_STATES = /^(57P01|57P02|57P03|08)/;
/** pg's own words for a connection that ended, could not be made in time, or is no longer usable. */
const CLIENT_WORDS = /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|connect ECONNREFUSED/i;

export function isConnectionFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  // A socket's errors only: a media file's ENOENT (syscall stat or open) is not the database's.
  if (typeof code === 'string' && SOCKET_CODES.has(code) && typeof syscall === 'string' && SOCKET_CALLS.has(syscall)) return true;
  if (typeof code === 'string' && SERVER_STATES.test(code)) return true;
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  if (error instanceof Error && CLIENT_WORDS.test(error.message)) return true;
  // Wrapped on its way up (e.g. the lock session's 'unreachable' error): the cause decides.
  return error instanceof Error && error.cause !== undefined && isConnectionFailure(error.cause);
}
