// Which probe failures say something about the file, and which only about this machine at the time.
// (Apart from ffprobe.ts, which loads execa: the ingest plan needs this without starting a probe.)

/**
 * Reasons that come from this machine's state at probe time, not from the file: an unreadable file (its
 * permissions may be fixed without touching its mtime), a timeout, a file gone between listing and probe.
 * An asset invalid for one of these is probed again by the next ingest.
 */
export function isTransientProbeFailure(reason: string): boolean {
  return /^(unreadable \(|ffprobe timed out|file not found$)/.test(reason);
}
