// SiliconDust UDP discovery (opt-in, --hdhomerun-discovery): answers discover requests on port 65001 of the
// serve address with the tuner's id, tuner count, DeviceAuth, BaseURL and LineupURL, as a real tuner does,
// so clients that auto-discover (libhdhomerun, HDHomeRun apps, Plex, Jellyfin's scan) find RetroVue.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Logger } from '../../core/logger.js';
import { RetroVueError } from '../../core/errors.js';
import type { TunerDevice } from './device-identity.js';
import { DISCOVER_PORT, discoverMatches, discoverReplyPacket, parseDiscoverRequest } from './discover-packet.js';

export interface DiscoveryOptions {
  /** The serve --host address: the socket binds there. */
  readonly host: string;
  readonly port?: number;
  /** The HTTP port clients are told (known once the server listens). */
  readonly httpPort: () => number;
  readonly device: () => Promise<TunerDevice>;
  readonly tunerCount: () => Promise<number>;
  readonly log: Logger;
}

const anyAddress = new Set(['0.0.0.0', '::', '']);

/** The address a requester reaches us at: the bound one, else the local address on the requester's subnet. */
export function replyAddress(host: string, requester: string): string {
  if (!anyAddress.has(host)) return host;
  if (requester.startsWith('127.')) return '127.0.0.1';
  const toInt = (ip: string) => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const local = Object.values(networkInterfaces()).flatMap((list) => list ?? []).filter((a) => a.family === 'IPv4' && !a.internal);
  const sameSubnet = local.find((a) => (toInt(a.address) & toInt(a.netmask)) >>> 0 === (toInt(requester) & toInt(a.netmask)) >>> 0);
  return (sameSubnet ?? local[0])?.address ?? '127.0.0.1';
}

export class DiscoveryResponder {
  private constructor(private readonly socket: Socket, private readonly options: DiscoveryOptions) {
    socket.on('message', (packet, from) => {
      this.answer(packet, from).catch((error: unknown) => options.log.warn({ err: error, from: from.address }, 'HDHomeRun discovery: no answer sent'));
    });
  }

  /** Binds UDP `port` (65001) on `host`; an address in use or not allowed is a one-line error. */
  static async start(options: DiscoveryOptions): Promise<DiscoveryResponder> {
    const port = options.port ?? DISCOVER_PORT;
    const socket = createSocket({ type: isIPv6(options.host) ? 'udp6' : 'udp4', reuseAddr: false });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(port, options.host, () => {
          socket.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      socket.close();
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'is already in use (another HDHomeRun emulator?)' : `cannot be bound (${code ?? String(error)})`;
      throw new RetroVueError('invalid_input', `UDP ${options.host}:${port} ${why}; stop it or drop --hdhomerun-discovery`, { cause: error });
    }
    socket.on('error', (error) => options.log.warn({ err: error }, 'HDHomeRun discovery socket error'));
    return new DiscoveryResponder(socket, options);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private async answer(packet: Buffer, from: RemoteInfo): Promise<void> {
    const request = parseDiscoverRequest(packet);
    if (request === undefined) return;
    const device = await this.options.device();
    if (!discoverMatches(request, device.deviceId)) return;
    const address = replyAddress(this.options.host, from.address);
    const baseUrl = `http://${isIPv6(address) ? `[${address}]` : address}:${this.options.httpPort()}`;
    const reply = discoverReplyPacket({ deviceId: device.deviceId, tunerCount: await this.options.tunerCount(), deviceAuth: device.deviceAuth, baseUrl, lineupUrl: `${baseUrl}/lineup.json` });
    this.socket.send(reply, from.port, from.address);
  }
}
