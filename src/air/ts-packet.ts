// Reading and rewriting the few fields of a 188-byte MPEG-TS packet that splicing touches: PID, payload
// start, continuity counter, PCR, random access, and the PTS/DTS of a PES header. Works in place on a
// Buffer view of one packet. Timestamps are 33-bit 90 kHz values; PCR is in 27 MHz units (base·300 + ext).

export const TS_PACKET_SIZE = 188;
export const TS_SYNC_BYTE = 0x47;
/** Timestamps wrap at 2^33 ticks (26.5 hours at 90 kHz). */
export const PTS_WRAP = 2 ** 33;

export function pidOf(p: Buffer): number {
  return (((p[1] as number) & 0x1f) << 8) | (p[2] as number);
}

export function isPayloadStart(p: Buffer): boolean {
  return ((p[1] as number) & 0x40) !== 0;
}

/** 1 payload only, 2 adaptation field only, 3 both. */
function adaptationControl(p: Buffer): number {
  return ((p[3] as number) >> 4) & 0x3;
}

export function hasPayload(p: Buffer): boolean {
  return (adaptationControl(p) & 0x1) !== 0;
}

export function continuityCounter(p: Buffer): number {
  return (p[3] as number) & 0x0f;
}

export function setContinuityCounter(p: Buffer, cc: number): void {
  p[3] = ((p[3] as number) & 0xf0) | (cc & 0x0f);
}

/** Length of the adaptation field's body (0 when there is none). */
function adaptationLength(p: Buffer): number {
  return (adaptationControl(p) & 0x2) !== 0 ? (p[4] as number) : 0;
}

function adaptationFlags(p: Buffer): number {
  return adaptationLength(p) > 0 ? (p[5] as number) : 0;
}

export function isRandomAccess(p: Buffer): boolean {
  return (adaptationFlags(p) & 0x40) !== 0;
}

/** A spliced stream has no discontinuities: clear the flag if a piece's muxer set it. */
export function clearDiscontinuity(p: Buffer): void {
  if (adaptationLength(p) > 0) p[5] = (p[5] as number) & 0x7f;
}

export function hasDiscontinuity(p: Buffer): boolean {
  return (adaptationFlags(p) & 0x80) !== 0;
}

/** Sets the discontinuity indicator in place; false when the packet has no adaptation field flags byte to set it in. */
export function setDiscontinuity(p: Buffer): boolean {
  if (adaptationLength(p) === 0) return false;
  p[5] = (p[5] as number) | 0x80;
  return true;
}

/** An adaptation-field-only packet of `pid` with continuity counter `cc`, carrying just the discontinuity indicator. */
export function discontinuityPacket(pid: number, cc: number): Buffer {
  const p = Buffer.alloc(TS_PACKET_SIZE, 0xff);
  p[0] = TS_SYNC_BYTE;
  p[1] = (pid >> 8) & 0x1f;
  p[2] = pid & 0xff;
  p[3] = 0x20 | (cc & 0x0f);
  p[4] = TS_PACKET_SIZE - 5;
  p[5] = 0x80;
  return p;
}

export function readPcr(p: Buffer): number | undefined {
  if ((adaptationFlags(p) & 0x10) === 0 || adaptationLength(p) < 7) return undefined;
  const base = (p[6] as number) * 2 ** 25 + (p[7] as number) * 2 ** 17 + (p[8] as number) * 2 ** 9 + (p[9] as number) * 2 + ((p[10] as number) >> 7);
  const extension = (((p[10] as number) & 0x01) << 8) | (p[11] as number);
  return base * 300 + extension;
}

export function writePcr(p: Buffer, pcr: number): void {
  const wrapped = ((pcr % (PTS_WRAP * 300)) + PTS_WRAP * 300) % (PTS_WRAP * 300);
  const base = Math.floor(wrapped / 300);
  const extension = wrapped % 300;
  p[6] = Math.floor(base / 2 ** 25) & 0xff;
  p[7] = Math.floor(base / 2 ** 17) & 0xff;
  p[8] = Math.floor(base / 2 ** 9) & 0xff;
  p[9] = Math.floor(base / 2) & 0xff;
  p[10] = ((base % 2) << 7) | 0x7e | (extension >> 8);
  p[11] = extension & 0xff;
}

function payloadOffset(p: Buffer): number {
  return (adaptationControl(p) & 0x2) !== 0 ? 5 + (p[4] as number) : 4;
}

/** Bytes of payload this packet carries (0 when it has none, or an adaptation field that claims too much). */
export function payloadLength(p: Buffer): number {
  return hasPayload(p) ? Math.max(0, TS_PACKET_SIZE - payloadOffset(p)) : 0;
}

/**
 * The whole size (6-byte start included) of the PES starting in this packet when its header declares one
 * (PES_packet_length > 0, as ffmpeg writes audio), 0 for an unbounded PES (video), undefined when no PES starts here.
 */
export function declaredPesSize(p: Buffer): number | undefined {
  if (!isPayloadStart(p) || !hasPayload(p)) return undefined;
  const at = payloadOffset(p);
  if (at + 6 > TS_PACKET_SIZE || p[at] !== 0 || p[at + 1] !== 0 || p[at + 2] !== 1 || (p[at + 3] as number) < 0xbc) return undefined;
  const length = ((p[at + 4] as number) << 8) | (p[at + 5] as number);
  return length === 0 ? 0 : length + 6;
}

export interface PesTimestamps {
  readonly pts: number;
  /** Equal to pts when the header carries none. */
  readonly dts: number;
}

/** PTS/DTS of the PES that starts in this packet, or undefined when no PES header with a PTS starts here. */
export function readPesTimestamps(p: Buffer): PesTimestamps | undefined {
  const at = pesHeaderAt(p);
  if (at === undefined) return undefined;
  const flags = (p[at + 7] as number) >> 6;
  if ((flags & 0x2) === 0) return undefined;
  const pts = readTimestamp(p, at + 9);
  const dts = flags === 0x3 ? readTimestamp(p, at + 14) : pts;
  return { pts, dts };
}

/** Adds `delta` ticks (mod 2^33) to the PTS and DTS of the PES header starting in this packet. */
export function shiftPesTimestamps(p: Buffer, delta: number): void {
  const at = pesHeaderAt(p);
  if (at === undefined) return;
  const flags = (p[at + 7] as number) >> 6;
  if ((flags & 0x2) === 0) return;
  writeTimestamp(p, at + 9, readTimestamp(p, at + 9) + delta, flags === 0x3 ? 0x3 : 0x2);
  if (flags === 0x3) writeTimestamp(p, at + 14, readTimestamp(p, at + 14) + delta, 0x1);
}

function pesHeaderAt(p: Buffer): number | undefined {
  if (!isPayloadStart(p) || !hasPayload(p)) return undefined;
  const at = payloadOffset(p);
  // A PES header with both timestamps is 19 bytes; it must lie within this packet (it always does for ffmpeg).
  if (at + 19 > TS_PACKET_SIZE || p[at] !== 0 || p[at + 1] !== 0 || p[at + 2] !== 1) return undefined;
  return at;
}

function readTimestamp(p: Buffer, at: number): number {
  const b = (i: number) => p[at + i] as number;
  return ((b(0) >> 1) & 0x07) * 2 ** 30 + b(1) * 2 ** 22 + ((b(2) >> 1) & 0x7f) * 2 ** 15 + b(3) * 2 ** 7 + ((b(4) >> 1) & 0x7f);
}

function writeTimestamp(p: Buffer, at: number, value: number, prefix: number): void {
  const v = ((value % PTS_WRAP) + PTS_WRAP) % PTS_WRAP;
  p[at] = (prefix << 4) | ((Math.floor(v / 2 ** 30) & 0x07) << 1) | 0x01;
  p[at + 1] = Math.floor(v / 2 ** 22) & 0xff;
  p[at + 2] = ((Math.floor(v / 2 ** 15) & 0x7f) << 1) | 0x01;
  p[at + 3] = Math.floor(v / 2 ** 7) & 0xff;
  p[at + 4] = ((v & 0x7f) << 1) | 0x01;
}

/** The 33-bit value nearest `reference` among `value + k·2^33`: undoes a wrap relative to a known point. */
export function unwrapNear(value: number, reference: number): number {
  const k = Math.round((reference - value) / PTS_WRAP);
  return value + k * PTS_WRAP;
}
