// Which database RetroVue uses: embedded PGlite under RETROVUE_HOME by default, a Postgres server
// when RETROVUE_DATABASE_URL is set.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type DatabaseConfig =
  | { readonly dialect: 'pglite'; readonly dataDir: string }
  | { readonly dialect: 'postgres'; readonly url: string };

export type Env = Readonly<Record<string, string | undefined>>;

/** The RetroVue data directory (`RETROVUE_HOME`, default `~/.retrovue`). */
export function retrovueHome(env: Env): string {
  const home = env['RETROVUE_HOME'];
  return home && home.length > 0 ? resolve(home) : join(homedir(), '.retrovue');
}

export function databaseConfigFromEnv(env: Env): DatabaseConfig {
  const url = env['RETROVUE_DATABASE_URL'];
  if (url && url.length > 0) return { dialect: 'postgres', url };
  return { dialect: 'pglite', dataDir: join(retrovueHome(env), 'db') };
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
