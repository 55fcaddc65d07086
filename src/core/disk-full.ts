// Whether a failure is a full disk: the one place that decides it, for Node's errno errors, the embedded
// database's messages (Postgres reports "could not extend file …: No space left on device") and ffmpeg's
// last stderr line (strerror of ENOSPC).

/**
 * @example
 * isDiskFull(Object.assign(new Error('write'), { code: 'ENOSPC' })); // true
 * isDiskFull('av_interleaved_write_frame(): No space left on device'); // true
 */
export function isDiskFull(failure: unknown): boolean {
  if (typeof failure === 'string') return /no space left on device|disk full/i.test(failure);
  if (failure === null || typeof failure !== 'object') return false;
  const { code, message, cause } = failure as { code?: unknown; message?: unknown; cause?: unknown };
  if (code === 'ENOSPC' || code === '53100') return true; // 53100: Postgres' disk_full
  if (typeof message === 'string' && isDiskFull(message)) return true;
  return cause !== undefined && cause !== failure && isDiskFull(cause);
}
