// `retrovue demo` goes on to serve what it built, exactly as `runtime serve` does, after telling the
// operator how to watch (on stderr: stdout keeps the command's own result).
import type { CommandResult, ConnectionContext } from '../command/command-context.js';
import { retrovueHome } from '../db/database-config.js';
import { playoutPlanSource } from '../runtime/playout-plan-source.js';
import { untilStopped } from '../runtime/runtime-commands.js';
import { RuntimeServer } from '../runtime/runtime-server.js';

export interface DemoServeOptions {
  readonly host: string;
  readonly port: number;
  readonly firstChannel: string;
  readonly tuners: number | undefined;
  readonly hdhomerunDiscovery: boolean;
  readonly guideDomain: string;
}

export async function serveDemo<T>(ctx: ConnectionContext, built: CommandResult<T>, options: DemoServeOptions): Promise<CommandResult<T>> {
  const server = new RuntimeServer({
    database: ctx.database, home: retrovueHome(ctx.env), host: options.host, port: options.port, lingerMs: 5000, horizonEveryMs: 10 * 60_000,
    guideDomain: options.guideDomain, clock: ctx.clock, log: ctx.log, planSourceFor: (gate) => playoutPlanSource(gate, ctx.plugins),
    tuners: options.tuners, hdhomerunDiscovery: options.hdhomerunDiscovery,
  });
  const url = await server.start();
  ctx.stderr.write(`${built.text}\n\nwatch: ffplay ${url}/channel/${options.firstChannel}.ts   (or: vlc ${url}/playlist.m3u)\n`);
  ctx.stderr.write(`browse: ${url}/   (the TV guide: what is on now and next; click a channel to watch it in the browser)\n`);
  ctx.stderr.write(`retrovue: serving at ${url} (playlist ${url}/playlist.m3u, guide ${url}/epg.xml); Ctrl-C stops\n`);
  const summary = await untilStopped(ctx.signal, () => server.stop());
  return { ...built, text: `${built.text}\nserved ${(summary.servedMs / 1000).toFixed(0)} s at ${url}: ${summary.channelsTuned} channels tuned, ${summary.bytesSent} bytes sent` };
}
