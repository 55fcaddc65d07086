// Decorations drawn over a normalised picture: a logo bug in a corner, a lower-third caption, a scrolling
// crawl, a worn-VHS look. Each is switched on only inside its time window (seconds from the start of the
// piece being encoded) with ffmpeg's timeline `enable` option, so a window may open or close mid-piece.
// Pure: takes typed decorations, returns filter chains and the extra inputs they read.
import { chain, filter, type Filter, type FilterChain } from './ffmpeg-filtergraph.js';
import type { StreamFormat } from './ffmpeg-format.js';

/** Seconds from the start of the piece; absent bounds mean "from the start" / "to the end". */
export interface TimeWindow {
  readonly fromSeconds?: number;
  readonly toSeconds?: number;
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

export type Decoration =
  | ({ readonly kind: 'image'; readonly imagePath: string; readonly corner: Corner; readonly opacity: number; readonly marginPx: number } & TimeWindow)
  | ({ readonly kind: 'lower-third'; readonly text: string } & TimeWindow)
  /** `elapsedSeconds`: how long the crawl has already run when the piece starts, so it scrolls on across cuts. */
  | ({ readonly kind: 'crawl'; readonly text: string; readonly speedPxPerSecond: number; readonly elapsedSeconds: number } & TimeWindow)
  | ({ readonly kind: 'vhs'; readonly noise: number; readonly chromaShiftPx: number; readonly blur: number; readonly scanlines: boolean } & TimeWindow);

export interface DecoratedVideo {
  readonly chains: readonly FilterChain[];
  /** Label of the decorated picture. */
  readonly output: string;
  /** Files to add as inputs, in order, starting at the input index given to decorateVideo. */
  readonly imageInputs: readonly string[];
}

/**
 * @example
 * decorateVideo('v0', [{ kind: 'lower-third', text: 'Up next: News', fromSeconds: 10 }], format, 1)
 * // → chains reading [v0], writing [vdec], no extra inputs
 */
export function decorateVideo(input: string, decorations: readonly Decoration[], format: StreamFormat, firstInputIndex: number): DecoratedVideo {
  const chains: FilterChain[] = [];
  const imageInputs: string[] = [];
  let label = input;
  // The look first (it ages the picture), then what the station draws over it.
  const ordered = [...decorations].sort((a, b) => (a.kind === 'vhs' ? 0 : 1) - (b.kind === 'vhs' ? 0 : 1));
  ordered.forEach((decoration, i) => {
    const out = `dec${i}`;
    switch (decoration.kind) {
      case 'image': {
        const image = `img${i}`;
        chains.push(chain([`${firstInputIndex + imageInputs.length}:v`], imageFilters(decoration, format), [image]));
        chains.push(chain([label, image], [overlayAt(decoration)], [out]));
        imageInputs.push(decoration.imagePath);
        break;
      }
      case 'lower-third':
        chains.push(chain([label], lowerThird(decoration, format), [out]));
        break;
      case 'crawl':
        chains.push(chain([label], crawl(decoration, format), [out]));
        break;
      case 'vhs':
        chains.push(chain([label], vhs(decoration), [out]));
        break;
    }
    label = out;
  });
  return { chains, output: label, imageInputs };
}

/** ffmpeg's timeline expression for a window, or undefined for "always". */
export function enableExpression(window: TimeWindow): string | undefined {
  const from = window.fromSeconds;
  const to = window.toSeconds;
  if (from === undefined && to === undefined) return undefined;
  if (to === undefined) return `gte(t,${fixed(from ?? 0)})`;
  return `between(t,${fixed(from ?? 0)},${fixed(to)})`;
}

// A logo at most a quarter of the frame wide: an operator's full-size PNG must not cover the picture.
function imageFilters(d: { readonly opacity: number }, format: StreamFormat): Filter[] {
  const maxWidth = Math.max(2, Math.floor(format.width / 4));
  return [
    filter('format', { pix_fmts: 'rgba' }),
    filter('scale', { w: `min(iw,${maxWidth})`, h: -1 }),
    filter('colorchannelmixer', { aa: clamp(d.opacity, 0, 1) }),
  ];
}

function overlayAt(d: Extract<Decoration, { kind: 'image' }>): Filter {
  const m = Math.max(0, Math.round(d.marginPx));
  const x = d.corner.endsWith('left') ? String(m) : `main_w-overlay_w-${m}`;
  const y = d.corner.startsWith('top') ? String(m) : `main_h-overlay_h-${m}`;
  // eof_action=repeat keeps the single decoded image on screen for the whole piece.
  return filter('overlay', { x, y, eof_action: 'repeat', format: 'auto', enable: enableExpression(d) });
}

function lowerThird(d: Extract<Decoration, { kind: 'lower-third' }>, format: StreamFormat): Filter[] {
  const bandHeight = Math.round(format.height * 0.12);
  const bandTop = Math.round(format.height * 0.74);
  const enable = enableExpression(d);
  return [
    filter('drawbox', { x: 0, y: bandTop, w: 'iw', h: bandHeight, color: 'black@0.65', t: 'fill', enable }),
    filter('drawtext', {
      text: printable(d.text), expansion: 'none', fontcolor: 'white', fontsize: Math.round(bandHeight * 0.55),
      x: Math.round(format.width * 0.05), y: `${bandTop}+(${bandHeight}-th)/2`, enable,
    }),
  ];
}

function crawl(d: Extract<Decoration, { kind: 'crawl' }>, format: StreamFormat): Filter[] {
  const bandHeight = Math.round(format.height * 0.09);
  const bandTop = format.height - bandHeight;
  const speed = clamp(d.speedPxPerSecond, 1, 10_000);
  const enable = enableExpression(d);
  // x runs from the right edge to past the left one, then starts over; `elapsed` keeps the phase across pieces.
  const x = `w-mod((t+${fixed(d.elapsedSeconds)})*${fixed(speed)},w+tw)`;
  return [
    filter('drawbox', { x: 0, y: bandTop, w: 'iw', h: bandHeight, color: 'darkred@0.85', t: 'fill', enable }),
    filter('drawtext', {
      text: printable(d.text), expansion: 'none', fontcolor: 'white', fontsize: Math.round(bandHeight * 0.6),
      x, y: `${bandTop}+(${bandHeight}-th)/2`, enable,
    }),
  ];
}

function vhs(d: Extract<Decoration, { kind: 'vhs' }>): Filter[] {
  const enable = enableExpression(d);
  const filters: Filter[] = [];
  const shift = Math.round(clamp(d.chromaShiftPx, 0, 64));
  if (shift > 0) filters.push(filter('chromashift', { cbh: shift, crh: -shift, enable }));
  const blur = clamp(d.blur, 0, 20);
  if (blur > 0) filters.push(filter('gblur', { sigma: blur, enable }));
  const noise = Math.round(clamp(d.noise, 0, 100));
  if (noise > 0) filters.push(filter('noise', { alls: noise, allf: 't', enable }));
  if (d.scanlines) filters.push(filter('drawgrid', { w: 'iw', h: 2, t: 1, color: 'black@0.35', enable }));
  if (filters.length === 0) filters.push(filter('null'));
  return filters;
}

// drawtext draws control characters as boxes; a text line is one line on screen.
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || ' ';
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? value : min));
}

function fixed(value: number): string {
  return String(Number(value.toFixed(3)));
}
