// The embedded-database holder in tests: a migrated RetroVue home made once per file and copied per test,
// `retrovue db serve` as a real child process, and raw `pg` clients on its socket.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { holderSocketDir, holderSocketPath } from '../../src/db/holder-paths.js';
import { binPath, cliProcess } from './cli.js';

export const embeddedEnv = (home: string, more: Record<string, string | undefined> = {}) => ({
  RETROVUE_HOME: home,
  RETROVUE_DATABASE_URL: undefined,
  ...more,
});

/** A directory of migrated homes: `fresh()` copies the one migrated home (initdb runs once per file). */
export async function homes(): Promise<{ root: string; fresh(name: string): string; dispose(): void }> {
  // Short paths: a unix socket path may not exceed 107 bytes.
  const root = mkdtempSync(join(tmpdir(), 'rvh-'));
  const made = join(root, 'made');
  const run = await cliProcess(['db', 'migrate'], embeddedEnv(made));
  if (run.exitCode !== 0) throw new Error(`db migrate failed: ${run.stderr}`);
  return {
    root,
    fresh: (name) => {
      const home = join(root, name);
      cpSync(made, home, { recursive: true });
      return home;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface Served {
  readonly child: ChildProcess;
  readonly socket: string;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Kills every holder a test started and left running (call from after()). */
export function killStartedHolders(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Starts `retrovue db serve …` on `home` and resolves once a client can connect. */
export async function serve(home: string, args: readonly string[] = [], env: Record<string, string | undefined> = {}): Promise<Served> {
  const child = spawn(process.execPath, [binPath, 'db', 'serve', ...args], {
    env: { ...process.env, NODE_TEST_CONTEXT: undefined, RETROVUE_LOG_LEVEL: 'silent', ...embeddedEnv(home), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const socket = holderSocketPath(join(home, 'db'));
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 1200 && !gone; i++) {
    const client = await connect(home).catch(() => undefined);
    if (client) {
      await client.end();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, socket, stdout: () => out, stderr: () => err, exited };
}

/** A raw `pg` client of the holder of `home`. */
export async function connect(home: string): Promise<pg.Client> {
  const client = new pg.Client({ host: holderSocketDir(join(home, 'db')), port: 5432, user: 'test', database: 'test' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

export async function until(condition: () => boolean, what: string, withinMs = 60_000): Promise<void> {
  for (let waited = 0; !condition(); waited += 25) {
    if (waited > withinMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

