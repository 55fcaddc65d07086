// SiliconDust's discovery packets (libhdhomerun's hdhomerun_pkt.h): a big-endian u16 type and u16 payload
// length, the payload as tag-length-value items (a length over 127 takes two bytes), then the Ethernet
// CRC32 of all that, little-endian. Pure: bytes in, a request out; a reply's fields in, bytes out.
import { crc32 } from 'node:zlib';

export const DISCOVER_PORT = 65001;
const TYPE_DISCOVER_REQ = 0x0002;
const TYPE_DISCOVER_RPY = 0x0003;
const TAG = { deviceType: 0x01, deviceId: 0x02, tunerCount: 0x10, lineupUrl: 0x27, baseUrl: 0x2a, deviceAuth: 0x2b } as const;
export const DEVICE_TYPE_TUNER = 0x00000001;
const WILDCARD = 0xffffffff;

export interface DiscoverRequest {
  readonly deviceType: number;
  readonly deviceId: number;
}

export interface DiscoverReply {
  readonly deviceId: string;
  readonly tunerCount: number;
  readonly deviceAuth: string;
  readonly baseUrl: string;
  readonly lineupUrl: string;
}

/** A discover request, or undefined for anything else (a bad CRC, a reply, a truncated packet). */
export function parseDiscoverRequest(packet: Buffer): DiscoverRequest | undefined {
  if (packet.length < 8) return undefined;
  const length = packet.readUInt16BE(2);
  if (packet.readUInt16BE(0) !== TYPE_DISCOVER_REQ || packet.length < 4 + length + 4) return undefined;
  if (crc32(packet.subarray(0, 4 + length)) !== packet.readUInt32LE(4 + length)) return undefined;
  const request = { deviceType: WILDCARD, deviceId: WILDCARD };
  let at = 4;
  const end = 4 + length;
  while (at + 2 <= end) {
    const tag = packet[at] as number;
    let size = packet[at + 1] as number;
    at += 2;
    if (size & 0x80) {
      if (at >= end) return undefined;
      size = (size & 0x7f) | ((packet[at] as number) << 7);
      at += 1;
    }
    if (at + size > end) return undefined;
    if (size === 4 && tag === TAG.deviceType) request.deviceType = packet.readUInt32BE(at);
    if (size === 4 && tag === TAG.deviceId) request.deviceId = packet.readUInt32BE(at);
    at += size;
  }
  return request;
}

/** Whether a tuner of id `deviceId` answers `request` (type tuner or any; its id or any). */
export function discoverMatches(request: DiscoverRequest, deviceId: string): boolean {
  const typeOk = request.deviceType === WILDCARD || request.deviceType === DEVICE_TYPE_TUNER;
  return typeOk && (request.deviceId === WILDCARD || request.deviceId === Number.parseInt(deviceId, 16));
}

function tlv(tag: number, value: Buffer): Buffer {
  const size = value.length;
  const length = size <= 127 ? Buffer.from([size]) : Buffer.from([(size & 0x7f) | 0x80, size >> 7]);
  return Buffer.concat([Buffer.from([tag]), length, value]);
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

/** A framed packet of `type` around `payload`, its CRC appended. */
export function frame(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(type, 0);
  head.writeUInt16BE(payload.length, 2);
  const body = Buffer.concat([head, payload]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(body));
  return Buffer.concat([body, crc]);
}

export function discoverReplyPacket(reply: DiscoverReply): Buffer {
  return frame(TYPE_DISCOVER_RPY, Buffer.concat([
    tlv(TAG.deviceType, u32(DEVICE_TYPE_TUNER)),
    tlv(TAG.deviceId, u32(Number.parseInt(reply.deviceId, 16))),
    tlv(TAG.tunerCount, Buffer.from([Math.max(0, Math.min(255, reply.tunerCount))])),
    tlv(TAG.deviceAuth, Buffer.from(reply.deviceAuth, 'ascii')),
    tlv(TAG.baseUrl, Buffer.from(reply.baseUrl, 'ascii')),
    tlv(TAG.lineupUrl, Buffer.from(reply.lineupUrl, 'ascii')),
  ]));
}

/** A request as libhdhomerun sends it (for tests and tools). */
export function discoverRequestPacket(deviceType = DEVICE_TYPE_TUNER, deviceId = WILDCARD): Buffer {
  return frame(TYPE_DISCOVER_REQ, Buffer.concat([tlv(TAG.deviceType, u32(deviceType)), tlv(TAG.deviceId, u32(deviceId))]));
}
