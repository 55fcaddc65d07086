// The web TV guide: loads /guide.json, draws it, keeps now/next and the now line moving, refetches the
// listings every minute (redrawing only when they changed) and plays a channel when one is clicked.
import { nowNext } from './guide-data.js';
import { closePlayer, play, playingChannelId, showTitle } from './guide-player.js';
import { renderGuide, showClock } from './guide-view.js';

const HOURS = 6;
const container = document.getElementById('guide');
const status = document.getElementById('guide-status');
let guide = null;
let view = null;
let lastKey = '';
/** The server's clock minus ours, so progress is right even when this device's clock is off. */
let skewMs = 0;

const now = () => Date.now() + skewMs;

async function refresh() {
  let fresh;
  try {
    const response = await fetch(`/guide.json?hours=${HOURS}`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    fresh = await response.json();
  } catch (error) {
    if (!guide) status.textContent = `The guide could not be loaded (${error.message}); retrying every minute.`;
    return;
  }
  skewMs = fresh.now_ms - Date.now();
  const key = JSON.stringify(fresh.channels);
  if (key === lastKey) return;
  lastKey = key;
  const at = now();
  const before = view?.offsetOf(at);
  const focused = document.activeElement?.dataset?.play;
  guide = fresh;
  view = renderGuide(container, guide, at);
  container.hidden = false;
  status.hidden = guide.channels.length > 0;
  status.textContent = guide.channels.length > 0 ? '' : 'No channels yet: add one with `retrovue channel add`.';
  if (focused) container.querySelector(`button[data-play="${CSS.escape(focused)}"]`)?.focus();
  // First draw: the ruler label before now at the left; a redraw keeps what the viewer scrolled to.
  container.scrollLeft = before === undefined ? view.offsetOf(view.tickBefore(at)) : container.scrollLeft + view.offsetOf(at) - before;
}

function tick() {
  const at = now();
  showClock(at);
  view?.update(at);
  const playing = guide?.channels.find((c) => c.id === playingChannelId());
  if (playing) showTitle(nowNext(playing.programmes, at).now?.title);
}

container.addEventListener('click', (event) => {
  const target = event.target.closest('[data-play]');
  const channel = guide?.channels.find((c) => c.id === target?.dataset.play);
  if (!channel) return;
  void play(channel, nowNext(channel.programmes, now()).now?.title);
});
document.getElementById('player-close').addEventListener('click', closePlayer);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !document.getElementById('player').hidden) closePlayer();
});

tick();
await refresh();
tick();
setInterval(tick, 15_000);
setInterval(() => void refresh().then(tick), 60_000);
