// Handler of `retrovue runtime serve` (contracts/runtime/serve.yaml): serves until SIGINT or SIGTERM,
// then stops everything in order and reports what it served.
import type { RuntimeServeInput, RuntimeServeOutput } from '../../generated/contract-types.js';
import type { CommandResult, ConnectionContext } from '../command/command-context.js';
import { retrovueHome } from '../db/database-config.js';
import { playoutPlanSource } from './playout-plan-source.js';
import { RuntimeServer } from './runtime-server.js';

export async function serveRuntime(ctx: ConnectionContext, input: RuntimeServeInput): Promise<CommandResult<RuntimeServeOutput>> {
  const server = new RuntimeServer({
    database: ctx.database,
    home: retrovueHome(ctx.env),
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 8000,
    lingerMs: Math.round((input.lingerSeconds ?? 5) * 1000),
    horizonEveryMs: Math.round((input.horizonMinutes ?? 10) * 60_000),
    guideDomain: input.guideDomain,
    clock: ctx.clock,
    log: ctx.log,
    planSourceFor: (gate) => playoutPlanSource(gate, ctx.plugins),
    tuners: input.tuners,
    hdhomerunDiscovery: input.hdhomerunDiscovery,
    node: { name: input.nodeName, advertiseUrl: input.advertiseUrl?.replace(/\/+$/, ''), forward: input.forward },
  });
  const url = await server.start();
  ctx.stderr.write(`retrovue: serving at ${url} (playlist ${url}/playlist.m3u, guide ${url}/epg.xml); Ctrl-C stops\n`);
  const summary = await untilStopped(ctx.signal, () => server.stop());
  const data: RuntimeServeOutput = {
    url: summary.url,
    served_ms: summary.servedMs,
    channels_tuned: summary.channelsTuned,
    bytes_sent: summary.bytesSent,
    restarts: summary.restarts,
    as_run_records: summary.asRunRecords,
    horizon_runs: summary.horizonRuns,
  };
  const text = `stopped after ${(summary.servedMs / 1000).toFixed(0)} s: ${summary.channelsTuned} channels tuned, ${summary.bytesSent} bytes sent, ${summary.restarts} engine restarts, ${summary.asRunRecords} as-run records`;
  return { data, text };
}

/**
 * SIGINT arrives as the context's abort signal; SIGTERM (service managers, containers) is caught here, from
 * serving until `stopping` has settled. Kept that long on purpose: execa's exit hook (signal-exit) re-raises a
 * SIGTERM nobody else listens to, which would kill the process mid-stop while a child (the tuner measure) runs.
 */
export async function untilStopped<T>(signal: AbortSignal, stopping: () => Promise<T>): Promise<T> {
  let done = () => {};
  const stopped = new Promise<void>((resolve) => {
    done = resolve;
  });
  process.on('SIGTERM', done);
  signal.addEventListener('abort', done);
  try {
    if (!signal.aborted) await stopped;
    return await stopping();
  } finally {
    process.off('SIGTERM', done);
    signal.removeEventListener('abort', done);
  }
}
