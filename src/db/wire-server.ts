// Serves one PGlite to many `pg` clients over the Postgres wire protocol on a unix socket. PGlite is one
// session, so the clients take turns: a client owns the session from its first message until PGlite says
// it is idle again (ReadyForQuery 'I'), so an open transaction, or an extended query before its Sync, is
// never interleaved with another client's work. A client that vanishes while owning it is rolled back.
// Written here rather than taken from @electric-sql/pglite-socket, which pins PGlite 0.5.14 (we run 0.5.16)
// and interleaves the messages of two clients' extended queries between their Parse and their Sync.
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '../core/logger.js';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

interface Client {
  readonly id: number;
  readonly socket: Socket;
  buffer: Buffer;
  started: boolean;
  /** Complete units (messages up to a Query, Sync or Flush) waiting for the session. */
  readonly units: Buffer[];
  pending: Buffer[];
  closed: boolean;
}

export interface WireServer {
  /** Clients connected now. */
  readonly connections: number;
  /** Called whenever the number of connections changes. */
  onConnectionsChange(listener: (count: number) => void): void;
  /** Stops accepting, disconnects every client (rolling back an open transaction) and closes the socket. */
  close(): Promise<void>;
}

function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const cstring = (text: string) => Buffer.from(`${text}\0`, 'utf8');

/** The session's last ReadyForQuery status in `out` ('I' idle, 'T' in a transaction, 'E' failed one), if any. */
function lastReadyStatus(out: Buffer): string | undefined {
  let status: string | undefined;
  for (let i = 0; i + 5 <= out.length; ) {
    const length = out.readInt32BE(i + 1);
    if (out[i] === 0x5a /* Z */ && length === 5) status = String.fromCharCode(out[i + 5] ?? 0);
    i += 1 + length;
  }
  return status;
}

/**
 * Runs `unit` on the session and returns Postgres's reply bytes as they are. Not execProtocolRaw: PGlite
 * 0.5.16 parses every reply of that into a list only its execProtocol resets, so a holder serving only
 * raw clients (runtime serve's own queries included) kept every row it ever returned.
 */
async function execRaw(pg: PGlite, unit: Buffer): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // The bytes are a view into PGlite's memory: copied before the next write reuses it.
  await pg.execProtocolRawStream(new Uint8Array(unit), { onRawData: (bytes) => chunks.push(Buffer.from(bytes)) });
  return Buffer.concat(chunks);
}

/**
 * Listens on `socketPath` (which must not exist) and serves `pg` to every client that connects.
 *
 * @example
 * const server = await serveWireProtocol(pg, '/home/me/.retrovue/holder/.s.PGSQL.5432');
 * // psql -h /home/me/.retrovue/holder -p 5432
 */
export interface WireServerOptions {
  /**
   * A client that holds the session in a transaction and sends nothing for this long while another client
   * waits is disconnected (its transaction rolled back), as Postgres's idle_in_transaction_session_timeout
   * does: a command stopped with Ctrl-Z mid-transaction must not freeze everyone else. 0: never.
   */
  readonly idleInTransactionMs?: number;
  /** Told (debug) when a client's statement starts waiting for the session another client has: who waits on whom. */
  readonly log?: Pick<Logger, 'debug'> | undefined;
}

export async function serveWireProtocol(pg: PGlite, socketPath: string, options: WireServerOptions = {}): Promise<WireServer> {
  const idleInTransactionMs = options.idleInTransactionMs ?? 0;
  let idleOwnerTimer: NodeJS.Timeout | undefined;
  const parameters = await startupParameters(pg);
  const clients = new Set<Client>();
  const waiting: Client[] = [];
  const listeners: Array<(count: number) => void> = [];
  let owner: Client | undefined;
  let running = false;
  let nextId = 1;

  const changed = () => {
    for (const listener of listeners) listener(clients.size);
  };

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const client = owner ?? waiting.find((c) => c.units.length > 0);
        if (!client || client.units.length === 0) break;
        owner = client;
        if (idleOwnerTimer) clearTimeout(idleOwnerTimer);
        idleOwnerTimer = undefined;
        const unit = client.units.shift() as Buffer;
        const out = await execRaw(pg, unit);
        if (!client.closed && out.length > 0) client.socket.write(out);
        const status = lastReadyStatus(out);
        if (status === 'I') {
          owner = undefined;
          const at = waiting.indexOf(client); // round robin: the next client goes first
          if (at >= 0) waiting.push(...waiting.splice(at, 1));
        }
        if (client.closed && owner === client) await abandon(client);
      }
    } finally {
      running = false;
    }
    watchIdleOwner();
  }

  /** While an owner idles in its transaction and others wait, arm the timeout that disconnects it. */
  function watchIdleOwner(): void {
    if (idleInTransactionMs <= 0 || !owner || owner.units.length > 0 || idleOwnerTimer) return;
    if (!waiting.some((c) => c !== owner && c.units.length > 0)) return;
    const idle = owner;
    idleOwnerTimer = setTimeout(() => {
      idleOwnerTimer = undefined;
      if (owner !== idle || idle.units.length > 0) return;
      const seconds = Math.round(idleInTransactionMs / 1000);
      fail(idle, new Error(`terminating connection: idle in a transaction for ${seconds} s while other clients waited; the transaction was rolled back`), '25P03');
      idle.socket.destroy();
    }, idleInTransactionMs);
  }

  /** Ends whatever a vanished owner left open, so the next client starts from an idle session. */
  async function abandon(client: Client): Promise<void> {
    client.units.length = 0;
    await execRaw(pg, Buffer.concat([message('S', Buffer.alloc(0)), message('Q', cstring('ROLLBACK'))]));
    if (owner === client) owner = undefined;
  }

  function startup(client: Client): boolean {
    if (client.buffer.length < 8) return false;
    const length = client.buffer.readInt32BE(0);
    if (client.buffer.length < length) return false;
    const code = client.buffer.readInt32BE(4);
    client.buffer = client.buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSS_REQUEST) {
      client.socket.write('N');
      return true;
    }
    if (code !== PROTOCOL_3) {
      // A cancel request (PGlite has no backend to signal) or a protocol we do not speak.
      client.socket.end();
      return false;
    }
    const key = Buffer.alloc(8);
    key.writeInt32BE(process.pid, 0);
    key.writeInt32BE(client.id, 4);
    client.socket.write(
      Buffer.concat([
        message('R', Buffer.from([0, 0, 0, 0])),
        ...Object.entries(parameters).map(([name, value]) => message('S', Buffer.concat([cstring(name), cstring(value)]))),
        message('K', key),
        message('Z', Buffer.from('I')),
      ]),
    );
    client.started = true;
    return true;
  }

  function receive(client: Client, data: Buffer): void {
    client.buffer = client.buffer.length === 0 ? data : Buffer.concat([client.buffer, data]);
    while (!client.started) if (!startup(client)) return;
    let queued = false;
    const waited = client.units.length > 0;
    while (client.buffer.length >= 5) {
      const length = client.buffer.readInt32BE(1);
      if (client.buffer.length < length + 1) break;
      const type = String.fromCharCode(client.buffer[0] ?? 0);
      const msg = client.buffer.subarray(0, length + 1);
      client.buffer = client.buffer.subarray(length + 1);
      if (type === 'X') {
        client.socket.end();
        break;
      }
      client.pending.push(msg);
      if (type === 'Q' || type === 'S' || type === 'H') {
        client.units.push(Buffer.concat(client.pending));
        client.pending = [];
        queued = true;
      }
    }
    if (queued && !waited && owner && owner !== client) {
      options.log?.debug(`client ${client.id} waits for the session, which client ${owner.id} has`);
    }
    if (queued) void pump().catch((error: unknown) => fail(client, error));
    else watchIdleOwner();
  }

  function fail(client: Client, error: unknown, sqlState = 'XX000'): void {
    const text = error instanceof Error ? error.message : String(error);
    const body = Buffer.concat([cstring('SFATAL'), cstring(`C${sqlState}`), cstring(`M${text}`), Buffer.from([0])]);
    if (!client.closed) client.socket.end(message('E', body));
  }

  function gone(client: Client): void {
    if (client.closed) return;
    client.closed = true;
    clients.delete(client);
    const at = waiting.indexOf(client);
    if (at >= 0) waiting.splice(at, 1);
    client.units.length = 0;
    if (owner === client && !running) void abandon(client).then(() => pump());
    changed();
  }

  const server: Server = createServer((socket) => {
    const client: Client = { id: nextId++, socket, buffer: Buffer.alloc(0), started: false, units: [], pending: [], closed: false };
    clients.add(client);
    waiting.push(client);
    changed();
    socket.on('data', (data: Buffer) => receive(client, data));
    socket.on('error', () => gone(client));
    socket.on('close', () => gone(client));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    get connections() {
      return clients.size;
    },
    onConnectionsChange: (listener) => listeners.push(listener),
    close: async () => {
      if (idleOwnerTimer) clearTimeout(idleOwnerTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const client of [...clients]) client.socket.destroy();
      await closed;
      while (running) await new Promise((resolve) => setTimeout(resolve, 10));
      if (owner) await abandon(owner);
    },
  };
}

async function startupParameters(pg: PGlite): Promise<Record<string, string>> {
  const names = ['server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'IntervalStyle', 'TimeZone', 'integer_datetimes', 'standard_conforming_strings'];
  const parameters: Record<string, string> = {};
  for (const name of names) {
    const result = await pg.query<Record<string, string>>(`show ${name}`);
    const value = Object.values(result.rows[0] ?? {})[0];
    if (value !== undefined) parameters[name] = String(value);
  }
  return parameters;
}
