// Ctrl-C while a media server is still being listed (page by page, so it can take minutes): the ingest must
// report itself interrupted (exit 2), write nothing, and never take the part listed so far for the whole
// library (which would mark the rest missing). Through the CLI, over a bare Plex-shaped server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../support/cli.js';
import { forEachDatabase } from '../support/test-databases.js';

forEachDatabase((fx) => {
  test('B-6: an interrupt during a paged media-server listing exits 2 and leaves every asset as it was', async (t) => {
    const root = mkdtempSync(join(process.env['TMPDIR'] ?? tmpdir(), 'interrupted-listing-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const keys = ['1', '2', '3'];
    for (const k of keys) writeFileSync(join(root, `${k}.mkv`), k);
    const sections = { MediaContainer: { Directory: [{ key: '1', type: 'movie', title: 'M', Location: [{ path: root }] }] } };
    let onSecondPage: (() => void) | undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const start = Number(url.searchParams.get('X-Plex-Container-Start') ?? 0);
      if (url.pathname !== '/library/sections' && start > 0 && onSecondPage) return onSecondPage(); // hangs: the interrupt comes now
      const page = keys.slice(start, start + 1).map((k) => ({ ratingKey: k, type: 'movie', title: k, updatedAt: 1, Media: [{ Part: [{ file: join(root, `${k}.mkv`) }] }] }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(url.pathname === '/library/sections' ? sections : { MediaContainer: { totalSize: 3, Metadata: page } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = async (argv: string[], signal?: AbortSignal) => cli(argv, { database: fx.database, ...(signal ? { signal } : {}) });
    assert.equal((await run(['source', 'add', '--type', 'plex', '--name', 'p', '--url', url, '--token', 't', '--config', '{"page_size": 1}'])).exitCode, 0);
    assert.equal((await run(['source', 'discover', 'p'])).exitCode, 0);
    assert.equal((await run(['collection', 'update', 'p/M', '--ingest-enabled'])).exitCode, 0);
    assert.equal((await run(['collection', 'ingest', 'p/M'])).exitCode, 0);
    const states = () => fx.database.db.selectFrom('asset').select(['id', 'state', 'updated_at']).orderBy('id').execute();
    const before = await states();
    assert.equal(before.length, 3);

    const interrupt = new AbortController();
    onSecondPage = () => interrupt.abort(Object.assign(new Error('interrupted by SIGINT'), { name: 'AbortError' }));
    const interrupted = await run(['collection', 'ingest', 'p/M', '--json'], interrupt.signal);
    assert.equal(interrupted.exitCode, 2, interrupted.stderr);
    assert.equal((JSON.parse(interrupted.stdout) as { interrupted: boolean }).interrupted, true);
    assert.deepEqual(await states(), before);
  });
});
