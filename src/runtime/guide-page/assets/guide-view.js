// The guide's DOM: a row per channel (its button, what is on now and next, its programmes on a time
// grid) under a ruler, and the "now" line. Operator text only ever goes in through textContent and
// attribute values, never as markup.
import { dateText, episodeText, floorToStep, nowNext, pixelsPerMinute, progressOf, remainingText, tickMinutes, timeText } from './guide-data.js';

const MINUTE = 60_000;

/** An element with a class, text and attributes; children appended in order. */
function el(tag, { className, text, attrs } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** A stable hue per channel, so placeholders tell channels apart. */
function hueOf(id) {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.codePointAt(0)) % 360;
  return hash;
}

function logoPlaceholder(channel) {
  const initials = (channel.name.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 2).map((w) => [...w][0]).join('').toUpperCase();
  const node = el('span', { className: 'logo logo-placeholder', text: initials || channel.number, attrs: { 'aria-hidden': 'true' } });
  node.style.setProperty('--hue', String(hueOf(channel.id)));
  return node;
}

function logoOf(channel) {
  if (!channel.logo_url) return logoPlaceholder(channel);
  const img = el('img', { className: 'logo', attrs: { src: channel.logo_url, alt: `${channel.name} logo`, width: 48, height: 48, decoding: 'async' } });
  img.addEventListener('error', () => img.replaceWith(logoPlaceholder(channel)), { once: true });
  return img;
}

function channelButton(channel) {
  return el('button', { className: 'channel', attrs: { type: 'button', 'data-play': channel.id, 'aria-label': `Watch ${channel.number} ${channel.name}` } }, [
    logoOf(channel),
    el('span', { className: 'channel-number', text: channel.number }),
    el('span', { className: 'channel-name', text: channel.name }),
  ]);
}

/** The "on now" cell's content at `nowMs`. */
function onNowContent(channel, nowMs) {
  const { now, next } = nowNext(channel.programmes, nowMs);
  const parts = [];
  if (now) {
    const meta = [remainingText(now, nowMs), episodeText(now)].filter((t) => t);
    parts.push(el('span', { className: 'now-title', text: now.title }));
    parts.push(el('span', { className: 'now-meta', text: meta.join(' · ') }));
    const bar = el('progress', { className: 'now-progress', attrs: { max: 100, 'aria-label': `${now.title}: progress` } });
    bar.value = Math.round(progressOf(now, nowMs) * 100);
    parts.push(bar);
  } else {
    parts.push(el('span', { className: 'now-title none', text: 'No information' }));
  }
  if (next) parts.push(el('span', { className: 'next' }, [el('span', { className: 'next-label', text: 'Next' }), ` ${timeText(next.start_ms)} `, el('span', { className: 'next-title', text: next.title })]));
  return parts;
}

function programmeBlock(channel, p, scale) {
  const left = Math.max(0, (p.start_ms - scale.startMs) / MINUTE) * scale.ppm;
  const right = Math.min(scale.endMs - scale.startMs, p.stop_ms - scale.startMs) / MINUTE * scale.ppm;
  const block = el('li', {
    className: `programme${p.start_ms < scale.startMs ? ' continues' : ''}`,
    attrs: { 'data-channel': channel.id, 'data-start': p.start, 'data-stop': p.stop, title: `${timeText(p.start_ms)} – ${timeText(p.stop_ms)}  ${p.title}` },
  }, [el('span', { className: 'programme-title', text: p.title }), el('span', { className: 'programme-time', text: timeText(p.start_ms) })]);
  block.style.left = `${left}px`;
  block.style.width = `${Math.max(2, right - left)}px`;
  return block;
}

function rulerOf(scale) {
  const times = el('div', { className: 'ruler-times', attrs: { 'aria-hidden': 'true' } });
  const step = tickMinutes(scale.ppm);
  for (let t = floorToStep(scale.startMs, step); t < scale.endMs; t += step * MINUTE) {
    if (t < scale.startMs) continue;
    const tick = el('span', { className: 'tick', text: timeText(t) });
    tick.style.left = `${((t - scale.startMs) / MINUTE) * scale.ppm}px`;
    times.append(tick);
  }
  return el('div', { className: 'ruler' }, [el('div', { className: 'ruler-corner', text: 'On now' }), times]);
}

/**
 * Draws `guide` into `container` (replacing what was there) and returns the view, whose update(nowMs)
 * moves everything that depends on the time: now/next, progress, the now line, past programmes.
 */
export function renderGuide(container, guide, nowMs) {
  const ppm = pixelsPerMinute(guide.channels);
  const scale = { ppm, startMs: floorToStep(guide.from_ms, tickMinutes(ppm)), endMs: guide.to_ms };
  const grid = el('div', { className: 'guide-grid' });
  grid.style.setProperty('--timeline-width', `${((scale.endMs - scale.startMs) / MINUTE) * ppm}px`);
  const rows = el('ul', { className: 'rows', attrs: { 'aria-label': 'Channels' } });
  const cells = [];
  for (const channel of guide.channels) {
    const onNow = el('div', { className: 'on-now', attrs: { 'data-play': channel.id } });
    const timeline = el('ol', { className: 'timeline', attrs: { 'aria-label': `Schedule of ${channel.name}` } }, channel.programmes.map((p) => programmeBlock(channel, p, scale)));
    rows.append(el('li', { className: 'row', attrs: { 'data-channel-id': channel.id } }, [channelButton(channel), onNow, timeline]));
    cells.push({ channel, onNow, timeline });
  }
  const nowLine = el('div', { className: 'now-line', attrs: { 'aria-hidden': 'true' } });
  grid.append(rulerOf(scale), rows, nowLine);
  container.replaceChildren(grid);
  const view = {
    scale,
    update(at) {
      for (const { channel, onNow, timeline } of cells) {
        onNow.replaceChildren(...onNowContent(channel, at));
        for (const block of timeline.children) {
          const stop = Date.parse(block.dataset.stop);
          block.classList.toggle('past', stop <= at);
          block.classList.toggle('current', Date.parse(block.dataset.start) <= at && at < stop);
        }
      }
      nowLine.style.left = `calc(var(--labels-width) + ${((at - scale.startMs) / MINUTE) * ppm}px)`;
      nowLine.hidden = at < scale.startMs || at > scale.endMs;
    },
    /** Where `at` is on the grid, in pixels past the labels. */
    offsetOf: (at) => ((at - scale.startMs) / MINUTE) * ppm,
    /** The ruler label at or before `at`. */
    tickBefore: (at) => floorToStep(at, tickMinutes(ppm)),
  };
  view.update(nowMs);
  return view;
}

/** The masthead's clock. */
export function showClock(nowMs) {
  document.getElementById('clock-date').textContent = dateText(nowMs);
  const time = document.getElementById('clock-time');
  time.textContent = timeText(nowMs);
  time.setAttribute('datetime', new Date(nowMs).toISOString());
}
