// Plays a channel in the page over HLS: hls.js (served by RetroVue, loaded on the first play) wherever the
// browser has Media Source Extensions, the browser's own HLS otherwise (iPhone Safari without MSE).
// window.retrovuePlayer says which engine plays and lists fatal errors, for tests and the curious.
import { hlsUrl } from './guide-data.js';

const state = { engine: null, channelId: null, fatalErrors: [] };
window.retrovuePlayer = state;

let hlsLoading = null;
let hls = null;

function loadHlsJs() {
  hlsLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/assets/hls.min.js';
    script.onload = () => resolve(window.Hls);
    script.onerror = () => reject(new Error('could not load /assets/hls.min.js'));
    document.head.append(script);
  });
  return hlsLoading;
}

const byId = (id) => document.getElementById(id);

function say(text) {
  byId('player-status').textContent = text;
}

function stop() {
  hls?.destroy();
  hls = null;
  const video = byId('video');
  video.pause();
  video.removeAttribute('src');
  video.load();
  state.engine = null;
  state.channelId = null;
}

/** Plays through hls.js, retrying what hls.js says it can recover from. */
function playWithHlsJs(Hls, video, url) {
  hls = new Hls({ liveSyncDurationCount: 3, backBufferLength: 30 });
  let networkRetries = 0;
  hls.on(Hls.Events.ERROR, (_event, data) => {
    if (!data.fatal) return;
    const status = data.response?.code ? ` (HTTP ${data.response.code})` : '';
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
      hls.recoverMediaError();
      return;
    }
    if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRetries++ < 3 && !data.details.startsWith('manifestLoad')) {
      setTimeout(() => hls?.startLoad(), 1000);
      return;
    }
    state.fatalErrors.push(`${data.type}: ${data.details}${status}`);
    console.error(`hls.js: ${data.type} ${data.details}${status}`);
    say(`This channel cannot play right now${status}.`);
    hls.destroy();
    hls = null;
  });
  hls.on(Hls.Events.FRAG_LOADED, () => (networkRetries = 0));
  hls.loadSource(url);
  hls.attachMedia(video);
}

/** Opens the player on `channel` ({id, number, name}) with `title` on now. */
export async function play(channel, title) {
  stop();
  const panel = byId('player');
  panel.hidden = false;
  byId('player-channel').textContent = `${channel.number} ${channel.name}`;
  showTitle(title);
  say('Tuning in…');
  state.channelId = channel.id;
  const video = byId('video');
  const url = hlsUrl(channel.id);
  video.addEventListener('playing', () => say(''), { once: true });
  try {
    const Hls = window.MediaSource || window.ManagedMediaSource ? await loadHlsJs() : null;
    if (state.channelId !== channel.id) return; // another channel was chosen meanwhile
    if (Hls?.isSupported()) {
      state.engine = 'hls.js';
      playWithHlsJs(Hls, video, url);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      state.engine = 'native';
      video.src = url;
    } else {
      say('This browser cannot play HLS; open /playlist.m3u in VLC instead.');
      return;
    }
    panel.scrollIntoView({ block: 'nearest' });
    // Refused autoplay (no user gesture) needs a press; a failed load has said why already.
    await video.play().catch((error) => error.name === 'NotAllowedError' && say('Press play to start.'));
  } catch (error) {
    say(`This channel cannot play: ${error.message}`);
  }
}

/** The channel in the player (null when closed), and its title on now, kept current by the guide. */
export function playingChannelId() {
  return state.channelId;
}

export function showTitle(title) {
  byId('player-title').textContent = title ?? '';
}

export function closePlayer() {
  stop();
  byId('player').hidden = true;
}
