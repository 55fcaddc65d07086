// Real players tuning in, timed to their first decoded picture: ffmpeg with its default probing (as
// Jellyfin's and Plex's transcoders and ffprobe open a live MPEG-TS) and mpv. Each is started fresh, the
// clock runs from its spawn, and stops at the log line that its first video frame produces: ffmpeg's
// showinfo line for frame 0 (printed as the frame leaves the decoder), mpv's "first video frame after
// restart shown". Process start (~60–100 ms) is in every figure, floors included.
import { spawn } from 'node:child_process';

export type Player = 'ffmpeg' | 'mpv';

export const PLAYERS: readonly Player[] = ['ffmpeg', 'mpv'];

const TIMEOUT_MS = 20_000;

function argv(player: Player, url: string): [string, string[]] {
  return player === 'ffmpeg'
    ? ['ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'info', '-i', url, '-map', '0:v:0', '-vf', 'showinfo', '-frames:v', '1', '-f', 'null', '-']]
    : ['mpv', ['--no-config', '--vo=null', '--ao=null', '--frames=1', '--msg-level=all=warn,cplayer=v', url]];
}

const FIRST_FRAME: Record<Player, RegExp> = {
  ffmpeg: /Parsed_showinfo_\d+ @ [^\]]+\] n:\s*0 /,
  mpv: /first video frame after restart shown/,
};

/** Milliseconds from spawning `player` on `url` to its first decoded frame; rejects if none within 20 s. */
export function firstPicture(player: Player, url: string): Promise<number> {
  const [command, args] = argv(player, url);
  const t0 = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<number>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => done(new Error(`${player} showed no picture of ${url} within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    const done = (result: number | Error) => {
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stderr.removeAllListeners('data');
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      if (typeof result === 'number') resolve(result);
      else reject(result);
    };
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-4096);
      if (FIRST_FRAME[player].test(log)) done(performance.now() - t0);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => setImmediate(() => done(new Error(`${player} exited before its first picture of ${url}: ${log.slice(-300)}`))));
  }).finally(() => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('close', () => resolve()))));
}
