// Which database RetroVue uses: embedded PGlite under RETROVUE_HOME by default, a Postgres server
// when RETROVUE_DATABASE_URL is set. A value that cannot work is refused here, in one line naming the variable.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { RetroVueError } from '../core/errors.js';

export type DatabaseConfig =
  | {
      readonly dialect: 'pglite';
      readonly dataDir: string;
      /** Which variable chose the data directory, for messages (default: RETROVUE_HOME). */
      readonly homeFrom?: 'RETROVUE_HOME' | 'HOME';
      /** RETROVUE_HOLDER: 'off' never starts a background holder (a running one is still used). Default 'auto'. */
      readonly holder?: 'auto' | 'off';
      /** RETROVUE_HOLDER_IDLE_SECONDS: how long a background holder outlives its last client. Default 60. */
      readonly holderIdleSeconds?: number;
    }
  | { readonly dialect: 'postgres'; readonly url: string };

export type Env = Readonly<Record<string, string | undefined>>;

/** The RetroVue data directory (`RETROVUE_HOME`, default `~/.retrovue`). */
export function retrovueHome(env: Env): string {
  const home = env['RETROVUE_HOME'];
  if (home && home.length > 0) return resolve(home);
  const user = env['HOME']; // the given environment's, not this process's (tests and the runtime pass their own)
  return join(user && user.length > 0 ? resolve(user) : homedir(), '.retrovue');
}

export function databaseConfigFromEnv(env: Env): DatabaseConfig {
  const url = env['RETROVUE_DATABASE_URL'];
  if (url && url.length > 0) return { dialect: 'postgres', url: checkServerUrl(url) };
  const homeFrom = env['RETROVUE_HOME'] ? 'RETROVUE_HOME' : 'HOME';
  const holder = env['RETROVUE_HOLDER'] === 'off' ? 'off' : 'auto';
  const idle = Number(env['RETROVUE_HOLDER_IDLE_SECONDS'] ?? '60');
  const holderIdleSeconds = Number.isFinite(idle) && idle >= 0 ? idle : 60;
  return { dialect: 'pglite', dataDir: join(retrovueHome(env), 'db'), homeFrom, holder, holderIdleSeconds };
}

function checkServerUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol) || parsed.hostname === '') {
    // The value itself is not printed: it may hold a password.
    throw new RetroVueError(
      'invalid_input',
      'RETROVUE_DATABASE_URL is not a Postgres server URL; expected postgres://user:password@host:5432/database, or unset it to use the embedded database',
    );
  }
  return url;
}

/** Where the database lives, safe to print: a server URL loses its password. */
export function describeLocation(config: DatabaseConfig): string {
  if (config.dialect === 'pglite') return config.dataDir;
  try {
    const url = new URL(config.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres server (unparseable URL)';
  }
}
