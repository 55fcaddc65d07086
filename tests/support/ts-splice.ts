// Reading a captured MPEG-TS where an engine restart spliced a new stream onto an old one (serve B-80):
// where the new stream starts, which PIDs it starts without the discontinuity indicator, and the
// continuity-counter breaks a demuxer counts (libavformat/mpegts.c: a payload packet expects last + 1, a
// no-payload packet the last again; a packet with the discontinuity indicator, or a PID's first, is fine).
import { TS_PACKET_SIZE, continuityCounter, hasDiscontinuity, hasPayload, isPayloadStart, pidOf, readPesTimestamps } from '../../src/air/ts-packet.js';

const NULL_PID = 0x1fff;

function packetsOf(bytes: Buffer): Buffer[] {
  const packets: Buffer[] = [];
  for (let at = 0; at + TS_PACKET_SIZE <= bytes.length; at += TS_PACKET_SIZE) packets.push(bytes.subarray(at, at + TS_PACKET_SIZE));
  return packets;
}

/**
 * Index of the new stream's first packet: the last PAT before the first PES whose PTS goes back on its PID
 * (the new stream's clock starts over; PAT and PMT come before its first PES), with a no-payload PAT-PID
 * packet just before that PAT; undefined without a splice.
 */
export function spliceIndex(bytes: Buffer): number | undefined {
  const packets = packetsOf(bytes);
  const lastPts = new Map<number, number>();
  const back = packets.findIndex((p) => {
    const pts = readPesTimestamps(p)?.pts;
    if (pts === undefined) return false;
    const last = lastPts.get(pidOf(p));
    lastPts.set(pidOf(p), pts);
    return last !== undefined && pts < last;
  });
  let at = back;
  while (at > 0 && !(pidOf(packets[at] as Buffer) === 0 && isPayloadStart(packets[at] as Buffer))) at--;
  if (at <= 0) return undefined;
  const before = packets[at - 1];
  return before !== undefined && pidOf(before) === 0 && !hasPayload(before) ? at - 1 : at;
}

/** PIDs of the stream from packet `from` on whose first packet there lacks the discontinuity indicator. */
export function unmarkedPids(bytes: Buffer, from: number): number[] {
  const seen = new Set<number>();
  const unmarked: number[] = [];
  for (const p of packetsOf(bytes).slice(from)) {
    const pid = pidOf(p);
    if (pid === NULL_PID || seen.has(pid)) continue;
    seen.add(pid);
    if (!hasDiscontinuity(p)) unmarked.push(pid);
  }
  return unmarked;
}

/** Continuity-counter breaks as libavformat's mpegts demuxer finds them, one line each. */
export function continuityBreaks(bytes: Buffer): string[] {
  const lastCc = new Map<number, number>();
  const breaks: string[] = [];
  packetsOf(bytes).forEach((p, index) => {
    const pid = pidOf(p);
    const cc = continuityCounter(p);
    const last = lastCc.get(pid);
    const expected = last === undefined ? cc : hasPayload(p) ? (last + 1) & 0x0f : last;
    if (pid !== NULL_PID && !hasDiscontinuity(p) && cc !== expected) breaks.push(`packet ${index} pid ${pid}: expected ${expected}, got ${cc}`);
    lastCc.set(pid, cc);
  });
  return breaks;
}
