// `retrovue runtime serve` as an operator runs it: the built binary in its own process, ready once its
// stderr names the URL; stopped by a signal, after which its exit, output and leftovers are checked.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { binPath } from './cli.js';
import { descendants } from './processes.js';

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Every process under the server now (engines, ffmpegs). */
  children(): Array<{ pid: number; command: string }>;
  /** Sends `signal` and resolves with how it ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderr(): string;
}

/** `retrovue runtime serve <argv>` (or `retrovue <command…> <argv>`, e.g. the demo), ready once it serves. */
export async function startServe(argv: readonly string[], env: Record<string, string | undefined>, withinMs = 60_000, command: readonly string[] = ['runtime', 'serve']): Promise<ServeProcess> {
  const childEnv: Record<string, string | undefined> = { ...process.env, RETROVUE_LOG_LEVEL: 'warn', ...env };
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, [binPath, ...command, ...argv], { env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  (child.stdout as Readable).on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime serve did not come up within ${withinMs} ms: ${stderr}`)), withinMs);
    (child.stderr as Readable).on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const match = /serving at (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`runtime serve exited ${code} before serving: ${stderr}`));
    });
  });
  return {
    child,
    url,
    children: () => descendants(child.pid ?? -1),
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      const code = await exited;
      return { code, stdout, stderr };
    },
    stderr: () => stderr,
  };
}

/** Runs `runtime serve` expecting it to fail at once. */
export async function serveFails(argv: readonly string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, RETROVUE_LOG_LEVEL: 'silent', ...env };
  delete childEnv['NODE_TEST_CONTEXT'];
  const child = spawn(process.execPath, [binPath, 'runtime', 'serve', ...argv], { env: childEnv as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  (child.stderr as Readable).on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stderr };
}
