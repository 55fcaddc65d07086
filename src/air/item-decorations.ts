// Which of a plan's FilterDirectives apply to a piece, and how they look from inside it: wall-clock
// windows become seconds from the piece's start, a crawl keeps its phase across cuts. Pure.
import type { Decoration } from '../media/ffmpeg-decorations.js';
import type { FilterDirective } from '../plugins/playout-plan.js';

/**
 * The decorations a piece airing over [startMs, endMs) carries; `anchorMs` is where a crawl without a
 * start of its own began scrolling (the stream's start).
 * @example
 * decorationsFor(directives, { startMs: piece.startMs, endMs: piece.endMs, anchorMs: timeline.anchorMs })
 */
export function decorationsFor(
  directives: readonly FilterDirective[],
  span: { readonly startMs: number; readonly endMs: number; readonly anchorMs: number },
): Decoration[] {
  const out: Decoration[] = [];
  for (const d of directives) {
    const from = d.fromMs ?? Number.NEGATIVE_INFINITY;
    const to = d.toMs ?? Number.POSITIVE_INFINITY;
    if (to <= span.startMs || from >= span.endMs || to <= from) continue;
    const window = {
      ...(from > span.startMs ? { fromSeconds: (from - span.startMs) / 1000 } : {}),
      ...(to < span.endMs ? { toSeconds: (to - span.startMs) / 1000 } : {}),
    };
    switch (d.kind) {
      case 'image-overlay':
        out.push({ kind: 'image', imagePath: d.imagePath, corner: d.corner, opacity: d.opacity, marginPx: d.marginPx, ...window });
        break;
      case 'lower-third':
        out.push({ kind: 'lower-third', text: d.text, ...window });
        break;
      case 'crawl': {
        const origin = d.fromMs ?? span.anchorMs;
        out.push({ kind: 'crawl', text: d.text, speedPxPerSecond: d.speedPxPerSecond, elapsedSeconds: (span.startMs - origin) / 1000, ...window });
        break;
      }
      case 'vhs':
        out.push({ kind: 'vhs', noise: d.noise, chromaShiftPx: d.chromaShiftPx, blur: d.blur, scanlines: d.scanlines, ...window });
        break;
    }
  }
  return out;
}

/** Whether replacing the directives changes how the rest of a span looks (the only case worth a re-cut). */
export function decorationsChange(
  before: readonly FilterDirective[],
  after: readonly FilterDirective[],
  span: { readonly startMs: number; readonly endMs: number; readonly anchorMs: number },
): boolean {
  return JSON.stringify(decorationsFor(before, span)) !== JSON.stringify(decorationsFor(after, span));
}
