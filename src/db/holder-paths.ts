// Where the holder of an embedded database listens: `<home>/holder/.s.PGSQL.5432`, the name `pg` (and psql)
// derive from host=<home>/holder, port=5432. The directory is 0700 and the socket 0600: its owner only.
import { dirname, join } from 'node:path';

export const HOLDER_PORT = 5432;

export function holderSocketDir(dataDir: string): string {
  return join(dirname(dataDir), 'holder');
}

export function holderSocketPath(dataDir: string): string {
  return join(holderSocketDir(dataDir), `.s.PGSQL.${HOLDER_PORT}`);
}

/** Linux limits a unix socket path to 107 bytes: a deeper RetroVue home cannot have a holder. */
export function holderSocketFits(dataDir: string): boolean {
  return Buffer.byteLength(holderSocketPath(dataDir)) <= 107;
}
