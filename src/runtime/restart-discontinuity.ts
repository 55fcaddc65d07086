// Marks a restarted engine's stream for viewers who continue across the restart: their player has the old
// stream's clock and continuity counters, and the new stream starts over (PCR, PTS, counters). From the new
// stream's first PAT on, the first packet of every PID carries the adaptation field's discontinuity
// indicator (ISO 13818-1 2.4.3.5), so the demuxer takes the new PCR as a new time base and the counter
// break as expected instead of as loss. A packet with an adaptation field gets the flag in place (the PCR
// packet of a key frame has one); one without is preceded by an adaptation-field-only packet of its PID.
// Packets are copied before any change: the engine's chunk is shared with the HLS segmenter.
import { TS_PACKET_SIZE, continuityCounter, discontinuityPacket, hasPayload, isPayloadStart, pidOf, setDiscontinuity } from '../air/ts-packet.js';

const PAT_PID = 0;
const NULL_PID = 0x1fff;

export class RestartDiscontinuity {
  /** PIDs already marked in the current stream; undefined while no restart is being marked. */
  private marked: Set<number> | undefined;
  private sawPat = false;

  /** A new stream follows one a viewer watched: mark it. */
  arm(): void {
    this.marked = new Set();
    this.sawPat = false;
  }

  /** A new stream no viewer continues into (the first start, or a start with nobody watching): leave it as is. */
  disarm(): void {
    this.marked = undefined;
  }

  /** The stream as viewers get it: `packets` (whole, aligned) with the marks, or `packets` itself when none are due. */
  mark(packets: Buffer): Buffer {
    const marked = this.marked;
    if (marked === undefined) return packets;
    const out: Buffer[] = [];
    let from = 0;
    for (let at = 0; at + TS_PACKET_SIZE <= packets.length; at += TS_PACKET_SIZE) {
      const packet = packets.subarray(at, at + TS_PACKET_SIZE);
      const pid = pidOf(packet);
      if (!this.sawPat) this.sawPat = pid === PAT_PID && isPayloadStart(packet);
      if (!this.sawPat || pid === NULL_PID || marked.has(pid)) continue;
      marked.add(pid);
      out.push(packets.subarray(from, at), ...flagged(packet));
      from = at + TS_PACKET_SIZE;
    }
    if (out.length === 0) return packets;
    out.push(packets.subarray(from));
    return Buffer.concat(out);
  }
}

/** `packet` carrying the discontinuity indicator: itself flagged (a copy), or after an adaptation-field-only packet. */
function flagged(packet: Buffer): Buffer[] {
  const copy = Buffer.from(packet);
  if (setDiscontinuity(copy)) return [copy];
  // A no-payload packet does not advance the counter: the marker takes the counter before this packet's.
  const cc = continuityCounter(packet);
  return [discontinuityPacket(pidOf(packet), hasPayload(packet) ? cc + 15 : cc), packet];
}
