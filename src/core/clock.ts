// The only source of "now" in Core: instants are integer epoch milliseconds (UTC).
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
