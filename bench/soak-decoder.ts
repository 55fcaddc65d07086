// What a soak viewer got, decoded by a real ffmpeg (`-v warning … -f null -`): every warning line it prints
// is counted. A viewer's bytes end wherever it stops reading, mid-PES; the tail from the last PES start is
// held back and dropped at the end, so a cut the viewer made itself is not counted as a decode warning
// (ffmpeg's muxer writes each PES contiguously, so only the last one can be incomplete).
import { spawn } from 'node:child_process';
import { isPayloadStart, TS_PACKET_SIZE } from '../src/air/ts-packet.js';
import { soakChildren } from './soak-processes.js';

export interface DecodeFigures {
  readonly warnings: number;
  /** The first few warning lines, to read. */
  readonly samples: string[];
  readonly bytes: number;
}

/** The figures of several decoders of one viewer, summed. */
export const sumDecode = (all: readonly DecodeFigures[]): DecodeFigures => ({
  warnings: all.reduce((n, d) => n + d.warnings, 0),
  samples: all.flatMap((d) => d.samples).slice(0, 5),
  bytes: all.reduce((n, d) => n + d.bytes, 0),
});

export class Decoder {
  private readonly child = spawn('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'warning', '-i', '-', '-f', 'null', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
  private readonly done: Promise<DecodeFigures>;
  private bytes = 0;

  constructor() {
    soakChildren.add(this.child);
    let log = '';
    this.child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    this.child.stdin.on('error', () => {}); // ffmpeg gave up: its stderr says why, and is counted.
    this.done = new Promise((resolve) => {
      this.child.once('close', (code) => {
        soakChildren.delete(this.child);
        const lines = log.split('\n').filter((l) => l.trim() !== '');
        if (code !== 0 && this.bytes > 0) lines.push(`ffmpeg exited ${code}`);
        resolve({ warnings: lines.length, samples: lines.slice(0, 5), bytes: this.bytes });
      });
    });
  }

  write(bytes: Buffer): void {
    if (bytes.length === 0 || this.child.stdin.destroyed) return;
    this.bytes += bytes.length;
    this.child.stdin.write(bytes);
  }

  end(): Promise<DecodeFigures> {
    this.child.stdin.end();
    return this.done;
  }
}

/** Whole packets in, whole PES out: holds back everything from the last payload start until more arrives. */
export class PesAlignedFeed {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly decoder: Decoder) {}

  /** `packets` are whole 188-byte packets. */
  push(packets: Buffer): void {
    this.pending = this.pending.length === 0 ? packets : Buffer.concat([this.pending, packets]);
    let lastStart = -1;
    for (let at = this.pending.length - TS_PACKET_SIZE; at >= 0; at -= TS_PACKET_SIZE) {
      if (isPayloadStart(this.pending.subarray(at, at + TS_PACKET_SIZE))) {
        lastStart = at;
        break;
      }
    }
    if (lastStart <= 0) return;
    this.decoder.write(this.pending.subarray(0, lastStart));
    this.pending = this.pending.subarray(lastStart);
  }

  /** The incomplete tail is dropped: the viewer cut it, not the server. */
  end(): Promise<DecodeFigures> {
    return this.decoder.end();
  }
}

/** Splits arbitrary chunks into whole TS packets, resyncing on the sync byte. */
export class PacketAligner {
  private rest: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer {
    const all = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const whole = all.length - (all.length % TS_PACKET_SIZE);
    this.rest = all.subarray(whole);
    return all.subarray(0, whole);
  }
}
