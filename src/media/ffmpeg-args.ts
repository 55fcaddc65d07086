// Command-line pieces shared by every ffmpeg that feeds a channel: how inputs are named, how H.264 and AAC
// are encoded for the StreamFormat, and the MPEG-TS layout (fixed PIDs) that lets pieces be spliced. Pure.
import { resolve } from 'node:path';
import { gopFrames, parseFrameRate, seconds, type StreamFormat } from './ffmpeg-format.js';

/** The fixed MPEG-TS layout of every piece and rendition: identical PAT/PMT, so pieces splice. */
export const TS_LAYOUT = { pmtPid: 0x1000, videoPid: 0x100, audioPid: 0x101 } as const;

/** Quiet, never reading the terminal, errors only (their last line becomes a substitution's reason). */
export const COMMON_ARGS: readonly string[] = ['-hide_banner', '-nostdin', '-loglevel', 'error'];

/**
 * A local file as an ffmpeg input URL. `file:` keeps a name such as `pipe:1` or `concat:a|b` a file name;
 * the path is made absolute so `file:` never meets a relative name.
 */
export function fileUrl(path: string): string {
  return `file:${resolve(path)}`;
}

/** Input seeking (before -i): a keyframe seek plus decode-and-drop to the exact point, never a full decode. */
export function fileInputArgs(path: string, seekMs: number): string[] {
  return [...(seekMs > 0 ? ['-ss', seconds(seekMs)] : []), '-i', fileUrl(path)];
}

/** A still image read once (overlay repeats it): no `%d` pattern matching in its name. */
export function imageInputArgs(path: string): string[] {
  return ['-f', 'image2', '-pattern_type', 'none', '-i', fileUrl(path)];
}

export function lavfiInputArgs(graph: string): string[] {
  return ['-f', 'lavfi', '-i', graph];
}

export interface EncodeOptions {
  /** x264 preset: live pieces use ultrafast; renditions, made once, can afford more. */
  readonly preset: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium';
  /** No encoder lookahead: the first packet leaves as soon as the first frame is encoded. */
  readonly zeroLatency: boolean;
}

/**
 * H.264 with a fixed closed GOP of one second and no B-frames (so every piece starts on a key frame,
 * presentation order is decode order, and a rendition cut on any GOP boundary is a valid start), plus AAC.
 */
export function encodeArgs(format: StreamFormat, options: EncodeOptions): string[] {
  const gop = String(gopFrames(parseFrameRate(format.frameRate)));
  const kbps = Math.max(100, Math.round(format.videoBitrateKbps));
  return [
    '-c:v', 'libx264', '-preset', options.preset, ...(options.zeroLatency ? ['-tune', 'zerolatency'] : []),
    '-pix_fmt', 'yuv420p', '-bf', '0', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-flags', '+cgop',
    '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`,
    // The fast coder halves the AAC encoder's cost, which otherwise rivals x264 ultrafast's.
    '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', `${Math.max(32, Math.round(format.audioBitrateKbps))}k`,
    '-ar', String(format.audioSampleRate), '-ac', String(format.audioChannels),
  ];
}

/**
 * MPEG-TS with TS_LAYOUT's PIDs, no mux delay (timestamps start where the media starts), one AAC frame per
 * PES (so the last PES's PTS plus one frame is where the audio ends) and a flush after every packet.
 */
export function mpegtsOutputArgs(target: string): string[] {
  return [
    '-f', 'mpegts', '-mpegts_pmt_start_pid', String(TS_LAYOUT.pmtPid),
    '-streamid', `0:${TS_LAYOUT.videoPid}`, '-streamid', `1:${TS_LAYOUT.audioPid}`,
    '-muxdelay', '0', '-muxpreload', '0', '-pes_payload_size', '0', '-flush_packets', '1',
    '-metadata', 'service_provider=RetroVue', '-metadata', 'service_name=RetroVue',
    target,
  ];
}
