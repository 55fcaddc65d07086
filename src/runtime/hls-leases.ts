// HLS viewers of a channel: an HLS client holds no connection, so it counts as a viewer while it keeps
// fetching. Each playlist or segment request renews its client's lease; a lease not renewed within
// `leaseMs` ends, and the channel learns its viewer left (then lingers and stops like after a TS viewer).
// A client is its X-Playback-Session-Id (sent by Apple's players) or else its address and User-Agent.

export interface HlsLeaseStats {
  readonly client: string;
  readonly sinceMs: number;
  readonly lastFetchMs: number;
  readonly requests: number;
}

interface Lease {
  readonly sinceMs: number;
  lastFetchMs: number;
  requests: number;
  timer: NodeJS.Timeout;
}

export class HlsLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly options: { readonly leaseMs: number; readonly now: () => number; readonly onExpired: () => void }) {}

  get size(): number {
    return this.leases.size;
  }

  /** Renews (or takes) `client`'s lease. */
  touch(client: string): void {
    const now = this.options.now();
    const lease = this.leases.get(client);
    const timer = setTimeout(() => this.expire(client), this.options.leaseMs);
    if (lease === undefined) {
      this.leases.set(client, { sinceMs: now, lastFetchMs: now, requests: 1, timer });
      return;
    }
    clearTimeout(lease.timer);
    lease.timer = timer;
    lease.lastFetchMs = now;
    lease.requests++;
  }

  stats(): HlsLeaseStats[] {
    return [...this.leases].map(([client, l]) => ({ client, sinceMs: l.sinceMs, lastFetchMs: l.lastFetchMs, requests: l.requests }));
  }

  /** Every lease ends now (the channel stopped or failed); no expiry is reported. */
  clear(): void {
    for (const lease of this.leases.values()) clearTimeout(lease.timer);
    this.leases.clear();
  }

  private expire(client: string): void {
    if (!this.leases.delete(client)) return;
    this.options.onExpired();
  }
}

/** Who is asking, as far as HTTP tells: the player's session id when it sends one. */
export function hlsClientOf(headers: Readonly<Record<string, string | string[] | undefined>>, address: string | undefined): string {
  const session = headers['x-playback-session-id'];
  if (typeof session === 'string' && session !== '') return `session ${session.slice(0, 100)}`;
  const agent = headers['user-agent'];
  return `${address ?? '?'} ${typeof agent === 'string' ? agent.slice(0, 200) : ''}`.trim();
}
