// The floor a player's tune-in is compared with: the same rendition the channel copies, served by bare
// ffmpeg over HTTP with no RetroVue in the way. `/cold.ts` starts `ffmpeg -re … -c copy -f mpegts` per
// request (RetroVue's muxer options, so the bytes match); `/warm.ts` relays one such ffmpeg already
// running, a joiner getting whole packets from the moment it arrives (a plain relay, no join point);
// `/cold.m3u8` starts `ffmpeg -re -f hls` (2 s segments) and answers once the first segment is listed,
// and `/hls/…` serves that playlist and its segments.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TS_PACKET_SIZE } from '../src/air/ts-packet.js';
import { mpegtsOutputArgs } from '../src/media/ffmpeg-args.js';

export interface FloorServer {
  readonly base: string;
  close(): Promise<void>;
}

function bareCopy(rendition: string, output: readonly string[]): ChildProcess {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', rendition, '-map', '0:v:0', '-map', '0:a:0', '-c', 'copy', ...output];
  return spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'inherit'] });
}

const mpegts = () => mpegtsOutputArgs('pipe:1');

export async function startFloorServer(rendition: string, dir: string): Promise<FloorServer> {
  const children = new Set<ChildProcess>();
  const track = (child: ChildProcess) => (children.add(child), child.once('exit', () => children.delete(child)), child);
  const relay = new Set<ServerResponse>();
  let pending = Buffer.alloc(0);
  const running = track(bareCopy(rendition, mpegts()));
  running.stdout?.on('data', (chunk: Buffer) => {
    const all = Buffer.concat([pending, chunk]);
    const whole = all.length - (all.length % TS_PACKET_SIZE);
    pending = all.subarray(whole);
    for (const res of relay) res.write(all.subarray(0, whole));
  });
  const hlsDir = join(dir, 'hls');
  let hls: ChildProcess | undefined;

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/cold.ts') {
      const child = track(bareCopy(rendition, mpegts()));
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      child.stdout?.pipe(res);
      res.once('close', () => child.kill('SIGKILL'));
    } else if (path === '/warm.ts') {
      res.writeHead(200, { 'content-type': 'video/mp2t' });
      relay.add(res);
      res.once('close', () => relay.delete(res));
    } else if (path === '/cold.m3u8') {
      hls?.kill('SIGKILL');
      rmSync(hlsDir, { recursive: true, force: true });
      mkdirSync(hlsDir, { recursive: true });
      hls = track(bareCopy(rendition, ['-f', 'hls', '-hls_time', '2', '-hls_list_size', '5', '-hls_flags', 'delete_segments', join(hlsDir, 'live.m3u8')]));
      const poll = setInterval(() => {
        const list = join(hlsDir, 'live.m3u8');
        if (!existsSync(list) || !/\.ts/.test(readFileSync(list, 'utf8'))) return;
        clearInterval(poll);
        res.writeHead(302, { location: '/hls/live.m3u8' }).end();
      }, 10);
      res.once('close', () => clearInterval(poll));
    } else if (path.startsWith('/hls/') && existsSync(join(hlsDir, path.slice(5)))) {
      const type = path.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
      res.writeHead(200, { 'content-type': type }).end(readFileSync(join(hlsDir, path.slice(5))));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const res of relay) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      const exits = [...children].map((child) => new Promise((resolve) => child.once('close', resolve)));
      for (const child of children) child.kill('SIGKILL');
      await Promise.all(exits);
    },
  };
}
