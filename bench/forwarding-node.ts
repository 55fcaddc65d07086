// The non-owner side of bench/forwarding.ts, in its own process so its CPU is its own: an HTTP server that
// forwards every request to the owner node as runtime serve's --forward does (src/runtime/owner-forwarding.ts),
// with the owner already known (the lookup in pg_locks is one query, measured apart). Prints "url <base>".
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../src/core/logger.js';
import { type ForwardMode, proxyToOwner, redirectToOwner } from '../src/runtime/owner-forwarding.js';

const [owner = '', mode = 'proxy'] = process.argv.slice(2);
const log = createLogger({ level: 'error' });
const server = createServer((req, res) => {
  if ((mode as ForwardMode) === 'redirect') redirectToOwner(req, res, owner);
  else void proxyToOwner(req, res, owner, 'bench', log);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`url http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
