// The identity an HDHomeRun tuner shows its clients: a DeviceID libhdhomerun accepts (its last hex digit is
// the check digit of hdhomerun_discover_validate_device_id), a DeviceAuth and a UPnP UDN. Pure.
import { randomBytes, randomUUID } from 'node:crypto';

export interface TunerDevice {
  /** Eight upper-case hex digits, e.g. `1A2B3C4D`. */
  readonly deviceId: string;
  readonly deviceAuth: string;
  /** `uuid:…`, device.xml's UDN. */
  readonly udn: string;
}

/** libhdhomerun's lookup table for the odd digits of a device id (hdhomerun_discover.c). */
const lookup = [0xa, 0x5, 0xf, 0x6, 0x7, 0xc, 0x1, 0xb, 0x9, 0x2, 0x8, 0xd, 0x4, 0x3, 0xe, 0x0] as const;

/** Prefixes libhdhomerun treats as legacy (no HTTP API): never ours. */
const legacyPrefixes = new Set([0x100, 0x101, 0x102, 0x103, 0x111, 0x120, 0x121, 0x122]);

function nibble(id: number, index: number): number {
  return (id >>> (28 - 4 * index)) & 0xf;
}

/** The digits xor'd as libhdhomerun does, the last one included: 0 for a valid id. */
function checksum(id: number): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum ^= i % 2 === 0 ? (lookup[nibble(id, i)] as number) : nibble(id, i);
  return sum;
}

/** Whether libhdhomerun would accept `deviceId` (eight hex digits). */
export function validDeviceId(deviceId: string): boolean {
  return /^[0-9A-Fa-f]{8}$/.test(deviceId) && checksum(Number.parseInt(deviceId, 16)) === 0;
}

/**
 * A device id from 28 bits (the first seven hex digits) with its check digit appended.
 * @example deviceIdFrom(0x1234567) // '12345674'
 */
export function deviceIdFrom(bits28: number): string {
  const head = (bits28 & 0x0fffffff) * 16;
  return (head + checksum(head)).toString(16).toUpperCase().padStart(8, '0');
}

/** A new random identity: a device id starting with 1 like SiliconDust's (never a legacy prefix). */
export function newTunerDevice(): TunerDevice {
  let deviceId: string;
  do deviceId = deviceIdFrom(0x1000000 | (randomBytes(4).readUInt32BE(0) & 0x0ffffff));
  while (legacyPrefixes.has(Number.parseInt(deviceId.slice(0, 3), 16)));
  return { deviceId, deviceAuth: randomBytes(18).toString('base64url'), udn: `uuid:${randomUUID()}` };
}
