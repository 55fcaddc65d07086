// Holds back the packets of a PES whose header declares its length (ffmpeg writes audio so) until its last
// byte has arrived, so what the fan-out passes on never ends inside one. An engine killed mid-PES then cuts
// nothing short that viewers and the HLS segmenter already have: the unfinished PES is dropped with the
// run, and a demuxer reading across the restart finds no "PES packet size mismatch" and no corrupt packet.
// Order is kept: the hold is the tail of the stream from the first unfinished PES on, which ffmpeg writes
// in one run of packets, so it is a few packets long and released as soon as that PES ends.
import { TS_PACKET_SIZE, declaredPesSize, hasPayload, payloadLength, pidOf } from '../air/ts-packet.js';

/** A hold past this is no ffmpeg stream's: let it all through rather than buffer without end. */
export const MAX_HELD_BYTES = 1024 * 1024;

interface OpenPes {
  /** Bytes of it not yet seen. */
  remaining: number;
  /** Index, in packets since the start of the run, of the packet it starts in. */
  startsAt: number;
}

export class WholePesHold {
  private held: Buffer = Buffer.alloc(0);
  /** Index of the held tail's first packet. */
  private heldFrom = 0;
  private readonly open = new Map<number, OpenPes>();

  /** Takes whole packets; returns those that may go on now (possibly none), in order. */
  push(packets: Buffer): Buffer {
    const first = this.heldFrom + this.held.length / TS_PACKET_SIZE;
    for (let at = 0; at + TS_PACKET_SIZE <= packets.length; at += TS_PACKET_SIZE) this.track(packets.subarray(at, at + TS_PACKET_SIZE), first + at / TS_PACKET_SIZE);
    const all = this.held.length > 0 ? Buffer.concat([this.held, packets]) : packets;
    let keepFrom = Math.min(...[...this.open.values()].map((pes) => pes.startsAt));
    if (all.length - (keepFrom - this.heldFrom) * TS_PACKET_SIZE > MAX_HELD_BYTES) {
      this.open.clear();
      keepFrom = Infinity;
    }
    const cut = Number.isFinite(keepFrom) ? (keepFrom - this.heldFrom) * TS_PACKET_SIZE : all.length;
    this.held = Buffer.from(all.subarray(cut));
    this.heldFrom = this.heldFrom + cut / TS_PACKET_SIZE;
    return all.subarray(0, cut);
  }

  /** The run ended (the engine stopped or was killed): what is held never goes out. */
  clear(): void {
    this.held = Buffer.alloc(0);
    this.heldFrom = 0;
    this.open.clear();
  }

  private track(packet: Buffer, index: number): void {
    const pid = pidOf(packet);
    const size = declaredPesSize(packet);
    if (size !== undefined) {
      // A PES starting where one was unfinished: the stream itself cut that one short; it is not ours to hold.
      this.open.delete(pid);
      const remaining = size - payloadLength(packet);
      if (size > 0 && remaining > 0) this.open.set(pid, { remaining, startsAt: index });
      return;
    }
    const pes = this.open.get(pid);
    if (pes === undefined || !hasPayload(packet)) return;
    pes.remaining -= payloadLength(packet);
    if (pes.remaining <= 0) this.open.delete(pid);
  }
}
