// A minimal PGS (.sup, Blu-ray hdmv_pgs_subtitle) writer: one opaque rectangle shown from one instant to
// another. ffmpeg cannot turn text into bitmap subtitles, so tests write PGS by hand and let ffmpeg convert
// it to VobSub and DVB. Segments: PCS (composition), WDS (window), PDS (palette), ODS (RLE object), END.

const enum Segment { PDS = 0x14, ODS = 0x15, PCS = 0x16, WDS = 0x17, END = 0x80 }

export interface PgsCue {
  readonly startMs: number;
  readonly endMs: number;
  /** Where the rectangle sits on the canvas, in its pixels (width 8..16383). */
  readonly box: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
}

/** A .sup stream for a `width`×`height` video showing each cue as a white rectangle. */
export function pgsStream(width: number, height: number, cues: readonly PgsCue[]): Buffer {
  const parts: Buffer[] = [];
  cues.forEach((cue, n) => {
    const pts = cue.startMs * 90;
    parts.push(segment(pts, Segment.PCS, composition(width, height, 2 * n, 0x80, cue.box)));
    parts.push(segment(pts, Segment.WDS, windows(cue.box)));
    parts.push(segment(pts, Segment.PDS, Buffer.from([0, 0, 1, 235, 128, 128, 255]))); // entry 1: white, opaque
    parts.push(segment(pts, Segment.ODS, object(cue.box.w, cue.box.h)));
    parts.push(segment(pts, Segment.END, Buffer.alloc(0)));
    const clear = cue.endMs * 90; // a composition with no object clears the screen
    parts.push(segment(clear, Segment.PCS, composition(width, height, 2 * n + 1, 0x00, undefined)));
    parts.push(segment(clear, Segment.WDS, windows(cue.box)));
    parts.push(segment(clear, Segment.END, Buffer.alloc(0)));
  });
  return Buffer.concat(parts);
}

function segment(pts: number, type: Segment, data: Buffer): Buffer {
  const head = Buffer.alloc(13);
  head.write('PG', 0, 'latin1');
  head.writeUInt32BE(pts, 2);
  head.writeUInt32BE(0, 6); // DTS
  head.writeUInt8(type, 10);
  head.writeUInt16BE(data.length, 11);
  return Buffer.concat([head, data]);
}

function composition(width: number, height: number, number: number, state: number, box: PgsCue['box'] | undefined): Buffer {
  const b = Buffer.alloc(11 + (box ? 8 : 0));
  b.writeUInt16BE(width, 0);
  b.writeUInt16BE(height, 2);
  b.writeUInt8(0x10, 4); // frame rate (unused by decoders)
  b.writeUInt16BE(number, 5);
  b.writeUInt8(state, 7); // 0x80: epoch start
  b.writeUInt8(0, 8); // palette update: no
  b.writeUInt8(0, 9); // palette id
  b.writeUInt8(box ? 1 : 0, 10);
  if (box) {
    b.writeUInt16BE(0, 11); // object id
    b.writeUInt8(0, 13); // window id
    b.writeUInt8(0, 14); // not cropped
    b.writeUInt16BE(box.x, 15);
    b.writeUInt16BE(box.y, 17);
  }
  return b;
}

function windows(box: PgsCue['box']): Buffer {
  const b = Buffer.alloc(10);
  b.writeUInt8(1, 0);
  b.writeUInt8(0, 1);
  b.writeUInt16BE(box.x, 2);
  b.writeUInt16BE(box.y, 4);
  b.writeUInt16BE(box.w, 6);
  b.writeUInt16BE(box.h, 8);
  return b;
}

/** A `w`×`h` object all of palette entry 1, run-length coded one run per line. */
function object(w: number, h: number): Buffer {
  const run = w < 64 ? Buffer.from([0, 0x80 | w, 1]) : Buffer.from([0, 0xc0 | (w >> 8), w & 0xff, 1]);
  const rle = Buffer.concat(Array.from({ length: h }, () => Buffer.concat([run, Buffer.from([0, 0])])));
  const b = Buffer.alloc(11);
  b.writeUInt16BE(0, 0); // object id
  b.writeUInt8(0, 2); // version
  b.writeUInt8(0xc0, 3); // first and last fragment
  b.writeUIntBE(rle.length + 4, 4, 3); // data length, counting width and height
  b.writeUInt16BE(w, 7);
  b.writeUInt16BE(h, 9);
  return Buffer.concat([b, rle]);
}
