// The only source of "now" in Core: instants are integer epoch milliseconds (UTC).
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Milliseconds on a clock that never steps (performance.now(): CLOCK_MONOTONIC, slewed by NTP like the wall clock, never stepped). */
export type MonotonicMs = () => number;

export const systemMonotonic: MonotonicMs = () => performance.now();

/**
 * A clock that reads `originMs` when `monotonic` reads 0 and runs on the monotonic clock from there: the
 * wall clock's steps (NTP correcting, a VM resumed) never move it, so what paces by it neither rushes nor stalls.
 */
export function steadyClock(originMs: number, monotonic: MonotonicMs = systemMonotonic): Clock {
  return { now: () => Math.round(originMs + monotonic()) };
}
