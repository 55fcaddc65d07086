// The served demo network of the soak: a fresh RetroVue home of its own (embedded database, demo media
// made there), `retrovue demo --port 0` through the built binary as an operator runs it, and its stop.
// --tuners 8: the three channels and the churn never wait on the machine's measured tuner count.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servingUrl } from './serving-url.js';
import { soakChildren } from './soak-processes.js';

export const cli = [process.execPath, join(import.meta.dirname, '..', 'bin', 'retrovue.js')] as const;

/** The demo network's channels (contracts/demo/network.yaml). */
export const DEMO_CHANNELS = ['toons', 'sitcoms', 'movies'] as const;

export interface Served {
  readonly home: string;
  readonly env: NodeJS.ProcessEnv;
  readonly server: ChildProcess;
  readonly base: string;
  /** Warning and error lines the server logged (the last 20). */
  readonly log: string[];
}

export function freshHome(): { home: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), 'retrovue-soak-'));
  const env: NodeJS.ProcessEnv = { ...process.env, RETROVUE_HOME: home, RETROVUE_HOLDER: 'off', RETROVUE_LOG_LEVEL: 'warn' };
  delete env['RETROVUE_DATABASE_URL'];
  return { home, env };
}

/** Builds the demo network in `home` and serves it; resolves once it listens. */
export async function serveDemo(home: string, env: NodeJS.ProcessEnv): Promise<Served> {
  const server = spawn(cli[0], [...cli.slice(1), 'demo', '--port', '0', '--tuners', '8'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  soakChildren.add(server);
  server.once('exit', () => soakChildren.delete(server));
  const log: string[] = [];
  const base = await servingUrl(server, (line) => {
    if (/"level":(40|50|60)|\b(WARN|ERROR|FATAL)\b/.test(line)) log.push(line.slice(0, 300));
    log.splice(0, Math.max(0, log.length - 20));
  });
  return { home, env, server, base, log };
}

/** SIGTERM, as Ctrl-C would; SIGKILL after `graceMs` if it has not exited. */
export async function stopServer(server: ChildProcess, graceMs = 20_000): Promise<{ exitCode: number | null; signal: string | null; ms: number }> {
  const t0 = performance.now();
  if (server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
  return { exitCode: server.exitCode, signal: server.signalCode, ms: performance.now() - t0 };
}
