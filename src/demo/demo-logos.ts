// The demo channels' logos: a small PNG per channel (its number and name on its own colour) made with
// ffmpeg's lavfi when the demo is built, then stored like `channel update --logo` stores one. A channel
// that already has a logo keeps it (an operator may have given it another).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionContext } from '../command/command-context.js';
import { runTied } from '../core/processes.js';
import { RetroVueError } from '../core/errors.js';
import { readLogoFile } from '../scheduling/channel/channel-logo.js';
import { channelLogoInfo, setChannelLogo } from '../scheduling/channel/channel-logo-repository.js';
import type { DemoChannel } from './demo-network-plan.js';

const colours = ['0x1565c0', '0xc62828', '0x2e7d32', '0x6a1b9a'];

/** ffmpeg arguments for a 200×112 PNG of the channel's number and name (plain colour when drawtext fails). */
function logoArgs(channel: DemoChannel, index: number, out: string, withText: boolean): string[] {
  const colour = colours[index % colours.length] as string;
  const text = [
    `drawtext=text='${channel.number}':fontsize=56:fontcolor=white:x=(w-tw)/2:y=10`,
    `drawtext=text='${channel.name.replace(/[^A-Za-z0-9 ]/g, '')}':fontsize=20:fontcolor=white:x=(w-tw)/2:y=h-th-12`,
  ].join(',');
  return ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=200x112`, ...(withText ? ['-vf', text] : []), '-frames:v', '1', out];
}

async function makeLogo(channel: DemoChannel, index: number, dir: string, signal: AbortSignal): Promise<string> {
  const out = join(dir, `${channel.id}.png`);
  for (const withText of [true, false]) {
    const result = await runTied('ffmpeg', logoArgs(channel, index, out, withText), { reject: false, stdin: 'ignore', cancelSignal: signal });
    if ('code' in result && result.code === 'ENOENT') throw new RetroVueError('unreachable', 'ffmpeg not found; install ffmpeg or put it on PATH');
    if (result.exitCode === 0) return out;
  }
  throw new RetroVueError('internal', `ffmpeg could not make the logo of demo channel ${channel.id}`);
}

export async function ensureDemoLogos(ctx: ConnectionContext, channels: readonly DemoChannel[], created: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'retrovue-logos-'));
  try {
    for (const [index, channel] of channels.entries()) {
      if (await channelLogoInfo(ctx.database.db, channel.id)) continue;
      const logo = readLogoFile(dir, await makeLogo(channel, index, dir, ctx.signal));
      await ctx.database.db.transaction().execute((trx) => setChannelLogo(trx, channel.id, logo, new Date(ctx.clock.now())));
      created.push(`logo of ${channel.id}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
