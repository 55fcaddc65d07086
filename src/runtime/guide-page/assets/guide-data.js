// What the guide shows, from /guide.json and the time: pure functions, no DOM.

const MINUTE = 60_000;

/** The programme on air at `nowMs` and the one after it (either may be null). */
export function nowNext(programmes, nowMs) {
  const index = programmes.findIndex((p) => p.start_ms <= nowMs && nowMs < p.stop_ms);
  if (index >= 0) return { now: programmes[index], next: programmes[index + 1] ?? null };
  return { now: null, next: programmes.find((p) => p.start_ms > nowMs) ?? null };
}

/** How far through a programme `nowMs` is, from 0 to 1. */
export function progressOf(programme, nowMs) {
  const span = programme.stop_ms - programme.start_ms;
  return span <= 0 ? 1 : Math.min(1, Math.max(0, (nowMs - programme.start_ms) / span));
}

/**
 * Pixels per minute: the median programme of the window gets ~150 px, room for its title (a 30-minute
 * show 5 px a minute), capped at 140 so a guide of one-minute items (the demo's) still scrolls by the hour.
 */
export function pixelsPerMinute(channels) {
  const minutes = channels.flatMap((c) => c.programmes.map((p) => (p.stop_ms - p.start_ms) / MINUTE)).filter((m) => m > 0).sort((a, b) => a - b);
  if (minutes.length === 0) return 5;
  const median = minutes[Math.floor(minutes.length / 2)];
  return Math.min(140, Math.max(5, 150 / median));
}

/** Minutes between the ruler's labels: the smallest step that leaves ~100 px between them. */
export function tickMinutes(pxPerMinute) {
  return [1, 2, 5, 10, 15, 30, 60].find((m) => m * pxPerMinute >= 100) ?? 60;
}

/** `ms` rounded down to a multiple of `stepMinutes` on the viewer's wall clock. */
export function floorToStep(ms, stepMinutes) {
  const step = stepMinutes * MINUTE;
  const offset = -new Date(ms).getTimezoneOffset() * MINUTE;
  return Math.floor((ms + offset) / step) * step - offset;
}

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });

export function timeText(ms) {
  return clockFormat.format(ms);
}

export function dateText(ms) {
  return dateFormat.format(ms);
}

/** `8 min left`, `1 h 5 min left`. */
export function remainingText(programme, nowMs) {
  const minutes = Math.max(0, Math.ceil((programme.stop_ms - nowMs) / MINUTE));
  return minutes < 60 ? `${minutes} min left` : `${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** `S01E05 · The Subtitle`, or '' when the programme has neither. */
export function episodeText(programme) {
  return [programme.episode_onscreen, programme.subtitle].filter((t) => t).join(' · ');
}

/** The channel's HLS address on this server. */
export function hlsUrl(channelId) {
  return `/channel/${encodeURIComponent(channelId)}.m3u8`;
}
